"""Who may be paid by bank transfer: providers that enabled it, from their minimum amount up."""

from decimal import Decimal

import pytest

from shop.banktransfer.services import bank_transfer_eligible
from shop.partner.models import Partner


def _provider(*, enabled=True, minimum="100.00"):
    return Partner(name="Hydro", bank_transfer_enabled=enabled, bank_transfer_minimum=Decimal(minimum))


@pytest.mark.parametrize(
    ("enabled", "minimum", "amount", "eligible"),
    [
        (True, "100.00", "100.00", True),
        (True, "100.00", "99.99", False),
        (True, "0.00", "0.01", True),
        (False, "0.00", "5000.00", False),
    ],
)
def test_eligible_only_when_enabled_and_minimum_reached(enabled, minimum, amount, eligible):
    assert (
        bank_transfer_eligible(partner=_provider(enabled=enabled, minimum=minimum), amount=Decimal(amount)) is eligible
    )


def test_no_provider_is_never_eligible():
    assert bank_transfer_eligible(partner=None, amount=Decimal("1000")) is False
