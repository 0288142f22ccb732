"""Writes of payment holds: an order unpaid by PayPal or card after PAYMENT_HOLD_MINUTES expires and its CERs go
back on offer; the buyer is told once, in their language, that they can order again."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from shop.holds.selectors import orders_hold_overdue
from shop.order.models import LineStatus

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Line = get_model("order", "Line")

# Orders read per query by the periodic expiry: memory and lock time stay bounded however many holds lapse at once.
EXPIRY_BATCH_SIZE = 100
# Order ids a browser session remembers placing, for MAX_OPEN_UNPAID_ORDERS (older ones have long expired).
SESSION_ORDERS_KEY = "shop_placed_order_ids"
SESSION_ORDERS_KEPT = 20


def orders_expire_unpaid(
    *, now: datetime.datetime | None = None, product=None, batch_size: int = EXPIRY_BATCH_SIZE
) -> list[int]:
    """Expire every hold older than PAYMENT_HOLD_MINUTES (only those on `product` when given): lines expired, CERs
    released, buyer emailed. Each order in its own transaction; returns the ids of the orders expired."""
    now = now or timezone.now()
    overdue = orders_hold_overdue(now=now).order_by("pk")
    if product is not None:
        overdue = overdue.filter(lines__product=product).distinct()
    expired, last_pk = [], 0
    while True:
        batch = list(overdue.filter(pk__gt=last_pk).values_list("pk", flat=True)[:batch_size])
        if not batch:
            return expired
        for order_id in batch:
            if order_hold_expire(order_id=order_id, now=now):
                expired.append(order_id)
        last_pk = batch[-1]


def order_hold_expire(*, order_id: int, now: datetime.datetime) -> bool:
    """Expire one overdue hold, checked again under the order's lock (paid or bank transfer chosen meanwhile: no)."""
    from shop.services import order_release

    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first()
        if order is None or not orders_hold_overdue(now=now).filter(pk=order_id).exists():
            return False
        released = order_release(order=order, status=LineStatus.EXPIRED, tell_buyer=True)
    return released > 0


def session_order_remember(*, request, order) -> None:
    """Remember in the visitor's session that it placed `order` (MAX_OPEN_UNPAID_ORDERS counts per session too)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    ids = [pk for pk in session.get(SESSION_ORDERS_KEY, []) if pk != order.pk]
    session[SESSION_ORDERS_KEY] = [*ids, order.pk][-SESSION_ORDERS_KEPT:]


def session_order_ids(*, request) -> list[int]:
    session = getattr(request, "session", None)
    return list(session.get(SESSION_ORDERS_KEY, [])) if session is not None else []
