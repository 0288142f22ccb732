"""Serving the simulator: on a daemon thread (embedded mode, tests) or in the foreground (the command)."""

import socketserver
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings

from .app import PayPalSimulator


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    block_on_close = False


def simulator_from_settings(**overrides) -> PayPalSimulator:
    options = {
        "state_file": settings.PAYPAL_SIMULATOR_STATE_FILE,
        "client_id": settings.PAYPAL_CLIENT_ID,
        "client_secret": settings.PAYPAL_CLIENT_SECRET,
        "webhook_id": settings.PAYPAL_WEBHOOK_ID,
        "webhook_url": settings.PAYPAL_SIMULATOR_WEBHOOK_URL,
    }
    options.update(overrides)
    return PayPalSimulator(**options)


class RunningSimulator:
    """A simulator served on a daemon thread; `url` is its base URL."""

    def __init__(self, app: PayPalSimulator, *, host: str = "127.0.0.1", port: int = 0):
        self.app = app
        self.server = make_server(host, port, app, server_class=ThreadingWSGIServer, handler_class=_QuietHandler)
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, name="paypal-simulator", daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


_embedded: RunningSimulator | None = None
_embedded_lock = threading.Lock()


def embedded_simulator_url() -> str:
    """Start the simulator once per process on a free loopback port and return its URL."""
    global _embedded
    with _embedded_lock:
        if _embedded is None:
            _embedded = RunningSimulator(simulator_from_settings())
        return _embedded.url


def serve_forever(*, host: str, port: int) -> None:
    server = make_server(host, port, simulator_from_settings(), server_class=ThreadingWSGIServer)
    server.serve_forever()
