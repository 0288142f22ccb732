"""Celery tasks: fetch, call one service."""

from celery import shared_task

from registry.selectors import accounts_to_sync
from registry.services import registry_sync


@shared_task
def registry_sync_task():
    """Periodic (CELERY_BEAT_SCHEDULE["registry-sync"]): mirror every account; failed accounts wait for the next run."""
    report = registry_sync(accounts=accounts_to_sync())
    return report.summary()
