"""The registry answers 503 while 200 paid orders wait; after it recovers, each is fulfilled exactly once."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from shop.fulfilment.models import Certificate, LineFulfilment
from shop.fulfilment.services import fulfilment_requeue, line_fulfilment_enqueue
from shop.order.models import Line, LineStatus
from tests.factories.fulfilment import lines_mark_paid, make_order, make_simulated_offer
from tests.factories.shop import ensure_country
from tests.faults.checks import (
    certificate_mails,
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

ORDERS = 200
OFFERS = 4
UNITS = 150  # per offer
OUTAGE_REQUESTS = 5000  # answered 503, one each; far more than the worker sends before the test ends the outage


def test_registry_outage_with_200_paid_orders_waiting(registry_simulator, worker_processes):
    # Two worker processes, as in production. A line is tried again 2.5 to 5 s after a failure (production:
    # after a minute, doubling up to an hour). One request per try: the client's own quick retries are tested
    # with the client. No kill here: the production visibility timeout.
    worker = worker_processes(
        "worker",
        wait=False,
        FULFILMENT_RETRY_BACKOFF="5",
        FULFILMENT_RETRY_BACKOFF_MAX="5",
        REGISTRY_RETRIES="0",
        FAULTS_VISIBILITY_TIMEOUT="3600",
    )
    ensure_country()
    offers = [make_simulated_offer(registry_simulator, units=UNITS) for _ in range(OFFERS)]

    def place(number):
        try:
            return make_order(items=[(offers[number % OFFERS], 1 + number % 3)], email=f"buyer{number}@example.org")
        finally:
            connection.close()

    # Buyers of different offers check out side by side (each offer's stock is locked while its order is placed).
    with ThreadPoolExecutor(OFFERS) as pool:
        orders = list(pool.map(place, range(ORDERS)))
    lines = list(Line.objects.filter(order__in=orders).select_related("order"))
    registry_simulator.faults.fail_next(OUTAGE_REQUESTS, status=503)
    worker.wait_ready()

    # Payment lands for all 200 while the registry is down; each payment queues its line's fulfilment.
    line_ids = [line_id for order in orders for line_id in lines_mark_paid(order)]
    line_fulfilment_enqueue(line_ids=line_ids)
    wait_until(
        lambda: LineFulfilment.objects.filter(line_id__in=line_ids, attempts__gte=1).count() == ORDERS,
        timeout=120,
        what="the worker to try every line during the outage",
    )
    assert set(Line.objects.filter(pk__in=line_ids).values_list("status", flat=True)) <= {
        LineStatus.PAID,
        LineStatus.CANCELLING,
    }
    assert not Certificate.objects.exists()
    assert registry_simulator.registry.transactions() == []

    assert registry_simulator.faults.pending(), "the registry was down all along"
    registry_simulator.faults.clear()  # the registry is back
    wait_until(
        lambda: Certificate.objects.filter(emailed_at__isnull=False).count() == ORDERS,
        timeout=180,
        what="every line to be fulfilled after the outage",
    )
    wait_until(settled(quiet_seconds=2.5), timeout=60, what="the last retries to run out")

    assert set(Line.objects.filter(pk__in=line_ids).values_list("status", flat=True)) == {LineStatus.CANCELLED}
    assert LineFulfilment.objects.filter(line_id__in=line_ids, completed_at__isnull=False).count() == ORDERS
    # Nothing is left for the sweeper to re-queue, even long after.
    assert fulfilment_requeue(now=timezone.now() + timedelta(days=1)) == []
    registry_check_each_line_cancelled_once(registry_simulator.registry, lines)
    certificates_check_one_per_line(registry_simulator.registry, lines)
    # Each buyer got their certificate once, however many times their line was tried.
    assert certificate_mails(worker_processes.mail_dir) == Counter(line.order.email for line in lines)
    for offer in offers:
        record = offer.stockrecords.get()
        total = sum(line.quantity for line in lines if line.product_id == offer.pk)
        assert (record.num_in_stock, record.num_allocated) == (UNITS - total, 0)
