"""A project page sells its project's live offers: add to basket from the page, cached or not, in each language."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from shop.services import offer_withdraw
from tests.factories.shop import make_block, make_offer, make_pending_order, make_provider

pytestmark = pytest.mark.django_db

FORM = re.compile(
    r'<form method="post" action="(?P<action>/[^"]+/basket/add/\d+/)" class="shop-add">\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="(?P<token>[^"]+)">'
)


def _offer(project, *, provider_name, quantity=100, price="12.50", vintage=2012):
    account = f"CDM-250-{provider_name.replace(' ', '')}"
    block = make_block(project=project, account_number=account, units_held=quantity, vintage=vintage)
    return make_offer(
        provider=make_provider(name=provider_name, accounts=(account,)),
        block=block,
        quantity=quantity,
        price=Decimal(price),
    )


def _forms(html):
    return [match.groupdict() for match in FORM.finditer(html)]


def _add_from_page(client, page_url, quantity):
    """What a visitor's browser does: open the page, fill in the first offer's quantity, press the button."""
    page = client.get(page_url)
    assert page.status_code == 200
    form = _forms(page.content.decode())[0]
    response = client.post(
        form["action"],
        {"quantity": quantity, "csrfmiddlewaretoken": form["token"]},
        HTTP_REFERER=f"http://testserver{page_url}",
        follow=True,
    )
    assert response.status_code == 200, response.content[:500]
    return page, response


def _basket_lines(client):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response, {(line.stockrecord.partner.name, line.quantity) for line in response.context["basket"].all_lines()}


def test_project_page_lists_only_the_live_offers_of_its_project(client, project_page):
    project = project_page.registry_project
    _offer(project, provider_name="Amazonas Wind", quantity=80, price="12.50", vintage=2013)
    withdrawn = _offer(project, provider_name="Withdrawn Energy")
    offer_withdraw(product=withdrawn)
    sold_out = _offer(project, provider_name="Sold Out Power", quantity=5)
    make_pending_order(product=sold_out, quantity=5)
    _offer(make_block().project, provider_name="Elsewhere Solar")

    html = client.get(project_page.url).content.decode()

    assert "Offset with this project" in html
    assert len(_forms(html)) == 1
    row = html[html.index("Amazonas Wind") : html.index("</tr>", html.index("Amazonas Wind"))]
    assert "2013" in row and "CP1" in row and "$12.50" in row and ">80<" in row
    assert 'max="80"' in row and 'min="1"' in row and 'step="1"' in row
    for absent in ("Withdrawn Energy", "Sold Out Power", "Elsewhere Solar"):
        assert absent not in html
    assert "CERs cancelled through the platform" in html


def test_project_page_without_offers_says_so(client, project_page):
    html = client.get(project_page.url).content.decode()
    assert "No CERs from this project are on offer right now." in html
    assert not _forms(html)


def test_visitor_adds_whole_cers_to_the_basket_from_the_project_page(project_page):
    _offer(project_page.registry_project, provider_name="Amazonas Wind", quantity=80)
    visitor = Client(enforce_csrf_checks=True)

    _page, response = _add_from_page(visitor, project_page.url, 3)

    assert response.redirect_chain[-1][0].endswith(project_page.url)  # back to the page the visitor came from
    basket, lines = _basket_lines(visitor)
    assert lines == {("Amazonas Wind", 3)}
    assert "3 CERs, that is 3 tonnes of CO2e, will be cancelled." in basket.content.decode()


def test_two_anonymous_visitors_both_add_to_basket_from_the_cached_page(project_page):
    _offer(project_page.registry_project, provider_name="Amazonas Wind", quantity=80)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    first_page, _response = _add_from_page(first, project_page.url, 2)
    second_page, _response = _add_from_page(second, project_page.url, 5)

    assert first_page["X-Page-Cache"] == "miss"
    assert second_page["X-Page-Cache"] == "hit"  # the second visitor got the cached page...
    assert _forms(second_page.content.decode())[0]["token"] != _forms(first_page.content.decode())[0]["token"]
    assert "csrftoken" in second_page.cookies  # ...with their own CSRF token and cookie
    assert _basket_lines(first)[1] == {("Amazonas Wind", 2)}
    assert _basket_lines(second)[1] == {("Amazonas Wind", 5)}


def test_cached_project_page_follows_its_offers(client, project_page, django_capture_on_commit_callbacks):
    project = project_page.registry_project
    with django_capture_on_commit_callbacks(execute=True):
        offer = _offer(project, provider_name="Amazonas Wind", quantity=80)
    assert client.get(project_page.url)["X-Page-Cache"] == "miss"
    assert client.get(project_page.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        make_pending_order(product=offer, quantity=30)  # someone else ordered: 50 left
    response = client.get(project_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert 'max="50"' in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        second = _offer(project, provider_name="Rio Hydro", quantity=40)
    assert "Rio Hydro" in client.get(project_page.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        offer_withdraw(product=second)
    html = client.get(project_page.url).content.decode()
    assert "Rio Hydro" not in html and "Amazonas Wind" in html


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", ["Compenser avec ce projet", "Fournisseur", "Millésime", "Prix par URCE", "Ajouter au panier"]),
        ("es", ["Compensar con este proyecto", "Proveedor", "Añada", "Precio por RCE", "Añadir a la cesta"]),
    ],
)
def test_translated_project_pages_sell_the_offers_with_translated_labels(
    language, labels, project_page, django_capture_on_commit_callbacks
):
    _offer(project_page.registry_project, provider_name="Amazonas Wind", quantity=80)
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(project_page, [Locale.objects.get(language_code=language)])
    translated = project_page.get_translation(Locale.objects.get(language_code=language))
    assert translated.url.startswith(f"/{language}/")
    visitor = Client(enforce_csrf_checks=True)

    page, _response = _add_from_page(visitor, translated.url, 4)

    html = page.content.decode()
    for label in labels:
        assert label in html, label
    assert f'action="/{language}/shop/basket/add/' in html
    assert _basket_lines(visitor)[1] == {("Amazonas Wind", 4)}
