"""The business functions the checkout calls; they speak orders and providers, the gateway speaks PayPal."""

import logging

from .models import PayPalCapture

logger = logging.getLogger(__name__)


def paypal_capture_changed(*, capture: PayPalCapture) -> None:
    """PayPal changed a capture's status (capture call or verified webhook): bring the order lines in line."""
    logger.info("PayPal capture %s is now %s", capture.capture_id, capture.status)
