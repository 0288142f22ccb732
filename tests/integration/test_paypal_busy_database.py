"""The database too busy to record a PayPal return: the buyer gets a normal page and the payment is not lost."""

from decimal import Decimal

import pytest
from django.db import OperationalError

from shop.order.models import LineStatus
from shop.paypal import facade
from shop.paypal.models import PayPalOrder
from tests.factories.shop import ensure_country, make_offer
from tests.integration.test_paypal_checkout import CANCEL_URL, RETURN_URL, _approve, _buyer_session, _place_order

pytestmark = pytest.mark.django_db


def test_a_locked_database_on_return_says_confirming_and_a_later_visit_records_the_payment(
    client, paypal_simulator, monkeypatch
):
    ensure_country()
    order = _place_order((make_offer(quantity=50, price=Decimal("10.00")), 4))
    _buyer_session(client, order)
    back = _approve(facade.paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL))
    recorded = facade.paypal_order_captured

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(facade, "paypal_order_captured", locked)
    reply = client.get(back, follow=True)

    assert reply.status_code == 200
    assert "Your payment is being confirmed" in reply.content.decode()
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PENDING_PAYMENT}

    # PayPal captured it: the next visit (or the webhook) records it, without capturing twice.
    monkeypatch.setattr(facade, "paypal_order_captured", recorded)
    reply = client.get(back, follow=True)

    assert "your payment is complete" in reply.content.decode()
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PAID}
    assert PayPalOrder.objects.get(order=order).status == PayPalOrder.Status.CAPTURED
