"""Every API list answers in a number of queries that does not grow with the number of items listed."""

from decimal import Decimal

import pytest

from tests.factories.api import make_ledger_certificate
from tests.factories.cms import ProjectPageCoBenefitFactory, ProjectPageFactory
from tests.factories.shop import make_block, make_offer, make_project, make_provider

pytestmark = pytest.mark.django_db

MAX_QUERIES = 14


def add_projects(home_page, count: int, *, start: int):
    """`count` projects, each with a project page, a co-benefit, two offers and two ledger entries."""
    for index in range(start, start + count):
        project = make_project(host_country=("BR", "KE")[index % 2], scopes=(1, 3))
        account = f"CDM-250-Q{index}"
        provider = make_provider(accounts=(account,))
        ProjectPageCoBenefitFactory(page=ProjectPageFactory(parent=home_page, registry_project=project))
        for vintage in (2012, 2015):
            offer = make_offer(
                block=make_block(project=project, account_number=account, vintage=vintage),
                provider=provider,
                price=Decimal("7.25"),
            )
            make_ledger_certificate(offer=offer, quantity=2, public=bool(index % 2))


def with_page_size(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}page_size=100"


def queries_for(client, path, assert_max_num_queries) -> int:
    client.get(with_page_size(path))  # warm the per-process caches (site root, locales) first
    with assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(with_page_size(path))
    assert response.status_code == 200
    return len(captured)


LISTS = ["/api/v1/projects/", "/api/v1/offers/", "/api/v1/cancellations/", "/api/v1/offers/?co_benefit=air&scope=1"]


def test_list_queries_do_not_grow_with_the_list(client, api_unthrottled, home_page, django_assert_max_num_queries):
    add_projects(home_page, 1, start=0)
    few = {path: queries_for(client, path, django_assert_max_num_queries) for path in LISTS}

    add_projects(home_page, 3, start=1)
    many = {path: queries_for(client, path, django_assert_max_num_queries) for path in LISTS}

    assert many == few
    for path in LISTS:
        assert len(client.get(with_page_size(path)).json()["results"]) >= 4, path


def test_detail_queries_are_bounded(client, api_unthrottled, home_page, django_assert_max_num_queries):
    add_projects(home_page, 2, start=10)
    from shop.fulfilment.models import Certificate

    reference = Certificate.objects.first().project.reference
    code = Certificate.objects.first().verification_code
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/api/v1/projects/{reference}/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(f"/api/v1/certificates/{code}/").status_code == 200
