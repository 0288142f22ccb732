"""200 buyers check out at the same moment for a block of 50 CERs, over HTTP: 50 sold, never more."""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests
from django.urls import reverse
from django.utils import translation

from tests.factories.shop import ensure_country, make_offer, make_provider

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

BUYERS = 200
UNITS_ON_OFFER = 50
# Client threads; the live server answers each request on its own thread and database connection,
# so this also bounds the connections taken from PostgreSQL (max_connections 100, shared with others).
CLIENT_THREADS = 40

SOLD_OUT_MESSAGES = ("Only 0 CERs of", "This offer has no CERs left.")

DETAILS = {
    "buyer_kind": "individual",
    "organization_name": "",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Ada Lovelace",
    "line2": "1 Climate Street",
    "line4": "Bonn",
    "postcode": "53113",
    "country": "DE",
    "certificate_name": "",
    "reason": "own",
    "reason_own_text": "Offsetting my flights",
    "confirm_adult": "on",
    "accept_terms": "on",
}


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


class Buyer:
    """A browser: its own cookies (session, basket, CSRF) and the answers it got."""

    def __init__(self, server: str, number: int):
        self.server = server
        self.email = f"buyer{number}@example.org"
        self.http = requests.Session()
        # The CSRF secret a browser gets in its first page's cookie and sends back with each form.
        token = secrets.token_hex(16)
        self.http.cookies.set("csrftoken", token)
        self.http.headers.update({"X-CSRFToken": token, "Referer": server + "/"})
        self.outcome = ""
        self.basket_page = ""

    def post(self, path: str, data: dict) -> requests.Response:
        response = self.http.post(self.server + path, data=data, allow_redirects=False, timeout=60)
        assert response.status_code == 302, f"{path} answered {response.status_code} to {self.email}"
        return response

    def fill_basket_and_details(self, product_id: int) -> None:
        self.post(url("basket:add", pk=product_id), {"quantity": 1})
        reply = self.post(url("checkout:index"), {"username": self.email, "options": "anonymous"})
        assert reply.headers["Location"].endswith(url("checkout:details"))
        reply = self.post(url("checkout:details"), DETAILS)
        assert reply.headers["Location"].endswith(url("checkout:preview"))

    def place_order(self) -> None:
        location = self.post(url("checkout:preview"), {}).headers["Location"]
        if location.endswith(url("checkout:thank-you")):
            self.outcome = "ordered"
        elif location.endswith(url("basket:summary")):
            self.outcome = "refused"
            self.basket_page = self.http.get(self.server + location, timeout=60).text
        else:
            self.outcome = location


def test_200_buyers_racing_for_50_cers_buy_exactly_50(site_server):
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    ensure_country()
    offer = make_offer(provider=make_provider(name="Andes Hydro"), quantity=UNITS_ON_OFFER, price=Decimal("10.00"))
    buyers = [Buyer(site_server, number) for number in range(BUYERS)]

    # Every buyer has 1 CER in the basket and their details entered: all 200 are one click from ordering.
    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        list(pool.map(lambda buyer: buyer.fill_basket_and_details(offer.pk), buyers))

    barrier = threading.Barrier(CLIENT_THREADS)

    def click_place_order(first: int) -> None:
        barrier.wait(timeout=60)
        for buyer in buyers[first::CLIENT_THREADS]:
            buyer.place_order()

    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        list(pool.map(click_place_order, range(CLIENT_THREADS)))

    outcomes = [buyer.outcome for buyer in buyers]
    assert outcomes.count("ordered") == UNITS_ON_OFFER
    assert outcomes.count("refused") == BUYERS - UNITS_ON_OFFER
    # Each loser is back at the basket, told that no CER is left (by the stock check under lock, or, when
    # the stock was already gone as the request came in, by the checkout's own basket check).
    for buyer in buyers:
        if buyer.outcome == "refused":
            assert any(message in buyer.basket_page for message in SOLD_OUT_MESSAGES), buyer.email
    record = offer.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (UNITS_ON_OFFER, UNITS_ON_OFFER)
    assert Order.objects.count() == UNITS_ON_OFFER
    assert sorted(Order.objects.values_list("guest_email", flat=True)) == sorted(
        buyer.email for buyer in buyers if buyer.outcome == "ordered"
    )
    assert set(Line.objects.values_list("quantity", flat=True)) == {1}
