"""The registry simulator's HTTP service: the registry API of DESIGN.md section 6, plus fault injection.

    GET  /v1/health
    GET  /v1/accounts/<account>/holdings
    POST /v1/cancellations        {idempotency_key, block_id, quantity, beneficiary, purpose}
    GET  /v1/cancellations/<transaction_id>
    GET|POST|DELETE /_simulator/faults   (tests: make the next requests fail, stall or drop)

Every /v1 route but health needs ``Authorization: Bearer <token>``. Errors are JSON:
``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import socketserver
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from simulators.registry.registry import SimulatedRegistry, SimulatorError

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
_HOLDINGS = re.compile(r"^/v1/accounts/([^/]+)/holdings$")
_TRANSACTION = re.compile(r"^/v1/cancellations/([^/]+)$")


@dataclass
class Fault:
    kind: str  # "fail", "slow" or "drop"
    status: int = 503
    seconds: float = 0.0
    after_processing: bool = False

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "status": self.status,
            "seconds": self.seconds,
            "after_processing": self.after_processing,
        }


class FaultPlan:
    """Faults applied, one each, to the next API requests (health included), in order."""

    def __init__(self):
        self._lock = threading.Lock()
        self._queue: list[Fault] = []

    def fail_next(self, count: int = 1, status: int = 503) -> None:
        self._add(count, Fault("fail", status=status))

    def slow_next(self, count: int = 1, seconds: float = 1.0) -> None:
        self._add(count, Fault("slow", seconds=seconds))

    def drop_next(self, count: int = 1, after_processing: bool = False) -> None:
        """Close the connection without a reply; after_processing: the request takes effect first."""
        self._add(count, Fault("drop", after_processing=after_processing))

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._queue)

    def take(self) -> Fault | None:
        with self._lock:
            return self._queue.pop(0) if self._queue else None

    def _add(self, count: int, fault: Fault) -> None:
        with self._lock:
            self._queue.extend(Fault(**fault.__dict__) for _ in range(count))


class _DropConnection(Exception):
    pass


class RegistryRequestHandler(BaseHTTPRequestHandler):
    server_version = "RegistrySimulator/1"
    protocol_version = "HTTP/1.0"

    @property
    def simulator(self) -> RegistrySimulator:
        return self.server.simulator

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler's signature
        logger.debug("registry simulator: " + format, *args)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        path = urlsplit(self.path).path
        try:
            if path.startswith("/_simulator/"):
                self._authorize()
                status, body = self._simulator_control(method, path)
            else:
                status, body = self._api(method, path)
        except _DropConnection:
            self.close_connection = True
            return
        except SimulatorError as error:
            status, body = error.status, error.as_json()
        except Exception:  # noqa: BLE001 - a simulator bug must answer 500, like a real server would
            logger.exception("registry simulator failed on %s %s", method, path)
            status, body = 500, {"error": {"code": "internal_error", "message": "The registry failed."}}
        self._reply(status, body)

    def _api(self, method: str, path: str) -> tuple[int, dict]:
        fault = self.simulator.faults.take() if path.startswith("/v1/") else None
        if fault is not None:
            if fault.kind == "slow":
                self.simulator.stopping.wait(fault.seconds)
            elif fault.kind == "fail":
                return fault.status, {"error": {"code": "unavailable", "message": "The registry is unavailable."}}
            elif fault.kind == "drop" and not fault.after_processing:
                raise _DropConnection
        result = self._route(method, path)
        if fault is not None and fault.kind == "drop":
            raise _DropConnection
        return result

    def _route(self, method: str, path: str) -> tuple[int, dict]:
        registry = self.simulator.registry
        if path == "/v1/health" and method == "GET":
            return 200, {"status": "ok", "service": "registry-simulator"}
        if not path.startswith("/v1/"):
            raise SimulatorError(404, "not_found", "No such resource.")
        self._authorize()
        if match := _HOLDINGS.match(path):
            self._require(method, "GET")
            return 200, registry.holdings(unquote(match.group(1)))
        if path == "/v1/cancellations":
            self._require(method, "POST")
            transaction, created = registry.cancellation_create(self._json_body())
            return (201 if created else 200), transaction
        if match := _TRANSACTION.match(path):
            self._require(method, "GET")
            return 200, registry.transaction_get(unquote(match.group(1)))
        raise SimulatorError(404, "not_found", "No such resource.")

    def _simulator_control(self, method: str, path: str) -> tuple[int, dict]:
        faults = self.simulator.faults
        if path != "/_simulator/faults":
            raise SimulatorError(404, "not_found", "No such resource.")
        if method == "DELETE":
            faults.clear()
        elif method == "POST":
            body = self._json_body()
            kind, count = body.get("kind"), body.get("count", 1)
            if kind == "fail":
                faults.fail_next(count, status=body.get("status", 503))
            elif kind == "slow":
                faults.slow_next(count, seconds=body.get("seconds", 1.0))
            elif kind == "drop":
                faults.drop_next(count, after_processing=bool(body.get("after_processing", False)))
            else:
                raise SimulatorError(400, "invalid_request", "kind must be fail, slow or drop.")
        return 200, {"faults": [fault.as_json() for fault in faults.pending()]}

    def _authorize(self) -> None:
        expected = f"Bearer {self.simulator.token}".encode()
        given = self.headers.get("Authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            raise SimulatorError(401, "unauthorized", "A valid bearer token is required.")

    def _require(self, method: str, allowed: str) -> None:
        if method != allowed:
            raise SimulatorError(405, "method_not_allowed", f"Use {allowed}.")

    def _json_body(self):
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY_BYTES:
            raise SimulatorError(400, "invalid_request", "A JSON body of at most 64 KiB is required.")
        try:
            return json.loads(self.rfile.read(length))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SimulatorError(400, "invalid_json", "The body is not valid JSON.") from error

    def _reply(self, status: int, body: dict) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a stalled ("slow") request must not hold up shutdown
    allow_reuse_address = True

    def server_bind(self):
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn), slow on some hosts; none is needed.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = host, port


class RegistrySimulator:
    """A registry simulator on host:port (port 0: a free one) over a state store.

    ``token`` may be a callable, read on every request (the embedded simulator follows settings).
    """

    def __init__(self, *, store, token: str | Callable[[], str], host: str = "127.0.0.1", port: int = 0):
        self.registry = SimulatedRegistry(store)
        self.faults = FaultPlan()
        self.stopping = threading.Event()
        self._token = token
        self.httpd = _HTTPServer((host, port), RegistryRequestHandler)
        self.httpd.simulator = self
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> SimulatedRegistry:
        """The registry's books, to seed accounts, projects and blocks in tests."""
        return self.registry

    @property
    def token(self) -> str:
        return self._token() if callable(self._token) else self._token

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> RegistrySimulator:
        """Serve on a daemon thread and return at once."""
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="registry-simulator", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.1)

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
