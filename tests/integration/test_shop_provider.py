from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories.shop import make_block, make_pending_order, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative(django_user_model):
    return django_user_model.objects.create_user(username="rep", email="rep@example.org", password="pw")


@pytest.fixture
def provider(representative):
    return make_provider(name="Andes Hydro", accounts=("CDM-250-P1",), users=(representative,))


def test_provider_publishes_and_withdraws_an_offer(client, representative, provider):
    block = make_block(account_number="CDM-250-P1", units_held=500)
    client.force_login(representative)

    page = client.get(reverse("provider-offers")).content.decode()
    assert block.registry_block_id in page

    client.post(reverse("provider-offer-publish", kwargs={"block_id": block.pk}), {"quantity": "200", "price": "9.75"})
    product = block.offer_products.get(withdrawn_at__isnull=True)
    assert product.stockrecords.get().price == Decimal("9.75")

    client.post(reverse("provider-offer-withdraw", kwargs={"product_id": product.pk}))
    product.refresh_from_db()
    assert product.withdrawn_at is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": "501", "price": "5"}, "at most 500"),
        ({"quantity": "10", "price": "0"}, "more than zero"),
        ({"quantity": "x", "price": "5"}, "whole number"),
    ],
)
def test_provider_publish_refusal_is_shown(client, representative, provider, data, message):
    block = make_block(account_number="CDM-250-P1", units_held=500)
    client.force_login(representative)

    response = client.post(reverse("provider-offer-publish", kwargs={"block_id": block.pk}), data, follow=True)

    assert message in response.content.decode()
    assert not block.offer_products.exists()


def test_provider_withdraw_refused_while_order_in_progress(client, representative, provider):
    from shop.services import offer_publish

    block = make_block(account_number="CDM-250-P1", units_held=500)
    product = offer_publish(block=block, quantity=100, price=Decimal("5"), user=representative)
    make_pending_order(product=product, quantity=2)
    client.force_login(representative)

    response = client.post(reverse("provider-offer-withdraw", kwargs={"product_id": product.pk}), follow=True)

    assert "orders in progress" in response.content.decode()


def test_other_users_cannot_manage_offers(client, django_user_model, provider):
    stranger = django_user_model.objects.create_user(username="stranger", email="s@example.org", password="pw")
    client.force_login(stranger)

    assert client.get(reverse("provider-offers")).status_code == 403
