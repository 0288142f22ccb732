"""`manage.py run_paypal_simulator`: a standalone simulator the site reaches through PAYPAL_SIMULATOR_URL."""

import io
import socket
import threading
import time

import pytest
import requests
from django.core.management import call_command

from shop.paypal import gateway

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_paypal_simulator_serves_the_sdk(settings, tmp_path):
    settings.PAYPAL_SIMULATOR_STATE_FILE = str(tmp_path / "state.json")
    port = _free_port()
    # The command serves forever: on a daemon thread it ends with the test process.
    threading.Thread(
        target=call_command,
        args=("run_paypal_simulator", "--port", str(port)),
        kwargs={"stdout": io.StringIO()},
        daemon=True,
    ).start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            requests.get(f"{url}/_simulator/events", timeout=1)
            break
        except requests.ConnectionError:
            assert time.monotonic() < deadline, "the simulator did not start"
            time.sleep(0.05)
    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_SIMULATOR_URL = url

    order = gateway.order_create(
        body={"intent": "CAPTURE", "purchase_units": [{"amount": {"currency_code": "EUR", "value": "9.99"}}]}
    )

    assert order["status"] == "CREATED"
    assert gateway.approve_url(order).startswith(f"{url}/checkoutnow?token=")
