"""Reads of the provider workspace: which providers a user may act for, their registry accounts, failed lines."""

from django.db.models import Exists, OuterRef, QuerySet
from oscar.core.loading import get_model

from shop.access import user_is_platform_staff
from shop.order.models import LineStatus

Partner = get_model("partner", "Partner")
PartnerRegistryAccount = get_model("partner", "PartnerRegistryAccount")
Line = get_model("order", "Line")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")

# The Oscar line event that records a staff resolution of a failed cancellation.
RESOLVED_EVENT_CODE = "cancellation-resolved"


def partners_for_user(*, user) -> QuerySet:
    """The providers a signed-in user may act for: the ones it represents; staff, every provider."""
    if not user.is_authenticated:
        return Partner.objects.none()
    partners = Partner.objects.prefetch_related("registry_projects").order_by("name")
    if user_is_platform_staff(user):
        return partners
    return partners.filter(users=user)


def partner_registry_accounts(*, partners) -> list[str]:
    """The registry accounts the platform staff mapped to these providers."""
    return sorted(
        PartnerRegistryAccount.objects.filter(partner__in=partners).values_list("account_number", flat=True).distinct()
    )


def cancellation_failures(*, resolved: bool = False) -> QuerySet:
    """Lines the registry refused to cancel, oldest failure first, with the registry's error (line.fulfilment)."""
    resolved_event = ShippingEventQuantity.objects.filter(
        line=OuterRef("pk"), event__event_type__code=RESOLVED_EVENT_CODE
    )
    return (
        Line.objects.filter(status=LineStatus.CANCELLATION_FAILED)
        .annotate(is_resolved=Exists(resolved_event))
        .filter(is_resolved=resolved)
        .select_related("order", "partner", "unit_block", "unit_block__project", "fulfilment")
        .order_by("fulfilment__paid_seen_at", "pk")
    )
