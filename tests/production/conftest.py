"""The production stack (scripts/production.py: nginx, two gunicorns, Celery, simulators), started once.

These tests run only from `make test-production` (CNN_PRODUCTION_TESTS=1), after the SQLite and PostgreSQL
passes: the stack uses its own database (cnn_production), its own Redis and fixed loopback ports.
A stack already running (`make production`) is reused and left running (each of its runs marks demo bank transfers
paid: restart it, or let the tests start their own); one this session starts (on a fresh database), it stops.
"""

import email
import importlib.util
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

BASE_DIR = Path(__file__).resolve().parent.parent.parent

if not os.environ.get("CNN_PRODUCTION_TESTS"):
    collect_ignore_glob = ["test_*.py"]


def _production_module():
    spec = importlib.util.spec_from_file_location("production_stack", BASE_DIR / "scripts" / "production.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Stack:
    def __init__(self, module):
        self.url = module.URL
        self.http_url = f"http://{module.HOST}:{module.HTTP_PORT}"
        self.cert = str(module.CERT)
        self.logs = module.LOGS
        self.mail = module.ROOT / "mail"
        self.web_ports = module.WEB_PORTS
        self.host, self.https_port = module.HOST, module.HTTPS_PORT

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def upstream_of(self, request_id: str) -> str:
        """The gunicorn instance (host:port) nginx sent that request to, from nginx's JSON access log."""
        for _ in range(50):
            for line in reversed(self.log("nginx-access").splitlines()):
                if f'"request_id":"{request_id}"' in line:
                    return re.search(r'"upstream":"([^"]*)"', line).group(1)
            time.sleep(0.1)  # nginx writes the line once the response is sent
        raise AssertionError(f"request {request_id} not in nginx's access log")

    def mails_to(self, address: str) -> list[email.message.Message]:
        messages = []
        for path in sorted(self.mail.glob("*.log")):
            for raw in path.read_text(errors="replace").split("-" * 79):
                message = email.message_from_string(raw.strip())
                if address in (message.get("To") or ""):
                    messages.append(message)
        return messages


def message_text(message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    return "\n".join(
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace")
        for part in parts
        if part.get_content_type() in ("text/plain", "text/html")
    )


def wait_until(check, *, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture(scope="session")
def stack():
    module = _production_module()
    started_here = not module.running()
    if started_here:
        # --fresh: a new database with the demo data, so the journeys find what they need (e.g. awaited transfers).
        subprocess.run(
            [sys.executable, str(BASE_DIR / "scripts" / "production.py"), "start", "--fresh"], check=True, cwd=BASE_DIR
        )
    try:
        yield Stack(module)
    finally:
        if started_here:
            subprocess.run(
                [sys.executable, str(BASE_DIR / "scripts" / "production.py"), "stop"], check=False, cwd=BASE_DIR
            )


class Browser:
    """A visitor over HTTPS through nginx: its own cookies, the CSRF token a browser would send, and the
    gunicorn instance that answered each of its requests."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.http = requests.Session()
        token = secrets.token_hex(16)
        self.http.cookies.set("csrftoken", token, domain=stack.host, secure=True)
        self.http.headers.update({"X-CSRFToken": token, "Referer": stack.url + "/"})
        self.request_ids: list[str] = []

    def _record(self, response):
        for reply in [*response.history, response]:
            if "X-Request-ID" in reply.headers and reply.url.startswith(self.stack.url):
                self.request_ids.append(reply.headers["X-Request-ID"])
        return response

    def get(self, path: str, **kwargs):
        url = path if path.startswith("http") else self.stack.url + path
        return self._record(self.http.get(url, timeout=60, verify=self.stack.cert, **kwargs))

    def post(self, path: str, data: dict, **kwargs):
        url = path if path.startswith("http") else self.stack.url + path
        kwargs.setdefault("allow_redirects", False)
        # Signing in rotates the CSRF cookie: send the current one, as a browser's form would.
        self.http.headers["X-CSRFToken"] = self.http.cookies.get("csrftoken", domain=self.stack.host)
        return self._record(self.http.post(url, data=data, timeout=60, verify=self.stack.cert, **kwargs))

    def upstreams(self) -> list[str]:
        return [self.stack.upstream_of(request_id) for request_id in self.request_ids]


@pytest.fixture
def browser(stack):
    return Browser(stack)
