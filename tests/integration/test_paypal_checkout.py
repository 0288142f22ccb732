"""Paying a placed order with PayPal, end to end against the simulator over HTTP."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core import mail

from shop.order.models import LineStatus
from shop.paypal import gateway
from shop.paypal.facade import PaymentRefused, paypal_order_capture, paypal_order_create
from shop.paypal.models import PayPalOrder
from tests.factories.paypal import webhook_post
from tests.factories.shop import BUYER_ADDRESS, BUYER_CERTIFICATE, make_basket, make_offer

pytestmark = pytest.mark.django_db

RETURN_URL = "http://testserver/paypal/return/"
CANCEL_URL = "http://testserver/paypal/cancel/"


def _place_order(*items):
    from shop.services import order_place

    basket = make_basket(items=list(items))
    return order_place(
        basket=basket,
        user=None,
        guest_email="buyer@example.org",
        billing_address=dict(BUYER_ADDRESS),
        certificate=dict(BUYER_CERTIFICATE),
    )


@pytest.fixture
def two_provider_order(db):
    wind = make_offer(quantity=100, price=Decimal("12.50"))
    hydro = make_offer(quantity=40, price=Decimal("7.25"))
    hydro_provider = hydro.stockrecords.get().partner
    hydro_provider.paypal_merchant_id = "HYDROMERCH001"
    hydro_provider.save()
    return _place_order((wind, 10), (hydro, 3))


def _buyer_session(client, order):
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()


def _approve(approve_url, *, action="approve", outcome="completed"):
    """The buyer at PayPal: returns the URL PayPal sends them back to."""
    page = requests.get(approve_url, timeout=10)
    assert page.status_code == 200
    token = parse_qs(urlsplit(approve_url).query)["token"][0]
    reply = requests.post(
        approve_url.split("?")[0],
        data={"token": token, "action": action, "outcome": outcome, "funding": "paypal"},
        allow_redirects=False,
        timeout=10,
    )
    assert reply.status_code == 303
    return reply.headers["Location"]


def _statuses(order):
    return sorted(order.lines.values_list("status", flat=True))


def test_one_purchase_unit_per_provider_with_its_payee_amount_and_tonnes(paypal_simulator, two_provider_order):
    order = two_provider_order

    approve_url = paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL)

    paypal_order = PayPalOrder.objects.get(order=order)
    units = {
        u["reference_id"]: u for u in gateway.order_get(paypal_order_id=paypal_order.paypal_order_id)["purchase_units"]
    }
    by_partner = {line.partner_id: line for line in order.lines.all()}
    assert set(units) == {str(pk) for pk in by_partner}
    for partner_id, line in by_partner.items():
        unit = units[str(partner_id)]
        assert unit["amount"] == {"currency_code": order.currency, "value": str(line.line_price_incl_tax)}
        assert unit["payee"] == line.partner.paypal_payee
        assert f"{line.product.unit_block.project.title}: {line.quantity} t CO2e" in unit["description"]
    assert sorted(u["amount"]["value"] for u in units.values()) == ["125.00", "21.75"]
    assert {"merchant_id": "HYDROMERCH001"} in [u["payee"] for u in units.values()]
    assert approve_url.startswith(paypal_simulator.url)


def test_approved_payment_is_captured_on_return_and_lines_are_paid(client, paypal_simulator, two_provider_order):
    order = two_provider_order
    _buyer_session(client, order)
    back = _approve(paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL))

    reply = client.get(back, follow=True)

    assert _statuses(order) == [LineStatus.PAID, LineStatus.PAID]
    assert "your payment is complete" in reply.content.decode()
    # Reloading the return page captures nothing twice and changes nothing.
    client.get(back)
    assert _statuses(order) == [LineStatus.PAID, LineStatus.PAID]
    assert PayPalOrder.objects.get(order=order).status == "CAPTURED"


def test_card_payment_opens_the_guest_card_form(paypal_simulator, two_provider_order):
    approve_url = paypal_order_create(
        order=two_provider_order, return_url=RETURN_URL, cancel_url=CANCEL_URL, funding="card"
    )

    page = requests.get(approve_url, timeout=10).text

    assert 'name="funding" value="card" checked' in page


def test_cancelled_at_paypal_keeps_the_order_awaiting_payment(client, paypal_simulator, two_provider_order):
    order = two_provider_order
    _buyer_session(client, order)
    back = _approve(paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL), action="cancel")
    assert back.startswith(CANCEL_URL)

    reply = client.get(back, follow=True)

    assert "You cancelled the payment at PayPal" in reply.content.decode()
    assert PayPalOrder.objects.get(order=order).status == "CANCELLED"
    assert _statuses(order) == [LineStatus.PENDING_PAYMENT, LineStatus.PENDING_PAYMENT]


def test_declined_payment_releases_stock_and_tells_the_buyer(
    client, paypal_simulator, two_provider_order, django_capture_on_commit_callbacks
):
    order = two_provider_order
    _buyer_session(client, order)
    back = _approve(paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL), outcome="declined")
    assert {line.stockrecord.num_allocated for line in order.lines.all()} == {10, 3}

    with django_capture_on_commit_callbacks(execute=True):
        reply = client.get(back, follow=True)

    assert _statuses(order) == [LineStatus.PAYMENT_FAILED, LineStatus.PAYMENT_FAILED]
    assert {line.stockrecord.num_allocated for line in order.lines.select_related("stockrecord")} == {0}
    assert "PayPal declined the payment" in reply.content.decode()
    # One message per provider whose payment PayPal declined.
    assert [m.to for m in mail.outbox] == [["buyer@example.org"]] * 2
    assert "declined" in mail.outbox[0].subject


def test_echeck_waits_then_the_verified_webhook_pays_the_lines(client, paypal_simulator, two_provider_order):
    order = two_provider_order
    _buyer_session(client, order)
    back = _approve(paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL), outcome="pending")

    reply = client.get(back, follow=True)

    assert "still confirming your payment" in reply.content.decode()
    assert _statuses(order) == [LineStatus.PENDING_PAYMENT, LineStatus.PENDING_PAYMENT]
    captures = [e["resource"]["id"] for e in paypal_simulator.events() if e["event_type"] == "PAYMENT.CAPTURE.PENDING"]
    deliveries = [paypal_simulator.capture_action(capture_id, "complete")["delivery"] for capture_id in captures]
    assert webhook_post(client, deliveries[0]).status_code == 200
    assert _statuses(order) == [LineStatus.PAID, LineStatus.PENDING_PAYMENT]
    for _ in range(3):  # PayPal retries: no further change
        assert webhook_post(client, deliveries[0]).json()["status"] == "duplicate"
    webhook_post(client, deliveries[1])
    assert _statuses(order) == [LineStatus.PAID, LineStatus.PAID]


def test_tampered_return_url_cannot_capture_another_buyers_order(client, paypal_simulator, two_provider_order):
    victim = two_provider_order
    victim_back = _approve(paypal_order_create(order=victim, return_url=RETURN_URL, cancel_url=CANCEL_URL))
    attacker_order = _place_order((make_offer(quantity=5, price=Decimal("1.00")), 1))
    _buyer_session(client, attacker_order)

    reply = client.get(victim_back, follow=True)

    assert "This payment does not belong to your order." in reply.content.decode()
    assert _statuses(victim) == [LineStatus.PENDING_PAYMENT, LineStatus.PENDING_PAYMENT]
    assert _statuses(attacker_order) == [LineStatus.PENDING_PAYMENT]
    token = parse_qs(urlsplit(victim_back).query)["token"][0]
    assert gateway.order_get(paypal_order_id=token)["status"] == "APPROVED"
    with pytest.raises(PaymentRefused):
        paypal_order_capture(order=attacker_order, token=token)


def test_captured_amount_not_matching_what_is_owed_pays_nothing_and_alerts_staff(
    client, paypal_simulator, two_provider_order, settings, django_capture_on_commit_callbacks
):
    order = two_provider_order
    _buyer_session(client, order)
    back = _approve(paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL))
    line = order.lines.order_by("pk").first()
    line.line_price_incl_tax += Decimal("0.01")  # what the order owes changed after PayPal was asked
    line.save()

    with django_capture_on_commit_callbacks(execute=True):  # staff alerts leave on commit (core.alerts)
        reply = client.get(back, follow=True)

    statuses = dict(order.lines.values_list("pk", "status"))
    assert statuses[line.pk] == LineStatus.PENDING_PAYMENT
    assert "being checked by our staff" in reply.content.decode()
    alert = next(m for m in mail.outbox if m.to == settings.STAFF_ALERT_EMAILS)
    assert "does not match" in alert.subject and str(order.number) in alert.subject


def test_provider_without_paypal_payee_cannot_be_paid_by_paypal(paypal_simulator):
    offer = make_offer(quantity=5, price=Decimal("3.00"))
    provider = offer.stockrecords.get().partner
    provider.paypal_email = ""
    provider.save()
    order = _place_order((offer, 2))

    with pytest.raises(PaymentRefused):
        paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL)

    assert not PayPalOrder.objects.exists()
