from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories.shop import ensure_co_benefit, make_block, make_offer, make_project, make_provider

pytestmark = pytest.mark.django_db


def catalogue_url(language="en"):
    return f"/{language}/shop/"


def make_catalogue(*, projects: int, offers_per_project: int):
    provider = make_provider(accounts=())
    from shop.partner.models import PartnerRegistryAccount

    for index in range(projects):
        project = make_project(host_country=("BR", "KE", "IN")[index % 3], scopes=(1 + index % 3,))
        account = f"CDM-250-CAT{index}"
        PartnerRegistryAccount.objects.create(partner=provider, account_number=account)
        for vintage in range(offers_per_project):
            block = make_block(project=project, account_number=account, vintage=2010 + vintage)
            make_offer(block=block, quantity=50, price=Decimal(5 + index + vintage))


def test_shop_root_is_the_catalogue(client):
    assert reverse("catalogue:index") == "/en/shop/"
    assert client.get(catalogue_url()).status_code == 200


def test_catalogue_shows_offer_facts_grouped_by_project(client):
    project = make_project(title="Amazon wind farm", host_country="BR", scopes=(1,))
    make_offer(
        block=make_block(project=project, vintage=2014, account_number="CDM-250-A1"),
        price=Decimal("12.50"),
        quantity=300,
        provider=make_provider(accounts=("CDM-250-A1",)),
    )

    html = client.get(catalogue_url()).content.decode()

    assert "Amazon wind farm" in html
    assert "Brazil" in html
    assert "Energy industries" in html
    assert "2014" in html
    assert "CP1" in html
    assert "$12.50" in html
    assert ">300<" in html


def test_catalogue_in_french_names_country_in_french(client):
    make_offer(
        block=make_block(project=make_project(host_country="DE"), account_number="CDM-250-F1"),
        provider=make_provider(accounts=("CDM-250-F1",)),
    )

    html = client.get(catalogue_url("fr")).content.decode()

    assert "Allemagne" in html


def test_catalogue_hides_withdrawn_and_sold_out_offers(client):
    from shop.services import offer_withdraw

    withdrawn = make_offer(
        block=make_block(project=make_project(title="Withdrawn project"), account_number="CDM-250-W1"),
        provider=make_provider(accounts=("CDM-250-W1",)),
    )
    offer_withdraw(product=withdrawn)
    sold_out = make_offer(
        block=make_block(project=make_project(title="Sold out project"), account_number="CDM-250-S1"),
        provider=make_provider(accounts=("CDM-250-S1",)),
    )
    sold_out.stockrecords.update(num_allocated=100)

    html = client.get(catalogue_url()).content.decode()

    assert "Withdrawn project" not in html
    assert "Sold out project" not in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("country=KE", "Kenya project", "Brazil project"),
        ("scope=3", "Kenya project", "Brazil project"),
        ("vintage_min=2015", "Kenya project", "Brazil project"),
        ("vintage_max=2012", "Brazil project", "Kenya project"),
        ("price_min=20", "Kenya project", "Brazil project"),
        ("price_max=10", "Brazil project", "Kenya project"),
        ("mechanism=A6.4", "Kenya project", "Brazil project"),
    ],
)
def test_filters_are_plain_get_parameters(client, query, shown, hidden):
    brazil = make_project(title="Brazil project", host_country="BR", scopes=(1,), mechanism="CDM")
    kenya = make_project(title="Kenya project", host_country="KE", scopes=(3,), mechanism="A6.4")
    make_offer(
        block=make_block(project=brazil, vintage=2010, account_number="CDM-250-B1"),
        price=Decimal("8"),
        provider=make_provider(accounts=("CDM-250-B1",)),
    )
    make_offer(
        block=make_block(project=kenya, vintage=2018, account_number="CDM-250-K1"),
        price=Decimal("25"),
        provider=make_provider(accounts=("CDM-250-K1",)),
    )

    html = client.get(f"{catalogue_url()}?{query}").content.decode()

    assert shown in html
    assert hidden not in html


def test_co_benefit_filter_uses_project_pages(client, project_index_page):
    from tests.factories.cms import ProjectPageCoBenefitFactory, ProjectPageFactory

    ensure_co_benefit("air")
    with_air = make_project(title="Registry title A")
    without = make_project(title="Registry title B")
    page = ProjectPageFactory(parent=project_index_page, registry_project=with_air, title="Clean air stoves")
    ProjectPageCoBenefitFactory(page=page)
    make_offer(
        block=make_block(project=with_air, account_number="CDM-250-C1"),
        provider=make_provider(accounts=("CDM-250-C1",)),
    )
    make_offer(
        block=make_block(project=without, account_number="CDM-250-C2"), provider=make_provider(accounts=("CDM-250-C2",))
    )

    everything = client.get(catalogue_url()).content.decode()
    filtered = client.get(f"{catalogue_url()}?co_benefit=air").content.decode()

    # The project page's translated title replaces the registry title, with its co-benefit icon.
    assert "Clean air stoves" in everything and "Registry title A" not in everything
    assert "co-benefits/air.svg" in everything
    assert "Clean air stoves" in filtered
    assert "Registry title B" not in filtered


@pytest.mark.parametrize(
    "query",
    [
        "vintage_min=abc",
        "price_max=-5",
        "scope=99",
        "country=XX",
        "sort=evil",
        "page=zzz",
        "vintage_min=2020&vintage_max=2010",
    ],
)
def test_invalid_filter_gives_message_not_error(client, query):
    make_offer(block=make_block(account_number="CDM-250-I1"), provider=make_provider(accounts=("CDM-250-I1",)))

    response = client.get(f"{catalogue_url()}?{query}")

    assert response.status_code == 200
    if not query.startswith("page"):
        assert "were not understood" in response.content.decode()


def test_sort_by_price_and_vintage(client):
    make_catalogue(projects=3, offers_per_project=2)

    by_price = client.get(f"{catalogue_url()}?sort=price").context["page_obj"].object_list
    by_vintage = client.get(f"{catalogue_url()}?sort=-vintage").context["page_obj"].object_list

    prices = [offer.price for offer in by_price]
    vintages = [offer.product.unit_block.vintage for offer in by_vintage]
    assert prices == sorted(prices)
    assert vintages == sorted(vintages, reverse=True)


def test_pagination_twenty_per_page(client):
    make_catalogue(projects=5, offers_per_project=5)

    first = client.get(catalogue_url())
    second = client.get(f"{catalogue_url()}?page=2&sort=price")

    assert len(first.context["page_obj"].object_list) == 20
    assert len(second.context["page_obj"].object_list) == 5
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("size", [(2, 3), (12, 5)])
@pytest.mark.parametrize("query", ["", "?country=KE&scope=2&vintage_min=2011&price_max=100&co_benefit=air&sort=price"])
def test_catalogue_query_count_does_not_grow(client, django_assert_max_num_queries, size, query):
    make_catalogue(projects=size[0], offers_per_project=size[1])

    with django_assert_max_num_queries(15):
        response = client.get(f"{catalogue_url()}{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("pages", [2, 8])
def test_catalogue_query_count_with_project_pages_and_pictures(
    client, django_assert_max_num_queries, project_index_page, pages
):
    from tests.factories.cms import ProjectPageCoBenefitFactory, ProjectPageFactory, ProjectPagePictureFactory

    ensure_co_benefit("air")
    for index in range(pages):
        account = f"CDM-250-PP{index}"
        project = make_project()
        page = ProjectPageFactory(parent=project_index_page, registry_project=project)
        ProjectPagePictureFactory(page=page)
        ProjectPageCoBenefitFactory(page=page)
        make_offer(
            block=make_block(project=project, account_number=account), provider=make_provider(accounts=(account,))
        )
    client.get(catalogue_url())  # renditions are created on the first view

    with django_assert_max_num_queries(15):
        response = client.get(catalogue_url())
    assert response.content.decode().count("<img") >= pages


def test_offer_detail_and_search_pages_render(client):
    offer = make_offer(provider=make_provider())

    detail = client.get(offer.get_absolute_url())
    assert detail.status_code == 200
    assert "$10.00" in detail.content.decode() and "Add to the basket" in detail.content.decode()
    assert client.get(reverse("search:search") + "?q=wind").status_code == 200
