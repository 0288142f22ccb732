"""Bank-transfer fixtures: providers that take bank transfers, their users, and orders paid that way.

def test_something(bank_offer, bank_provider_user):
    order = make_order(items=[(bank_offer, 3)])
    (part,) = bank_transfer_parts_create(order=order)
"""

from decimal import Decimal

import pytest

from tests.factories.shop import make_offer


def bank_transfer_enable(partner, *, minimum=Decimal("0.00"), email="provider@example.org"):
    partner.bank_transfer_enabled = True
    partner.bank_transfer_minimum = Decimal(minimum)
    partner.notification_email = email
    partner.save()
    return partner


def make_provider_user(partner, *, email=None):
    from django.contrib.auth import get_user_model

    email = email or f"staff-{partner.pk}@provider.example"
    user = get_user_model().objects.create_user(username=email[:30], email=email, password="pw-provider-1")
    partner.users.add(user)
    return user


@pytest.fixture
def bank_offer(db):
    """A live offer of 100 CERs at 10.00 from a provider taking bank transfers from 50.00."""
    offer = make_offer(quantity=100, price=Decimal("10.00"))
    bank_transfer_enable(offer.stockrecords.get().partner, minimum=Decimal("50.00"))
    return offer


@pytest.fixture
def bank_provider_user(bank_offer):
    return make_provider_user(bank_offer.stockrecords.get().partner)
