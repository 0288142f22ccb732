"""The public API's endpoints, field by field: projects, offers, the ledger and certificate verification."""

from datetime import UTC
from decimal import Decimal

import pytest

from tests.factories.api import make_ledger_certificate
from tests.factories.cms import ProjectPageCoBenefitFactory, ProjectPageFactory
from tests.factories.shop import make_block, make_offer, make_project, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def amazon_offer():
    """A Brazilian wind farm (scope 1) with a live offer of 300 CERs of vintage 2014 at 12.50 USD."""
    project = make_project(reference="1234", title="Amazon wind farm", host_country="BR", scopes=(1,))
    return make_offer(
        block=make_block(project=project, vintage=2014, account_number="CDM-250-AM1"),
        price=Decimal("12.50"),
        quantity=300,
        provider=make_provider(name="Amazon Wind Ltd", accounts=("CDM-250-AM1",)),
    )


@pytest.fixture
def kenya_offer():
    project = make_project(reference="5678", title="Kenyan cookstoves", host_country="KE", scopes=(3,))
    return make_offer(
        block=make_block(project=project, vintage=2019, account_number="CDM-250-KE1"),
        price=Decimal("4.00"),
        quantity=80,
        provider=make_provider(name="Cookstoves Kenya", accounts=("CDM-250-KE1",)),
    )


def test_offer_fields(api_get, amazon_offer):
    status, body = api_get("/api/v1/offers/")

    assert status == 200
    assert body["count"] == 1
    [offer] = body["results"]
    assert offer["id"] == amazon_offer.pk
    assert offer["price"] == {"amount": "12.50", "currency": "USD"}
    assert offer["quantity_available"] == 300
    assert offer["vintage"] == 2014
    assert offer["commitment_period"] == "CP1"
    assert offer["provider"] == "Amazon Wind Ltd"
    assert offer["project"] == {
        "reference": "1234",
        "title": "Amazon wind farm",
        "mechanism": "CDM",
        "host_country": "BR",
        "host_country_name": "Brazil",
    }
    assert offer["serial_first"] == amazon_offer.unit_block.first_serial
    assert offer["sectoral_scopes"][0]["number"] == 1
    assert offer["sectoral_scopes"][0]["name"].startswith("Energy industries")


def test_offer_filters_and_ordering(api_get, amazon_offer, kenya_offer):
    def references(**params):
        status, body = api_get("/api/v1/offers/", **params)
        assert status == 200, body
        return [offer["project"]["reference"] for offer in body["results"]]

    assert references(country="ke") == ["5678"]
    assert references(scope=1) == ["1234"]
    assert references(vintage_min=2015) == ["5678"]
    assert references(vintage_max=2015) == ["1234"]
    assert references(price_min="5") == ["1234"]
    assert references(price_max="4.00") == ["5678"]
    assert references(mechanism="A6.4") == []
    assert references(ordering="price") == ["5678", "1234"]
    assert references(ordering="-price") == ["1234", "5678"]
    assert references(ordering="-vintage") == ["5678", "1234"]


def test_offer_co_benefit_filter_uses_the_project_page(api_get, amazon_offer, kenya_offer, home_page):
    page = ProjectPageFactory(parent=home_page, registry_project=kenya_offer.unit_block.project, title="Clean cooking")
    ProjectPageCoBenefitFactory(page=page)

    status, body = api_get("/api/v1/offers/", co_benefit="air")

    assert [offer["project"]["title"] for offer in body["results"]] == ["Clean cooking"]
    assert body["results"][0]["co_benefits"][0]["code"] == "air"


def test_offers_pagination(api_get):
    for price in range(1, 6):
        make_offer(price=Decimal(price))

    status, body = api_get("/api/v1/offers/", page_size=2, page=2, ordering="price")

    assert body["count"] == 5
    assert [offer["price"]["amount"] for offer in body["results"]] == ["3.00", "4.00"]
    assert "page=3" in body["next"] and "page=1" in body["previous"]
    _status, last = api_get("/api/v1/offers/", page_size=2, page=3, ordering="price")
    assert last["next"] is None and len(last["results"]) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"price_min": "cheap"}, "price_min"),
        ({"price_max": "-1"}, "price_max"),
        ({"vintage_min": "2010x"}, "vintage_min"),
        ({"vintage_min": "1500"}, "vintage_min"),
        ({"vintage_min": "2015", "vintage_max": "2010"}, "vintage_max"),
        ({"price_min": "10", "price_max": "5"}, "price_max"),
        ({"scope": "16"}, "scope"),
        ({"country": "Brazil"}, "country"),
        ({"mechanism": "JI"}, "mechanism"),
        ({"ordering": "provider"}, "ordering"),
        ({"page_size": "1000"}, "page_size"),
        ({"page": "0"}, "page"),
    ],
)
def test_bad_offer_filter_is_400_naming_the_field(api_get, params, field):
    status, body = api_get("/api/v1/offers/", **params)

    assert status == 400
    assert [error["field"] for error in body["errors"]] == [field]
    assert body["errors"][0]["message"]


def test_projects_list_and_detail(api_get, amazon_offer, kenya_offer, home_page):
    page = ProjectPageFactory(
        parent=home_page, registry_project=amazon_offer.unit_block.project, title="Wind over the Amazon"
    )
    ProjectPageCoBenefitFactory(page=page)
    make_ledger_certificate(offer=amazon_offer, quantity=5)
    make_project(reference="9999", title="Not on the platform")

    status, body = api_get("/api/v1/projects/")

    assert status == 200
    assert [project["reference"] for project in body["results"]] == ["1234", "5678"]
    status, amazon = api_get("/api/v1/projects/1234/")
    assert status == 200
    assert amazon == body["results"][0]
    assert amazon["title"] == "Wind over the Amazon"
    assert amazon["registry_title"] == "Amazon wind farm"
    assert amazon["co_benefits"][0]["code"] == "air"
    assert amazon["other_certifications"] == "Gold Standard"
    assert amazon["page_url"].endswith(page.url)
    assert amazon["offers_available"] == 1
    assert amazon["tonnes_available"] == 295  # 5 of 300 are held by the order
    assert amazon["tonnes_cancelled"] == 5


def test_project_filters(api_get, amazon_offer, kenya_offer):
    def references(**params):
        status, body = api_get("/api/v1/projects/", **params)
        assert status == 200, body
        return [project["reference"] for project in body["results"]]

    assert references(country="KE") == ["5678"]
    assert references(scope=1) == ["1234"]
    assert references(mechanism="CDM") == ["1234", "5678"]
    assert references(co_benefit="air") == []
    assert api_get("/api/v1/projects/", scope="x")[0] == 400


def test_unknown_project_is_404_json(api_get):
    status, body = api_get("/api/v1/projects/nope/")
    assert status == 404
    assert body["detail"]


def test_project_title_in_french(api_get, amazon_offer):
    status, body = api_get("/api/v1/projects/1234/", lang="fr")
    assert body["host_country_name"] == "Brésil"


def test_ledger_names_only_consenting_beneficiaries(api_get, amazon_offer, kenya_offer):
    make_ledger_certificate(offer=amazon_offer, quantity=3, beneficiary="Ada Lovelace", public=True)
    make_ledger_certificate(offer=kenya_offer, quantity=7, beneficiary="Grace Hopper Private", public=False)

    status, body = api_get("/api/v1/cancellations/")

    assert status == 200
    assert body["totals"] == {"certificates": 2, "tonnes": 10}
    assert sorted(row["beneficiary"] for row in body["results"]) == ["Ada Lovelace", "anonymous"]
    assert "Grace Hopper Private" not in str(body)
    # Nor can the private name be found by guessing it.
    assert api_get("/api/v1/cancellations/", beneficiary="Grace Hopper Private")[1]["count"] == 0
    assert api_get("/api/v1/cancellations/", beneficiary="anonymous")[1]["totals"]["tonnes"] == 7
    assert api_get("/api/v1/cancellations/", beneficiary="ada lovelace")[1]["totals"]["tonnes"] == 3


def test_ledger_fields_and_filters(api_get, amazon_offer, kenya_offer):
    from datetime import datetime

    certificate = make_ledger_certificate(offer=amazon_offer, quantity=3, reason="Team offsite")
    make_ledger_certificate(offer=kenya_offer, quantity=7, cancelled_at=datetime(2025, 6, 1, tzinfo=UTC))

    _status, body = api_get("/api/v1/cancellations/", project="1234")
    [row] = body["results"]
    assert row["quantity"] == 3
    assert row["reason"] == "Team offsite"
    assert row["project"]["reference"] == "1234"
    assert row["project"]["host_country"] == "BR"
    assert row["serial_ranges"] == certificate.serial_ranges
    assert row["vintage"] == "2014"
    assert row["cancelled_at"].startswith("2026-03-01T12:00:00")
    assert api_get("/api/v1/cancellations/", country="ke")[1]["totals"]["tonnes"] == 7
    assert api_get("/api/v1/cancellations/", year=2025)[1]["totals"]["tonnes"] == 7
    status, body = api_get("/api/v1/cancellations/", year="last")
    assert status == 400 and body["errors"][0]["field"] == "year"


def test_certificate_verification(api_get, amazon_offer):
    certificate = make_ledger_certificate(offer=amazon_offer, quantity=3, beneficiary="Private Person", public=False)

    status, body = api_get(f"/api/v1/certificates/{certificate.verification_code}/")

    assert status == 200
    assert body["number"] == certificate.number
    assert body["presented_to"] == "Private Person"  # the code holder sees it, as on the verification page
    assert body["quantity"] == 3
    assert body["serial_ranges"] == certificate.serial_ranges
    assert body["transaction_id"] == certificate.transaction_id
    assert body["verification_url"].endswith(f"/en/certificates/{certificate.verification_code}/")
    assert body["pdf_url"].endswith(f"/en/certificates/{certificate.verification_code}/pdf/")
    status, body = api_get(f"/api/v1/certificates/{certificate.verification_code[:-1]}/")
    assert status == 404 and body["detail"]
