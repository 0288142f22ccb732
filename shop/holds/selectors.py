"""Reads of payment holds: which orders still reserve CERs while awaiting a PayPal or card payment."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from shop.banktransfer.models import BankTransferPart
from shop.order.models import LineStatus
from shop.paypal.models import PayPalOrder

Order = get_model("order", "Order")
Line = get_model("order", "Line")


def hold_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Orders placed at or before this moment have held their CERs for PAYMENT_HOLD_MINUTES."""
    return (now or timezone.now()) - datetime.timedelta(minutes=settings.PAYMENT_HOLD_MINUTES)


def orders_on_hold() -> QuerySet:
    """Orders awaiting a PayPal or card payment: a line still awaits payment, no bank transfer was chosen (it has its
    own 90 days), and no PayPal capture is in flight (an eCheck clearing is money on its way, not a hold)."""
    return Order.objects.filter(
        Exists(Line.objects.filter(order=OuterRef("pk"), status=LineStatus.PENDING_PAYMENT)),
        ~Exists(BankTransferPart.objects.filter(order=OuterRef("pk"))),
        ~Exists(PayPalOrder.objects.filter(order=OuterRef("pk"), status=PayPalOrder.Status.CAPTURED)),
    )


def orders_hold_overdue(*, now: datetime.datetime | None = None) -> QuerySet:
    """Holds whose time is up: their CERs are due back on offer."""
    return orders_on_hold().filter(date_placed__lte=hold_cutoff(now=now))


def orders_hold_live(*, now: datetime.datetime | None = None) -> QuerySet:
    return orders_on_hold().filter(date_placed__gt=hold_cutoff(now=now))


def visitor_holds_count(*, user=None, guest_email: str = "", order_ids=(), now: datetime.datetime | None = None) -> int:
    """Live holds of one visitor: a signed-in user's own orders, else the guest email's, plus those placed in this
    browser session (`order_ids`), so changing email or signing out does not reset the count."""
    owner = Q(pk__in=list(order_ids)) if order_ids else Q(pk__in=[])
    if user is not None and user.is_authenticated:
        owner |= Q(user=user)
    elif guest_email:
        owner |= Q(user__isnull=True, guest_email__iexact=guest_email)
    return orders_hold_live(now=now).filter(owner).count()


def product_overdue_hold_quantities(*, product_ids) -> dict[int, int]:
    """CERs of each offer still allocated to holds whose time is up (released at the next expiry run)."""
    from django.db.models import Sum

    return dict(
        Line.objects.filter(
            product_id__in=list(product_ids),
            status=LineStatus.PENDING_PAYMENT,
            order__in=orders_hold_overdue().values("pk"),
        )
        .order_by()
        .values_list("product_id")
        .annotate(total=Sum("quantity"))
    )
