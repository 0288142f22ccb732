import re
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from cms_pages.cache import page_cache_key
from shop.order.models import OrderCertificateDetails
from tests.factories import cms as f
from tests.factories.api import make_ledger_certificate
from tests.factories.shop import make_offer, make_project

# The page itself (Wagtail routing, menus) plus four aggregate queries.
MAX_QUERIES = 11
CHARTS = ["by-year", "by-quarter", "by-purchaser", "by-sectoral-scope", "by-host-country"]


def _when(year, month, day):
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


def _certify(offer, quantity, when, kind="individual"):
    certificate = make_ledger_certificate(offer=offer, quantity=quantity, cancelled_at=when)
    OrderCertificateDetails.objects.filter(order=certificate.line.order_id).update(buyer_kind=kind)
    return certificate


@pytest.fixture
def offers(db):
    brazil = make_offer(quantity=1000, project=make_project(host_country="BR", scopes=(1,)))
    kenya = make_offer(quantity=1000, project=make_project(host_country="KE", scopes=(3, 15)))
    return brazil, kenya


@pytest.fixture
def cancellations(offers):
    brazil, kenya = offers
    _certify(brazil, 5, _when(2025, 2, 10))
    _certify(brazil, 7, _when(2025, 11, 1), kind="organization")
    _certify(kenya, 3, _when(2026, 3, 1))
    _certify(kenya, 4, _when(2026, 5, 20), kind="organization")


@pytest.fixture
def statistics_pages(home_page, django_capture_on_commit_callbacks):
    page = f.StatisticsPageFactory(parent=home_page)
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(page, list(Locale.objects.exclude(pk=page.locale_id)))
    return {t.locale.language_code: t.specific for t in page.get_translations(inclusive=True)}


def _table(html, slug):
    """{row label: number} of the data table of one chart, and its total."""
    section = re.search(rf'<section class="stats-chart" id="chart-{slug}".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td data-value="(\d+)">', section)
    return {label: int(value) for label, value in rows}


@pytest.mark.django_db
def test_statistics_tables_add_up_the_cancelled_certificates(client, statistics_pages, cancellations):
    response = client.get(statistics_pages["en"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert _table(html, "by-year") == {"2025": 12, "2026": 7, "Total": 19}
    assert _table(html, "by-quarter") == {"Q1 2025": 5, "Q4 2025": 7, "Q1 2026": 3, "Q2 2026": 4, "Total": 19}
    assert _table(html, "by-purchaser") == {"Individuals": 8, "Organizations": 11, "Total": 19}
    # A project in two sectoral scopes counts in each of them.
    assert _table(html, "by-sectoral-scope") == {
        "1. Energy industries (renewable/non-renewable sources)": 12,
        "3. Energy demand": 7,
        "15. Agriculture": 7,
        "Total": 26,
    }
    assert _table(html, "by-host-country") == {"Brazil": 12, "Kenya": 7, "Total": 19}


@pytest.mark.django_db
def test_statistics_charts_are_accessible_svg_without_javascript(client, statistics_pages, cancellations):
    html = client.get(statistics_pages["en"].url).content.decode()
    assert html.count('<svg role="img"') == len(CHARTS)
    for slug in CHARTS:
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in html
        assert f'<title id="chart-{slug}-title">' in html
        assert f'<desc id="chart-{slug}-desc">' in html
    assert "Horizontal bar chart, 2 bars, 19 tonnes CO2e in all; the largest is Brazil with 12" in html
    # The bars carry their labels as text, so the chart reads without the table too.
    assert re.search(r'<text x="0" y="\d+" fill="currentColor">Kenya</text>', html)
    page_body = html.split("<main", 1)[1]
    assert "<script" not in page_body.split("</main>", 1)[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "brazil", "year"), [("en", "Brazil", "Year"), ("fr", "Brésil", None), ("es", "Brasil", None)]
)
def test_statistics_page_renders_in_each_language(client, statistics_pages, cancellations, code, brazil, year):
    page = statistics_pages[code]
    assert page.url.startswith(f"/{code}/")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert _table(html, "by-host-country")[brazil] == 12
    assert page.make_preview_request().status_code == 200


@pytest.mark.django_db
def test_statistics_page_without_cancellations_says_so(client, statistics_pages):
    html = client.get(statistics_pages["en"].url).content.decode()
    assert html.count("No CERs have been cancelled yet.") >= len(CHARTS)


def _uncached_get(client, url):
    """The anonymous page cache would answer without any query: drop this page from it first."""
    cache.delete(page_cache_key(RequestFactory().get(url)))
    return client.get(url)


@pytest.mark.django_db
def test_statistics_queries_do_not_grow_with_the_data(client, statistics_pages, offers, django_assert_max_num_queries):
    brazil, kenya = offers
    url = statistics_pages["en"].url
    _certify(brazil, 1, _when(2025, 1, 5))
    _uncached_get(client, url)  # warm the per-process caches (site root paths, menus)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = _uncached_get(client, url)
    assert _table(response.content.decode(), "by-year") == {"2025": 1, "Total": 1}
    for month in range(1, 13):
        _certify(kenya if month % 2 else brazil, month, _when(2026, month, 3), kind="organization")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = _uncached_get(client, url)
    assert _table(response.content.decode(), "by-year")["2026"] == sum(range(1, 13))
