"""Certificate numbers (VC-<number>/<year>) and the retry schedule of registry outages."""

import threading

import pytest
from django.db import connection, transaction

from shop.fulfilment.services import certificate_number_next
from shop.fulfilment.tasks import FULFILMENT_MAX_RETRIES, fulfilment_retry_countdown


@pytest.mark.django_db
def test_certificate_numbers_run_from_one_each_year():
    with transaction.atomic():
        assert [certificate_number_next(year=2030) for _ in range(3)] == [1, 2, 3]
        assert certificate_number_next(year=2031) == 1
        assert certificate_number_next(year=2030) == 4


@pytest.mark.django_db
def test_a_rolled_back_certificate_gives_its_number_back():
    with transaction.atomic():
        assert certificate_number_next(year=2032) == 1
    try:
        with transaction.atomic():
            assert certificate_number_next(year=2032) == 2
            raise RuntimeError("rendering failed")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert certificate_number_next(year=2032) == 2


def test_registry_outages_are_retried_with_growing_pauses_for_days(settings):
    settings.FULFILMENT_RETRY_BACKOFF = 60.0
    settings.FULFILMENT_RETRY_BACKOFF_MAX = 3600.0
    first = fulfilment_retry_countdown(retries=0)
    assert 30 <= first <= 60
    assert 1800 <= fulfilment_retry_countdown(retries=20) <= 3600
    # Even with the shortest jitter every time, the retries cover more than a day.
    shortest_total = sum(min(3600, 60 * 2**n) / 2 for n in range(FULFILMENT_MAX_RETRIES))
    assert shortest_total > 24 * 3600


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("serialized_data_restored")
def test_concurrent_workers_never_get_the_same_certificate_number():
    numbers, errors = [], []

    def allocate():
        try:
            with transaction.atomic():
                numbers.append(certificate_number_next(year=2040))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 9))


def test_a_retry_waiting_its_turn_is_not_handed_out_twice_by_redis():
    """Redis redelivers unacknowledged messages after the visibility timeout: every countdown must end before it."""
    from django.conf import settings

    from shop.fulfilment.tasks import FULFILMENT_MAX_RETRIES, fulfilment_retry_countdown

    longest = max(fulfilment_retry_countdown(retries=n) for n in range(FULFILMENT_MAX_RETRIES))
    assert longest < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
