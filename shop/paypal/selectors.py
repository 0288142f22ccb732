"""Reads for PayPal."""

from .models import PayPalCapture, PayPalOrder


def paypal_line_capture(*, line) -> PayPalCapture | None:
    """The completed capture that paid this line's provider in its order, or None (the line was not paid by PayPal)."""
    paypal_order_ids = PayPalOrder.objects.filter(order_id=line.order_id).values_list("paypal_order_id", flat=True)
    captures = PayPalCapture.objects.filter(
        paypal_order_id__in=list(paypal_order_ids),
        reference_id=str(line.partner_id),
        status__in=(PayPalCapture.Status.COMPLETED, PayPalCapture.Status.PARTIALLY_REFUNDED),
    ).exclude(applied="refund")
    # Captures recorded before `applied` existed have it blank; one that paid the lines says so.
    return captures.order_by("-applied", "-created").first()
