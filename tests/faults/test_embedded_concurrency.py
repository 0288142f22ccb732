"""The embedded default (`make run`: SQLite, eager tasks, simulators) under concurrent buyers, over HTTP.

Runs on SQLite and on PostgreSQL: a threaded live server, the PayPal simulator delivering its webhooks to
the site while the buyer's return page captures the same payment, the registry simulator cancelling.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail

from shop.fulfilment.models import Certificate
from shop.order.models import Line, LineStatus
from shop.paypal.facade import paypal_order_create
from shop.paypal.models import PayPalCapture, PayPalOrder, PayPalWebhookEvent
from simulators.paypal.app import PayPalSimulator
from tests.factories.fulfilment import make_order, make_simulated_offer
from tests.factories.shop import ensure_country
from tests.faults.checks import registry_check_each_line_cancelled_once, wait_until
from tests.faults.test_oversell import Buyer, url

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

BUYERS = 5
CONFIRMED = ("your payment is complete", "being confirmed")


@pytest.fixture
def webhook_replies(monkeypatch):
    """The HTTP status of every webhook the PayPal simulator delivers to the site."""
    replies: list = []
    deliver = PayPalSimulator._deliver

    def recording(self, record, webhook_url):
        delivery = deliver(self, record, webhook_url)
        replies.append(delivery["status"])
        return delivery

    monkeypatch.setattr(PayPalSimulator, "_deliver", recording)
    return replies


@pytest.fixture
def paypal_offer(registry_simulator):
    """20 CERs held in the registry simulator, from a provider paid by PayPal."""
    ensure_country()
    offer = make_simulated_offer(registry_simulator, units=20)
    partner = offer.stockrecords.get().partner
    partner.paypal_email = "payee@example.org"
    partner.save()
    return offer


def _webhooks_to(paypal_simulator, site_server):
    paypal_simulator.configure(webhook_url=f"{site_server}/paypal/webhook/")


def _approve(approve_url: str) -> str:
    """The buyer approves at PayPal; returns the URL PayPal sends them back to."""
    token = parse_qs(urlsplit(approve_url).query)["token"][0]
    reply = requests.post(
        approve_url.split("?")[0],
        data={"token": token, "action": "approve", "outcome": "completed", "funding": "paypal"},
        allow_redirects=False,
        timeout=60,
    )
    assert reply.status_code == 303, reply.text[:300]
    return reply.headers["Location"]


def _thank_you_text(http: requests.Session, server: str, reply: requests.Response) -> str:
    assert reply.status_code == 302, f"the return page answered {reply.status_code}: {reply.text[:300]}"
    assert reply.headers["Location"].endswith(url("checkout:thank-you"))
    page = http.get(server + reply.headers["Location"], timeout=60)
    assert page.status_code == 200
    return page.text


def test_return_page_and_webhook_for_the_same_capture_apply_it_once(
    site_server, paypal_simulator, registry_simulator, paypal_offer, webhook_replies
):
    """PayPal's webhook arrives while the buyer's return page is still recording the same capture."""
    _webhooks_to(paypal_simulator, site_server)
    rounds = 3
    orders = [make_order(items=[(paypal_offer, 2)], email=f"racer{n}@example.org") for n in range(rounds)]
    for order in orders:
        back = _approve(
            paypal_order_create(
                order=order, return_url=f"{site_server}/paypal/return/", cancel_url=f"{site_server}/paypal/cancel/"
            )
        )
        session = SessionStore()
        session["checkout_order_id"] = order.pk
        session.save()
        http = requests.Session()
        http.cookies.set(settings.SESSION_COOKIE_NAME, session.session_key)

        # The capture call makes the simulator send its webhook at once, on another thread.
        reply = http.get(back, allow_redirects=False, timeout=60)

        assert any(text in _thank_you_text(http, site_server, reply) for text in CONFIRMED)

    lines = list(Line.objects.filter(order__in=orders).select_related("order"))
    wait_until(
        lambda: Certificate.objects.filter(line__in=lines, emailed_at__isnull=False).count() == rounds,
        timeout=60,
        what="every line to be certified",
    )
    wait_until(lambda: len(webhook_replies) == rounds, timeout=30, what="the webhooks to be answered")
    assert webhook_replies == [200] * rounds
    assert PayPalCapture.objects.count() == rounds
    assert set(PayPalCapture.objects.values_list("status", flat=True)) == {PayPalCapture.Status.COMPLETED}
    assert PayPalWebhookEvent.objects.count() == rounds
    assert set(Line.objects.filter(order__in=orders).values_list("status", flat=True)) == {LineStatus.CANCELLED}
    assert Certificate.objects.count() == rounds
    registry_check_each_line_cancelled_once(registry_simulator.registry, lines)
    certificates = [message for message in mail.outbox if message.attachments]
    assert sorted(message.to[0] for message in certificates) == sorted(order.email for order in orders)
    record = paypal_offer.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (20 - 2 * rounds, 0)


class PayPalBuyer(Buyer):
    """A guest who fills the basket, checks out and pays by PayPal; every answer is kept."""

    def __init__(self, server: str, number: int):
        super().__init__(server, number)
        self.thank_you = ""

    def step(self, barrier: threading.Barrier, product_id: int) -> None:
        barrier.wait(timeout=60)
        self.fill_basket_and_details(product_id)
        barrier.wait(timeout=120)
        self.place_order()
        assert self.outcome == "ordered", self.outcome
        barrier.wait(timeout=120)
        approve_url = self.post(url("paypal:pay"), {"funding": "paypal"}).headers["Location"]
        back = _approve(approve_url)
        barrier.wait(timeout=120)
        reply = self.http.get(back, allow_redirects=False, timeout=120)
        self.thank_you = _thank_you_text(self.http, self.server, reply)


def test_five_guests_buy_at_the_same_moment_and_all_get_their_certificates(
    site_server, paypal_simulator, registry_simulator, paypal_offer, webhook_replies
):
    _webhooks_to(paypal_simulator, site_server)
    buyers = [PayPalBuyer(site_server, number) for number in range(BUYERS)]
    barrier = threading.Barrier(BUYERS)

    with ThreadPoolExecutor(BUYERS) as pool:
        # Each step of the five buyers starts at the same moment; any 500 fails the buyer's step.
        list(pool.map(lambda buyer: buyer.step(barrier, paypal_offer.pk), buyers))

    for buyer in buyers:
        assert any(text in buyer.thank_you for text in CONFIRMED), buyer.email
    wait_until(
        lambda: Certificate.objects.filter(emailed_at__isnull=False).count() == BUYERS,
        timeout=90,
        what="the five certificates to be emailed",
    )
    wait_until(lambda: len(webhook_replies) == BUYERS, timeout=30, what="the webhooks to be answered")
    assert webhook_replies == [200] * BUYERS
    assert PayPalOrder.objects.filter(status=PayPalOrder.Status.CAPTURED).count() == BUYERS
    assert set(Line.objects.values_list("status", flat=True)) == {LineStatus.CANCELLED}
    certificates = [message for message in mail.outbox if message.attachments]
    assert sorted(message.to[0] for message in certificates) == sorted(buyer.email for buyer in buyers)
    registry_check_each_line_cancelled_once(registry_simulator.registry, list(Line.objects.select_related("order")))
