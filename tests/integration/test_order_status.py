"""The buyer always knows where the order is: one confirmation email with a signed link to the order status page,
the same summary on the thank-you page, the language kept across PayPal, and a double "Place order" that is safe."""

import re
import threading
from decimal import Decimal
from html import unescape

import pytest
import requests
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from shop.order.models import LineStatus
from shop.order.selectors import order_status_token
from tests.factories.fulfilment import lines_mark_paid, make_order
from tests.factories.shop import ensure_country, make_offer, make_provider
from tests.integration.test_shop_checkout import DETAILS, start_guest_checkout, url

pytestmark = pytest.mark.django_db

PAY_FORM = 'action="/paypal/pay/"'
BANK_FORM = 'action="/en/bank-transfer/choose/"'


@pytest.fixture
def offer(db):
    ensure_country()
    return make_offer(provider=make_provider(name="Andes Hydro"), quantity=100, price=Decimal("10.00"))


def _status_path(order, language="en"):
    return url("order-status", language, token=order_status_token(order=order))


def _place(offer, *, language="en", quantity=2, capture=None):
    if capture is None:
        return make_order(items=[(offer, quantity)], language=language)
    with capture(execute=True):
        return make_order(items=[(offer, quantity)], language=language)


def _hidden_fields(html, form_action):
    form = html[html.index(form_action) :].split("</form>")[0]
    return {
        name: unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }


# --- 1. One confirmation email, in the buyer's language, with a signed link -------------------------------------


def test_placing_an_order_emails_one_confirmation_in_the_buyers_language_with_a_working_link(
    client, offer, django_capture_on_commit_callbacks
):
    order = _place(offer, language="fr", capture=django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buyer@example.org"]
    assert str(order.number) in message.subject
    # The link opens the status page in the buyer's language (the new wording is translated by the lead later).
    link = re.search(r"https?://\S+/fr/shop/orders/\S+/", message.body).group(0)
    page = client.get(link[link.index("/fr/") :])
    assert page.status_code == 200
    assert str(order.number) in page.content.decode() and "Payer avec PayPal" in page.content.decode()


def test_bank_transfer_path_sends_one_confirmation_not_two(client, bank_offer, django_capture_on_commit_callbacks):
    order = _place(bank_offer, quantity=6, capture=django_capture_on_commit_callbacks)
    html = client.get(_status_path(order)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/bank-transfer/choose/", _hidden_fields(html, BANK_FORM))

    to_buyer = [m for m in mail.outbox if m.to == ["buyer@example.org"]]
    assert [m for m in to_buyer if "Thank you for your order" in m.body] == [to_buyer[0]]
    # The bank-transfer instructions follow, with the same status link.
    assert len(to_buyer) == 2 and "/en/shop/orders/" in to_buyer[1].body


# --- 2. The order status page ---------------------------------------------------------------------------------------


def test_status_page_of_an_unpaid_order_offers_payment_and_is_private(client, offer):
    order = _place(offer)

    reply = client.get(_status_path(order))

    html = reply.content.decode()
    assert reply.status_code == 200
    assert "private" in reply["Cache-Control"] and "no-store" in reply["Cache-Control"]
    assert "Awaiting payment" in html
    assert PAY_FORM in html and BANK_FORM in html
    assert "<script>" not in html and "style=" not in html


def test_status_page_is_translated(client, offer):
    order = _place(offer, language="fr")

    html = client.get(_status_path(order, "fr")).content.decode()

    assert "Payer avec PayPal" in html


@pytest.mark.parametrize("tamper", ["flip", "other_salt", "made_up"])
def test_a_bad_or_tampered_token_is_not_found_and_leaks_nothing(client, offer, tamper):
    from django.core import signing

    order = _place(offer)
    token = order_status_token(order=order)
    bad = {
        "flip": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "other_salt": signing.TimestampSigner(salt="elsewhere").sign(str(order.number)),
        "made_up": f"{order.number}:1abcde:xyz",
    }[tamper]

    reply = client.get(url("order-status", token=bad))

    assert reply.status_code == 404
    html = reply.content.decode()
    leaked = [word for word in ("buyer@example.org", "Ada Lovelace", "Andes Hydro", "Awaiting payment") if word in html]
    assert leaked == []


def test_paid_lines_show_no_pay_buttons_and_say_the_certificate_is_coming(client, offer):
    order = _place(offer)
    lines_mark_paid(order)

    html = client.get(_status_path(order)).content.decode()

    assert PAY_FORM not in html and BANK_FORM not in html
    assert "Awaiting payment" not in html
    assert "your certificate is on its way" in html


def test_only_lines_still_awaiting_payment_are_offered_for_payment(client, offer):
    other = make_offer(provider=make_provider(name="Sahel Solar"), quantity=10, price=Decimal("5.00"))
    order = make_order(items=[(offer, 2), (other, 3)])
    paid = order.lines.get(partner__name="Andes Hydro")
    order.lines.filter(pk=paid.pk).update(status=LineStatus.PAID)  # what the payment services do

    html = client.get(_status_path(order)).content.decode()

    still_to_pay = html.split('id="pay-heading"')[1].split("</ul>")[0]
    assert "Sahel Solar" in still_to_pay and "Andes Hydro" not in still_to_pay


def test_expired_lines_ask_to_place_the_order_again(client, offer):
    from shop.services import order_release

    order = _place(offer)
    order_release(order=order, status=LineStatus.EXPIRED)

    html = client.get(_status_path(order)).content.decode()

    assert "Place the order again" in html
    assert PAY_FORM not in html


def test_bank_transfer_chosen_says_the_provider_sends_bank_details(client, bank_offer):
    from shop.banktransfer.services import bank_transfer_parts_create

    order = _place(bank_offer, quantity=6)
    bank_transfer_parts_create(order=order)

    html = client.get(_status_path(order)).content.decode()

    assert "emails you its bank details" in html
    assert PAY_FORM not in html


def test_issued_certificate_is_linked_from_the_status_page(client, fulfilment_offer, registry_simulator):
    from shop.fulfilment.services import line_fulfil

    order = make_order(items=[(fulfilment_offer, 2)])
    lines_mark_paid(order)
    certificate = line_fulfil(line_id=order.lines.get().pk)

    html = client.get(_status_path(order)).content.decode()

    assert reverse("fulfilment:certificate_verify", kwargs={"code": certificate.verification_code}) in html
    assert reverse("fulfilment:certificate_pdf", kwargs={"code": certificate.verification_code}) in html


def test_a_guest_without_the_session_pays_from_the_emailed_link(client, paypal_simulator, offer):
    order = _place(offer)
    html = client.get(_status_path(order)).content.decode()  # a fresh browser: no checkout session

    reply = client.post("/paypal/pay/", {**_hidden_fields(html, PAY_FORM), "funding": "card"})

    assert reply.status_code == 302 and reply["Location"].startswith(paypal_simulator.url)
    back = _approve_at_paypal(reply["Location"])
    client.get(back, follow=True)
    assert set(order.lines.values_list("status", flat=True)) <= {
        LineStatus.PAID,
        LineStatus.CANCELLING,
        LineStatus.CANCELLED,
        LineStatus.CANCELLATION_FAILED,
    }


def test_a_bad_token_on_the_pay_button_pays_nothing(client, offer):
    _place(offer)

    reply = client.post("/paypal/pay/", {"order_token": "1:abc:def", "funding": "paypal"}, follow=True)

    assert "could not be found" in reply.content.decode()


# --- 3. The thank-you page --------------------------------------------------------------------------------------


def _approve_at_paypal(approve_url, outcome="completed"):
    token = approve_url.split("token=")[1].split("&")[0]
    return requests.post(
        approve_url.split("?")[0],
        data={"token": token, "action": "approve", "outcome": outcome, "funding": "paypal"},
        allow_redirects=False,
        timeout=10,
    ).headers["Location"]


def test_thank_you_after_payment_says_paid_and_offers_no_payment(client, paypal_simulator, offer):
    order = _place(offer)
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    html = client.get(reverse("checkout:thank-you")).content.decode()
    assert PAY_FORM in html

    reply = client.post("/paypal/pay/", {**_hidden_fields(html, PAY_FORM), "funding": "paypal"})
    thank_you = client.get(_approve_at_paypal(reply["Location"]), follow=True)

    html = thank_you.content.decode()
    assert "your payment is complete" in html
    assert "Awaiting payment" not in html and "awaiting payment" not in html
    assert PAY_FORM not in html and BANK_FORM not in html
    assert "no-store" in thank_you["Cache-Control"]
    assert order_status_token(order=order) in html  # the link to the status page


# --- 4. The language across PayPal ----------------------------------------------------------------------------------


def test_an_english_buyer_on_a_french_browser_comes_back_from_paypal_in_english(paypal_simulator, offer):
    browser = Client(HTTP_ACCEPT_LANGUAGE="fr")
    order = _place(offer, language="en")
    session = browser.session
    session["checkout_order_id"] = order.pk
    session.save()
    html = browser.get("/en/shop/checkout/thank-you/").content.decode()

    reply = browser.post("/paypal/pay/", {**_hidden_fields(html, PAY_FORM), "funding": "paypal"})
    back = _approve_at_paypal(reply["Location"])
    answer = browser.get(back)

    assert answer.status_code == 302 and answer["Location"].startswith("/en/")
    assert "your payment is complete" in browser.get(answer["Location"]).content.decode()


def test_cancelling_at_paypal_comes_back_in_the_buyers_language(paypal_simulator, offer):
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    order = _place(offer, language="es")
    session = browser.session
    session["checkout_order_id"] = order.pk
    session.save()
    html = browser.get("/es/shop/checkout/thank-you/").content.decode()
    reply = browser.post("/paypal/pay/", {**_hidden_fields(html, PAY_FORM), "funding": "paypal"})
    token = reply["Location"].split("token=")[1].split("&")[0]
    back = requests.post(
        reply["Location"].split("?")[0],
        data={"token": token, "action": "cancel", "funding": "paypal"},
        allow_redirects=False,
        timeout=10,
    ).headers["Location"]

    answer = browser.get(back)

    assert answer["Location"].startswith("/es/")


# --- 5. "Place order" twice -----------------------------------------------------------------------------------------


def _checkout_to_preview(client, offer):
    start_guest_checkout(client, offer)
    client.post(url("checkout:details"), DETAILS)
    html = client.get(url("checkout:preview")).content.decode()
    return _hidden_fields(html, f'action="{url("checkout:preview")}"')


def test_a_double_click_on_place_order_gives_one_order_and_both_clicks_lead_to_it(client, offer):
    from shop.order.models import Order

    form = _checkout_to_preview(client, offer)

    first = client.post(url("checkout:preview"), form)
    second = client.post(url("checkout:preview"), form)

    assert Order.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == url("checkout:thank-you")
    assert str(Order.objects.get().number) in client.get(second["Location"]).content.decode()


def _concurrent_place_order(offer):
    from shop.order.models import Order

    ensure_country()
    first = Client()
    form = _checkout_to_preview(first, offer)
    second = Client()
    second.cookies = first.cookies
    barrier = threading.Barrier(2)
    replies, crashed = [], []

    def submit(browser):
        try:
            barrier.wait(timeout=30)
            replies.append(browser.post(url("checkout:preview"), form))
        except Exception as error:  # noqa: BLE001 - reported below
            crashed.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(browser,)) for browser in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert crashed == []
    assert Order.objects.count() == 1
    assert [reply.status_code for reply in replies] == [302, 302]
    assert {reply["Location"] for reply in replies} == {url("checkout:thank-you")}
    number = str(Order.objects.get().number)
    assert number in first.get(url("checkout:thank-you")).content.decode()


# Runs on SQLite and in the PostgreSQL pass (DATABASE_URL=postgres://...).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("serialized_data_restored")
def test_two_place_order_submits_at_the_same_moment_give_one_order(offer):
    _concurrent_place_order(offer)
