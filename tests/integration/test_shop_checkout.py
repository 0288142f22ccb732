import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.shop import ensure_country, make_offer, make_provider

pytestmark = pytest.mark.django_db

DETAILS = {
    "buyer_kind": "organization",
    "organization_name": "Green Bakery Ltd",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Ada Lovelace",
    "line2": "1 Climate Street",
    "line4": "Bonn",
    "postcode": "53113",
    "country": "DE",
    "certificate_name": "",
    "reason": "own",
    "reason_own_text": "Our 2026 deliveries",
    "show_beneficiary_publicly": "on",
    "confirm_adult": "on",
    "accept_terms": "on",
}


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def offer(db):
    ensure_country()
    return make_offer(provider=make_provider(name="Andes Hydro"), quantity=100, price=Decimal("10.00"))


def start_guest_checkout(client, offer, language="en", quantity=4):
    client.post(url("basket:add", language, pk=offer.pk), {"quantity": quantity})
    response = client.post(url("checkout:index", language), {"username": "buyer@example.org", "options": "anonymous"})
    assert response.status_code == 302 and response["Location"].endswith(url("checkout:details", language))


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_guest_goes_from_basket_to_order_awaiting_payment(client, offer, language):
    from shop.order.models import Order

    start_guest_checkout(client, offer, language)
    assert client.get(url("checkout:details", language)).status_code == 200

    response = client.post(url("checkout:details", language), DETAILS)
    assert response.status_code == 302 and response["Location"].endswith(url("checkout:preview", language))

    preview = client.get(url("checkout:preview", language)).content.decode()
    assert "Green Bakery Ltd" in preview  # the organization name is the default certificate name
    assert "Our 2026 deliveries" in preview

    response = client.post(url("checkout:preview", language))
    assert response.status_code == 302 and response["Location"].endswith(url("checkout:thank-you", language))
    thank_you = client.get(response["Location"])
    assert thank_you.status_code == 200

    order = Order.objects.get()
    assert order.guest_email == "buyer@example.org"
    assert order.currency == "USD" and order.total_incl_tax == Decimal("40.00")
    (line,) = order.lines.all()
    assert line.status == "pending_payment"
    assert line.partner.name == "Andes Hydro"
    assert line.unit_block == offer.unit_block
    details = order.certificate_details
    assert details.certificate_name == "Green Bakery Ltd"
    assert details.reason_text == "Our 2026 deliveries"
    assert details.show_beneficiary_publicly is True
    assert details.buyer_kind == "organization"
    assert details.language == language
    assert order.billing_address.line1 == "Ada Lovelace"
    assert offer.stockrecords.get().num_allocated == 4


def test_certificate_name_defaults_to_first_address_line_for_individuals(client, offer):
    from shop.order.models import Order

    start_guest_checkout(client, offer)
    client.post(url("checkout:details"), {**DETAILS, "buyer_kind": "individual", "organization_name": ""})
    client.post(url("checkout:preview"))

    assert Order.objects.get().certificate_details.certificate_name == "Ada Lovelace"


def test_standard_reason_is_stored_with_its_text(client, offer):
    from wagtail.models import Locale

    from cms_pages.models import PurchaseReason
    from shop.order.models import Order

    locale, _created = Locale.objects.get_or_create(language_code="en")
    reason, _created = PurchaseReason.objects.get_or_create(
        code="climate-neutral-event", locale=locale, defaults={"text": "Making our event climate neutral"}
    )
    start_guest_checkout(client, offer)
    client.post(url("checkout:details"), {**DETAILS, "reason": reason.code, "reason_own_text": ""})
    client.post(url("checkout:preview"))

    details = Order.objects.get().certificate_details
    assert (details.purchase_reason_code, details.reason_text) == (reason.code, reason.text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"confirm_adult": ""}, "18 or older"),
        ({"accept_terms": ""}, "accept the terms of use"),
        ({"buyer_kind": "organization", "organization_name": ""}, "name of the organization"),
        ({"reason": "own", "reason_own_text": ""}, "Type your reason"),
        ({"reason_own_text": "x" * 201}, "at most 200 characters"),
        ({"country": "ZZ"}, "valid choice"),
    ],
)
def test_details_refused_with_clear_message(client, offer, change, message):
    from shop.order.models import Order

    start_guest_checkout(client, offer)
    data = {key: value for key, value in {**DETAILS, **change}.items() if value != ""}

    response = client.post(url("checkout:details"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    # Nothing captured: the review step sends the buyer back to the details.
    assert client.get(url("checkout:preview"))["Location"].endswith(url("checkout:details"))
    assert not Order.objects.exists()


def test_details_page_says_reason_is_printed_and_final(client, offer):
    start_guest_checkout(client, offer)

    html = client.get(url("checkout:details")).content.decode()

    assert "printed on your certificate and cannot be changed" in html


def test_terms_of_use_link_points_to_wagtail_page(client, offer, home_page):
    from tests.factories.cms import StandardPageFactory

    StandardPageFactory(parent=home_page, title="Terms of use", slug="terms-of-use")
    start_guest_checkout(client, offer)

    html = client.get(url("checkout:details")).content.decode()

    assert "/terms-of-use/" in html


def test_attestation_preview_is_a_pdf(client, offer):
    start_guest_checkout(client, offer)
    client.post(url("checkout:details"), DETAILS)

    response = client.get(url("checkout:certificate-preview"))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_placing_more_than_available_is_refused_and_nothing_is_ordered(client, offer):
    from shop.order.models import Order

    start_guest_checkout(client, offer, quantity=80)
    client.post(url("checkout:details"), DETAILS)
    offer.stockrecords.update(num_allocated=30)  # someone else bought meanwhile

    response = client.post(url("checkout:preview"), follow=True)

    assert "Only 70 CERs" in response.content.decode()
    assert not Order.objects.exists()


def test_shipping_steps_are_skipped(client, offer):
    start_guest_checkout(client, offer)

    assert client.get(url("checkout:shipping-address"))["Location"].endswith(url("checkout:details"))


@pytest.mark.parametrize("offers", [1, 5])
def test_checkout_pages_query_count_is_constant(client, django_assert_max_num_queries, offers):
    ensure_country()
    provider = make_provider()
    products = [make_offer(provider=provider, quantity=10) for _index in range(offers)]
    for product in products:
        client.post(url("basket:add", pk=product.pk), {"quantity": 1})
    client.post(url("checkout:index"), {"username": "buyer@example.org", "options": "anonymous"})
    client.post(url("checkout:details"), DETAILS)

    for name in ("checkout:details", "checkout:preview"):
        with django_assert_max_num_queries(25):
            assert client.get(url(name)).status_code == 200


def test_signed_in_buyer_skips_gateway_and_order_is_theirs(client, offer, django_user_model):
    from shop.order.models import Order

    user = django_user_model.objects.create_user(username="member", email="member@example.org", password="pw")
    client.force_login(user)
    client.post(url("basket:add", pk=offer.pk), {"quantity": 2})

    assert client.get(url("checkout:index"))["Location"].endswith(url("checkout:details"))
    client.post(url("checkout:details"), DETAILS)
    client.post(url("checkout:preview"))

    order = Order.objects.get()
    assert order.user == user
    assert order.lines.get().status == "pending_payment"


def test_gateway_asks_the_password_only_of_returning_customers(client, offer, django_user_model):
    django_user_model.objects.create_user("ada", "ada@example.org", "ada-pass-1234")
    client.post(url("basket:add", pk=offer.pk), {"quantity": 1})

    page = client.get(url("checkout:index")).content.decode()
    password_input = re.search(r"<input[^>]*name=\"password\"[^>]*>", page).group(0)
    assert "required" not in password_input  # guests are not stopped by the browser

    response = client.post(url("checkout:index"), {"username": "ada@example.org", "options": "existing"})
    assert response.status_code == 200
    assert "Enter your password, or choose to continue as a guest." in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(
        url("checkout:index"), {"username": "ada@example.org", "options": "existing", "password": "ada-pass-1234"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
