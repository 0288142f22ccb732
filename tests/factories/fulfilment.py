"""Fulfilment fixtures: live offers backed by blocks in the registry simulator, and paid orders.

def test_something(fulfilment_offer):              # an offer of 100 CERs held in the simulator
    order = make_paid_order(product=fulfilment_offer, quantity=3, language="fr")
    line_fulfil(line_id=order.lines.get().pk)
"""

import itertools
from decimal import Decimal

import pytest

from tests.factories.registry import TEST_ACCOUNT, simulator_block_seed
from tests.factories.shop import BUYER_ADDRESS, BUYER_CERTIFICATE, make_basket

_sequence = itertools.count(1)


def make_simulated_offer(
    simulator, *, units=100, quantity=None, price=Decimal("10.00"), party="BR", project_reference="0008"
):
    """Issue a block in the simulator, mirror it, map it to a provider and put it on sale; return the product."""
    from registry.models import UnitBlock
    from registry.services import registry_sync
    from shop.partner.models import Partner, PartnerRegistryAccount
    from shop.services import offer_publish

    block_id = simulator_block_seed(simulator, units=units, party=party, project_reference=project_reference)
    report = registry_sync(accounts=[TEST_ACCOUNT])
    assert report.ok, report.errors
    block = UnitBlock.objects.get(registry_block_id=block_id)
    mapping = PartnerRegistryAccount.objects.filter(account_number=TEST_ACCOUNT).select_related("partner").first()
    if mapping is None:
        partner = Partner.objects.create(
            name=f"Fulfilment provider {next(_sequence)}", notification_email="provider@example.org"
        )
        PartnerRegistryAccount.objects.create(partner=partner, account_number=TEST_ACCOUNT)
    return offer_publish(block=block, quantity=quantity or units, price=Decimal(price), user=None)


def make_order(*, items, language="en", email="buyer@example.org", **certificate):
    """Place an order (awaiting payment) for [(product, quantity), ...] with these certificate details."""
    from shop.services import order_place

    return order_place(
        basket=make_basket(items=items),
        guest_email=email,
        billing_address=dict(BUYER_ADDRESS),
        certificate={**BUYER_CERTIFICATE, **certificate},
        language=language,
    )


def lines_mark_paid(order) -> list[int]:
    """What the payment services do once the money is in: every line of the order becomes `paid`."""
    from shop.order.models import LineStatus

    order.lines.update(status=LineStatus.PAID)
    return list(order.lines.order_by("pk").values_list("pk", flat=True))


def make_paid_order(*, product, quantity, **kwargs):
    order = make_order(items=[(product, quantity)], **kwargs)
    lines_mark_paid(order)
    return order


@pytest.fixture
def fulfilment_offer(db, registry_simulator):
    """A live offer of 100 CERs whose block exists in the running registry simulator."""
    return make_simulated_offer(registry_simulator, units=100)


TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def celery_redis_worker(settings):
    """A real Celery worker (solo pool, in a thread) consuming from Redis db 15; tasks are no longer eager.

    No result backend (the app may have cached none already): wait for what the task writes to the database.

    Use it in @pytest.mark.django_db(transaction=True, serialized_rollback=True) tests: the worker thread
    has its own database connection and sees only committed rows.
    """
    import redis
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    saved = {key: app.conf.get(key) for key in ("broker_url", "task_always_eager", "task_eager_propagates")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(
        broker_url=TEST_REDIS_URL,
        task_always_eager=False,
        task_eager_propagates=False,
    )
    # The connection pool, queues, routes and producers Celery built earlier still point at the old broker and queue.
    app._pool = None
    app.__dict__.pop("amqp", None)  # its queues, routes and producers
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        app._pool = None
        app.__dict__.pop("amqp", None)
        redis.Redis.from_url(TEST_REDIS_URL).flushdb()


@pytest.fixture(scope="module")
def serialized_data_restored(django_db_blocker):
    """After a module of transactional tests, put back the rows they flushed (data migrations, locales, root page).

    serialized_rollback restores them before each such test but leaves the database empty after the last one,
    which breaks the tests that follow and the next run with --reuse-db.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
