"""Every change of an order line's status, in one place (DESIGN.md section 5).

    pending_payment -> paid -> cancelling -> cancelled (certificate issued)
    pending_payment -> payment_failed | expired        (reserved CERs go back on offer)
    paid | cancelling -> cancellation_failed -> paid   (staff retry)
    cancellation_failed -> refunded                    (reserved CERs go back on offer)

The allowed moves are Oscar's OSCAR_LINE_STATUS_PIPELINE (config/settings/base.py); a move it does not allow raises
Oscar's InvalidLineStatus. Callers lock the lines they pass (select_for_update inside a transaction); the functions here
lock the stock records they change, always by id, the order order_place locks them in, so buyers never deadlock.
Nothing else assigns a line status: tests/unit/test_order_lifecycle.py fails on any assignment outside this module.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.apps.order.signals import order_line_status_changed
from oscar.core.loading import get_model

from . import selectors
from .models import LineStatus

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

RELEASED_STATUSES = (LineStatus.PAYMENT_FAILED, LineStatus.EXPIRED)


def _check_move(line, new_status: str) -> None:
    if new_status not in line.available_statuses():
        from oscar.apps.order.exceptions import InvalidLineStatus

        raise InvalidLineStatus(f"line {line.pk}: {line.status!r} cannot become {new_status!r}")


def _move(line, new_status: str) -> bool:
    """Move one line along the pipeline; False (and nothing saved) if it is there already."""
    old_status = line.status
    if new_status == old_status:
        return False
    _check_move(line, new_status)
    line.status = new_status
    line.save(update_fields=["status"])
    order_line_status_changed.send(sender=line, line=line, old_status=old_status, new_status=new_status)
    return True


def _stock_records_locked(lines) -> dict:
    ids = {line.stockrecord_id for line in lines if line.stockrecord_id}
    if not ids:
        return {}
    records = (
        StockRecord.objects.select_for_update(of=("self",))
        .select_related("product__product_class", "product__parent__product_class")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {record.pk: record for record in records}


def _allocations_cancel(lines) -> None:
    """The CERs reserved for these lines go back on offer."""
    records = _stock_records_locked(lines)
    for line in lines:
        record = records.get(line.stockrecord_id)
        if record is not None:
            record.cancel_allocation(line.quantity)


def _fulfilment_enqueue(lines) -> None:
    from shop.fulfilment.services import line_fulfilment_enqueue

    line_ids = [line.pk for line in lines]
    if line_ids:
        transaction.on_commit(lambda: line_fulfilment_enqueue(line_ids=line_ids))


def lines_pay(*, lines) -> list:
    """The money for these (locked) lines arrived: those awaiting payment become paid and enter fulfilment.

    Returns the lines that became paid; lines already paid, or closed, are left alone (the caller decides what to do
    with money for closed lines).
    """
    paid = [line for line in lines if line.status == LineStatus.PENDING_PAYMENT]
    for line in paid:
        _move(line, LineStatus.PAID)
    _fulfilment_enqueue(paid)
    return paid


def lines_release(*, lines, status: str, tell_buyer: bool = False) -> list:
    """Payment failed or the hold expired: (locked) lines awaiting payment take `status`, their CERs go back on offer.

    Returns the lines released; lines already paid or further are left alone. With `tell_buyer`, the buyer is emailed
    in the order's language once the change commits.
    """
    if status not in RELEASED_STATUSES:
        raise ValueError(f"lines_release sets payment_failed or expired, not {status!r}")
    released = [line for line in lines if line.status == LineStatus.PENDING_PAYMENT]
    _allocations_cancel(released)
    for line in released:
        _move(line, status)
    if tell_buyer and released:
        _buyer_tell_released(order=released[0].order, lines=released, status=status)
    return released


def order_release(*, order, status: str, tell_buyer: bool = False) -> int:
    """Release every unpaid line of `order` (see lines_release); returns how many were released."""
    with transaction.atomic():
        lines = list(
            Line.objects.select_for_update(of=("self",))
            .select_related("order")
            .filter(order=order, status=LineStatus.PENDING_PAYMENT)
            .order_by("stockrecord_id", "pk")
        )
        return len(lines_release(lines=lines, status=status, tell_buyer=tell_buyer))


def line_cancelling(*, line) -> bool:
    """Fulfilment claimed a paid (locked) line: it is being cancelled in the registry."""
    if line.status != LineStatus.PAID:
        return False
    return _move(line, LineStatus.CANCELLING)


def line_cancelled(*, line) -> None:
    """The registry cancelled the (locked) line's units: its reserved CERs leave the offer for good."""
    records = _stock_records_locked([line])
    record = records.get(line.stockrecord_id)
    if record is not None:
        record.consume_allocation(line.quantity)
    _move(line, LineStatus.CANCELLED)


def line_cancellation_fail(*, line) -> bool:
    """The registry refused the (locked) line: it waits for the staff to retry or refund. False if not in flight."""
    if line.status not in (LineStatus.PAID, LineStatus.CANCELLING):
        return False
    return _move(line, LineStatus.CANCELLATION_FAILED)


def line_cancellation_retry(*, line) -> None:
    """Staff retry a failed (locked) line: it is paid again and goes back into fulfilment."""
    _move(line, LineStatus.PAID)
    _fulfilment_enqueue([line])


def line_refund(*, line) -> bool:
    """The buyer got the money back for a failed (locked) line: its reserved CERs go back on offer, once.

    False if the line was refunded already.
    """
    if line.status == LineStatus.REFUNDED:
        return False
    _check_move(line, LineStatus.REFUNDED)
    _allocations_cancel([line])
    return _move(line, LineStatus.REFUNDED)


def line_resolved_by_hand(*, line) -> None:
    """Staff closed a failed (locked) line by hand (settled outside the platform): its reserved CERs go back on offer.

    The line keeps its cancellation_failed status, with the staff's shipping event and note as the record.
    """
    _check_move(line, LineStatus.REFUNDED)  # only a failed line can be settled by hand
    _allocations_cancel([line])


def _buyer_tell_released(*, order, lines: list, status: str) -> None:
    if not order.email:
        return
    with translation.override(selectors.order_language(order)):
        items = "\n".join(f"- {line.title}: {line.quantity} t CO2e" for line in lines)
        if status == LineStatus.PAYMENT_FAILED:
            subject = _("Your payment for order %(number)s was declined") % {"number": order.number}
            message = _(
                "PayPal declined the payment for these CERs of order %(number)s:\n%(lines)s\n\n"
                "Nothing was charged for them and they are back on sale. You are welcome to place a new order."
            ) % {"number": order.number, "lines": items}
        else:
            # Only PayPal and card holds expire through here; bank transfers tell their own story (banktransfer).
            context = {
                "order": order,
                "lines": lines,
                "minutes": settings.PAYMENT_HOLD_MINUTES,
                "catalogue_url": settings.SITE_URL + reverse("catalogue:index"),
            }
            subject = " ".join(render_to_string("email/holds/buyer_expired_subject.txt", context).split())
            message = render_to_string("email/holds/buyer_expired_body.txt", context)
    recipient = order.email
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient],
            fail_silently=True,
        )
    )
