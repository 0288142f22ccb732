"""HTTP client for the registry API (DESIGN.md section 6). It speaks the protocol and nothing else.

- Timeouts on every call; retries with exponential backoff on 5xx, timeouts and
  connection errors only (a cancellation carries an idempotency key, so retrying it is safe).
- Typed errors: RegistryUnavailable (could not get an answer), InsufficientUnits (409),
  RegistryRejected (any other refusal, and any reply that is not the JSON expected).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.service_urls import REGISTRY, service_fallback_url
from registry.serials import SerialError, SerialRange, parse_range

logger = logging.getLogger(__name__)

_RETRYABLE = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


class RegistryError(Exception):
    """Anything that went wrong talking to the registry."""


class RegistryUnavailable(RegistryError):
    """No usable answer (connection refused or dropped, timeout, 5xx) after every retry: try again later."""


class RegistryRejected(RegistryError):
    """The registry refused the request, or answered something that is not the reply expected."""

    def __init__(self, message, *, status: int | None = None, code: str = "rejected", details: dict | None = None):
        super().__init__(str(message))
        self.status = status
        self.code = code
        self.details = details or {}


class InsufficientUnits(RegistryRejected):
    """409: the block holds fewer units than requested."""

    @property
    def units_available(self) -> int | None:
        value = self.details.get("units_available")
        return value if isinstance(value, int) else None


@dataclass(frozen=True)
class HoldingProject:
    mechanism: str
    reference: str
    title: str
    host_country: str
    sectoral_scopes: list[int]
    methodology: str


@dataclass(frozen=True)
class HoldingBlock:
    block_id: str
    account: str
    account_kind: str
    project: HoldingProject
    vintage: int
    issued: bool
    share_of_proceeds_paid: bool
    units_held: int
    serial_ranges: list[SerialRange]

    @property
    def first(self):
        return self.serial_ranges[0].first

    @property
    def last(self):
        return self.serial_ranges[-1].last


@dataclass(frozen=True)
class Holdings:
    account: str
    account_kind: str
    blocks: list[HoldingBlock] = field(default_factory=list)


@dataclass(frozen=True)
class CancellationReceipt:
    transaction_id: str
    status: str  # "completed" or "pending"
    block_id: str
    quantity: int
    serial_ranges: list[SerialRange]

    def serial_ranges_json(self) -> list[dict]:
        return [{**r.as_dict(), "quantity": r.quantity} for r in self.serial_ranges]


def _bad_reply(what: str) -> RegistryRejected:
    return RegistryRejected(
        _("The registry sent a reply that is not what the protocol says: %s") % what, code="bad_reply"
    )


def _get(data: dict, name: str, kind: type | tuple[type, ...]):
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad_reply(f"{name} missing or of the wrong type")
    return value


def _ranges(items) -> list[SerialRange]:
    if not isinstance(items, list):
        raise _bad_reply("serial_ranges is not a list")
    try:
        return [parse_range(_get(item, "start", str), _get(item, "end", str)) for item in items]
    except SerialError as error:
        raise _bad_reply(f"bad serial range ({error})") from error


class RegistryClient:
    """One registry API endpoint. With no base_url: settings.REGISTRY_URL, else core.service_urls' fallback."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        token: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
    ):
        base_url = base_url or settings.REGISTRY_URL or service_fallback_url(REGISTRY)
        if not base_url:
            raise RegistryUnavailable(_("REGISTRY_URL is not set and no built-in registry simulator runs here."))
        self.base_url = base_url.rstrip("/")
        self.token = token if token is not None else settings.REGISTRY_TOKEN
        self.timeout = timeout if timeout is not None else settings.REGISTRY_TIMEOUT
        self.retries = retries if retries is not None else getattr(settings, "REGISTRY_RETRIES", 3)
        self.backoff = backoff if backoff is not None else getattr(settings, "REGISTRY_RETRY_BACKOFF", 0.5)
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {self.token}", "Accept": "application/json"})

    # The protocol.

    def health(self) -> dict:
        return self._request("GET", "/v1/health")

    def holdings(self, account: str) -> Holdings:
        data = self._request("GET", f"/v1/accounts/{quote(account, safe='')}/holdings")
        blocks = _get(data, "blocks", list)
        return Holdings(
            account=_get(data, "account", str),
            account_kind=_get(data, "account_kind", str),
            blocks=[self._holding_block(item) for item in blocks],
        )

    def cancellation_create(
        self, *, idempotency_key: str, block_id: str, quantity: int, beneficiary: str, purpose: str
    ) -> CancellationReceipt:
        body = {
            "idempotency_key": idempotency_key,
            "block_id": block_id,
            "quantity": quantity,
            "beneficiary": beneficiary,
            "purpose": purpose,
        }
        receipt = self._receipt(self._request("POST", "/v1/cancellations", json=body))
        if receipt.block_id != block_id or receipt.quantity != quantity:
            raise _bad_reply("the transaction is for another block or quantity")
        return receipt

    def cancellation_get(self, transaction_id: str) -> CancellationReceipt:
        return self._receipt(self._request("GET", f"/v1/cancellations/{quote(transaction_id, safe='')}"))

    # Decoding.

    def _holding_block(self, item) -> HoldingBlock:
        project = _get(item, "project", dict)
        scopes = _get(project, "sectoral_scopes", list)
        if not all(isinstance(s, int) and not isinstance(s, bool) and 1 <= s <= 15 for s in scopes):
            raise _bad_reply("sectoral_scopes must be numbers 1 to 15")
        ranges = _ranges(_get(item, "serial_ranges", list))
        units_held = _get(item, "units_held", int)
        if not ranges or sum(r.quantity for r in ranges) != units_held:
            raise _bad_reply("units_held does not match the serial ranges")
        return HoldingBlock(
            block_id=_get(item, "block_id", str),
            account=_get(item, "account", str),
            account_kind=_get(item, "account_kind", str),
            project=HoldingProject(
                mechanism=_get(project, "mechanism", str),
                reference=_get(project, "reference", str),
                title=_get(project, "title", str),
                host_country=_get(project, "host_country", str),
                sectoral_scopes=scopes,
                methodology=project.get("methodology") or "",
            ),
            vintage=_get(item, "vintage", int),
            issued=_get(item, "issued", bool),
            share_of_proceeds_paid=_get(item, "share_of_proceeds_paid", bool),
            units_held=units_held,
            serial_ranges=ranges,
        )

    def _receipt(self, data) -> CancellationReceipt:
        status = _get(data, "status", str)
        if status not in ("completed", "pending"):
            raise RegistryRejected(
                _("The registry reports the cancellation as %(status)s.") % {"status": status}, code=f"status_{status}"
            )
        receipt = CancellationReceipt(
            transaction_id=_get(data, "transaction_id", str),
            status=status,
            block_id=_get(data, "block_id", str),
            quantity=_get(data, "quantity", int),
            serial_ranges=_ranges(data.get("serial_ranges", [])),
        )
        if not receipt.transaction_id:
            raise _bad_reply("empty transaction_id")
        if status == "completed" and sum(r.quantity for r in receipt.serial_ranges) != receipt.quantity:
            raise _bad_reply("the serial ranges do not add up to the quantity cancelled")
        return receipt

    # Transport.

    def _request(self, method: str, path: str, json: dict | None = None) -> dict:
        url = f"{self.base_url}{path}"
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.session.request(method, url, json=json, timeout=self.timeout)
            except _RETRYABLE as error:
                problem = f"{type(error).__name__}: {error}"
                logger.warning("registry %s %s failed (attempt %s): %s", method, path, attempt + 1, problem)
                continue
            except requests.RequestException as error:
                raise RegistryUnavailable(f"{method} {url}: {error}") from error
            if response.status_code >= 500:
                problem = f"HTTP {response.status_code}"
                logger.warning("registry %s %s answered %s (attempt %s)", method, path, problem, attempt + 1)
                continue
            return self._decode(response)
        raise RegistryUnavailable(
            _("The registry did not answer %(method)s %(path)s after %(attempts)s attempts (%(problem)s).")
            % {"method": method, "path": path, "attempts": self.retries + 1, "problem": problem}
        )

    def _decode(self, response: requests.Response) -> dict:
        try:
            data = response.json()
        except ValueError:
            data = None
        if 200 <= response.status_code < 300:
            if not isinstance(data, dict):
                raise _bad_reply(f"HTTP {response.status_code} without a JSON object")
            return data
        error = data.get("error") if isinstance(data, dict) else None
        error = error if isinstance(error, dict) else {}
        code = error.get("code") if isinstance(error.get("code"), str) else f"http_{response.status_code}"
        message = error.get("message") if isinstance(error.get("message"), str) else f"HTTP {response.status_code}"
        details = {k: v for k, v in error.items() if k not in ("code", "message")}
        exc_class = InsufficientUnits if response.status_code == 409 else RegistryRejected
        raise exc_class(message, status=response.status_code, code=code, details=details)
