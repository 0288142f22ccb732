"""The API and the web pages tell the same story: same offers, prices, availability, totals and certificates."""

from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.factories.api import make_ledger_certificate
from tests.factories.cms import ProjectPageFactory
from tests.factories.shop import make_block, make_offer, make_pending_order, make_project, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    """Offers in three countries at several prices and vintages; one partly reserved by a pending order."""
    offers = []
    for index, (country, price, vintage) in enumerate(
        [("BR", "12.50", 2014), ("BR", "3.75", 2019), ("KE", "8.00", 2012), ("IN", "8.00", 2016), ("KE", "21.10", 2020)]
    ):
        project = make_project(host_country=country, scopes=(1 + index % 3,))
        account = f"CDM-250-AG{index}"
        offers.append(
            make_offer(
                block=make_block(project=project, account_number=account, vintage=vintage),
                provider=make_provider(accounts=(account,)),
                price=Decimal(price),
                quantity=100 + index,
            )
        )
    make_pending_order(product=offers[0], quantity=30)
    return offers


def web_offers(client, query: str) -> tuple[int, list[tuple]]:
    response = client.get(f"/en/shop/?{query}")
    assert response.status_code == 200
    rows = [
        (
            offer.product_id,
            str(offer.price),
            offer.price_currency,
            offer.num_available,
            offer.product.unit_block.vintage,
        )
        for offer in response.context["page_obj"].object_list
    ]
    html = response.content.decode()
    for _id, price, _currency, available, _vintage in rows:
        assert f"${price}" in html and f"<td>{available}</td>" in html
    return response.context["paginator"].count, rows


def api_offers(api_get, query: dict) -> tuple[int, list[tuple]]:
    status, body = api_get("/api/v1/offers/", page_size=20, **query)
    assert status == 200, body
    rows = [
        (
            offer["id"],
            offer["price"]["amount"],
            offer["price"]["currency"],
            offer["quantity_available"],
            offer["vintage"],
        )
        for offer in body["results"]
    ]
    return body["count"], rows


@pytest.mark.parametrize(
    ("web_query", "api_query"),
    [
        ("", {}),
        ("sort=price", {"ordering": "price"}),
        ("sort=-vintage&country=KE", {"ordering": "-vintage", "country": "KE"}),
        ("price_min=5&price_max=10", {"price_min": "5", "price_max": "10"}),
        ("vintage_min=2014&vintage_max=2019&scope=1", {"vintage_min": 2014, "vintage_max": 2019, "scope": 1}),
        ("mechanism=A6.4", {"mechanism": "A6.4"}),
    ],
)
def test_catalogue_and_api_show_the_same_offers(client, api_get, market, web_query, api_query):
    web_count, web_rows = web_offers(client, web_query)
    api_count, api_rows = api_offers(api_get, api_query)

    assert api_count == web_count
    assert api_rows == web_rows


def test_reserved_units_are_not_available_on_either(client, api_get, market):
    _count, rows = api_offers(api_get, {})
    available = {offer_id: quantity for offer_id, _price, _currency, quantity, _vintage in rows}
    assert available[market[0].pk] == 70


@pytest.fixture
def ledger(market):
    march = datetime(2026, 3, 1, 12, tzinfo=UTC)
    last_year = datetime(2025, 11, 5, 9, tzinfo=UTC)
    make_ledger_certificate(offer=market[0], quantity=3, beneficiary="Ada Lovelace", public=True, cancelled_at=march)
    make_ledger_certificate(offer=market[0], quantity=4, beneficiary="Ada Lovelace", public=True, cancelled_at=march)
    make_ledger_certificate(offer=market[2], quantity=7, beneficiary="Hidden Person", public=False, cancelled_at=march)
    make_ledger_certificate(offer=market[3], quantity=11, beneficiary="Acme Ltd", public=True, cancelled_at=last_year)
    return market


def api_ledger(api_get, query: dict) -> tuple[dict, Counter]:
    status, body = api_get("/api/v1/cancellations/", page_size=100, **query)
    assert status == 200, body
    per_beneficiary = Counter()
    for row in body["results"]:
        per_beneficiary[row["beneficiary"]] += row["quantity"]
    return body["totals"], per_beneficiary


@pytest.mark.parametrize(
    "query",
    [{}, {"country": "KE"}, {"year": 2025}, {"year": 2026, "country": "BR"}],
)
def test_history_page_and_api_ledger_agree(client, api_get, ledger, query):
    response = client.get("/en/cancellations/", query)
    assert response.status_code == 200
    web_totals = response.context["totals"]
    web_per_beneficiary = Counter(
        {row["public_beneficiary"] or "anonymous": row["tonnes"] for row in response.context["beneficiaries"]}
    )

    api_totals, api_per_beneficiary = api_ledger(api_get, query)

    assert api_totals == {"certificates": web_totals["certificates"], "tonnes": web_totals["tonnes"] or 0}
    assert api_per_beneficiary == web_per_beneficiary
    assert "Hidden Person" not in response.content.decode()


def test_history_page_and_api_agree_per_project(client, api_get, ledger):
    reference = ledger[0].unit_block.project.reference
    response = client.get("/en/cancellations/", {"project": reference})

    api_totals, _per_beneficiary = api_ledger(api_get, {"project": reference})

    assert api_totals == {"certificates": 2, "tonnes": 7}
    assert response.context["totals"] == {"certificates": 2, "tonnes": 7}


def test_project_page_and_api_agree_on_cancelled_tonnes(client, api_get, ledger, home_page):
    project = ledger[0].unit_block.project
    page = ProjectPageFactory(parent=home_page, registry_project=project, title="Wind over the Amazon")

    response = client.get(page.url)
    _status, body = api_get(f"/api/v1/projects/{project.reference}/")

    assert response.context["cancelled_total"] == body["tonnes_cancelled"] == 7
    assert body["title"] == "Wind over the Amazon"


def test_verification_page_and_api_agree(client, api_get, ledger):
    from shop.fulfilment.models import Certificate

    certificate = Certificate.objects.get(presented_to="Hidden Person")
    html = client.get(f"/en/certificates/{certificate.verification_code}/").content.decode()

    _status, body = api_get(f"/api/v1/certificates/{certificate.verification_code}/")

    for value in [body["number"], body["presented_to"], body["transaction_id"], body["reason"], body["vintage"]]:
        assert value in html
    assert f"{body['quantity']} tonnes CO2e" in html
    for serial_range in body["serial_ranges"]:
        assert serial_range["start"] in html and serial_range["end"] in html
