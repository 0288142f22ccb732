from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories.shop import make_offer, make_provider

pytestmark = pytest.mark.django_db


def add(client, product, quantity):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, follow=True)


def basket_quantities(client):
    response = client.get(reverse("basket:summary"))
    basket = response.context["basket"]
    return {line.product_id: line.quantity for line in basket.all_lines()}


@pytest.fixture
def two_provider_offers(db):
    first = make_offer(provider=make_provider(name="Andes Hydro"), quantity=100, price=Decimal("10.00"))
    second = make_offer(provider=make_provider(name="Sahel Solar"), quantity=50, price=Decimal("4.50"))
    return first, second


def test_add_whole_cers_and_see_totals_per_provider(client, two_provider_offers):
    first, second = two_provider_offers
    add(client, first, 3)
    add(client, second, 10)

    response = client.get(reverse("basket:summary"))
    html = response.content.decode()

    assert response.context["total_tonnes"] == 13
    assert "13 CERs, that is 13 tonnes of CO2e" in html
    totals = {entry.partner.name: entry.total for entry in response.context["provider_totals"]}
    assert totals == {"Andes Hydro": Decimal("30.00"), "Sahel Solar": Decimal("45.00")}
    assert "$75.00" in html


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("101", "Only 100 CERs of this offer are available"),
        ("0", "at least one CER"),
        ("-2", "at least one CER"),
        ("abc", "whole number"),
        ("2.5", "whole number"),
    ],
)
def test_add_refuses_bad_quantity_and_leaves_basket_unchanged(client, two_provider_offers, quantity, message):
    first, _second = two_provider_offers
    add(client, first, 2)

    response = add(client, first, quantity)

    assert message in response.content.decode()
    assert basket_quantities(client) == {first.pk: 2}


def test_add_counts_what_basket_already_holds(client, two_provider_offers):
    first, _second = two_provider_offers
    add(client, first, 60)

    response = add(client, first, 41)

    assert "Only 100 CERs" in response.content.decode()
    assert basket_quantities(client) == {first.pk: 60}


def update(client, quantity, delete=False):
    response = client.get(reverse("basket:summary"))
    formset = response.context["formset"]
    data = {f"{formset.prefix}-TOTAL_FORMS": "1", f"{formset.prefix}-INITIAL_FORMS": "1"}
    form = formset.forms[0]
    data[f"{form.prefix}-id"] = str(form.instance.pk)
    data[f"{form.prefix}-quantity"] = str(quantity)
    if delete:
        data[f"{form.prefix}-DELETE"] = "on"
    return client.post(reverse("basket:summary"), data, follow=True)


@pytest.mark.parametrize(
    ("quantity", "message"),
    [("500", "Only 100 CERs"), ("0", "at least one CER"), ("-1", "at least one CER"), ("x", "whole number")],
)
def test_basket_update_refuses_bad_quantity_and_leaves_basket_unchanged(client, two_provider_offers, quantity, message):
    first, _second = two_provider_offers
    add(client, first, 5)

    response = update(client, quantity)

    assert message in response.content.decode()
    assert basket_quantities(client) == {first.pk: 5}


def test_basket_update_changes_quantity_and_removes_line(client, two_provider_offers):
    first, _second = two_provider_offers
    add(client, first, 5)

    update(client, 7)
    assert basket_quantities(client) == {first.pk: 7}

    update(client, 7, delete=True)
    assert basket_quantities(client) == {}


def test_withdrawn_offer_cannot_be_added(client, two_provider_offers):
    from shop.services import offer_withdraw

    first, _second = two_provider_offers
    offer_withdraw(product=first)

    add(client, first, 1)

    assert basket_quantities(client) == {}


@pytest.mark.parametrize("offers", [2, 6])
def test_basket_query_count_is_constant(client, django_assert_max_num_queries, offers):
    provider = make_provider()
    for _index in range(offers):
        add(client, make_offer(provider=provider, quantity=10), 1)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("basket:summary"))
    assert response.context["total_tonnes"] == offers
