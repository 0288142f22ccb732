"""Public API fixtures: an unthrottled client and ledger rows without the registry or PDF round trip.

def test_something(api_get):                       # GET /api/v1/... -> (status, json)
    status, body = api_get("/api/v1/offers/", country="BR")
"""

import itertools
from datetime import UTC, datetime

import pytest

_sequence = itertools.count(1)


@pytest.fixture
def api_unthrottled(settings):
    """No rate limit to get in the way, and no request counts left over from earlier tests."""
    from django.core.cache import cache

    settings.API_THROTTLE_RATE = "1000000/min"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_get(client, api_unthrottled):
    def get(path, **params):
        response = client.get(path, params)
        return response.status_code, response.json()

    return get


def make_ledger_certificate(
    *,
    offer,
    quantity: int = 1,
    beneficiary: str = "Ada Lovelace",
    public: bool = True,
    reason: str = "Offsetting my flights",
    cancelled_at: datetime | None = None,
):
    """A completed cancellation and its certificate for one order line of `offer`, as fulfilment records them."""
    from registry.models import Cancellation
    from shop.fulfilment.models import Certificate
    from shop.order.models import LineStatus
    from tests.factories.fulfilment import make_order

    number = next(_sequence)
    order = make_order(items=[(offer, quantity)], certificate_name=beneficiary, show_beneficiary_publicly=public)
    line = order.lines.get()
    block = offer.unit_block
    project = block.project
    cancelled_at = cancelled_at or datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    start = block.serial_start + number * 10
    serial_ranges = [
        {
            "start": f"{project.host_country}-5-{start}-1-1-0-{block.project_number}",
            "end": f"{project.host_country}-5-{start + quantity - 1}-1-1-0-{block.project_number}",
            "quantity": quantity,
        }
    ]
    cancellation = Cancellation.objects.create(
        block=block,
        quantity=quantity,
        serial_ranges=serial_ranges,
        transaction_id=f"TX-API-{number}",
        idempotency_key=f"api-test-{number}-{line.pk}",
        beneficiary=beneficiary,
        purpose=reason,
        status=Cancellation.Status.COMPLETED,
        completed_at=cancelled_at,
    )
    line.status = LineStatus.CANCELLED
    line.save(update_fields=["status"])
    return Certificate.objects.create(
        line=line,
        cancellation=cancellation,
        year=cancelled_at.year,
        sequence=100_000 + number,
        number=f"VC-{100_000 + number:06d}/{cancelled_at.year}",
        verification_code=f"api-test-code-{number}",
        language="en",
        presented_to=beneficiary,
        reason=reason,
        show_beneficiary_publicly=public,
        project=project,
        mechanism=project.mechanism,
        host_country=project.host_country,
        quantity=quantity,
        serial_ranges=serial_ranges,
        vintage=str(block.vintage),
        commitment_period=f"CP{block.applicable_commitment_period}",
        transaction_id=cancellation.transaction_id,
        cancelled_at=cancelled_at,
    )
