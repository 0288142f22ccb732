"""An offer follows the registry: a sync that makes its block ineligible suspends it (gone from the catalogue, the
project page offers and the API, not buyable), a sync that makes the block eligible again brings it back."""

import pytest
from django.core import mail
from django.urls import reverse

from registry.services import registry_sync
from shop.catalogue.models import SuspensionReason
from shop.selectors import project_offers_live
from shop.services import OrderPlacementRefused, order_place
from tests.factories.banktransfer import make_provider_user
from tests.factories.fulfilment import make_simulated_offer
from tests.factories.registry import TEST_ACCOUNT
from tests.factories.shop import BUYER_ADDRESS, BUYER_CERTIFICATE, ensure_country, make_basket

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(registry_simulator):
    ensure_country()
    return make_simulated_offer(registry_simulator, units=100)


def share_of_proceeds(simulator, offer, *, paid: bool):
    simulator.registry.block_update(block_id=offer.unit_block.registry_block_id, share_of_proceeds_paid=paid)
    report = registry_sync(accounts=[TEST_ACCOUNT])
    assert report.ok, report.errors
    offer.refresh_from_db()


def in_catalogue(client, offer) -> bool:
    return reverse("basket:add", kwargs={"pk": offer.pk}) in client.get(reverse("catalogue:index")).content.decode()


def in_api(client, offer) -> bool:
    body = client.get("/api/v1/offers/").json()
    return offer.pk in [item["id"] for item in body["results"]]


def add_to_basket(client, offer, quantity=1):
    return client.post(reverse("basket:add", kwargs={"pk": offer.pk}), {"quantity": quantity}, follow=True)


def basket_quantity(client, offer) -> int:
    basket = client.get(reverse("basket:summary")).context["basket"]
    return sum(line.quantity for line in basket.all_lines() if line.product_id == offer.pk)


def place(basket):
    return order_place(
        basket=basket,
        guest_email="buyer@example.org",
        billing_address=dict(BUYER_ADDRESS),
        certificate=dict(BUYER_CERTIFICATE),
    )


def test_a_sync_that_unpays_the_share_of_proceeds_suspends_the_offer_everywhere(
    client, registry_simulator, offer, django_capture_on_commit_callbacks
):
    # Seen (and cached) before the sync.
    assert in_catalogue(client, offer) and in_api(client, offer)
    add_to_basket(client, offer, 2)
    assert basket_quantity(client, offer) == 2
    waiting_basket = make_basket(items=[(offer, 3)])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        share_of_proceeds(registry_simulator, offer, paid=False)

    assert offer.suspended_at is not None
    assert offer.suspension_reason == SuspensionReason.SHARE_OF_PROCEEDS_UNPAID
    assert not in_catalogue(client, offer)
    assert not in_api(client, offer)
    assert project_offers_live(registry_project_id=offer.unit_block.project_id) == []
    # A basket that holds it can neither add more nor check out.
    page = add_to_basket(client, offer, 1).content.decode()
    assert basket_quantity(client, offer) == 2
    assert "no longer allows these CERs to be sold" in page
    with pytest.raises(OrderPlacementRefused) as refused:
        place(waiting_basket)
    assert "The registry no longer allows the CERs" in refused.value.messages[0]
    assert offer.stockrecords.get().num_allocated in (0, None)
    # The staff are alerted once, even if the next sync finds the block still ineligible.
    (alert,) = mail.outbox
    assert offer.unit_block.registry_block_id in alert.subject and "suspended" in alert.subject
    with django_capture_on_commit_callbacks(execute=True):
        share_of_proceeds(registry_simulator, offer, paid=False)
    assert len(mail.outbox) == 1


def test_the_checkout_refuses_a_basket_holding_a_suspended_offer(client, registry_simulator, offer):
    from tests.integration.test_shop_checkout import DETAILS

    add_to_basket(client, offer, 2)
    client.post(reverse("checkout:index"), {"username": "buyer@example.org", "options": "anonymous"})
    client.post(reverse("checkout:details"), DETAILS)
    share_of_proceeds(registry_simulator, offer, paid=False)

    response = client.post(reverse("checkout:preview"), follow=True)

    assert response.redirect_chain[-1][0].endswith(reverse("basket:summary"))
    assert "no longer allows these CERs to be sold" in response.content.decode()
    from shop.order.models import Order

    assert not Order.objects.exists()


def test_the_provider_sees_the_suspension_and_its_reason(client, registry_simulator, offer):
    client.force_login(make_provider_user(offer.stockrecords.get().partner))
    share_of_proceeds(registry_simulator, offer, paid=False)

    page = client.get(reverse("provider-offers")).content.decode()

    assert "Suspended:" in page and "share of proceeds as unpaid" in page


def test_a_sync_that_pays_it_again_brings_the_offer_back(client, registry_simulator, offer):
    share_of_proceeds(registry_simulator, offer, paid=False)
    assert not in_catalogue(client, offer)

    share_of_proceeds(registry_simulator, offer, paid=True)

    assert offer.suspended_at is None and offer.suspension_reason == ""
    assert in_catalogue(client, offer) and in_api(client, offer)
    assert [record.product_id for record in project_offers_live(registry_project_id=offer.unit_block.project_id)] == [
        offer.pk
    ]
    order = place(make_basket(items=[(offer, 3)]))
    assert order.lines.get().quantity == 3


def test_a_block_moved_out_of_holding_accounts_or_unissued_suspends_its_offer(registry_simulator, offer):
    registry_simulator.registry.block_update(block_id=offer.unit_block.registry_block_id, issued=False)
    registry_sync(accounts=[TEST_ACCOUNT])
    offer.refresh_from_db()

    assert offer.suspension_reason == SuspensionReason.NOT_ISSUED
