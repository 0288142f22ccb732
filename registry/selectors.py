"""Reads of the registry mirror."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from registry.models import AccountKind, Cancellation, UnitBlock


def accounts_to_sync() -> list[str]:
    """Every account registry_sync pulls by default: mirrored, configured, and from the configured sources."""
    accounts = set(UnitBlock.objects.values_list("account_number", flat=True).distinct())
    accounts.update(settings.REGISTRY_SYNC_ACCOUNTS)
    for path in getattr(settings, "REGISTRY_SYNC_ACCOUNT_SOURCES", []):
        accounts.update(import_string(path)())
    return sorted(a for a in accounts if a)


def unit_blocks_eligible_for_sale() -> QuerySet[UnitBlock]:
    """Issued, share of proceeds paid, in a pending or permanent holding account, with units held (seed 001)."""
    return UnitBlock.objects.filter(
        issued=True,
        share_of_proceeds_paid=True,
        account_kind__in=[AccountKind.PENDING, AccountKind.PERMANENT_HOLDING],
        units_held__gt=0,
    ).select_related("project")


def cancellations_unfinished() -> QuerySet[Cancellation]:
    """Cancellations recorded but not completed: call cancellation_request again with their key to finish them."""
    return Cancellation.objects.exclude(status=Cancellation.Status.COMPLETED).select_related("block")
