"""Issue 15: an anonymous POST to the PayPal webhook cannot make the site store megabytes, nor answer 500."""

import json

import pytest

from shop.paypal import gateway
from shop.paypal.models import PayPalCapture, PayPalTransaction, PayPalWebhookEvent
from tests.factories.paypal import webhook_post

pytestmark = pytest.mark.django_db

FORGED_HEADERS = {
    "PAYPAL-AUTH-ALGO": "SHA256withRSA",
    "PAYPAL-CERT-URL": "https://api.paypal.com/v1/notifications/certs/CERT-360caa42",
    "PAYPAL-TRANSMISSION-ID": "b2384410-f8d2-11e8-8fb4-1b97c5b3a2a5",
    "PAYPAL-TRANSMISSION-SIG": "c2lnbmVkIGJ5IG1l",
    "PAYPAL-TRANSMISSION-TIME": "2026-01-01T00:00:00Z",
}


def forged_event(padding: int = 0, amount="25.00") -> str:
    return json.dumps(
        {
            "id": "WH-FORGED-1",
            "event_type": "PAYMENT.CAPTURE.COMPLETED",
            "resource": {"id": "CAPTURE-1", "amount": {"currency_code": "USD", "value": amount}, "pad": "x" * padding},
        }
    )


def test_a_2_mb_forged_webhook_is_refused_before_anything_is_stored(client, paypal_simulator):
    reply = webhook_post(client, {"body": forged_event(padding=2 * 1024 * 1024), "headers": FORGED_HEADERS})

    assert reply.status_code == 413
    assert not PayPalTransaction.objects.exists()
    assert not PayPalWebhookEvent.objects.exists()


def test_a_failed_verification_keeps_only_an_excerpt(client, paypal_simulator):
    reply = webhook_post(client, {"body": forged_event(padding=60 * 1024), "headers": FORGED_HEADERS})

    assert reply.status_code == 400
    assert not PayPalWebhookEvent.objects.exists()
    logged = PayPalTransaction.objects.get(path="/v1/notifications/verify-webhook-signature")
    assert len(logged.request_body) <= gateway.WEBHOOK_LOG_EXCERPT_CHARS


def test_deeply_nested_json_is_a_400_not_a_500(client):
    for body in ("[" * 50_000, "[" * 30_000 + "]" * 30_000, '{"a":' * 20_000):
        reply = webhook_post(client, {"body": body, "headers": FORGED_HEADERS})
        assert reply.status_code in (400, 413), reply.status_code
    assert webhook_post(client, {"body": "[" * 50_000, "headers": FORGED_HEADERS}).status_code == 400


@pytest.mark.parametrize("amount", ["NaN", "1e400", "-Infinity", "sNaN", "1e11"])
def test_a_webhook_with_a_nonsense_amount_is_a_400(client, monkeypatch, amount):
    # Even an event PayPal vouched for (say, a compromised or buggy sender) must not crash the endpoint.
    monkeypatch.setattr(gateway, "webhook_signature_verify", lambda **kwargs: True)
    reply = webhook_post(client, {"body": forged_event(amount=amount), "headers": FORGED_HEADERS})
    assert reply.status_code == 400
    assert not PayPalCapture.objects.exists()
    assert not PayPalWebhookEvent.objects.exists()


@pytest.mark.parametrize("amount", ["NaN", "1e400", "Infinity"])
def test_a_capture_with_a_nonsense_amount_is_recorded_for_review_not_a_500(amount):
    from shop.paypal.services import paypal_capture_record

    record, created = paypal_capture_record(
        capture={"id": f"CAP-{amount}", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": amount}},
        paypal_order_id="ORDER-1",
        reference_id="1",
    )
    assert created and record.amount == 0  # matches no order's amount: staff review it
