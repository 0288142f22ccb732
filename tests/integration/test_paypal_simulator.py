"""The real PayPal SDK against the simulator over HTTP: create, approve, cancel, capture, errors, timeout."""

import json
import threading
import time
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from shop.paypal import gateway
from shop.paypal.gateway import PayPalError, PayPalUnavailable
from shop.paypal.models import PayPalTransaction
from simulators.paypal.server import RunningSimulator, simulator_from_settings

pytestmark = pytest.mark.django_db

RETURN_URL = "https://shop.example/en/shop/checkout/paypal/return/?basket=7"
CANCEL_URL = "https://shop.example/en/shop/checkout/paypal/cancel/"


def _order_body(*units):
    return {
        "intent": "CAPTURE",
        "purchase_units": list(units)
        or [
            {
                "reference_id": "provider-1",
                "payee": {"merchant_id": "MERCHANTA0001"},
                "amount": {"currency_code": "USD", "value": "120.50"},
                "description": "CERs from Project A: 50 t CO2e",
            },
            {
                "reference_id": "provider-2",
                "payee": {"email_address": "payments@provider-b.example"},
                "amount": {"currency_code": "USD", "value": "30.00"},
                "description": "CERs from Project B: 10 t CO2e",
            },
        ],
        "application_context": {
            "return_url": RETURN_URL,
            "cancel_url": CANCEL_URL,
            "brand_name": "Climate Neutral Now",
        },
    }


def _approve_on_page(order, **form):
    """The buyer's browser: open the approval link, submit the form, follow nothing."""
    page = requests.get(gateway.approve_url(order), timeout=10)
    assert page.status_code == 200
    data = {"token": order["id"], "action": "approve", "funding": "paypal", "outcome": "completed", **form}
    return requests.post(gateway.approve_url(order).split("?")[0], data=data, allow_redirects=False, timeout=10)


def test_order_created_with_one_purchase_unit_per_payee_and_approve_link(paypal_simulator):
    order = gateway.order_create(body=_order_body())

    assert order["status"] == "CREATED"
    page = requests.get(gateway.approve_url(order), timeout=10)
    assert page.status_code == 200
    assert "MERCHANTA0001" in page.text and "payments@provider-b.example" in page.text
    assert "120.50 USD" in page.text and "CERs from Project B: 10 t CO2e" in page.text
    fetched = gateway.order_get(paypal_order_id=order["id"])
    assert [u["reference_id"] for u in fetched["purchase_units"]] == ["provider-1", "provider-2"]


def test_every_call_is_logged_without_the_access_token(paypal_simulator):
    order = gateway.order_create(body=_order_body())

    logs = list(PayPalTransaction.objects.order_by("id"))
    assert [(log.method, log.path) for log in logs] == [("POST", "/v1/oauth2/token"), ("POST", "/v2/checkout/orders")]
    token_log, create_log = logs
    assert token_log.response_status == 200
    assert json.loads(token_log.response_body)["access_token"] == "[redacted]"
    assert "A21AA" not in token_log.response_body
    assert create_log.response_status == 201 and create_log.paypal_order_id == order["id"]
    assert json.loads(create_log.request_body)["purchase_units"][0]["amount"] == {
        "currency_code": "USD",
        "value": "120.50",
    }


def test_buyer_approves_and_capture_completes_each_unit(paypal_simulator):
    order = gateway.order_create(body=_order_body())

    reply = _approve_on_page(order)

    assert reply.status_code == 303
    location = urlsplit(reply.headers["Location"])
    assert location.path == "/en/shop/checkout/paypal/return/"
    query = parse_qs(location.query)
    assert query["token"] == [order["id"]] and query["basket"] == ["7"] and query["PayerID"]
    captured = gateway.order_capture(paypal_order_id=order["id"])
    assert captured["status"] == "COMPLETED"
    captures = [unit["payments"]["captures"][0] for unit in captured["purchase_units"]]
    assert [c["status"] for c in captures] == ["COMPLETED", "COMPLETED"]
    assert [Decimal(c["amount"]["value"]) for c in captures] == [Decimal("120.50"), Decimal("30.00")]
    assert captured["payer"]["payer_id"] == query["PayerID"][0]


def test_buyer_cancels_and_returns_to_cancel_url_and_capture_is_refused(paypal_simulator):
    order = gateway.order_create(body=_order_body())

    reply = _approve_on_page(order, action="cancel")

    assert reply.status_code == 303
    assert reply.headers["Location"] == f"{CANCEL_URL}?token={order['id']}"
    with pytest.raises(PayPalError) as refused:
        gateway.order_capture(paypal_order_id=order["id"])
    assert refused.value.status == 422 and refused.value.issue == "ORDER_NOT_APPROVED"


def test_capture_twice_is_refused_as_already_captured(paypal_simulator):
    order = gateway.order_create(body=_order_body())
    paypal_simulator.approve(order["id"])
    gateway.order_capture(paypal_order_id=order["id"])

    with pytest.raises(PayPalError) as refused:
        gateway.order_capture(paypal_order_id=order["id"])

    assert refused.value.status == 422 and refused.value.issue == "ORDER_ALREADY_CAPTURED"
    assert PayPalTransaction.objects.filter(response_status=422).count() == 1


@pytest.mark.parametrize(("outcome", "status"), [("pending", "PENDING"), ("declined", "DECLINED")])
def test_capture_outcome_chosen_by_buyer(paypal_simulator, outcome, status):
    order = gateway.order_create(body=_order_body())
    _approve_on_page(order, outcome=outcome)

    captured = gateway.order_capture(paypal_order_id=order["id"])

    captures = [unit["payments"]["captures"][0] for unit in captured["purchase_units"]]
    assert {c["status"] for c in captures} == {status}
    if outcome == "pending":
        assert captures[0]["status_details"] == {"reason": "ECHECK"}


def test_guest_card_payment_asks_again_for_a_bad_card_number(paypal_simulator):
    order = gateway.order_create(body=_order_body())

    bad = _approve_on_page(order, funding="card", card_number="4111 1111 1111 1112")
    assert bad.status_code == 200 and "Please enter your card details again." in bad.text
    good = _approve_on_page(order, funding="card", card_number="4111 1111 1111 1111")

    assert good.status_code == 303
    approved = gateway.order_get(paypal_order_id=order["id"])
    assert approved["payment_source"]["card"]["last_digits"] == "1111"


@pytest.mark.parametrize(
    ("unit", "issue"),
    [
        ({"reference_id": "p", "amount": {"currency_code": "USD", "value": "10.005"}}, "INVALID_PARAMETER_SYNTAX"),
        ({"reference_id": "p", "amount": {"currency_code": "USD", "value": 10.5}}, "INVALID_PARAMETER_SYNTAX"),
        ({"reference_id": "p", "amount": {"currency_code": "usd", "value": "10.50"}}, "INVALID_PARAMETER_VALUE"),
        ({"reference_id": "p"}, "MISSING_REQUIRED_PARAMETER"),
    ],
)
def test_malformed_purchase_units_are_refused(paypal_simulator, unit, issue):
    with pytest.raises(PayPalError) as refused:
        gateway.order_create(body=_order_body(unit))

    assert refused.value.status == 400 and refused.value.issue == issue


def test_several_units_need_distinct_reference_ids(paypal_simulator):
    unit = {"reference_id": "same", "amount": {"currency_code": "USD", "value": "1.00"}}

    with pytest.raises(PayPalError) as refused:
        gateway.order_create(body=_order_body(unit, unit))

    assert refused.value.issue == "DUPLICATE_REFERENCE_ID"


def test_unknown_order_is_not_found(paypal_simulator):
    with pytest.raises(PayPalError) as refused:
        gateway.order_get(paypal_order_id="NOSUCHORDER12345")

    assert refused.value.status == 404 and refused.value.name == "RESOURCE_NOT_FOUND"


def test_wrong_client_secret_is_refused(paypal_simulator, settings):
    settings.PAYPAL_CLIENT_SECRET = "not-the-secret"

    with pytest.raises(PayPalError) as refused:
        gateway.order_create(body=_order_body())

    assert refused.value.status == 401
    assert PayPalTransaction.objects.get().path == "/v1/oauth2/token"


def test_slow_paypal_times_out_instead_of_hanging(paypal_simulator, settings):
    settings.PAYPAL_TIMEOUT = 0.3
    gateway.order_create(body=_order_body())  # token fetched before PayPal slows down
    paypal_simulator.configure(delay={"seconds": 2, "count": 1, "path_prefix": "/v2/"})

    started = time.monotonic()
    with pytest.raises(PayPalUnavailable):
        gateway.order_create(body=_order_body())

    assert time.monotonic() - started < 1.5
    log = PayPalTransaction.objects.order_by("-id").first()
    assert log.response_status is None and "Timeout" in log.error and log.path == "/v2/checkout/orders"


def test_unreachable_paypal_is_unavailable(settings):
    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_SIMULATOR_URL = "http://127.0.0.1:9"

    with pytest.raises(PayPalUnavailable):
        gateway.order_create(body=_order_body())


def test_embedded_simulator_starts_once_and_shares_state_between_processes(settings, tmp_path):
    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_SIMULATOR_URL = ""
    urls = []
    threads = [threading.Thread(target=lambda: urls.append(gateway.api_base_url())) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(urls)) == 1 and urls[0].startswith("http://127.0.0.1:")
    order = gateway.order_create(body=_order_body())

    # Another web worker's simulator: same state file, other port; the buyer approves there.
    other = RunningSimulator(simulator_from_settings())
    try:
        page = requests.get(f"{other.url}/checkoutnow?token={order['id']}", timeout=10)
        assert page.status_code == 200
        requests.post(
            f"{other.url}/checkoutnow",
            data={"token": order["id"], "action": "approve"},
            allow_redirects=False,
            timeout=10,
        )
    finally:
        other.stop()
    assert gateway.order_capture(paypal_order_id=order["id"])["status"] == "COMPLETED"


def test_a_revoked_token_is_replaced_once_and_the_call_succeeds(paypal_simulator, settings, tmp_path):
    """PayPal can revoke a token before it expires; the buyer must not see "PayPal could not start this payment"."""
    from simulators.paypal.state import StateFile

    gateway.order_create(body=_order_body())
    with StateFile(tmp_path / "paypal.json").transaction() as state:
        state["tokens"].clear()  # PayPal forgets every token it gave

    order = gateway.order_create(body=_order_body())

    assert order["status"] == "CREATED"
    calls = list(PayPalTransaction.objects.order_by("pk").values_list("path", "response_status"))
    assert calls == [
        ("/v1/oauth2/token", 200),
        ("/v2/checkout/orders", 201),
        ("/v2/checkout/orders", 401),
        ("/v1/oauth2/token", 200),
        ("/v2/checkout/orders", 201),
    ]


def test_bad_credentials_still_fail_after_one_new_token_attempt(paypal_simulator, settings):
    gateway.order_create(body=_order_body())
    settings.PAYPAL_CLIENT_SECRET = "not-the-secret"

    with pytest.raises(PayPalError) as refused:
        gateway.order_create(body=_order_body())

    assert refused.value.status == 401
