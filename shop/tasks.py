"""Celery tasks of the shop's own domain: fetch, call one service."""

from celery import shared_task

from shop.holds.services import orders_expire_unpaid


@shared_task
def orders_expire_unpaid_task():
    """Every 5 minutes (CELERY_BEAT_SCHEDULE "payment-hold-expiry"): release the CERs of PayPal / card orders unpaid
    after PAYMENT_HOLD_MINUTES."""
    return len(orders_expire_unpaid())
