"""After placing an order the buyer sees how to pay, and the PayPal button leads to a paid order."""

from decimal import Decimal

import pytest
import requests
from django.urls import reverse

from shop.order.models import LineStatus
from tests.factories.shop import make_offer, make_pending_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed_order(client):
    order = make_pending_order(product=make_offer(quantity=50, price=Decimal("9.00")), quantity=4)
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    return order


def test_thank_you_page_offers_paypal_card_and_bank_transfer(client, placed_order):
    html = client.get(reverse("checkout:thank-you")).content.decode()
    assert f'action="{reverse("paypal:pay")}"' in html
    assert 'value="card"' in html
    assert f'action="{reverse("banktransfer:choose")}"' in html


def test_thank_you_page_is_in_the_buyers_language(client, placed_order):
    html = client.get("/fr/shop/checkout/thank-you/").content.decode()
    assert "Payer avec PayPal" in html


def test_pay_with_paypal_from_the_thank_you_page_ends_with_paid_lines(client, paypal_simulator, placed_order):
    reply = client.post(reverse("paypal:pay"), {"funding": "paypal"})
    assert reply.status_code in (302, 303)
    approve_url = reply["Location"]
    assert approve_url.startswith(paypal_simulator.url)

    token = approve_url.split("token=")[1].split("&")[0]
    back = requests.post(
        approve_url.split("?")[0],
        data={"token": token, "action": "approve", "outcome": "completed", "funding": "paypal"},
        allow_redirects=False,
        timeout=10,
    ).headers["Location"]
    client.get(back, follow=True)

    statuses = set(placed_order.lines.values_list("status", flat=True))
    # Paid lines go straight on to fulfilment (eager Celery in tests).
    assert statuses and statuses <= {
        LineStatus.PAID,
        LineStatus.CANCELLING,
        LineStatus.CANCELLED,
        LineStatus.CANCELLATION_FAILED,
    }


def test_after_choosing_bank_transfer_paypal_is_refused_and_hidden(client, paypal_simulator, bank_offer):
    from shop.banktransfer.services import bank_transfer_parts_create
    from shop.paypal.facade import PaymentRefused, paypal_order_create

    order = make_pending_order(product=bank_offer, quantity=6)
    bank_transfer_parts_create(order=order)
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()

    html = client.get(reverse("checkout:thank-you")).content.decode()
    assert f'action="{reverse("paypal:pay")}"' not in html
    assert "You chose to pay by bank transfer" in html
    with pytest.raises(PaymentRefused, match="bank transfer"):
        paypal_order_create(order=order, return_url="http://testserver/r/", cancel_url="http://testserver/c/")
    assert not order.paypal_orders.exists()


def test_after_a_paypal_capture_bank_transfer_is_refused(client, paypal_simulator, bank_offer):
    from shop.banktransfer.services import BankTransferRefused, bank_transfer_parts_create
    from shop.paypal.facade import paypal_order_capture, paypal_order_create

    order = make_pending_order(product=bank_offer, quantity=6)
    approve_url = paypal_order_create(order=order, return_url="http://testserver/r/", cancel_url="http://testserver/c/")
    token = approve_url.split("token=")[1].split("&")[0]
    paypal_simulator.approve(token, outcome="pending")
    paypal_order_capture(order=order, token=token)

    with pytest.raises(BankTransferRefused, match="already being paid through PayPal"):
        bank_transfer_parts_create(order=order)
    assert not order.bank_transfer_parts.exists()
