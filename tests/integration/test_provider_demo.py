"""The demo: two providers, each with its own login, holdings, offers and orders in different states."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from registry.demo import demo_registry_load
from shop.banktransfer.models import BankTransferPart
from shop.demo import DEMO_ORDERS_BUYER_EMAIL, demo_provider_orders_load, demo_shop_load
from shop.fulfilment.demo import demo_fulfilment_load
from shop.order.models import LineStatus
from simulators.registry.demo import demo_registry_seed

pytestmark = pytest.mark.django_db

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")


@pytest.fixture
def demo(registry_simulator, django_capture_on_commit_callbacks):
    from cms_pages.demo import demo_users_load

    demo_users_load()
    demo_registry_seed(registry_simulator.registry)
    demo_registry_load()
    demo_shop_load()
    demo_fulfilment_load()
    with django_capture_on_commit_callbacks(execute=True):
        demo_provider_orders_load()
    return registry_simulator


def test_two_demo_providers_each_with_a_login_and_orders_in_different_states(client, demo):
    first = Partner.objects.get(users__username="provider")
    second = Partner.objects.get(users__username="provider2")
    assert first != second

    first_states = set(Line.objects.filter(partner=first).values_list("status", flat=True))
    second_states = set(Line.objects.filter(partner=second).values_list("status", flat=True))
    assert {LineStatus.PENDING_PAYMENT, LineStatus.EXPIRED, LineStatus.CANCELLATION_FAILED} <= first_states
    assert {LineStatus.PENDING_PAYMENT, LineStatus.CANCELLED} <= second_states
    assert set(BankTransferPart.objects.filter(partner=second).values_list("status", flat=True)) == {
        BankTransferPart.Status.AWAITING_TRANSFER,
        BankTransferPart.Status.IN_PROGRESS,
        BankTransferPart.Status.PAID,
    }

    assert client.login(username="provider2", password="demo-provider-pass")
    offers = client.get(reverse("provider-offers")).content.decode()
    assert second.name in offers and first.name not in offers
    assert "Withdraw offer" in offers
    orders = client.get(reverse("provider-orders")).content.decode()
    assert "Cancelled, certificate issued" in orders and "Awaiting payment" in orders


def test_demo_orders_load_once(demo):
    count = Line.objects.filter(order__guest_email=DEMO_ORDERS_BUYER_EMAIL).count()

    demo_shop_load()
    demo_provider_orders_load()

    assert Line.objects.filter(order__guest_email=DEMO_ORDERS_BUYER_EMAIL).count() == count > 0
    assert Partner.objects.count() == 2
