"""The business functions the checkout calls; they speak orders and providers, the gateway speaks PayPal.

- paypal_order_create: one PayPal order per order, one purchase unit per provider, payee = that provider.
  Paying again reuses the open PayPal order when it asks for the same; otherwise the earlier ones are superseded:
  never captured by us, and refunded if PayPal captures them anyway.
- paypal_order_capture: capture on the buyer's return and bring the lines in line with what PayPal says.
- paypal_capture_changed: the same for captures that change later (verified webhooks: eCheck, denial, refund).

A provider's lines become `paid` only when a COMPLETED capture for exactly what the order owes that provider,
in the order's currency, is recorded; anything else leaves them unpaid and alerts the staff. A completed capture
nothing awaits (lines paid another way, released, bank transfer chosen, superseded PayPal order) is refunded.
"""

import logging
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.alerts import staff_alert
from shop.order import lifecycle

from . import gateway
from .gateway import PayPalError, PayPalUnavailable
from .models import PayPalCapture, PayPalOrder, PayPalRefund
from .services import paypal_capture_record

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")

ZERO_DECIMAL_CURRENCIES = {"HUF", "JPY", "TWD"}
PAYPAL_LOCALES = {"en": "en-US", "fr": "fr-FR", "es": "es-ES"}
DESCRIPTION_MAX_LENGTH = 127


class PaymentRefused(ValidationError):
    """The buyer cannot pay this way now (nothing owed, no payee, not approved, not their order); nothing changed."""


class PaymentUnavailable(Exception):
    """PayPal could not be reached; nothing was recorded as paid, and a webhook will confirm a capture later."""


@dataclass(frozen=True)
class PaymentOutcome:
    """What the buyer is told after returning from PayPal."""

    status: str  # paid, pending, failed, review, refunded
    message: str


def _money(value: Decimal, currency: str) -> str:
    places = Decimal("1") if currency in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    return str(value.quantize(places))


def _lines_by_provider(order) -> "OrderedDict[int, list]":
    from shop.order.models import LineStatus

    grouped: OrderedDict[int, list] = OrderedDict()
    lines = order.lines.filter(status=LineStatus.PENDING_PAYMENT).select_related(
        "partner", "product__unit_block__project"
    )
    for line in lines.order_by("partner_id", "pk"):
        grouped.setdefault(line.partner_id, []).append(line)
    return grouped


def _description(lines: list) -> str:
    parts = []
    for line in lines:
        block = getattr(line.product, "unit_block", None) if line.product else None
        project = block.project.title if block else line.title
        parts.append(_("%(project)s: %(tonnes)s t CO2e") % {"project": project, "tonnes": line.quantity})
    text = "; ".join(parts)
    return text if len(text) <= DESCRIPTION_MAX_LENGTH else text[: DESCRIPTION_MAX_LENGTH - 1] + "…"


def paypal_order_create(*, order, return_url: str, cancel_url: str, funding: str = "paypal") -> str:
    """Create the PayPal order for the unpaid lines of `order`; return the URL to send the buyer to.

    `funding="card"` opens PayPal's guest card form instead of the PayPal login (no account needed).
    """
    grouped = _lines_by_provider(order)
    if not grouped:
        raise PaymentRefused(_("This order has nothing left to pay."))
    # A buyer who chose bank transfer pays each provider directly: PayPal on top would charge twice.
    if order.bank_transfer_parts.exclude(status="expired").exists():
        raise PaymentRefused(
            _("You chose to pay this order by bank transfer: each provider sends you its bank details.")
        )
    currency = order.currency
    units, amounts = [], {}
    with translation.override(_order_language(order)):
        for partner_id, lines in grouped.items():
            partner = lines[0].partner
            payee = partner.paypal_payee if partner else {}
            if not payee:
                raise PaymentRefused(
                    _("%(provider)s cannot be paid by PayPal; choose another payment method or contact us.")
                    % {"provider": lines[0].partner_name}
                )
            owed = sum((line.line_price_incl_tax for line in lines), Decimal("0"))
            amounts[str(partner_id)] = _money(owed, currency)
            units.append(
                {
                    "reference_id": str(partner_id),
                    "payee": payee,
                    "amount": {"currency_code": currency, "value": amounts[str(partner_id)]},
                    "description": _description(lines),
                    "custom_id": str(order.number)[:127],
                    "soft_descriptor": "CNN offset",
                }
            )
        body = {
            "intent": "CAPTURE",
            "purchase_units": units,
            "application_context": {
                "return_url": return_url,
                "cancel_url": cancel_url,
                "brand_name": settings.OSCAR_SHOP_NAME,
                "locale": PAYPAL_LOCALES.get(_order_language(order), "en-US"),
                "landing_page": "BILLING" if funding == "card" else "LOGIN",
                "shipping_preference": "NO_SHIPPING",
                "user_action": "PAY_NOW",
            },
        }
    funding = "card" if funding == "card" else "paypal"
    reused = _open_paypal_order_reuse(order=order, amounts=amounts, currency=currency, funding=funding)
    if reused:
        return reused
    try:
        created = gateway.order_create(body=body)
    except PayPalUnavailable as exc:
        raise PaymentUnavailable(str(exc)) from exc
    except PayPalError as exc:
        logger.error("PayPal refused to create an order for %s: %s", order.number, exc)
        raise PaymentRefused(
            _("PayPal could not start this payment. Please try again or choose another method.")
        ) from exc
    new = PayPalOrder.objects.create(
        order=order, paypal_order_id=created["id"], funding=funding, amounts=amounts, currency=currency
    )
    paypal_orders_supersede(order=order, keep=new)
    return gateway.approve_url(created)


def _open_paypal_order_reuse(*, order, amounts: dict, currency: str, funding: str) -> str:
    """The approval URL of the open PayPal order asking for exactly this, if PayPal still awaits its approval."""
    existing = (
        PayPalOrder.objects.filter(order=order, status=PayPalOrder.Status.CREATED, currency=currency, funding=funding)
        .order_by("-created", "-pk")
        .first()
    )
    if existing is None or existing.amounts != amounts:
        return ""
    try:
        at_paypal = gateway.order_get(paypal_order_id=existing.paypal_order_id)
    except PayPalUnavailable as exc:
        raise PaymentUnavailable(str(exc)) from exc
    except PayPalError:
        return ""
    if at_paypal.get("status") != "CREATED":
        return ""  # approved in another tab but never brought back: start afresh, that one is superseded
    return gateway.approve_url(at_paypal)


def paypal_orders_supersede(*, order, keep: PayPalOrder | None = None) -> int:
    """The buyer pays another way now: the other uncaptured PayPal orders of `order` are never captured by us."""
    others = PayPalOrder.objects.filter(
        order=order, status__in=(PayPalOrder.Status.CREATED, PayPalOrder.Status.CANCELLED)
    )
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    return others.update(status=PayPalOrder.Status.SUPERSEDED)


def _order_language(order) -> str:
    details = getattr(order, "certificate_details", None)
    return getattr(details, "language", None) or translation.get_language() or "en"


def paypal_order_cancel(*, order, token: str) -> None:
    """The buyer cancelled at PayPal: the order stays unpaid and can be paid again."""
    PayPalOrder.objects.filter(order=order, paypal_order_id=token, status=PayPalOrder.Status.CREATED).update(
        status=PayPalOrder.Status.CANCELLED
    )


def paypal_order_capture(*, order, token: str) -> PaymentOutcome:
    """The buyer is back from PayPal with `token`: capture and apply the result to the order's lines.

    Runs outside a transaction on purpose: the call to PayPal and its log are kept even if a later step fails,
    and two concurrent returns are safe because PayPal captures once (the second gets ORDER_ALREADY_CAPTURED).
    """
    paypal_order = PayPalOrder.objects.filter(paypal_order_id=token).select_related("order").first()
    if paypal_order is None or paypal_order.order_id != order.pk:
        # A token from someone else's order (or made up) in the return URL: never capture it for this buyer.
        logger.warning("PayPal token %r refused for order %s", token, order.number)
        raise PaymentRefused(_("This payment does not belong to your order."))
    if paypal_order.status != PayPalOrder.Status.CAPTURED:
        refusal = _capture_refusal(paypal_order)
        if refusal:
            logger.warning("PayPal order %s of order %s not captured: %s", token, order.number, refusal)
            raise PaymentRefused(refusal)
        try:
            result = gateway.order_capture(paypal_order_id=token, request_id=f"capture-{token}")
        except PayPalUnavailable as exc:
            raise PaymentUnavailable(str(exc)) from exc
        except PayPalError as exc:
            if exc.issue == "ORDER_ALREADY_CAPTURED":
                # Captured earlier but the reply was lost (timeout, concurrent return): PayPal's record is the truth.
                result = gateway.order_get(paypal_order_id=token)
            elif exc.issue in ("INSTRUMENT_DECLINED", "PAYER_ACTION_REQUIRED", "ORDER_NOT_APPROVED"):
                raise PaymentRefused(
                    _("PayPal did not approve this payment. Please try again or choose another method.")
                ) from exc
            else:
                raise
        paypal_order_captured(paypal_order=paypal_order, result=result)
    return _outcome(paypal_order)


def _capture_refusal(paypal_order: PayPalOrder) -> str:
    """Why this PayPal order must not be captured now (it would charge twice, or for nothing held); "" if it may."""
    from shop.order.models import LineStatus

    order = paypal_order.order
    if paypal_order.status == PayPalOrder.Status.SUPERSEDED:
        return _(
            "This PayPal payment was replaced by a newer one, so PayPal was not charged for it. "
            "Please complete the payment you started last."
        )
    if order.bank_transfer_parts.exclude(status="expired").exists():
        return _("You chose to pay this order by bank transfer, so PayPal was not charged.")
    partner_ids = [_int_or_none(reference) for reference in paypal_order.amounts]
    statuses = set(order.lines.filter(partner_id__in=partner_ids).values_list("status", flat=True))
    if statuses == {LineStatus.PENDING_PAYMENT}:
        return ""
    if statuses and not statuses & {LineStatus.PENDING_PAYMENT, LineStatus.EXPIRED, LineStatus.PAYMENT_FAILED}:
        return _("This order is already paid, so PayPal was not charged again.")
    return _(
        "These CERs are no longer reserved for you, so PayPal was not charged. You are welcome to place a new order."
    )


@transaction.atomic
def paypal_order_captured(*, paypal_order: PayPalOrder, result: dict) -> None:
    """Record the captures of a captured PayPal order and apply each to its provider's lines (idempotent)."""
    PayPalOrder.objects.filter(pk=paypal_order.pk).update(status=PayPalOrder.Status.CAPTURED)
    paypal_order.status = PayPalOrder.Status.CAPTURED
    for unit in result.get("purchase_units", []):
        for capture in (unit.get("payments") or {}).get("captures", []):
            record, _created = paypal_capture_record(
                capture=capture,
                paypal_order_id=paypal_order.paypal_order_id,
                reference_id=str(unit.get("reference_id", "")),
            )
            paypal_capture_changed(capture=record)


def _outcome(paypal_order: PayPalOrder) -> PaymentOutcome:
    from shop.order.models import LineStatus

    refunded = PayPalCapture.objects.filter(paypal_order_id=paypal_order.paypal_order_id, applied="refund")
    if refunded.exists():
        # PayPal took money nothing awaited: never "payment complete", say it goes back.
        return PaymentOutcome(
            "refunded",
            _(
                "PayPal charged you, but this order no longer awaited that payment (it was paid another way, or "
                "your hold ended). We are refunding it in full and will email you."
            ),
        )
    statuses = set(paypal_order.order.lines.values_list("status", flat=True))
    if statuses <= {LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLED}:
        return PaymentOutcome("paid", _("Thank you: your payment is complete. Your certificate will follow by email."))
    captures = set(
        PayPalCapture.objects.filter(paypal_order_id=paypal_order.paypal_order_id).values_list("status", flat=True)
    )
    if LineStatus.PAYMENT_FAILED in statuses:
        return PaymentOutcome(
            "failed", _("PayPal declined the payment. The CERs were released; you can place a new order.")
        )
    if captures & {PayPalCapture.Status.PENDING}:
        return PaymentOutcome(
            "pending",
            _("PayPal is still confirming your payment (this can take up to 5 working days). We will email you."),
        )
    return PaymentOutcome("review", _("Your payment is being checked by our staff. We will email you."))


@transaction.atomic
def paypal_capture_changed(*, capture: PayPalCapture) -> None:
    """PayPal says this capture is now PENDING, COMPLETED, DECLINED, FAILED or REFUNDED: update the lines."""
    from shop.order.models import LineStatus

    paypal_order = PayPalOrder.objects.filter(paypal_order_id=capture.paypal_order_id).select_related("order").first()
    if paypal_order is None:
        logger.warning("PayPal capture %s belongs to no order of ours", capture.capture_id)
        return
    order = paypal_order.order
    if not capture.reference_id:
        _capture_reference_fill(capture)
    lines = list(
        Line.objects.select_for_update()
        .filter(order=order, partner_id=_int_or_none(capture.reference_id))
        .order_by("pk")
    )
    if capture.status == PayPalCapture.Status.PENDING:
        return
    if capture.status == PayPalCapture.Status.COMPLETED:
        capture = PayPalCapture.objects.select_for_update().get(pk=capture.pk)
        if capture.applied:
            return  # decided already: a replayed event, or the capture reply after its webhook
        refund_reason = _refund_reason(paypal_order=paypal_order, lines=lines)
        if refund_reason:
            capture.applied = "refund"
            capture.save(update_fields=["applied", "updated"])
            from .refunds import paypal_refund_request

            paypal_refund_request(capture=capture, reason=refund_reason)
            _staff_alert(
                f"PayPal money nothing awaited on order {order.number}: refunding",
                f"PayPal capture {capture.capture_id} ({capture.amount} {capture.currency}, provider "
                f"{capture.reference_id}) of order {order.number} is being refunded in full ({refund_reason}). "
                f"PayPal order {capture.paypal_order_id} ({paypal_order.status}). Line statuses: "
                + ", ".join(f"{line.pk}={line.status}" for line in lines),
            )
            return
        owed = paypal_order.amounts.get(capture.reference_id)
        expected = sum((line.line_price_incl_tax for line in lines), Decimal("0"))
        if (
            not lines
            or owed is None
            or capture.currency != order.currency
            or capture.amount != Decimal(owed)
            or capture.amount != expected
        ):
            _staff_alert(
                f"PayPal capture {capture.capture_id} does not match order {order.number}",
                f"PayPal captured {capture.amount} {capture.currency} for provider {capture.reference_id or '?'} "
                f"of order {order.number}; the order owes {_money(expected, order.currency)} {order.currency} "
                f"(sent to PayPal: {owed}). Nothing was marked paid. PayPal order {capture.paypal_order_id}.",
            )
            return
        lifecycle.lines_pay(lines=lines)
        capture.applied = "paid"
        capture.save(update_fields=["applied", "updated"])
        return
    if capture.status in (PayPalCapture.Status.DECLINED, PayPalCapture.Status.FAILED):
        lifecycle.lines_release(lines=lines, status=LineStatus.PAYMENT_FAILED, tell_buyer=True)
        return
    if capture.status in (PayPalCapture.Status.REFUNDED, PayPalCapture.Status.PARTIALLY_REFUNDED):
        # Cancelled CERs cannot come back: a refund is for the staff to settle with the provider.
        _staff_alert(
            f"PayPal refund on order {order.number}",
            f"PayPal capture {capture.capture_id} ({capture.amount} {capture.currency}, provider "
            f"{capture.reference_id}) of order {order.number} was refunded. Line statuses: "
            + ", ".join(f"{line.pk}={line.status}" for line in lines),
        )


def _refund_reason(*, paypal_order: PayPalOrder, lines: list) -> str:
    """Why a completed capture must go back to the buyer; "" when it pays lines awaiting it."""
    from shop.order.models import LineStatus

    if paypal_order.status == PayPalOrder.Status.SUPERSEDED:
        return PayPalRefund.Reason.SUPERSEDED
    if not lines:
        return ""  # nothing to compare with: the staff look at it (mismatch alert)
    statuses = {line.status for line in lines}
    if LineStatus.PENDING_PAYMENT not in statuses:
        if statuses & {LineStatus.EXPIRED, LineStatus.PAYMENT_FAILED}:
            return PayPalRefund.Reason.LAPSED
        return PayPalRefund.Reason.DOUBLE_CHARGE
    if paypal_order.order.bank_transfer_parts.exclude(status="expired").exists():
        return PayPalRefund.Reason.BANK_TRANSFER
    return ""


def _capture_reference_fill(capture: PayPalCapture) -> None:
    """A webhook came before our capture call recorded the capture: ask PayPal which provider it pays."""
    try:
        order = gateway.order_get(paypal_order_id=capture.paypal_order_id)
    except (PayPalError, PayPalUnavailable):
        logger.warning("Could not look up PayPal order %s", capture.paypal_order_id)
        return
    for unit in order.get("purchase_units", []):
        for item in (unit.get("payments") or {}).get("captures", []):
            if item.get("id") == capture.capture_id:
                capture.reference_id = str(unit.get("reference_id", ""))
                capture.save(update_fields=["reference_id", "updated"])


def _int_or_none(value: str):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _staff_alert(subject: str, message: str) -> None:
    staff_alert(f"[CNN PayPal] {subject}", message)
