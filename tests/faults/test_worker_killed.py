"""A Celery worker is killed with SIGKILL in the middle of fulfilment: nothing lost, nothing cancelled twice."""

import time

import pytest

from registry.models import Cancellation
from registry.services import cancellation_idempotency_key
from shop.fulfilment.models import Certificate
from shop.fulfilment.services import line_fulfilment_enqueue
from shop.order.models import Line, LineStatus
from tests.factories.fulfilment import lines_mark_paid, make_order, make_simulated_offer
from tests.factories.shop import ensure_country
from tests.faults.checks import (
    certificates_check_one_per_line,
    registry_check_each_line_cancelled_once,
    settled,
    wait_until,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

ORDERS = 16
UNITS = 100
REGISTRY_DELAY = 1.0  # seconds the registry takes to answer, until the first worker dies
SLOW_REQUESTS = 200  # more than the first worker can send before it dies


def answer_awaited(simulator) -> bool:
    """The registry has received a cancellation whose result is not recorded here (each request takes a fault)."""
    asked = SLOW_REQUESTS - len(simulator.faults.pending())
    return asked > Cancellation.objects.filter(status=Cancellation.Status.COMPLETED).count()


def test_worker_killed_during_fulfilment_loses_nothing_and_cancels_nothing_twice(registry_simulator, worker_processes):
    first = worker_processes("first", wait=False)  # Django loads in the worker while the orders are made
    ensure_country()
    offer = make_simulated_offer(registry_simulator, units=UNITS)
    orders = [
        make_order(items=[(offer, 1 + number % 3)], email=f"buyer{number}@example.org") for number in range(ORDERS)
    ]
    lines = list(Line.objects.filter(order__in=orders).select_related("order"))
    line_ids = [line_id for order in orders for line_id in lines_mark_paid(order)]
    # A slow registry: the worker spends most of each task waiting for it, so the kill lands mid-call.
    registry_simulator.faults.slow_next(SLOW_REQUESTS, seconds=REGISTRY_DELAY)
    first.wait_ready()

    line_fulfilment_enqueue(line_ids=line_ids)
    wait_until(
        lambda: Certificate.objects.count() >= 3 and answer_awaited(registry_simulator),
        timeout=90,
        what="the first worker to be half-way, with a cancellation in flight",
    )
    first.kill()
    registry_simulator.faults.clear()
    # The registry finishes what the dead worker asked: units cancelled there, not yet recorded here.
    time.sleep(REGISTRY_DELAY + 1.0)
    recorded = set(
        Cancellation.objects.filter(status=Cancellation.Status.COMPLETED).values_list("idempotency_key", flat=True)
    )
    done_in_registry = {t["idempotency_key"] for t in registry_simulator.registry.transactions()}
    assert done_in_registry - recorded, "the kill must leave a cancellation done in the registry but not recorded"
    assert Line.objects.filter(pk__in=line_ids).exclude(status=LineStatus.CANCELLED).exists()

    # A new worker: the killed worker's unacknowledged tasks come back once the visibility timeout passes.
    worker_processes("second")
    wait_until(
        lambda: Certificate.objects.filter(line_id__in=line_ids, emailed_at__isnull=False).count() == ORDERS,
        timeout=120,
        what="the second worker to finish every line",
    )
    wait_until(settled(quiet_seconds=2.0), timeout=60, what="redelivered duplicates to run out")

    assert set(Line.objects.filter(pk__in=line_ids).values_list("status", flat=True)) == {LineStatus.CANCELLED}
    registry_check_each_line_cancelled_once(registry_simulator.registry, lines)
    certificates_check_one_per_line(registry_simulator.registry, lines)
    assert set(Cancellation.objects.values_list("idempotency_key", flat=True)) == {
        cancellation_idempotency_key(order_number=line.order.number, line_id=line.pk) for line in lines
    }
    assert len(set(Certificate.objects.values_list("number", flat=True))) == ORDERS
    record = offer.stockrecords.get()
    total = sum(line.quantity for line in lines)
    assert (record.num_in_stock, record.num_allocated) == (UNITS - total, 0)
    offer.unit_block.refresh_from_db()
    assert offer.unit_block.units_held == UNITS - total
