"""Fulfilment through a real Celery worker on Redis, against the registry simulator."""

import time

import pytest
from django.core import mail

from shop.fulfilment.models import Certificate, LineFulfilment
from shop.fulfilment.services import line_fulfilment_enqueue
from shop.fulfilment.tasks import line_fulfil_task
from shop.order.models import Line, LineStatus
from tests.factories.fulfilment import make_paid_order

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]


def wait_until(condition, *, timeout=180.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the worker"
        time.sleep(0.05)


def transactions(simulator) -> list[dict]:
    return list(simulator.registry.store.read()["transactions"].values())


def emailed(line_id) -> bool:
    return Certificate.objects.filter(line_id=line_id, emailed_at__isnull=False).exists()


def test_worker_fulfils_paid_lines_once_even_when_the_task_is_delivered_twice(
    fulfilment_offer, registry_simulator, celery_redis_worker
):
    orders = [make_paid_order(product=fulfilment_offer, quantity=quantity) for quantity in (2, 5, 1)]
    line_ids = [order.lines.get().pk for order in orders]

    line_fulfilment_enqueue(line_ids=line_ids[:2])
    # The broker redelivers the first line's task (e.g. after a worker restart): it must change nothing.
    line_fulfil_task.delay(line_ids[0])
    # The solo worker runs tasks in order: once this last line is done, so is the duplicate before it.
    line_fulfil_task.delay(line_ids[2])
    wait_until(lambda: emailed(line_ids[2]))

    assert set(Line.objects.filter(pk__in=line_ids).values_list("status", flat=True)) == {LineStatus.CANCELLED}
    assert sorted(t["quantity"] for t in transactions(registry_simulator)) == [1, 2, 5]
    assert Certificate.objects.filter(line_id__in=line_ids, emailed_at__isnull=False).count() == 3
    # Certificate emails (with the PDF), not the order confirmations sent when the orders were placed.
    buyer_mails = [m for m in mail.outbox if "buyer@example.org" in m.to and m.attachments]
    assert len(buyer_mails) == 3
    assert all(m.attachments[0][2] == "application/pdf" for m in buyer_mails)
    stockrecord = fulfilment_offer.stockrecords.get()
    assert (stockrecord.num_in_stock, stockrecord.num_allocated) == (92, 0)


def test_worker_retries_through_a_registry_outage_and_cancels_once(
    fulfilment_offer, registry_simulator, celery_redis_worker, settings
):
    settings.FULFILMENT_RETRY_BACKOFF = 0.2  # seconds, instead of a minute
    order = make_paid_order(product=fulfilment_offer, quantity=3)
    line_id = order.lines.get().pk
    # Enough failures for the client's own retries to give up twice: the task must retry on the worker.
    registry_simulator.faults.fail_next(2 * (settings.REGISTRY_RETRIES + 1))

    line_fulfil_task.delay(line_id)
    wait_until(lambda: LineFulfilment.objects.filter(line_id=line_id, completed_at__isnull=False).exists())

    fulfilment = LineFulfilment.objects.get(line_id=line_id)
    assert fulfilment.attempts >= 2  # at least one retry on the worker (more if the loaded machine times out)
    assert Line.objects.get(pk=line_id).status == LineStatus.CANCELLED
    assert [t["quantity"] for t in transactions(registry_simulator)] == [3]
    assert len([m for m in mail.outbox if "buyer@example.org" in m.to and m.attachments]) == 1  # the certificate
