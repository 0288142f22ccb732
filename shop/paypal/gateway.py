"""The only module that talks to PayPal: through paypal-checkout-serversdk, over HTTP.

It knows PayPal's REST shapes and nothing about orders or providers (that is facade.py).
Every request and reply is logged to PayPalTransaction with secrets redacted.
Only the SDK's public classes are used (PayPalHttpClient, the environments, the request classes), so moving
to its successor, paypal-server-sdk, changes this file alone.
"""

import contextlib
import copy
import json
import logging
import re
import threading
import time
from collections.abc import Mapping

import requests
from django.conf import settings
from paypalcheckoutsdk.core import (
    AccessTokenRequest,
    LiveEnvironment,
    PayPalEnvironment,
    PayPalHttpClient,
    SandboxEnvironment,
)
from paypalcheckoutsdk.orders import OrdersCaptureRequest, OrdersCreateRequest, OrdersGetRequest
from paypalcheckoutsdk.payments import CapturesRefundRequest
from paypalhttp import HttpError

from core.service_urls import PAYPAL, service_fallback_url

from .models import PayPalTransaction

logger = logging.getLogger(__name__)

REDACTED = "[redacted]"
# Keys whose values never reach the log: credentials, tokens, card data.
SECRET_KEYS = {"access_token", "refresh_token", "id_token", "client_secret", "number", "security_code", "cvv"}
_ORDER_PATH = re.compile(r"/v2/checkout/orders/(?P<id>[A-Za-z0-9]+)")


class PayPalError(Exception):
    """PayPal answered with an error (4xx/5xx JSON with a name and issues)."""

    def __init__(self, status: int, body: dict | str, debug_id: str = ""):
        self.status = status
        self.body = body if isinstance(body, dict) else {"message": str(body)}
        self.name = self.body.get("name") or self.body.get("error", "")
        self.issues = [d.get("issue", "") for d in self.body.get("details", []) if isinstance(d, dict)]
        self.debug_id = debug_id
        super().__init__(f"PayPal {status} {self.name} {','.join(self.issues)} (debug id {debug_id})")

    @property
    def issue(self) -> str:
        return self.issues[0] if self.issues else ""


class PayPalUnavailable(Exception):
    """PayPal did not answer in time, could not be reached, or failed on its side (5xx)."""


class SimulatorEnvironment(PayPalEnvironment):
    """PayPal's API at another base URL: the PayPal simulator's, the same for the API and the approval page."""

    def __init__(self, client_id: str, client_secret: str, base_url: str):
        super().__init__(client_id, client_secret, base_url, base_url)


# How much of a webhook verification request the transaction log keeps (a verified event is stored in full).
WEBHOOK_LOG_EXCERPT_CHARS = 4096


class VerifyWebhookSignatureRequest:
    """POST /v1/notifications/verify-webhook-signature (the SDK has no class for it)."""

    def __init__(self, body: dict):
        self.verb = "POST"
        self.path = "/v1/notifications/verify-webhook-signature"
        self.headers = {"Content-Type": "application/json"}
        self.body = body


def redact(value):
    if isinstance(value, dict):
        return {k: (REDACTED if k in SECRET_KEYS else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _loggable(text: str) -> str:
    try:
        return json.dumps(redact(json.loads(text)), sort_keys=True)
    except (TypeError, ValueError):
        return text or ""


class PayPalClient(PayPalHttpClient):
    """The SDK's public client, sending each request with a timeout (the SDK sets none) and logging it.

    paypalhttp's execute() posts through requests.request() without a timeout; this is that method with the
    timeout of get_timeout() (the SDK's own hook, which it never reads), a kept-alive session and a log row.
    """

    def __init__(self, environment: PayPalEnvironment, *, timeout: float):
        super().__init__(environment)
        self.timeout = timeout
        self.session = requests.Session()
        self.has_token = False

    def get_timeout(self) -> float:
        return self.timeout

    def execute(self, request):
        request = copy.deepcopy(request)
        if not hasattr(request, "headers"):
            request.headers = {}
        # PayPalHttpClient is its own (and our only) injector: SDK headers, and the OAuth token, fetched if needed.
        self(request)
        formatted = self.format_headers(request.headers)
        if "user-agent" not in formatted:
            request.headers["user-agent"] = self.get_user_agent()
        data = None
        if getattr(request, "body", None) is not None:
            raw_headers = request.headers
            request.headers = formatted
            data = self.encoder.serialize_request(request)
            request.headers = self.map_headers(raw_headers, formatted)
        response = self._send(request, data)
        if isinstance(request, AccessTokenRequest):
            self.has_token = True
        return response

    def _send(self, request, data):
        log = PayPalTransaction(
            method=request.verb, path=request.path.rstrip("?")[:255], request_body=_loggable(data or "")
        )
        if isinstance(request, VerifyWebhookSignatureRequest):
            # The event is anyone's POST until PayPal vouches for it: keep only an excerpt of what was asked.
            log.request_body = log.request_body[:WEBHOOK_LOG_EXCERPT_CHARS]
        match = _ORDER_PATH.search(request.path)
        log.paypal_order_id = match["id"] if match else ""
        started = time.monotonic()
        try:
            response = self.session.request(
                method=request.verb,
                url=self.environment.base_url + request.path,
                headers=request.headers,
                data=data,
                timeout=self.get_timeout(),
            )
        except requests.RequestException as exc:
            log.error = f"{type(exc).__name__}: {exc}"[:255]
            log.duration_ms = int((time.monotonic() - started) * 1000)
            _save(log)
            raise PayPalUnavailable(str(exc)) from exc
        log.duration_ms = int((time.monotonic() - started) * 1000)
        log.response_status = response.status_code
        log.response_body = _loggable(response.text)
        log.debug_id = response.headers.get("Paypal-Debug-Id", "")[:64]
        if not log.paypal_order_id and request.path.startswith("/v2/checkout/orders") and response.ok:
            with contextlib.suppress(ValueError):
                log.paypal_order_id = str(response.json().get("id", ""))[:64]
        _save(log)
        if response.status_code >= 500:
            raise PayPalUnavailable(f"PayPal answered {response.status_code}")
        try:
            return self.parse_response(response)
        except HttpError as exc:
            try:
                body = json.loads(exc.message)
            except ValueError:
                body = exc.message
            raise PayPalError(exc.status_code, body, log.debug_id) from None


def _save(log: PayPalTransaction) -> None:
    try:
        log.save()
    except Exception:  # the log must never hide PayPal's answer from the caller
        logger.exception("Could not log PayPal transaction %s %s", log.method, log.path)


_clients: dict = {}
_clients_lock = threading.Lock()


def api_base_url() -> str:
    mode = settings.PAYPAL_MODE
    if mode == "live":
        return PayPalEnvironment.LIVE_API_URL
    if mode == "sandbox":
        return PayPalEnvironment.SANDBOX_API_URL
    if mode != "simulator":
        raise ValueError(f"PAYPAL_MODE must be simulator, sandbox or live, not {mode!r}")
    if not getattr(settings, "PAYPAL_SIMULATOR_ALLOWED", True):
        raise ValueError("The PayPal simulator is not allowed here: set PAYPAL_MODE to sandbox or live.")
    base_url = settings.PAYPAL_SIMULATOR_URL.rstrip("/") or service_fallback_url(PAYPAL)
    if not base_url:
        raise ValueError("PAYPAL_MODE is simulator but PAYPAL_SIMULATOR_URL is not set.")
    return base_url


def paypal_client(*, renew: bool = False) -> PayPalClient:
    """One client per configuration and process, so the OAuth token is reused until it expires (`renew`: a new one)."""
    mode, client_id, secret = settings.PAYPAL_MODE, settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET
    base_url = api_base_url()
    key = (mode, base_url, client_id, secret, settings.PAYPAL_TIMEOUT)
    with _clients_lock:
        if renew or key not in _clients:
            if mode == "live":
                environment = LiveEnvironment(client_id=client_id, client_secret=secret)
            elif mode == "sandbox":
                environment = SandboxEnvironment(client_id=client_id, client_secret=secret)
            else:
                environment = SimulatorEnvironment(client_id, secret, base_url)
            _clients[key] = PayPalClient(environment, timeout=settings.PAYPAL_TIMEOUT)
        return _clients[key]


def _execute(request):
    client = paypal_client()
    try:
        return client.execute(request)
    except PayPalError as error:
        # PayPal may revoke a token before it expires (a restarted simulator never issued it): a new client
        # gets a new token, once. A client PayPal never gave a token (bad credentials) is not retried.
        if error.status != 401 or not client.has_token:
            raise
    return paypal_client(renew=True).execute(request)


def _result(response) -> dict:
    return response.result.dict() if response.result is not None else {}


def order_create(*, body: dict, request_id: str = "") -> dict:
    request = OrdersCreateRequest()
    request.prefer("return=representation")
    if request_id:
        request.headers["PayPal-Request-Id"] = request_id
    request.request_body(body)
    return _result(_execute(request))


def order_get(*, paypal_order_id: str) -> dict:
    return _result(_execute(OrdersGetRequest(paypal_order_id)))


def order_capture(*, paypal_order_id: str, request_id: str = "") -> dict:
    request = OrdersCaptureRequest(paypal_order_id)
    request.prefer("return=representation")
    if request_id:
        request.pay_pal_request_id(request_id)
    return _result(_execute(request))


def capture_refund(*, capture_id: str, request_id: str, amount: dict | None = None, note: str = "") -> dict:
    """Refund a capture: in full without `amount`, else `{"currency_code", "value"}`; idempotent by `request_id`."""
    request = CapturesRefundRequest(capture_id)
    request.prefer("return=representation")
    request.pay_pal_request_id(request_id)
    body = {}
    if amount:
        body["amount"] = amount
    if note:
        body["note_to_payer"] = note[:255]
    request.request_body(body)
    return _result(_execute(request))


def approve_url(order: dict) -> str:
    return next(link["href"] for link in order.get("links", []) if link.get("rel") in ("approve", "payer-action"))


WEBHOOK_HEADERS = {
    "auth_algo": "PAYPAL-AUTH-ALGO",
    "cert_url": "PAYPAL-CERT-URL",
    "transmission_id": "PAYPAL-TRANSMISSION-ID",
    "transmission_sig": "PAYPAL-TRANSMISSION-SIG",
    "transmission_time": "PAYPAL-TRANSMISSION-TIME",
}


def webhook_signature_verify(*, headers: Mapping[str, str], event: dict) -> bool:
    """Ask PayPal whether it sent this event; False when a header is missing or PayPal says FAILURE."""
    body = {field: headers.get(header, "") for field, header in WEBHOOK_HEADERS.items()}
    if not all(body.values()):
        return False
    body["webhook_id"] = settings.PAYPAL_WEBHOOK_ID
    body["webhook_event"] = event
    try:
        result = _result(_execute(VerifyWebhookSignatureRequest(body)))
    except PayPalError as exc:
        logger.warning("PayPal refused to verify a webhook signature: %s", exc)
        return False
    return result.get("verification_status") == "SUCCESS"
