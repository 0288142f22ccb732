from celery import shared_task

from .services import bank_transfer_expire_overdue


@shared_task
def bank_transfer_expire_overdue_task():
    """Daily (CELERY_BEAT_SCHEDULE "bank-transfer-expiry"): release the CERs of transfers unpaid for too long."""
    return bank_transfer_expire_overdue()
