"""Webhooks: trusted only when PayPal's verify API vouches for them; each event acts once."""

import json

import pytest
import requests

from shop.paypal import gateway
from shop.paypal.models import PayPalCapture, PayPalWebhookEvent
from shop.paypal.services import paypal_capture_record
from tests.factories.paypal import webhook_post

pytestmark = pytest.mark.django_db


def _pending_capture(simulator) -> PayPalCapture:
    """A buyer paid by eCheck: the capture is PENDING, and PayPal has sent PAYMENT.CAPTURE.PENDING."""
    order = gateway.order_create(
        body={
            "intent": "CAPTURE",
            "purchase_units": [
                {
                    "reference_id": "provider-1",
                    "payee": {"email_address": "payee@example.org"},
                    "amount": {"currency_code": "USD", "value": "25.00"},
                }
            ],
        }
    )
    simulator.approve(order["id"], outcome="pending")
    unit = gateway.order_capture(paypal_order_id=order["id"])["purchase_units"][0]
    capture, _ = paypal_capture_record(
        capture=unit["payments"]["captures"][0], paypal_order_id=order["id"], reference_id=unit["reference_id"]
    )
    return capture


def _event_delivery(simulator, event_type: str) -> dict:
    event = next(e for e in simulator.events() if e["event_type"] == event_type)
    return simulator.signed_delivery(event["id"])["delivery"]


def test_pending_capture_completes_when_the_verified_webhook_arrives(client, paypal_simulator):
    capture = _pending_capture(paypal_simulator)
    assert webhook_post(client, _event_delivery(paypal_simulator, "PAYMENT.CAPTURE.PENDING")).status_code == 200
    capture.refresh_from_db()
    assert capture.status == "PENDING" and capture.status_reason == "ECHECK"

    completed = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    reply = webhook_post(client, completed)

    assert reply.status_code == 200 and reply.json()["status"] == "accepted"
    capture.refresh_from_db()
    assert capture.status == "COMPLETED"
    event = PayPalWebhookEvent.objects.get(event_type="PAYMENT.CAPTURE.COMPLETED")
    assert event.resource_id == capture.capture_id and event.paypal_order_id == capture.paypal_order_id


def test_denied_echeck_marks_the_capture_declined(client, paypal_simulator):
    capture = _pending_capture(paypal_simulator)

    reply = webhook_post(client, paypal_simulator.capture_action(capture.capture_id, "deny")["delivery"])

    assert reply.status_code == 200
    capture.refresh_from_db()
    assert capture.status == "DECLINED"


def test_same_event_delivered_50_times_changes_state_once(client, paypal_simulator):
    capture = _pending_capture(paypal_simulator)
    completed = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]

    replies = [webhook_post(client, completed) for _ in range(50)]

    assert [r.status_code for r in replies] == [200] * 50
    assert [r.json()["status"] for r in replies] == ["accepted"] + ["duplicate"] * 49
    event = PayPalWebhookEvent.objects.get(event_type="PAYMENT.CAPTURE.COMPLETED")
    assert event.deliveries == 50
    capture.refresh_from_db()
    assert capture.status == "COMPLETED"


def test_replayed_old_event_does_not_undo_a_refund(client, paypal_simulator):
    capture = _pending_capture(paypal_simulator)
    completed = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    webhook_post(client, completed)
    refunded = paypal_simulator.capture_action(capture.capture_id, "refund")["delivery"]
    assert webhook_post(client, refunded).status_code == 200

    # Re-signed by PayPal (a genuine redelivery) or replayed as captured: either way nothing changes.
    event_id = json.loads(completed["body"])["id"]
    assert webhook_post(client, paypal_simulator.signed_delivery(event_id)["delivery"]).json()["status"] == "duplicate"
    assert webhook_post(client, completed).json()["status"] == "duplicate"
    capture.refresh_from_db()
    assert capture.status == "REFUNDED"


def test_forged_amount_is_refused_and_changes_nothing(client, paypal_simulator):
    capture = _pending_capture(paypal_simulator)
    delivery = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    event = json.loads(delivery["body"])
    event["resource"]["amount"]["value"] = "2500.00"

    reply = webhook_post(client, {**delivery, "body": json.dumps(event)})

    assert reply.status_code == 400
    assert not PayPalWebhookEvent.objects.exists()
    capture.refresh_from_db()
    assert capture.status == "PENDING"


def test_forged_event_with_invented_signature_is_refused(client, paypal_simulator):
    capture = _pending_capture(paypal_simulator)
    delivery = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    headers = {**delivery["headers"], "PAYPAL-TRANSMISSION-SIG": "c2lnbmVkIGJ5IG1l"}

    assert webhook_post(client, {**delivery, "headers": headers}).status_code == 400
    assert not PayPalWebhookEvent.objects.exists()


@pytest.mark.parametrize(
    "missing", ["PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-ID", "PAYPAL-CERT-URL", "PAYPAL-AUTH-ALGO"]
)
def test_event_without_paypal_headers_is_refused(client, paypal_simulator, missing):
    capture = _pending_capture(paypal_simulator)
    delivery = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    headers = {k: v for k, v in delivery["headers"].items() if k != missing}

    assert webhook_post(client, {**delivery, "headers": headers}).status_code == 400
    assert not PayPalWebhookEvent.objects.exists()


def test_event_signed_for_another_webhook_is_refused(client, paypal_simulator, settings):
    capture = _pending_capture(paypal_simulator)
    delivery = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    settings.PAYPAL_WEBHOOK_ID = "someone-elses-webhook"

    assert webhook_post(client, delivery).status_code == 400
    assert not PayPalWebhookEvent.objects.exists()


@pytest.mark.parametrize(
    "body", ["not json", "[1, 2]", '{"id": "WH-1"}', '{"id": "WH-1", "event_type": "X", "resource": 3}']
)
def test_unparsable_event_is_refused(client, paypal_simulator, body):
    reply = webhook_post(client, {"body": body, "headers": {"PAYPAL-TRANSMISSION-ID": "x"}})

    assert reply.status_code == 400
    assert not PayPalWebhookEvent.objects.exists()


def test_event_is_not_trusted_while_paypal_cannot_be_asked(client, paypal_simulator, settings):
    capture = _pending_capture(paypal_simulator)
    delivery = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    settings.PAYPAL_SIMULATOR_URL = "http://127.0.0.1:9"

    assert webhook_post(client, delivery).status_code == 503
    assert not PayPalWebhookEvent.objects.exists()
    capture.refresh_from_db()
    assert capture.status == "PENDING"


def test_webhook_answers_only_post(client):
    assert client.get("/paypal/webhook/").status_code == 405


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simulator_delivers_signed_webhook_to_the_running_site(live_server, paypal_simulator):
    capture = _pending_capture(paypal_simulator)

    reply = paypal_simulator.capture_action(
        capture.capture_id, "complete", webhook_url=f"{live_server.url}/paypal/webhook/"
    )

    assert reply["delivery"]["status"] == 200
    capture.refresh_from_db()
    assert capture.status == "COMPLETED"
    assert requests.get(f"{live_server.url}/paypal/webhook/", timeout=10).status_code == 405
