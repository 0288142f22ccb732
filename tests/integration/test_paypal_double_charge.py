"""No double charge: one open PayPal order per order, no capture that nothing awaits, and any such capture refunded.

End to end against the PayPal simulator over HTTP, as the buyer and PayPal's webhooks reach the site.
"""

import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from shop.order import lifecycle
from shop.order.models import LineStatus
from shop.paypal import gateway
from shop.paypal.facade import paypal_order_create
from shop.paypal.models import PayPalCapture, PayPalOrder, PayPalRefund, PayPalTransaction
from shop.paypal.refunds import paypal_refund_send, paypal_refunds_retry
from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
from tests.factories.paypal import webhook_post
from tests.factories.shop import make_offer, make_pending_order

pytestmark = pytest.mark.django_db

RETURN_URL = "http://testserver/paypal/return/"
CANCEL_URL = "http://testserver/paypal/cancel/"


@pytest.fixture
def order(db):
    offer = make_offer(quantity=100, price=Decimal("12.50"))
    bank_transfer_enable(offer.stockrecords.get().partner, minimum=Decimal("10.00"))
    return make_pending_order(product=offer, quantity=4)


def _buyer_session(client, order):
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()


def _token(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


def _pay(client, order, funding="paypal") -> str:
    """The buyer presses "pay" on the thank-you page; returns the PayPal approval URL the site sent them to."""
    reply = client.post("/paypal/pay/", {"funding": funding})
    assert reply.status_code == 302, reply.content
    return reply["Location"]


def _approve(simulator, approve_url: str) -> str:
    """The buyer approves at PayPal; returns the return URL PayPal sends them back to."""
    token = _token(approve_url)
    simulator.approve(token)
    return f"{RETURN_URL}?token={token}&PayerID=SIMBUYER"


def _paypal_captures_anyway(simulator, token: str) -> dict:
    """PayPal captures an approved order without us (an old tab, auto-capture): the COMPLETED webhook, signed."""
    gateway.order_capture(paypal_order_id=token)
    event = next(
        e
        for e in simulator.events()
        if e["event_type"] == "PAYMENT.CAPTURE.COMPLETED"
        and e["resource"]["supplementary_data"]["related_ids"]["order_id"] == token
    )
    return simulator.signed_delivery(event["id"])["delivery"]


def _captures_at_paypal(token: str) -> list:
    units = gateway.order_get(paypal_order_id=token)["purchase_units"]
    return [c for unit in units for c in (unit.get("payments") or {}).get("captures", [])]


def _messages(reply) -> str:
    return " ".join(str(m) for m in reply.context["messages"])


def _buyer_mails(order):
    return [m for m in mail.outbox if m.to == [order.email]]


def _staff_mails(settings):
    return [m for m in mail.outbox if m.to == settings.STAFF_ALERT_EMAILS]


def test_paying_again_with_the_same_amounts_reuses_the_open_paypal_order(client, paypal_simulator, order):
    _buyer_session(client, order)

    first = _pay(client, order)
    again = _pay(client, order)

    assert _token(again) == _token(first)
    assert PayPalOrder.objects.filter(order=order).count() == 1


def test_paypal_then_back_then_card_captures_once_and_refunds_the_old_tab(
    client, paypal_simulator, order, settings, django_capture_on_commit_callbacks
):
    _buyer_session(client, order)
    paypal_back = _approve(paypal_simulator, _pay(client, order))
    card_back = _approve(paypal_simulator, _pay(client, order, funding="card"))
    assert PayPalOrder.objects.get(paypal_order_id=_token(paypal_back)).status == PayPalOrder.Status.SUPERSEDED

    paid = client.get(card_back, follow=True)
    old_tab = client.get(paypal_back, follow=True)

    assert "your payment is complete" in paid.content.decode()
    assert "replaced by a newer one" in _messages(old_tab)
    assert list(order.lines.values_list("status", flat=True)) == [LineStatus.PAID]
    assert _captures_at_paypal(_token(paypal_back)) == []  # we never captured the superseded order

    # PayPal captures the old approval anyway (auto-capture): its money goes back, the order stays paid.
    delivery = _paypal_captures_anyway(paypal_simulator, _token(paypal_back))
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_post(client, delivery).status_code == 200

    assert [c["status"] for c in _captures_at_paypal(_token(paypal_back))] == ["REFUNDED"]
    assert [c["status"] for c in _captures_at_paypal(_token(card_back))] == ["COMPLETED"]
    refund = PayPalRefund.objects.get()
    assert (refund.status, refund.reason, refund.amount) == ("COMPLETED", "superseded", Decimal("50.00"))
    assert PayPalCapture.objects.get(capture_id=refund.capture.capture_id).status == "REFUNDED"
    assert list(order.lines.values_list("status", flat=True)) == [LineStatus.PAID]
    buyer = _buyer_mails(order)[-1]
    assert "50.00" in buyer.body and "has been refunded" in buyer.body
    assert any("refund" in m.subject.lower() for m in _staff_mails(settings))


def test_paypal_approval_returning_after_bank_transfer_paid_is_not_captured_and_a_late_capture_is_refunded(
    client, paypal_simulator, order, settings, django_capture_on_commit_callbacks
):
    from shop.banktransfer.services import bank_transfer_mark_paid

    _buyer_session(client, order)
    paypal_back = _approve(paypal_simulator, _pay(client, order))
    chosen = client.post(reverse("banktransfer:choose"), follow=True)
    assert "You chose to pay by bank transfer" in _messages(chosen)
    part = order.bank_transfer_parts.get()
    provider_user = make_provider_user(part.partner)
    with django_capture_on_commit_callbacks(execute=False):
        bank_transfer_mark_paid(part=part, user=provider_user, paid_on=timezone.localdate(), reference="TRX-1")

    reply = client.get(paypal_back, follow=True)

    assert "bank transfer, so PayPal was not charged" in _messages(reply)
    assert "payment is complete" not in reply.content.decode()
    assert _captures_at_paypal(_token(paypal_back)) == []

    # PayPal captures it anyway: we were charged twice, the PayPal money goes back.
    delivery = _paypal_captures_anyway(paypal_simulator, _token(paypal_back))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, delivery)

    assert [c["status"] for c in _captures_at_paypal(_token(paypal_back))] == ["REFUNDED"]
    assert PayPalRefund.objects.get().reason == "double_charge"
    assert list(order.lines.values_list("status", flat=True)) == [LineStatus.PAID]
    assert "charged twice" in _buyer_mails(order)[0].body
    assert _staff_mails(settings)


def test_completed_capture_for_an_expired_order_is_refunded_and_the_buyer_told_in_their_language(
    client, paypal_simulator, order, settings, django_capture_on_commit_callbacks
):
    details = order.certificate_details
    details.language = "fr"
    details.save()
    _buyer_session(client, order)
    paypal_back = _approve(paypal_simulator, _pay(client, order))
    lifecycle.order_release(order=order, status=LineStatus.EXPIRED)
    allocated = order.lines.get().stockrecord.num_allocated

    delivery = _paypal_captures_anyway(paypal_simulator, _token(paypal_back))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_post(client, delivery).json()["status"] == "accepted"

    assert [c["status"] for c in _captures_at_paypal(_token(paypal_back))] == ["REFUNDED"]
    assert PayPalRefund.objects.get().reason == "lapsed"
    line = order.lines.select_related("stockrecord").get()
    assert line.status == LineStatus.EXPIRED and line.stockrecord.num_allocated == allocated
    [buyer] = _buyer_mails(order)
    assert "50.00" in buyer.subject
    assert _staff_mails(settings)
    # Coming back from PayPal now, the buyer is not told the payment is complete.
    reply = client.get(paypal_back, follow=True)
    assert "payment is complete" not in reply.content.decode()


def test_the_same_webhook_twice_refunds_once(client, paypal_simulator, order, django_capture_on_commit_callbacks):
    _buyer_session(client, order)
    paypal_back = _approve(paypal_simulator, _pay(client, order))
    lifecycle.order_release(order=order, status=LineStatus.EXPIRED)
    delivery = _paypal_captures_anyway(paypal_simulator, _token(paypal_back))
    event_id = json.loads(delivery["body"])["id"]

    with django_capture_on_commit_callbacks(execute=True):
        first = webhook_post(client, delivery)
        again = webhook_post(client, delivery)
        resigned = webhook_post(client, paypal_simulator.signed_delivery(event_id)["delivery"])

    assert [r.json()["status"] for r in (first, again, resigned)] == ["accepted", "duplicate", "duplicate"]
    assert PayPalRefund.objects.count() == 1
    assert PayPalTransaction.objects.filter(path__endswith="/refund").count() == 1
    assert [c["status"] for c in _captures_at_paypal(_token(paypal_back))] == ["REFUNDED"]
    assert len(_buyer_mails(order)) == 1


def test_refund_waits_while_paypal_is_down_alerts_staff_and_the_periodic_job_sends_it(
    client, paypal_simulator, order, settings, django_capture_on_commit_callbacks
):
    _buyer_session(client, order)
    paypal_back = _approve(paypal_simulator, _pay(client, order))
    lifecycle.order_release(order=order, status=LineStatus.EXPIRED)
    delivery = _paypal_captures_anyway(paypal_simulator, _token(paypal_back))
    webhook_post(client, delivery)  # the refund is sent once the webhook commits: here, below, with PayPal down
    refund = PayPalRefund.objects.get()
    simulator_url = settings.PAYPAL_SIMULATOR_URL
    settings.PAYPAL_SIMULATOR_URL = "http://127.0.0.1:9"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert paypal_refund_send(refund_id=refund.pk).status == "PENDING"

    assert [m.subject for m in _staff_mails(settings)] == [f"[CNN PayPal] PayPal refund {refund.request_id} waiting"]
    assert not _buyer_mails(order)
    settings.PAYPAL_SIMULATOR_URL = simulator_url
    with django_capture_on_commit_callbacks(execute=True):
        assert paypal_refunds_retry() == [refund.pk]
    assert [c["status"] for c in _captures_at_paypal(_token(paypal_back))] == ["REFUNDED"]
    assert "has been refunded" in _buyer_mails(order)[0].body


def test_simulator_refund_rules_partial_then_rest_and_idempotent_by_request_id(paypal_simulator, order):
    from shop.paypal.gateway import PayPalError

    token = _token(paypal_order_create(order=order, return_url=RETURN_URL, cancel_url=CANCEL_URL))
    paypal_simulator.approve(token)
    capture_id = gateway.order_capture(paypal_order_id=token)["purchase_units"][0]["payments"]["captures"][0]["id"]
    part = {"currency_code": order.currency, "value": "20.00"}

    first = gateway.capture_refund(capture_id=capture_id, request_id="r-1", amount=part)
    repeated = gateway.capture_refund(capture_id=capture_id, request_id="r-1", amount=part)

    assert first["id"] == repeated["id"] and first["status"] == "COMPLETED"
    assert first["amount"] == part
    assert {link["rel"] for link in first["links"]} == {"self", "up"}
    assert _captures_at_paypal(token)[0]["status"] == "PARTIALLY_REFUNDED"
    with pytest.raises(PayPalError) as exceeded:
        gateway.capture_refund(
            capture_id=capture_id, request_id="r-2", amount={"currency_code": order.currency, "value": "30.01"}
        )
    assert exceeded.value.issue == "REFUND_AMOUNT_EXCEEDED"
    rest = gateway.capture_refund(capture_id=capture_id, request_id="r-3")
    assert rest["amount"]["value"] == "30.00"
    assert _captures_at_paypal(token)[0]["status"] == "REFUNDED"
    with pytest.raises(PayPalError) as again:
        gateway.capture_refund(capture_id=capture_id, request_id="r-4")
    assert again.value.issue == "CAPTURE_FULLY_REFUNDED"
