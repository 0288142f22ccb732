"""Writes for PayPal: receiving webhooks and recording what PayPal says about captures."""

import json
import logging
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F

from . import gateway
from .models import PayPalCapture, PayPalRefund, PayPalWebhookEvent

logger = logging.getLogger(__name__)

HANDLED_EVENT_TYPES = {
    "PAYMENT.CAPTURE.COMPLETED": PayPalCapture.Status.COMPLETED,
    "PAYMENT.CAPTURE.PENDING": PayPalCapture.Status.PENDING,
    "PAYMENT.CAPTURE.DENIED": PayPalCapture.Status.DECLINED,
    "PAYMENT.CAPTURE.DECLINED": PayPalCapture.Status.DECLINED,
    "PAYMENT.CAPTURE.REFUNDED": PayPalCapture.Status.REFUNDED,
}
# A capture only moves forward: a late PENDING never undoes COMPLETED, a replayed COMPLETED never undoes REFUNDED.
_STATUS_RANK = {"PENDING": 0, "COMPLETED": 1, "DECLINED": 1, "FAILED": 1, "PARTIALLY_REFUNDED": 2, "REFUNDED": 3}


# PayPalCapture.amount holds 12 digits, 2 of them decimals.
AMOUNT_LIMIT = Decimal(10) ** 10


class WebhookRejected(Exception):
    """The request is not a webhook PayPal vouches for; nothing was changed."""


def paypal_amount_parse(value) -> Decimal | None:
    """A money amount as PayPal writes it ("25.00"), or None for anything else (NaN, 1e400, "abc", nesting)."""
    if not isinstance(value, str | int):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    if not amount.is_finite() or abs(amount) >= AMOUNT_LIMIT:
        return None
    return amount


def _event_parse(body: bytes) -> dict:
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        # RecursionError: tens of thousands of nested brackets exhaust the JSON parser's stack.
        raise WebhookRejected("body is not JSON") from exc
    if not isinstance(event, dict):
        raise WebhookRejected("body is not a JSON object")
    if not all(isinstance(event.get(key), str) and event.get(key) for key in ("id", "event_type")):
        raise WebhookRejected("event has no id or event_type")
    if not isinstance(event.get("resource"), dict):
        raise WebhookRejected("event has no resource")
    amount = event["resource"].get("amount")
    if amount is not None and (not isinstance(amount, dict) or paypal_amount_parse(amount.get("value")) is None):
        raise WebhookRejected("event amount is not an amount of money")
    return event


def paypal_webhook_receive(*, headers, body: bytes) -> tuple[PayPalWebhookEvent, bool]:
    """Verify with PayPal, record once, act once. Returns the event and whether this delivery was the first."""
    event = _event_parse(body)
    # Raises PayPalUnavailable when PayPal cannot be asked: the view answers 503 and PayPal retries.
    if not gateway.webhook_signature_verify(headers=headers, event=event):
        raise WebhookRejected("signature not verified by PayPal")
    resource = event["resource"]
    related = (resource.get("supplementary_data") or {}).get("related_ids") or {}
    # Asked of PayPal before the transaction: no write lock is ever held across an HTTP call.
    reference_id = _capture_reference_lookup(event=event, paypal_order_id=str(related.get("order_id", "")))
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = PayPalWebhookEvent.objects.create(
                    event_id=event["id"][:128],
                    event_type=event["event_type"][:64],
                    resource_id=str(resource.get("id", ""))[:64],
                    paypal_order_id=str(related.get("order_id", ""))[:64],
                    payload=event,
                    transmission_id=headers.get("PAYPAL-TRANSMISSION-ID", "")[:64],
                )
        except IntegrityError:
            # Already received (a redelivery or a replay): count it, change nothing else.
            PayPalWebhookEvent.objects.filter(event_id=event["id"][:128]).update(deliveries=F("deliveries") + 1)
            return PayPalWebhookEvent.objects.get(event_id=event["id"][:128]), False
        # An error here rolls the event back too: the view answers 500 and PayPal redelivers.
        paypal_webhook_event_apply(event=record, reference_id=reference_id)
    return record, True


def _capture_reference_lookup(*, event: dict, paypal_order_id: str) -> str:
    """The provider (purchase unit) a capture we have not recorded yet pays, as PayPal's order says; "" if unknown.

    Raises PayPalUnavailable when PayPal cannot be asked: the view answers 503 and PayPal redelivers.
    """
    status = HANDLED_EVENT_TYPES.get(event["event_type"])
    capture_id = _capture_id_of_payload(event)
    if status in (None, PayPalCapture.Status.REFUNDED) or not capture_id or not paypal_order_id:
        return ""
    if PayPalCapture.objects.filter(capture_id=capture_id).exclude(reference_id="").exists():
        return ""
    try:
        order = gateway.order_get(paypal_order_id=paypal_order_id)
    except gateway.PayPalError:
        logger.warning("Could not look up PayPal order %s", paypal_order_id)
        return ""
    for unit in order.get("purchase_units", []):
        for item in (unit.get("payments") or {}).get("captures", []):
            if item.get("id") == capture_id:
                return str(unit.get("reference_id", ""))
    return ""


def _capture_id_of(event: PayPalWebhookEvent) -> str:
    return _capture_id_of_payload(event.payload)


def _capture_id_of_payload(payload: dict) -> str:
    resource = payload["resource"]
    if payload.get("resource_type") == "refund" or payload.get("event_type") == "PAYMENT.CAPTURE.REFUNDED":
        # A refund's resource is the refund; its "up" link names the capture.
        for link in resource.get("links", []):
            if link.get("rel") == "up" and "/captures/" in link.get("href", ""):
                return link["href"].rstrip("/").rsplit("/", 1)[-1]
        return ""
    return str(resource.get("id", ""))


def paypal_webhook_event_apply(*, event: PayPalWebhookEvent, reference_id: str = "") -> PayPalCapture | None:
    """Apply a verified, first-time event to the capture it concerns, then to the order lines.

    `reference_id`: the provider the capture pays, when it was looked up at PayPal before the transaction.
    """
    status = HANDLED_EVENT_TYPES.get(event.event_type)
    capture_id = _capture_id_of(event)
    if status is None or not capture_id:
        logger.info("PayPal webhook %s (%s) needs no action", event.event_id, event.event_type)
        return None
    resource = event.payload["resource"]
    if status == PayPalCapture.Status.REFUNDED and PayPalRefund.objects.filter(refund_id=resource.get("id")).exists():
        # Our own refund, recorded when PayPal answered the refund call: nothing more to do or to alert.
        return None
    capture = PayPalCapture.objects.select_for_update().filter(capture_id=capture_id).first()
    if capture is None:
        if status == PayPalCapture.Status.REFUNDED:
            logger.warning("PayPal refund for unknown capture %s", capture_id)
            return None
        capture, _ = paypal_capture_record(
            capture={**resource, "status": status}, paypal_order_id=event.paypal_order_id, reference_id=reference_id
        )
        changed = True
    else:
        changed = paypal_capture_status_set(
            capture=capture, status=status, reason=(resource.get("status_details") or {}).get("reason", "")
        )
    if changed:
        from . import facade

        facade.paypal_capture_changed(capture=capture)
    return capture


def paypal_capture_record(*, capture: dict, paypal_order_id: str, reference_id: str) -> tuple[PayPalCapture, bool]:
    """Record a capture as PayPal returned it (from the capture call or a webhook); the first record wins."""
    amount = capture.get("amount") or {}
    value = paypal_amount_parse(amount.get("value"))
    if value is None:
        # Not what PayPal sends; 0 never matches what an order owes, so the lines go to staff review.
        logger.warning("PayPal capture %s has no valid amount: %r", capture.get("id"), amount.get("value"))
        value = Decimal("0")
    record, created = PayPalCapture.objects.get_or_create(
        capture_id=str(capture["id"]),
        defaults={
            "paypal_order_id": paypal_order_id,
            "reference_id": reference_id,
            "amount": value,
            "currency": str(amount.get("currency_code", ""))[:3],
            "status": capture.get("status", PayPalCapture.Status.PENDING),
            "status_reason": str((capture.get("status_details") or {}).get("reason", ""))[:64],
        },
    )
    if not created and reference_id and not record.reference_id:
        record.reference_id = reference_id
        record.save(update_fields=["reference_id", "updated"])
    return record, created


def paypal_capture_status_set(*, capture: PayPalCapture, status: str, reason: str = "") -> bool:
    """Move a capture forward; returns False (and changes nothing) for a stale or repeated status."""
    if _STATUS_RANK.get(status, -1) <= _STATUS_RANK.get(capture.status, -1):
        return False
    capture.status = status
    capture.status_reason = reason[:64]
    capture.save(update_fields=["status", "status_reason", "updated"])
    return True
