"""Money we send back through PayPal (facade layer: it speaks orders and lines, the gateway speaks PayPal).

- paypal_refund_request: record that a capture (or a failed line's share of it) goes back to the buyer; sent once
  the change commits. One refund per capture, one per line: asking again returns the first.
- paypal_refund_send: make the refund call (idempotent by PayPal-Request-Id) and, once PayPal refunded, record it,
  close the line if it was a line refund, and tell the buyer (in the order's language) and the staff.
- paypal_refunds_retry: the periodic job that sends again the refunds PayPal could not be reached for.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from core.alerts import staff_alert
from shop.order import lifecycle
from shop.order.selectors import order_language

from . import gateway
from .gateway import PayPalError, PayPalUnavailable
from .models import PayPalCapture, PayPalRefund
from .services import paypal_capture_status_set

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
EventHandler = get_class("order.processing", "EventHandler")

ZERO_DECIMAL_CURRENCIES = {"HUF", "JPY", "TWD"}
NOTE_TYPE = "Refund"


def _money(value: Decimal, currency: str) -> str:
    places = Decimal("1") if currency in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    return str(Decimal(value).quantize(places))


def paypal_refund_request(
    *, capture: PayPalCapture, reason: str, line=None, amount: Decimal | None = None, user=None
) -> tuple[PayPalRefund, bool]:
    """Record that money goes back to the buyer (the whole capture, or `amount` of it for `line`); sent on commit.

    Returns the refund and whether it is new: asking twice for the same capture (or line) refunds once.
    """
    request_id = f"refund-line-{line.pk}" if line is not None else f"refund-capture-{capture.capture_id}"
    refund, created = PayPalRefund.objects.get_or_create(
        request_id=request_id,
        defaults={
            "capture": capture,
            "line": line,
            "reason": reason,
            "amount": capture.amount if amount is None else amount,
            "currency": capture.currency,
            "requested_by": user if user is not None and user.is_authenticated else None,
        },
    )
    if created:
        from .tasks import paypal_refund_send_task

        refund_id = refund.pk
        transaction.on_commit(lambda: paypal_refund_send_task.delay(refund_id))
    return refund, created


def paypal_refund_send(*, refund_id: int) -> PayPalRefund:
    """Ask PayPal for the refund (outside any transaction: PayPal may be slow); record what it answered."""
    refund = PayPalRefund.objects.select_related("capture").get(pk=refund_id)
    if refund.status != PayPalRefund.Status.PENDING:
        return refund
    capture = refund.capture
    # A double charge goes back whole (what is left of it); a line refund is exactly the line's price.
    amount = None
    if refund.line_id is not None:
        amount = {"currency_code": refund.currency, "value": _money(refund.amount, refund.currency)}
    try:
        result = gateway.capture_refund(capture_id=capture.capture_id, request_id=refund.request_id, amount=amount)
    except PayPalUnavailable as exc:
        _refund_attempt_failed(refund_id=refund.pk, error=str(exc), final=False)
    except PayPalError as exc:
        _refund_attempt_failed(refund_id=refund.pk, error=str(exc), final=True)
    else:
        _refund_completed(refund_id=refund.pk, result=result)
    refund.refresh_from_db()
    return refund


def paypal_refunds_retry() -> list[int]:
    """Every refund PayPal could not be reached for is sent again; returns the ids of those now refunded."""
    done = []
    pending = PayPalRefund.objects.filter(status=PayPalRefund.Status.PENDING).order_by("pk")
    for refund_id in pending.values_list("pk", flat=True):
        if paypal_refund_send(refund_id=refund_id).status == PayPalRefund.Status.COMPLETED:
            done.append(refund_id)
    return done


def _refund_attempt_failed(*, refund_id: int, error: str, final: bool) -> None:
    with transaction.atomic():
        refund = PayPalRefund.objects.select_for_update().select_related("capture").get(pk=refund_id)
        if refund.status != PayPalRefund.Status.PENDING:
            return
        refund.attempts += 1
        refund.last_error = error[:255]
        if final:
            refund.status = PayPalRefund.Status.FAILED
        refund.save(update_fields=["attempts", "last_error", "status", "updated"])
        if final:
            _staff_tell(
                f"PayPal refused refund {refund.request_id}",
                f"PayPal refused to refund {refund.amount} {refund.currency} of capture {refund.capture.capture_id} "
                f"({refund.get_reason_display()}): {error}. The buyer has not been told; refund them by hand.",
            )
        elif refund.attempts == 1:
            _staff_tell(
                f"PayPal refund {refund.request_id} waiting",
                f"PayPal could not be reached to refund {refund.amount} {refund.currency} of capture "
                f"{refund.capture.capture_id} ({refund.get_reason_display()}): {error}. "
                "It is sent again every 15 minutes; the buyer is told once PayPal refunded.",
            )


def _refund_completed(*, refund_id: int, result: dict) -> None:
    with transaction.atomic():
        refund = (
            # Only the refund row is locked: its line is optional (a whole-capture refund has none), and PostgreSQL
            # cannot lock the nullable side of an outer join.
            PayPalRefund.objects.select_for_update(of=("self",))
            .select_related("capture", "line__order", "line__partner")
            .get(pk=refund_id)
        )
        if refund.status != PayPalRefund.Status.PENDING:
            return  # the periodic job and the task both sent it; PayPal refunded once (same request id)
        refund.status = PayPalRefund.Status.COMPLETED
        refund.refund_id = str(result.get("id", ""))[:64]
        refund.attempts += 1
        refund.last_error = ""
        refund.save(update_fields=["status", "refund_id", "attempts", "last_error", "updated"])
        capture = PayPalCapture.objects.select_for_update().get(pk=refund.capture_id)
        refunded = capture.refunds.filter(status=PayPalRefund.Status.COMPLETED).aggregate(total=Sum("amount"))
        fully = (refunded["total"] or Decimal("0")) >= capture.amount or refund.line_id is None
        paypal_capture_status_set(
            capture=capture,
            status=PayPalCapture.Status.REFUNDED if fully else PayPalCapture.Status.PARTIALLY_REFUNDED,
        )
        order = _order_of(refund)
        if refund.line_id is not None:
            line = Line.objects.select_for_update(of=("self",)).select_related("order").get(pk=refund.line_id)
            lifecycle.line_refund(line=line)
            EventHandler(user=refund.requested_by).create_note(
                order,
                _("Line %(line)s refunded through PayPal: %(amount)s %(currency)s (refund %(refund)s).")
                % {"line": line.pk, "amount": refund.amount, "currency": refund.currency, "refund": refund.refund_id},
                note_type=NOTE_TYPE,
            )
        _staff_tell(
            f"PayPal refund {refund.refund_id} for order {order.number if order else '?'}",
            f"Refunded {refund.amount} {refund.currency} of PayPal capture {capture.capture_id} "
            f"(provider {capture.reference_id}, reason: {refund.get_reason_display()}). "
            f"Line statuses: {_line_statuses(order)}.",
        )
        if order is not None:
            _buyer_tell(order=order, refund=refund)


def _order_of(refund: PayPalRefund):
    if refund.line_id is not None:
        return refund.line.order
    from .models import PayPalOrder

    paypal_order = (
        PayPalOrder.objects.filter(paypal_order_id=refund.capture.paypal_order_id).select_related("order").first()
    )
    return paypal_order.order if paypal_order else None


def _line_statuses(order) -> str:
    if order is None:
        return "?"
    return ", ".join(f"{pk}={status}" for pk, status in order.lines.order_by("pk").values_list("pk", "status"))


def _buyer_tell(*, order, refund: PayPalRefund) -> None:
    if not order.email:
        return
    Reason = PayPalRefund.Reason
    with translation.override(order_language(order)):
        values = {"number": order.number, "amount": _money(refund.amount, refund.currency), "currency": refund.currency}
        subject = _("Order %(number)s: %(amount)s %(currency)s refunded") % values
        reasons = {
            Reason.DOUBLE_CHARGE: _(
                "You were charged twice for order %(number)s: PayPal took a payment for CERs that were already paid."
            ),
            Reason.BANK_TRANSFER: _(
                "You chose to pay order %(number)s by bank transfer, but PayPal took a payment for it as well."
            ),
            Reason.LAPSED: _(
                "Your PayPal payment for order %(number)s arrived after your hold on the CERs expired, "
                "so they were no longer reserved for you."
            ),
            Reason.SUPERSEDED: _(
                "PayPal took a payment for order %(number)s through a payment you had replaced with a newer one."
            ),
            Reason.CANCELLATION_FAILED: _(
                "The registry could not cancel the CERs of “%(line)s” in order %(number)s, so no certificate "
                "can be issued for them."
            ),
        }
        line_title = refund.line.title if refund.line_id is not None else ""
        message = "\n\n".join(
            [
                reasons[refund.reason] % {**values, "line": line_title},
                _(
                    "The amount %(amount)s %(currency)s has been refunded to your PayPal account or card; "
                    "PayPal shows it within a few days."
                )
                % values,
                _("If you have any question, reply to this email."),
            ]
        )
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


def _staff_tell(subject: str, message: str) -> None:
    staff_alert(f"[CNN PayPal] {subject}", message)
