"""PayPal delivers the same webhook 50 times at once, over HTTP, to the running site: one state change."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core import mail

from registry.services import cancellation_idempotency_key
from shop.fulfilment.models import Certificate, LineFulfilment
from shop.order.models import Line, LineStatus
from shop.paypal.facade import paypal_order_capture, paypal_order_create
from shop.paypal.models import PayPalCapture, PayPalOrder, PayPalWebhookEvent
from tests.factories.fulfilment import make_order, make_simulated_offer
from tests.factories.shop import ensure_country
from tests.faults.checks import wait_until

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

DELIVERIES = 50


def _order_paid_by_echeck(paypal_simulator, registry_simulator):
    """An order of 3 CERs paid by eCheck: PayPal holds the capture PENDING, the line still awaits payment."""
    ensure_country()
    offer = make_simulated_offer(registry_simulator, units=20)
    partner = offer.stockrecords.get().partner
    partner.paypal_email = "payee@example.org"
    partner.save()
    order = make_order(items=[(offer, 3)])
    paypal_order_create(order=order, return_url="http://testserver/r/", cancel_url="http://testserver/c/")
    token = PayPalOrder.objects.get(order=order).paypal_order_id
    paypal_simulator.approve(token, outcome="pending")
    assert paypal_order_capture(order=order, token=token).status == "pending"
    return order, offer


def test_same_webhook_delivered_50_times_at_once_pays_and_fulfils_once(
    site_server, paypal_simulator, registry_simulator, broker, request
):
    order, offer = _order_paid_by_echeck(paypal_simulator, registry_simulator)
    line = order.lines.get()
    capture = PayPalCapture.objects.get(paypal_order_id=PayPalOrder.objects.get(order=order).paypal_order_id)
    delivery = paypal_simulator.capture_action(capture.capture_id, "complete")["delivery"]
    barrier = threading.Barrier(DELIVERIES)

    def deliver(_):
        barrier.wait(timeout=60)
        reply = requests.post(
            f"{site_server}/paypal/webhook/",
            data=delivery["body"].encode(),
            headers=delivery["headers"],
            timeout=60,
        )
        return reply.status_code, reply.json()["status"] if reply.status_code == 200 else reply.text[:200]

    with ThreadPoolExecutor(DELIVERIES) as pool:
        replies = list(pool.map(deliver, range(DELIVERIES)))

    assert sorted(replies) == [(200, "accepted")] + [(200, "duplicate")] * (DELIVERIES - 1)
    assert PayPalWebhookEvent.objects.get(event_type="PAYMENT.CAPTURE.COMPLETED").deliveries == DELIVERIES
    assert PayPalCapture.objects.count() == 1
    capture.refresh_from_db()
    assert capture.status == PayPalCapture.Status.COMPLETED
    assert Line.objects.get(pk=line.pk).status == LineStatus.PAID
    # One fulfilment task was queued for the line, not one per delivery.
    assert broker.waiting() == [{"task": "shop.fulfilment.tasks.line_fulfil_task", "args": [line.pk]}]

    request.getfixturevalue("thread_worker")
    wait_until(
        lambda: Certificate.objects.filter(line=line, emailed_at__isnull=False).exists(),
        timeout=60,
        what="the worker to fulfil the line",
    )

    assert Line.objects.get(pk=line.pk).status == LineStatus.CANCELLED
    assert LineFulfilment.objects.get(line=line).attempts == 1
    transactions = registry_simulator.registry.transactions()
    assert [(t["idempotency_key"], t["quantity"]) for t in transactions] == [
        (cancellation_idempotency_key(order_number=order.number, line_id=line.pk), 3)
    ]
    assert Certificate.objects.get(line=line).transaction_id == transactions[0]["transaction_id"]
    # One certificate email (with the PDF), beside the order confirmation sent when the order was placed.
    assert len([m for m in mail.outbox if m.to == ["buyer@example.org"] and m.attachments]) == 1
    record = offer.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (17, 0)
