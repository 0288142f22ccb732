"""A PayPal REST simulator (OAuth, Orders v2, webhooks) as a WSGI application.

The real paypal-checkout-serversdk talks to it over HTTP exactly as it talks to PayPal.
Endpoints under /_simulator/ are the simulator's own controls (for tests and the demo):
they choose capture outcomes, complete or deny pending captures, refund, slow replies down
and (re)deliver signed webhooks.
"""

import base64
import json
import logging
import re
import secrets
import string
import threading
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import requests

from . import signing
from .state import StateFile

logger = logging.getLogger(__name__)

OUTCOMES = ("completed", "pending", "declined")
FUNDING_SOURCES = ("paypal", "card")
# Currencies PayPal accepts without decimals.
ZERO_DECIMAL_CURRENCIES = {"HUF", "JPY", "TWD"}
TOKEN_LIFETIME = 32400
_ID_ALPHABET = string.ascii_uppercase + string.digits


def _paypal_id(length: int = 17) -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Reply(Exception):
    """Raised anywhere in a handler to answer at once."""

    def __init__(self, status: int, body, headers: dict | None = None):
        self.status = status
        self.body = body
        self.headers = headers or {}


def _error(status: int, name: str, issue: str, description: str, message: str, field: str | None = None) -> Reply:
    detail = {"issue": issue, "description": description}
    if field:
        detail["field"] = field
    debug_id = secrets.token_hex(7)
    return Reply(
        status,
        {
            "name": name,
            "details": [detail],
            "message": message,
            "debug_id": debug_id,
            "links": [
                {
                    "href": f"https://developer.paypal.com/docs/api/orders/v2/#error-{issue}",
                    "rel": "information_link",
                    "method": "GET",
                }
            ],
        },
        {"Paypal-Debug-Id": debug_id},
    )


def _unprocessable(issue: str, description: str) -> Reply:
    return _error(
        422,
        "UNPROCESSABLE_ENTITY",
        issue,
        description,
        "The requested action could not be performed, semantically incorrect, or failed business validation.",
    )


def _invalid(issue: str, description: str, field: str) -> Reply:
    return _error(
        400,
        "INVALID_REQUEST",
        issue,
        description,
        "Request is not well-formed, syntactically incorrect, or violates schema.",
        field=field,
    )


def _not_found(order_id: str) -> Reply:
    return _error(
        404,
        "RESOURCE_NOT_FOUND",
        "INVALID_RESOURCE_ID",
        "Specified resource ID does not exist. Please check the resource ID and try again.",
        "The specified resource does not exist.",
        field="order_id",
    )


class Request:
    def __init__(self, environ):
        self.method = environ["REQUEST_METHOD"].upper()
        self.path = environ.get("PATH_INFO", "") or "/"
        self.query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.body = environ["wsgi.input"].read(length) if length else b""
        self.content_type = environ.get("CONTENT_TYPE", "")
        self.authorization = environ.get("HTTP_AUTHORIZATION", "")
        self.paypal_request_id = environ.get("HTTP_PAYPAL_REQUEST_ID", "")
        self.prefer = environ.get("HTTP_PREFER", "")
        host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
        self.base_url = f"{environ.get('wsgi.url_scheme', 'http')}://{host}"

    def json(self) -> dict:
        if not self.body:
            return {}
        try:
            value = json.loads(self.body)
        except ValueError:
            raise _invalid("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.", "body") from None
        if not isinstance(value, dict):
            raise _invalid("MALFORMED_REQUEST_JSON", "The request JSON is not an object.", "body")
        return value

    def form(self) -> dict:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


class PayPalSimulator:
    def __init__(
        self,
        *,
        state_file: str,
        client_id: str,
        client_secret: str,
        webhook_id: str,
        webhook_url: str | None = None,
    ):
        self.store = StateFile(state_file)
        self.client_id = client_id
        self.client_secret = client_secret
        self.webhook_id = webhook_id
        self.default_webhook_url = webhook_url or None
        self.routes = [
            ("POST", r"/v1/oauth2/token", self.token),
            ("POST", r"/v2/checkout/orders", self.order_create),
            ("GET", r"/v2/checkout/orders/(?P<order_id>[A-Z0-9]+)", self.order_get),
            ("POST", r"/v2/checkout/orders/(?P<order_id>[A-Z0-9]+)/capture", self.order_capture),
            ("POST", r"/v2/payments/captures/(?P<capture_id>[A-Z0-9]+)/refund", self.capture_refund),
            ("POST", r"/v1/notifications/verify-webhook-signature", self.webhook_verify),
            ("GET", signing.CERT_PATH, self.cert),
            ("GET", r"/checkoutnow", self.approval_page),
            ("POST", r"/checkoutnow", self.approval_submit),
            ("GET", r"/_simulator/", self.dashboard),
            ("GET", r"/_simulator/events", self.control_events),
            ("POST", r"/_simulator/config", self.control_config),
            ("POST", r"/_simulator/orders/(?P<order_id>[A-Z0-9]+)/approve", self.control_approve),
            (
                "POST",
                r"/_simulator/captures/(?P<capture_id>[A-Z0-9]+)/(?P<action>complete|deny|refund)",
                self.control_capture,
            ),
            ("POST", r"/_simulator/events/(?P<event_id>[A-Z0-9-]+)/deliver", self.control_deliver),
        ]

    # WSGI plumbing

    def __call__(self, environ, start_response):
        request = Request(environ)
        try:
            status, body, headers = self.dispatch(request)
        except Reply as reply:
            status, body, headers = reply.status, reply.body, reply.headers
        except Exception:
            logger.exception("PayPal simulator failed on %s %s", request.method, request.path)
            status, body, headers = 500, {"name": "INTERNAL_SERVER_ERROR", "message": "simulator error"}, {}
        if isinstance(body, str):
            payload = body.encode()
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
        elif body is None:
            payload = b""
        else:
            payload = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        headers["Content-Length"] = str(len(payload))
        start_response(f"{status} {_REASONS.get(status, 'Status')}", list(headers.items()))
        return [payload]

    def dispatch(self, request: Request):
        allowed = False
        for method, pattern, handler in self.routes:
            match = re.fullmatch(pattern, request.path)
            if match:
                allowed = True
                if method == request.method:
                    self._maybe_delay(request)
                    return handler(request, **match.groupdict())
        if allowed:
            raise Reply(405, {"name": "METHOD_NOT_SUPPORTED", "message": "Method not supported."})
        raise Reply(404, {"name": "RESOURCE_NOT_FOUND", "message": "The specified resource does not exist."})

    def _maybe_delay(self, request: Request) -> None:
        with self.store.transaction() as state:
            delay = state["config"].get("delay")
            if not delay or not request.path.startswith(delay.get("path_prefix", "/v")):
                return
            delay["count"] -= 1
            if delay["count"] <= 0:
                state["config"]["delay"] = None
            seconds = float(delay["seconds"])
        time.sleep(seconds)

    def _bearer(self, request: Request, state: dict) -> None:
        scheme, _, token = request.authorization.partition(" ")
        entry = state["tokens"].get(token) if scheme.lower() == "bearer" else None
        if not entry or entry["expires_at"] <= time.time():
            raise Reply(
                401,
                {
                    "name": "AUTHENTICATION_FAILURE",
                    "message": "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
                    "details": [{"issue": "INVALID_TOKEN", "description": "Token signature verification failed"}],
                },
            )

    # OAuth

    def token(self, request: Request):
        scheme, _, encoded = request.authorization.partition(" ")
        try:
            client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
        except ValueError:
            client_id = secret = ""
        if scheme.lower() != "basic" or (client_id, secret) != (self.client_id, self.client_secret):
            raise Reply(401, {"error": "invalid_client", "error_description": "Client Authentication failed"})
        grant = request.form().get("grant_type")
        if grant != "client_credentials":
            raise Reply(400, {"error": "unsupported_grant_type", "error_description": "Grant Type is not supported"})
        token = "A21AA" + secrets.token_urlsafe(40)
        with self.store.transaction() as state:
            state["tokens"][token] = {"expires_at": time.time() + TOKEN_LIFETIME}
        return (
            200,
            {
                "scope": "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/checkout/one-click-with-merchant-issued-token",
                "access_token": token,
                "token_type": "Bearer",
                "app_id": "APP-SIMULATOR",
                "expires_in": TOKEN_LIFETIME,
                "nonce": f"{_now_iso()}{secrets.token_hex(8)}",
            },
            {},
        )

    # Orders v2

    def order_create(self, request: Request):
        body = request.json()
        with self.store.transaction() as state:
            self._bearer(request, state)
        if body.get("intent") != "CAPTURE":
            raise _invalid("INVALID_PARAMETER_VALUE", "Only intent CAPTURE is supported by the simulator.", "/intent")
        units_in = body.get("purchase_units")
        if not isinstance(units_in, list) or not units_in:
            raise _invalid("MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.", "/purchase_units")
        if len(units_in) > 10:
            raise _invalid("MAX_NUMBER_OF_ITEMS_EXCEEDED", "At most 10 purchase units.", "/purchase_units")
        units, references = [], set()
        for index, unit in enumerate(units_in):
            units.append(self._purchase_unit_validate(unit, index, many=len(units_in) > 1))
            if units[-1].get("reference_id") in references:
                raise _invalid(
                    "DUPLICATE_REFERENCE_ID",
                    "`reference_id` must be unique if multiple `purchase_unit` are provided.",
                    f"/purchase_units/@reference_id=='{units[-1]['reference_id']}'/reference_id",
                )
            references.add(units[-1].get("reference_id"))
        context = body.get("application_context") or {}
        order_id = _paypal_id()
        now = _now_iso()
        order = {
            "id": order_id,
            "intent": "CAPTURE",
            "status": "CREATED",
            "purchase_units": units,
            "application_context": context,
            "create_time": now,
            "update_time": now,
            "created_at": time.time(),
            "base_url": request.base_url,
            "outcome": "completed",
            "funding": None,
            "payer": None,
        }
        with self.store.transaction() as state:
            state["orders"][order_id] = order
        return 201, self._order_view(order, request.base_url, minimal=True), {}

    @staticmethod
    def _purchase_unit_validate(unit, index: int, *, many: bool) -> dict:
        where = f"/purchase_units/{index}"
        if not isinstance(unit, dict):
            raise _invalid("INVALID_PARAMETER_SYNTAX", "A purchase unit must be an object.", where)
        if many and not unit.get("reference_id"):
            raise _invalid(
                "MISSING_REQUIRED_PARAMETER",
                "`reference_id` is required if multiple `purchase_units` are provided.",
                f"{where}/reference_id",
            )
        amount = unit.get("amount")
        if not isinstance(amount, dict) or not amount.get("currency_code") or amount.get("value") in (None, ""):
            raise _invalid("MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.", f"{where}/amount")
        currency, value = str(amount["currency_code"]), amount["value"]
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise _invalid("INVALID_PARAMETER_VALUE", "Currency code is invalid.", f"{where}/amount/currency_code")
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,10}(\.[0-9]{1,2})?", value):
            raise _invalid(
                "INVALID_PARAMETER_SYNTAX",
                "The value of a field does not conform to the expected format.",
                f"{where}/amount/value",
            )
        if currency in ZERO_DECIMAL_CURRENCIES and "." in value:
            raise _unprocessable(
                "DECIMAL_PRECISION", "If the currency supports decimals, only two decimal place precision is supported."
            )
        try:
            if Decimal(value) <= 0:
                raise _unprocessable("CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.")
        except InvalidOperation:
            raise _invalid(
                "INVALID_PARAMETER_SYNTAX", "Amount value is not a number.", f"{where}/amount/value"
            ) from None
        payee = unit.get("payee") or {}
        if payee and not (payee.get("merchant_id") or payee.get("email_address")):
            raise _invalid(
                "INVALID_PARAMETER_VALUE", "Payee needs a merchant_id or an email_address.", f"{where}/payee"
            )
        kept = {"reference_id": unit.get("reference_id") or "default", "amount": amount, "payee": payee}
        for key in ("description", "custom_id", "invoice_id", "soft_descriptor", "items"):
            if unit.get(key) is not None:
                kept[key] = unit[key]
        if not kept["payee"]:
            kept["payee"] = {"email_address": "merchant@simulator.example", "merchant_id": "SIMMERCHANT01"}
        return kept

    def _order_get(self, state: dict, order_id: str) -> dict:
        order = state["orders"].get(order_id)
        if order is None:
            raise _not_found(order_id)
        return order

    def order_get(self, request: Request, order_id: str):
        with self.store.transaction() as state:
            self._bearer(request, state)
            order = self._order_get(state, order_id)
        return 200, self._order_view(order, request.base_url), {}

    def _order_view(self, order: dict, base_url: str, *, minimal: bool = False) -> dict:
        api = f"{base_url}/v2/checkout/orders/{order['id']}"
        links = [{"href": api, "rel": "self", "method": "GET"}]
        if order["status"] == "CREATED":
            links.append(
                {"href": f"{order['base_url']}/checkoutnow?token={order['id']}", "rel": "approve", "method": "GET"}
            )
            links.append({"href": api, "rel": "update", "method": "PATCH"})
        if order["status"] in ("CREATED", "APPROVED"):
            links.append({"href": f"{api}/capture", "rel": "capture", "method": "POST"})
        view = {"id": order["id"], "status": order["status"], "links": links}
        if minimal:
            return view
        view.update(
            {
                "intent": order["intent"],
                "purchase_units": order["purchase_units"],
                "create_time": order["create_time"],
                "update_time": order["update_time"],
            }
        )
        if order.get("payer"):
            view["payer"] = order["payer"]
        if order.get("payment_source"):
            view["payment_source"] = order["payment_source"]
        return view

    def order_capture(self, request: Request, order_id: str):
        request.json()  # the SDK sends no body; a malformed one is still refused
        with self.store.transaction() as state:
            self._bearer(request, state)
            order = self._order_get(state, order_id)
            if order["status"] == "COMPLETED":
                raise _unprocessable(
                    "ORDER_ALREADY_CAPTURED",
                    "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.",
                )
            if order["status"] != "APPROVED":
                raise _unprocessable(
                    "ORDER_NOT_APPROVED",
                    "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
                )
            status = {"completed": "COMPLETED", "pending": "PENDING", "declined": "DECLINED"}[order["outcome"]]
            now = _now_iso()
            events = []
            for unit in order["purchase_units"]:
                capture_id = _paypal_id()
                capture = {
                    "id": capture_id,
                    "status": status,
                    "amount": unit["amount"],
                    "final_capture": True,
                    "seller_protection": {
                        "status": "ELIGIBLE",
                        "dispute_categories": ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"],
                    },
                    "create_time": now,
                    "update_time": now,
                    "links": self._capture_links(request.base_url, capture_id, order_id),
                }
                if status == "PENDING":
                    capture["status_details"] = {"reason": "ECHECK"}
                if status == "COMPLETED":
                    capture["seller_receivable_breakdown"] = self._breakdown(unit["amount"])
                for key in ("custom_id", "invoice_id"):
                    if key in unit:
                        capture[key] = unit[key]
                unit["payments"] = {"captures": [capture]}
                state["captures"][capture_id] = {"order_id": order_id, "reference_id": unit["reference_id"]}
                events.append(
                    self._event_record(state, f"PAYMENT.CAPTURE.{status}", capture, order_id, request.base_url)
                )
            order["status"] = "COMPLETED"
            order["update_time"] = now
            view = self._order_view(order, request.base_url)
            webhook_url = self._webhook_url(state)
        if webhook_url:
            # PayPal sends the capture's webhook shortly after answering the capture call.
            threading.Thread(target=self._deliver_many, args=(events, webhook_url), daemon=True).start()
        return 201, view, {}

    def capture_refund(self, request: Request, capture_id: str):
        """Payments v2 refund: in full without an amount, else partial; one refund per PayPal-Request-Id."""
        body = request.json()
        with self.store.transaction() as state:
            self._bearer(request, state)
            refunds = state.setdefault("refunds", {})
            if request.paypal_request_id and request.paypal_request_id in refunds:
                # PayPal answers a repeated request with the refund it already made, and refunds nothing more.
                refund = refunds[request.paypal_request_id]
                return 201, self._refund_view(refund, request, minimal="return=minimal" in request.prefer), {}
            ref = state["captures"].get(capture_id)
            if ref is None:
                raise _error(
                    404,
                    "RESOURCE_NOT_FOUND",
                    "INVALID_RESOURCE_ID",
                    "Specified resource ID does not exist. Please check the resource ID and try again.",
                    "The specified resource does not exist.",
                )
            order = state["orders"][ref["order_id"]]
            capture = next(
                c
                for unit in order["purchase_units"]
                for c in unit.get("payments", {}).get("captures", [])
                if c["id"] == capture_id
            )
            if capture["status"] == "REFUNDED":
                raise _unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.")
            if capture["status"] not in ("COMPLETED", "PARTIALLY_REFUNDED"):
                raise _unprocessable(
                    "REFUND_NOT_ALLOWED", f"Refund refused: the capture is {capture['status']}, not COMPLETED."
                )
            currency = capture["amount"]["currency_code"]
            refunded = Decimal(capture.get("refunded_value", "0"))
            remaining = Decimal(capture["amount"]["value"]) - refunded
            asked = body.get("amount")
            if asked:
                if asked.get("currency_code") != currency:
                    raise _unprocessable(
                        "REFUND_CAPTURE_CURRENCY_MISMATCH", "Refund must be in the same currency as the capture."
                    )
                try:
                    value = Decimal(str(asked.get("value")))
                except InvalidOperation:
                    raise _invalid(
                        "INVALID_PARAMETER_SYNTAX", "Amount value is not a number.", "/amount/value"
                    ) from None
                if value <= 0:
                    raise _unprocessable("CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.")
                if value > remaining:
                    raise _unprocessable(
                        "REFUND_AMOUNT_EXCEEDED",
                        "The refund amount must be less than or equal to the capture amount that has not yet been "
                        "refunded.",
                    )
            else:
                value = remaining
            now = _now_iso()
            places = "1" if currency in ZERO_DECIMAL_CURRENCIES else "0.01"
            refund_amount = {"currency_code": currency, "value": str(value.quantize(Decimal(places)))}
            refunded += value
            capture["refunded_value"] = str(refunded)
            capture["status"] = "REFUNDED" if refunded >= Decimal(capture["amount"]["value"]) else "PARTIALLY_REFUNDED"
            capture["update_time"] = now
            refund = {
                "id": _paypal_id(),
                "status": "COMPLETED",
                "amount": refund_amount,
                "capture_id": capture_id,
                "seller_payable_breakdown": {
                    "gross_amount": refund_amount,
                    "net_amount": refund_amount,
                    "total_refunded_amount": {"currency_code": currency, "value": str(refunded)},
                },
                "create_time": now,
                "update_time": now,
            }
            for key in ("invoice_id", "custom_id"):
                if key in capture:
                    refund[key] = capture[key]
            if body.get("note_to_payer"):
                refund["note_to_payer"] = str(body["note_to_payer"])[:255]
            refunds[request.paypal_request_id or refund["id"]] = refund
            view = self._refund_view(refund, request)
            event = self._event_record(
                state, "PAYMENT.CAPTURE.REFUNDED", {**view, "status": "COMPLETED"}, order["id"], request.base_url
            )
            webhook_url = self._webhook_url(state)
        if webhook_url:
            threading.Thread(target=self._deliver_many, args=([event], webhook_url), daemon=True).start()
        return 201, self._refund_view(refund, request, minimal="return=minimal" in request.prefer), {}

    @staticmethod
    def _refund_view(refund: dict, request: Request, *, minimal: bool = False) -> dict:
        links = [
            {"href": f"{request.base_url}/v2/payments/refunds/{refund['id']}", "rel": "self", "method": "GET"},
            {"href": f"{request.base_url}/v2/payments/captures/{refund['capture_id']}", "rel": "up", "method": "GET"},
        ]
        if minimal:
            return {"id": refund["id"], "status": refund["status"], "links": links}
        return {**{k: v for k, v in refund.items() if k != "capture_id"}, "links": links}

    @staticmethod
    def _breakdown(amount: dict) -> dict:
        gross = Decimal(amount["value"])
        fee = (gross * Decimal("0.0349") + Decimal("0.49")).quantize(Decimal("0.01"))
        code = amount["currency_code"]
        return {
            "gross_amount": amount,
            "paypal_fee": {"currency_code": code, "value": str(fee)},
            "net_amount": {"currency_code": code, "value": str(gross - fee)},
        }

    @staticmethod
    def _capture_links(base_url: str, capture_id: str, order_id: str) -> list:
        return [
            {"href": f"{base_url}/v2/payments/captures/{capture_id}", "rel": "self", "method": "GET"},
            {"href": f"{base_url}/v2/payments/captures/{capture_id}/refund", "rel": "refund", "method": "POST"},
            {"href": f"{base_url}/v2/checkout/orders/{order_id}", "rel": "up", "method": "GET"},
        ]

    # Approval page (what the buyer sees at PayPal)

    def approval_page(self, request: Request, error: str = ""):
        order_id = request.query.get("token", "")
        with self.store.transaction() as state:
            order = state["orders"].get(order_id)
        return 200 if order else 404, self._render_approval(order, error=error), {}

    def _render_approval(self, order: dict | None, *, error: str = "", values: dict | None = None) -> str:
        from django.template.loader import render_to_string
        from django.utils import translation

        locale = ((order or {}).get("application_context") or {}).get("locale", "en")
        language = locale.split("-")[0].lower() or "en"
        with translation.override(language if language in ("en", "fr", "es") else "en"):
            return render_to_string(
                "simulators/paypal_approval.html",
                {
                    "order": order,
                    "brand_name": ((order or {}).get("application_context") or {}).get("brand_name", ""),
                    "error": error,
                    "values": values
                    or {
                        # landing_page BILLING is how a shop asks PayPal for the guest card form.
                        "funding": "card"
                        if ((order or {}).get("application_context") or {}).get("landing_page") == "BILLING"
                        else "paypal",
                        "outcome": "completed",
                    },
                    "outcomes": OUTCOMES,
                },
            )

    def approval_submit(self, request: Request):
        form = request.form()
        order_id = form.get("token", "")
        with self.store.transaction() as state:
            order = state["orders"].get(order_id)
            if order is None:
                raise Reply(404, self._render_approval(None))
            context = order.get("application_context") or {}
            if form.get("action") == "cancel":
                if order["status"] == "CREATED":
                    target = _with_query(context.get("cancel_url", ""), {"token": order_id})
                    raise Reply(303, None, {"Location": target})
                raise Reply(409, self._render_approval(order, error="not_cancellable"))
            if order["status"] != "CREATED":
                raise Reply(409, self._render_approval(order, error="already_approved"))
            funding = form.get("funding", "paypal")
            if funding == "card" and not _luhn_valid(form.get("card_number", "")):
                # Like PayPal: no detail on what is wrong, the buyer is shown the payment form again.
                raise Reply(200, self._render_approval(order, error="card", values=form))
            self._approve(
                order,
                outcome=form.get("outcome", "completed"),
                funding=funding,
                email=form.get("email", ""),
                card_number=form.get("card_number", ""),
            )
        target = _with_query(context.get("return_url", ""), {"token": order_id, "PayerID": order["payer"]["payer_id"]})
        return 303, None, {"Location": target}

    @staticmethod
    def _approve(order: dict, *, outcome: str, funding: str, email: str = "", card_number: str = "") -> None:
        if outcome not in OUTCOMES:
            raise _invalid("INVALID_PARAMETER_VALUE", f"outcome must be one of {', '.join(OUTCOMES)}", "outcome")
        if funding not in FUNDING_SOURCES:
            raise _invalid("INVALID_PARAMETER_VALUE", "funding must be paypal or card", "funding")
        order["status"] = "APPROVED"
        order["outcome"] = outcome
        order["funding"] = funding
        order["update_time"] = _now_iso()
        order["payer"] = {
            "name": {"given_name": "Simulated", "surname": "Buyer"},
            "email_address": email or "buyer@simulator.example",
            "payer_id": _paypal_id(13),
        }
        if funding == "card":
            digits = re.sub(r"\D", "", card_number) or "4111111111111111"
            order["payment_source"] = {
                "card": {
                    "last_digits": digits[-4:],
                    "brand": "VISA" if digits[0] == "4" else "MASTERCARD",
                    "type": "CREDIT",
                }
            }
        else:
            order["payment_source"] = {
                "paypal": {"email_address": order["payer"]["email_address"], "account_id": order["payer"]["payer_id"]}
            }

    # Webhooks

    def _webhook_url(self, state: dict) -> str | None:
        configured = state["config"].get("webhook_url")
        return configured if configured is not None else self.default_webhook_url

    def _event_record(self, state: dict, event_type: str, resource: dict, order_id: str, base_url: str) -> dict:
        resource = dict(resource)
        resource_type = "refund" if event_type.endswith("REFUNDED") else "capture"
        if resource_type == "capture":
            resource["supplementary_data"] = {"related_ids": {"order_id": order_id}}
        event_id = f"WH-{_paypal_id(8)}-{_paypal_id(17)}"
        summaries = {
            "PAYMENT.CAPTURE.COMPLETED": "Payment completed for {amount}",
            "PAYMENT.CAPTURE.PENDING": "Payment pending for {amount}",
            "PAYMENT.CAPTURE.DENIED": "A payment capture for {amount} was denied",
            "PAYMENT.CAPTURE.DECLINED": "A payment capture for {amount} was declined",
            "PAYMENT.CAPTURE.REFUNDED": "A {amount} capture payment was refunded",
        }
        amount = resource.get("amount", {})
        event = {
            "id": event_id,
            "event_version": "1.0",
            "create_time": _now_iso(),
            "resource_type": resource_type,
            "resource_version": "2.0",
            "event_type": event_type,
            "summary": summaries[event_type].format(amount=f"{amount.get('value')} {amount.get('currency_code')}"),
            "resource": resource,
            "links": [
                {"href": f"{base_url}/v1/notifications/webhooks-events/{event_id}", "rel": "self", "method": "GET"},
                {
                    "href": f"{base_url}/v1/notifications/webhooks-events/{event_id}/resend",
                    "rel": "resend",
                    "method": "POST",
                },
            ],
        }
        record = {"id": event_id, "created_at": time.time(), "event": event, "base_url": base_url}
        state["events"].append(record)
        return record

    def _signed_delivery(self, record: dict, secret: str) -> dict:
        body = signing.canonical_body(record["event"])
        transmission_id = str(uuid.uuid4())
        transmission_time = _now_iso()
        headers = {
            "Content-Type": "application/json",
            "PAYPAL-TRANSMISSION-ID": transmission_id,
            "PAYPAL-TRANSMISSION-TIME": transmission_time,
            "PAYPAL-TRANSMISSION-SIG": signing.signature(
                secret=secret,
                transmission_id=transmission_id,
                transmission_time=transmission_time,
                webhook_id=self.webhook_id,
                body=body,
            ),
            "PAYPAL-CERT-URL": f"{record['base_url']}{signing.CERT_PATH}",
            "PAYPAL-AUTH-ALGO": signing.AUTH_ALGO,
        }
        return {"headers": headers, "body": body.decode()}

    def _deliver_many(self, records: list, webhook_url: str) -> None:
        for record in records:
            self._deliver(record, webhook_url)

    def _deliver(self, record: dict, webhook_url: str) -> dict:
        delivery = self._signed_delivery(record, self.store.read()["signing_secret"])
        delivery["url"] = webhook_url
        try:
            response = requests.post(
                webhook_url, data=delivery["body"].encode(), headers=delivery["headers"], timeout=10
            )
            delivery["status"] = response.status_code
        except requests.RequestException as exc:
            logger.warning("PayPal simulator could not deliver %s to %s: %s", record["id"], webhook_url, exc)
            delivery["status"] = None
        return delivery

    def webhook_verify(self, request: Request):
        body = request.json()
        with self.store.transaction() as state:
            self._bearer(request, state)
            secret = state["signing_secret"]
        required = (
            "auth_algo",
            "cert_url",
            "transmission_id",
            "transmission_sig",
            "transmission_time",
            "webhook_id",
            "webhook_event",
        )
        for field in required:
            if not body.get(field):
                raise _invalid("MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.", f"/{field}")
        event = body["webhook_event"]
        valid = (
            isinstance(event, dict)
            and body["webhook_id"] == self.webhook_id
            and body["auth_algo"] == signing.AUTH_ALGO
            and urlsplit(str(body["cert_url"])).path == signing.CERT_PATH
            and signing.signature_valid(
                secret=secret,
                transmission_id=str(body["transmission_id"]),
                transmission_time=str(body["transmission_time"]),
                webhook_id=self.webhook_id,
                body=signing.canonical_body(event),
                sig=str(body["transmission_sig"]),
            )
        )
        return 200, {"verification_status": "SUCCESS" if valid else "FAILURE"}, {}

    def cert(self, request: Request):
        return (
            200,
            "The simulator signs webhooks with an HMAC secret; ask /v1/notifications/verify-webhook-signature.",
            {"Content-Type": "text/plain"},
        )

    # Controls

    def dashboard(self, request: Request):
        from django.template.loader import render_to_string

        state = self.store.read()
        captures = []
        for capture_id, ref in state["captures"].items():
            order = state["orders"].get(ref["order_id"])
            if order:
                for unit in order["purchase_units"]:
                    for capture in unit.get("payments", {}).get("captures", []):
                        if capture["id"] == capture_id:
                            captures.append({"order_id": order["id"], "payee": unit["payee"], **capture})
        captures.sort(key=lambda c: c["create_time"], reverse=True)
        return (
            200,
            render_to_string(
                "simulators/paypal_dashboard.html",
                {"captures": captures[:100], "webhook_url": self._webhook_url(state)},
            ),
            {},
        )

    def control_events(self, request: Request):
        return 200, {"events": [r["event"] for r in self.store.read()["events"]]}, {}

    def control_config(self, request: Request):
        body = request.json()
        with self.store.transaction() as state:
            if "webhook_url" in body:
                state["config"]["webhook_url"] = body["webhook_url"]
            if "delay" in body:
                delay = body["delay"]
                state["config"]["delay"] = (
                    {
                        "seconds": float(delay["seconds"]),
                        "count": int(delay.get("count", 1)),
                        "path_prefix": delay.get("path_prefix", "/v2/"),
                    }
                    if delay
                    else None
                )
            return 200, state["config"], {}

    def control_approve(self, request: Request, order_id: str):
        body = request.json()
        with self.store.transaction() as state:
            order = self._order_get(state, order_id)
            if order["status"] != "CREATED":
                raise _unprocessable("ORDER_ALREADY_APPROVED", "The order was already approved.")
            self._approve(
                order,
                outcome=body.get("outcome", "completed"),
                funding=body.get("funding", "paypal"),
                email=body.get("email", ""),
            )
            return 200, self._order_view(order, request.base_url), {}

    def control_capture(self, request: Request, capture_id: str, action: str):
        body = request.json() if request.content_type.startswith("application/json") else request.form()
        with self.store.transaction() as state:
            ref = state["captures"].get(capture_id)
            if ref is None:
                raise Reply(404, {"name": "RESOURCE_NOT_FOUND", "message": "Unknown capture."})
            order = state["orders"][ref["order_id"]]
            capture = next(
                c
                for unit in order["purchase_units"]
                for c in unit.get("payments", {}).get("captures", [])
                if c["id"] == capture_id
            )
            allowed_from = {"complete": "PENDING", "deny": "PENDING", "refund": "COMPLETED"}[action]
            if capture["status"] != allowed_from:
                raise _unprocessable("CAPTURE_STATUS_NOT_VALID", f"Capture is {capture['status']}, not {allowed_from}.")
            now = _now_iso()
            capture["update_time"] = now
            capture.pop("status_details", None)
            if action == "complete":
                capture["status"] = "COMPLETED"
                capture["seller_receivable_breakdown"] = self._breakdown(capture["amount"])
                record = self._event_record(state, "PAYMENT.CAPTURE.COMPLETED", capture, order["id"], request.base_url)
            elif action == "deny":
                capture["status"] = "DECLINED"
                record = self._event_record(state, "PAYMENT.CAPTURE.DENIED", capture, order["id"], request.base_url)
            else:
                capture["status"] = "REFUNDED"
                refund = {
                    "id": _paypal_id(),
                    "status": "COMPLETED",
                    "amount": capture["amount"],
                    "create_time": now,
                    "update_time": now,
                    "links": [
                        {"href": f"{request.base_url}/v2/payments/refunds/REFUND", "rel": "self", "method": "GET"},
                        {"href": f"{request.base_url}/v2/payments/captures/{capture_id}", "rel": "up", "method": "GET"},
                    ],
                }
                record = self._event_record(state, "PAYMENT.CAPTURE.REFUNDED", refund, order["id"], request.base_url)
            order["update_time"] = now
            webhook_url = body.get("webhook_url") or self._webhook_url(state)
        return self._delivery_reply(
            request, record, webhook_url, deliver=str(body.get("deliver", "true")).lower() != "false"
        )

    def control_deliver(self, request: Request, event_id: str):
        """Send an event again (PayPal resends until it gets a 2xx; a replay must change nothing)."""
        body = request.json()
        state = self.store.read()
        record = next((r for r in state["events"] if r["id"] == event_id), None)
        if record is None:
            raise Reply(404, {"name": "RESOURCE_NOT_FOUND", "message": "Unknown event."})
        webhook_url = body.get("webhook_url") or self._webhook_url(state)
        return self._delivery_reply(request, record, webhook_url, deliver=bool(body.get("deliver", True)))

    def _delivery_reply(self, request: Request, record: dict, webhook_url: str | None, *, deliver: bool):
        if deliver and webhook_url:
            delivery = self._deliver(record, webhook_url)
        else:
            # Signed but not sent: the caller delivers it (tests post it through Django's test client).
            delivery = self._signed_delivery(record, self.store.read()["signing_secret"])
        if request.content_type.startswith("application/x-www-form-urlencoded"):
            return 303, None, {"Location": "/_simulator/"}
        return 200, {"event": record["event"], "delivery": delivery}, {}


def _with_query(url: str, params: dict) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode(params)}" if parts.query else urlencode(params)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _luhn_valid(number: str) -> bool:
    digits = [int(d) for d in re.sub(r"[\s-]", "", number) if d.isdigit()]
    if len(digits) < 12 or len(digits) != len(re.sub(r"[\s-]", "", number)):
        return False
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


_REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    303: "See Other",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Unprocessable Entity",
    500: "Internal Server Error",
}
