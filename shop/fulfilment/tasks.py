"""Celery tasks of fulfilment: fetch, call one service, retry."""

import random

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from registry.client import RegistryUnavailable
from shop.fulfilment.services import fulfilment_overdue_alert, fulfilment_requeue, line_fulfil

# With the default settings: 1 min, 2, 4 ... then hourly; 72 tries span about three days.
FULFILMENT_MAX_RETRIES = 72


def fulfilment_retry_countdown(*, retries: int) -> float:
    """Exponential backoff with full jitter, read from settings at run time (tests shorten it)."""
    ceiling = min(settings.FULFILMENT_RETRY_BACKOFF_MAX, settings.FULFILMENT_RETRY_BACKOFF * (2**retries))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security


# acks_late: a worker killed mid-task leaves the message on the broker, and the line is fulfilled by the next one.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=FULFILMENT_MAX_RETRIES)
def line_fulfil_task(self, line_id: int):
    try:
        certificate = line_fulfil(line_id=line_id)
    except RegistryUnavailable as error:
        raise self.retry(exc=error, countdown=fulfilment_retry_countdown(retries=self.request.retries)) from error
    return certificate.number if certificate else None


@shared_task
def fulfilment_requeue_task():
    """Periodic (CELERY_BEAT_SCHEDULE["fulfilment-requeue"]): paid lines stuck for 15 minutes go back in the queue."""
    return fulfilment_requeue()


@shared_task
def fulfilment_overdue_alert_task():
    """Periodic (CELERY_BEAT_SCHEDULE["fulfilment-overdue-alert"]): staff hear of lines without a certificate at 48 h."""
    return fulfilment_overdue_alert()


@worker_ready.connect
def certificate_rendering_warm_up_on_start(**kwargs):
    """A worker loads the certificate fonts (about a second) when it starts, not while fulfilling the first line."""
    from shop.certificates.rendering import certificate_rendering_warm_up

    certificate_rendering_warm_up()
