"""Issue 15: the buyer's reason (possibly their own words) is published only with the consent given for the name."""

from decimal import Decimal

import pytest

from tests.factories.api import make_ledger_certificate
from tests.factories.shop import ensure_country, make_offer, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer():
    ensure_country()
    return make_offer(provider=make_provider(name="Andes Hydro"), quantity=100, price=Decimal("10.00"))


@pytest.fixture
def two_certificates(offer):
    named = make_ledger_certificate(offer=offer, beneficiary="Ada Lovelace", public=True, reason="Flights to Lima")
    anonymous = make_ledger_certificate(
        offer=offer, beneficiary="Grace Hopper", public=False, reason="Hiding from my ex in Bonn"
    )
    return named, anonymous


def test_history_page_and_csv_show_only_consented_reasons(client, two_certificates):
    page = client.get("/en/cancellations/").content.decode()
    assert "Flights to Lima" in page
    assert "Hiding from my ex in Bonn" not in page
    body = b"".join(client.get("/en/cancellations/csv/").streaming_content).decode("utf-8-sig")
    assert "Flights to Lima" in body
    assert "Hiding from my ex in Bonn" not in body


def test_api_shows_only_consented_reasons(api_get, two_certificates):
    named, anonymous = two_certificates
    _status, body = api_get("/api/v1/cancellations/")
    reasons = {row["beneficiary"]: row["reason"] for row in body["results"]}
    assert reasons == {"Ada Lovelace": "Flights to Lima", "anonymous": ""}
    assert api_get(f"/api/v1/certificates/{anonymous.verification_code}/")[1]["reason"] == ""
    assert api_get(f"/api/v1/certificates/{named.verification_code}/")[1]["reason"] == "Flights to Lima"


def test_verification_page_shows_the_reason_only_with_consent(client, two_certificates):
    named, anonymous = two_certificates
    assert "Flights to Lima" in client.get(f"/en/certificates/{named.verification_code}/").content.decode()
    assert (
        "Hiding from my ex in Bonn"
        not in client.get(f"/en/certificates/{anonymous.verification_code}/").content.decode()
    )


def test_checkout_says_the_reason_follows_the_name(client, offer):
    client.post(f"/en/shop/basket/add/{offer.pk}/", {"quantity": 1})
    client.post("/en/shop/checkout/", {"username": "buyer@example.org", "options": "anonymous"})
    page = client.get("/en/shop/checkout/details/").content.decode()
    assert "neither your name nor your reason appears in the public history" in page
