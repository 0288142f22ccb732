"""PayPal test fixtures: a simulator on a loopback port per test, and its controls."""

import pytest
import requests
from django.test.utils import override_settings

from simulators.paypal.server import RunningSimulator, simulator_from_settings


@pytest.fixture(scope="session", autouse=True)
def _paypal_simulator_isolated(tmp_path_factory):
    """No test writes var/paypal-simulator.json or sends webhooks to a developer's running site."""
    state = tmp_path_factory.mktemp("paypal") / "embedded-simulator.json"
    with override_settings(PAYPAL_SIMULATOR_WEBHOOK_URL="", PAYPAL_SIMULATOR_STATE_FILE=str(state)):
        yield


class SimulatorControl:
    """The simulator's own /_simulator/ controls, over HTTP."""

    def __init__(self, url: str):
        self.url = url

    def _post(self, path: str, payload: dict | None = None) -> dict:
        response = requests.post(f"{self.url}{path}", json=payload or {}, timeout=10)
        response.raise_for_status()
        return response.json()

    def approve(self, paypal_order_id: str, *, outcome: str = "completed", funding: str = "paypal") -> dict:
        return self._post(f"/_simulator/orders/{paypal_order_id}/approve", {"outcome": outcome, "funding": funding})

    def configure(self, **config) -> dict:
        return self._post("/_simulator/config", config)

    def capture_action(self, capture_id: str, action: str, *, webhook_url: str = "") -> dict:
        """complete / deny / refund; returns the signed delivery (sent when webhook_url is given)."""
        return self._post(
            f"/_simulator/captures/{capture_id}/{action}", {"deliver": bool(webhook_url), "webhook_url": webhook_url}
        )

    def signed_delivery(self, event_id: str) -> dict:
        """The event signed anew, as PayPal would redeliver it, without sending it."""
        return self._post(f"/_simulator/events/{event_id}/deliver", {"deliver": False})

    def events(self) -> list:
        return requests.get(f"{self.url}/_simulator/events", timeout=10).json()["events"]


@pytest.fixture
def paypal_simulator(settings, tmp_path):
    """A fresh simulator on a free port; the site's gateway talks to it through the real SDK."""
    from shop.paypal import gateway

    running = RunningSimulator(simulator_from_settings(state_file=str(tmp_path / "paypal.json"), webhook_url=""))
    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_SIMULATOR_URL = running.url
    # A new PayPal knows none of the tokens earlier tests' clients hold (its port may be an earlier one's).
    gateway._clients.clear()
    yield SimulatorControl(running.url)
    running.stop()
    gateway._clients.clear()


def webhook_post(client, delivery: dict):
    """Post a signed delivery to the site's webhook endpoint as PayPal does."""
    return client.generic(
        "POST",
        "/paypal/webhook/",
        delivery["body"].encode(),
        content_type="application/json",
        headers={k: v for k, v in delivery["headers"].items() if k != "Content-Type"},
    )
