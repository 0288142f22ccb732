"""Reads for the buyer's view of an order: the signed status link and where each line stands. Never changes a status."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.order.models import LineStatus

Order = get_model("order", "Order")

# The link in the confirmation email must outlive the slowest payment and fulfilment by far.
STATUS_LINK_MAX_AGE = 365 * 24 * 3600
STATUS_LINK_SALT = "shop.order.status-link"
PLACEMENT_SALT = "shop.checkout.placement"
# Set by the checkout when it places an order; the thank-you, PayPal and bank-transfer views read it.
ORDER_SESSION_KEY = "checkout_order_id"
# What the buyer is told to do next, per line; a status not listed here (e.g. `refunded`) gets no next step.
NEXT_PAY = "pay"
NEXT_BANK_TRANSFER = "bank_transfer"
NEXT_PAYPAL_CONFIRMING = "paypal_confirming"
NEXT_CERTIFICATE_COMING = "certificate_coming"
NEXT_CERTIFICATE_READY = "certificate_ready"
NEXT_ORDER_AGAIN = "order_again"
PAID_STATUSES = (LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLATION_FAILED)


def order_status_token(*, order) -> str:
    """The signed, long-lived token of `order`'s status page: no account needed, useless for any other order."""
    return signing.TimestampSigner(salt=STATUS_LINK_SALT).sign(str(order.number))


def order_by_status_token(*, token: str):
    """The order `token` was signed for, or None when it is tampered with, made up or older than a year."""
    try:
        number = signing.TimestampSigner(salt=STATUS_LINK_SALT).unsign(token, max_age=STATUS_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Order.objects.filter(number=number).select_related("certificate_details").first()


def order_status_url(*, order, language: str, absolute: bool = False) -> str:
    with translation.override(language):
        path = reverse("order-status", kwargs={"token": order_status_token(order=order)})
    return f"{settings.SITE_URL.rstrip('/')}{path}" if absolute else path


def order_language(order) -> str:
    """The language the buyer used at checkout: every message about the order is in it."""
    details = getattr(order, "certificate_details", None)
    language = getattr(details, "language", None)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def placement_token(*, basket) -> str:
    """Signed basket id put in the "Place order" form, so a second submit finds the order the first one placed."""
    return signing.dumps(basket.pk, salt=PLACEMENT_SALT)


def order_placed_from(*, placement: str):
    """The order placed from the basket of this signed `placement`, or None (not placed yet, or bad signature)."""
    try:
        basket_id = signing.loads(placement, salt=PLACEMENT_SALT, max_age=STATUS_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Order.objects.filter(basket_id=basket_id).first()


@dataclass
class LineState:
    line: object
    next_step: str
    certificate: object = None


def order_status_summary(*, order) -> dict:
    """Each line with its status and next step, and which payment choices the order still offers (only for
    lines awaiting payment, never for paid ones)."""
    from shop.fulfilment.models import Certificate

    lines = list(order.lines.select_related("partner").order_by("pk"))
    certificates = {c.line_id: c for c in Certificate.objects.filter(line__order=order)}
    bank_transfer_partners = set(
        order.bank_transfer_parts.exclude(status="expired").values_list("partner_id", flat=True)
    )
    # A capture PayPal is still clearing (eCheck) or staff are reviewing: the lines are paid for, not yet paid.
    paypal_captured = order.paypal_orders.filter(status="CAPTURED").exists()
    states = []
    for line in lines:
        if line.status == LineStatus.PENDING_PAYMENT:
            if line.partner_id in bank_transfer_partners:
                step = NEXT_BANK_TRANSFER
            elif paypal_captured:
                step = NEXT_PAYPAL_CONFIRMING
            else:
                step = NEXT_PAY
        elif line.status in PAID_STATUSES:
            step = NEXT_CERTIFICATE_COMING
        elif line.status == LineStatus.CANCELLED:
            step = NEXT_CERTIFICATE_READY if line.pk in certificates else NEXT_CERTIFICATE_COMING
        elif line.status in (LineStatus.EXPIRED, LineStatus.PAYMENT_FAILED):
            step = NEXT_ORDER_AGAIN
        else:
            step = ""
        states.append(LineState(line=line, next_step=step, certificate=certificates.get(line.pk)))
    to_pay = [state.line for state in states if state.next_step == NEXT_PAY]
    return {
        "order": order,
        "line_states": states,
        "lines_to_pay": to_pay,
        "can_pay": bool(to_pay),
        "awaiting_bank_transfer": any(s.next_step == NEXT_BANK_TRANSFER for s in states),
        "paypal_confirming": any(s.next_step == NEXT_PAYPAL_CONFIRMING for s in states),
        "order_token": order_status_token(order=order),
        "order_language": order_language(order),
    }
