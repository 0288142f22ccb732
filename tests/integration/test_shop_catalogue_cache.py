"""The catalogue body is cached per query string until an offer changes; each visitor keeps their own CSRF token."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from core.csrf import CSRF_PLACEHOLDER
from shop.services import offer_withdraw
from tests.factories.shop import make_block, make_offer, make_project, make_provider

pytestmark = pytest.mark.django_db

CATALOGUE = "/en/shop/"


def _offer(*, title="Amazon wind farm", quantity=300, price="12.50", account="CDM-250-CC1"):
    project = make_project(title=title, host_country="BR", scopes=(1,))
    return make_offer(
        block=make_block(project=project, vintage=2014, account_number=account),
        price=Decimal(price),
        quantity=quantity,
        provider=make_provider(accounts=(account,)),
    )


def test_repeat_visit_costs_no_catalogue_query(client, django_assert_max_num_queries):
    _offer()
    client.get(CATALOGUE)
    # Only the session and basket machinery may still query; the offers, facets and pages come from the cache.
    with django_assert_max_num_queries(2):
        html = client.get(CATALOGUE).content.decode()
    assert "Amazon wind farm" in html
    assert "$12.50" in html


def test_new_offer_shows_at_once(client, django_capture_on_commit_callbacks):
    _offer()
    assert "Solar park" not in client.get(CATALOGUE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        _offer(title="Solar park", account="CDM-250-CC2")

    assert "Solar park" in client.get(CATALOGUE).content.decode()


def test_withdrawn_offer_disappears_at_once(client, django_capture_on_commit_callbacks):
    product = _offer()
    assert "Amazon wind farm" in client.get(CATALOGUE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        offer_withdraw(product=product)

    assert "Amazon wind farm" not in client.get(CATALOGUE).content.decode()


def test_stock_change_updates_the_quantity_shown(client, django_capture_on_commit_callbacks):
    product = _offer(quantity=300)
    assert ">300<" in client.get(CATALOGUE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        stockrecord = product.stockrecords.get()
        stockrecord.allocate(120)

    html = client.get(CATALOGUE).content.decode()
    assert ">180<" in html
    assert ">300<" not in html


def test_each_visitor_gets_their_own_csrf_token_and_can_add_to_basket(django_capture_on_commit_callbacks):
    product = _offer()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(CATALOGUE)

    response = second.get(CATALOGUE)
    html = response.content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))

    assert CSRF_PLACEHOLDER not in html
    assert len(tokens) == 1
    assert "csrftoken" in response.cookies
    added = second.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 2, "csrfmiddlewaretoken": tokens.pop()})
    assert added.status_code == 302


def test_an_invalid_filter_is_reported_on_every_visit(client):
    _offer()
    for _ in range(2):
        response = client.get(f"{CATALOGUE}?vintage_min=abc", follow=True)
        assert "Some filters were not understood" in response.content.decode()
