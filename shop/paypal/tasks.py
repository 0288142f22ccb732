from celery import shared_task

from .refunds import paypal_refund_send, paypal_refunds_retry


@shared_task
def paypal_refund_send_task(refund_id: int):
    """Send one refund to PayPal; if PayPal cannot be reached it stays pending for paypal_refunds_retry_task."""
    return paypal_refund_send(refund_id=refund_id).status


@shared_task
def paypal_refunds_retry_task():
    """Every 15 minutes (CELERY_BEAT_SCHEDULE "paypal-refunds-retry"): send the refunds still pending again."""
    return paypal_refunds_retry()
