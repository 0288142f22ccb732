"""Fault fixtures: a private Redis queue per test, Celery workers in a thread or as killable processes.

Every test gets its own queue name on Redis db 13, so fault tests never take (or flush) the tasks of the
worker tests on db 15, of the benchmark on db 14, or of another run of this suite.
"""

import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from tests.faults.checks import wait_until

FAULTS_REDIS_URL = "redis://127.0.0.1:6379/13"
BASE_DIR = Path(__file__).resolve().parent.parent.parent


class Broker:
    """The test's queue on Redis: what the site sends there, and what is still waiting in it."""

    def __init__(self, url: str, queue: str):
        import redis

        self.url = url
        self.queue = queue
        self.redis = redis.Redis.from_url(url)

    def waiting(self) -> list[dict]:
        """The task messages in the queue, not yet taken by a worker: [{"task": name, "args": [...]}, ...]."""
        import base64
        import json

        messages = []
        for raw in self.redis.lrange(self.queue, 0, -1):
            message = json.loads(raw)
            body = json.loads(base64.b64decode(message["body"]))
            messages.append({"task": message["headers"]["task"], "args": body[0]})
        return messages


@pytest.fixture
def broker(settings):
    """Tasks go to Redis (not run eagerly), to a queue of this test's own."""
    from config.celery import app

    broker = Broker(FAULTS_REDIS_URL, f"faults-{uuid.uuid4().hex[:12]}")
    keys = ("broker_url", "task_always_eager", "task_eager_propagates", "task_default_queue")
    saved = {key: app.conf.get(key) for key in keys}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(
        broker_url=broker.url, task_always_eager=False, task_eager_propagates=False, task_default_queue=broker.queue
    )
    # The connection pool, queues, routes and producers Celery built earlier still point at the old broker and queue.
    app._pool = None
    app.__dict__.pop("amqp", None)  # its queues, routes and producers
    try:
        yield broker
    finally:
        app.conf.update(saved)
        app._pool = None
        app.__dict__.pop("amqp", None)  # its queues, routes and producers
        # The queue, and the exchange bindings kombu keeps for it.
        leftovers = list(broker.redis.scan_iter(match=f"*{broker.queue}*"))
        if leftovers:
            broker.redis.delete(*leftovers)


@pytest.fixture
def thread_worker(broker):
    """A real Celery worker (solo pool, in a thread of this process) consuming the test's queue.

    It has its own database connection: use it in transactional tests, which commit what it must see.
    """
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30, queues=[broker.queue]
    ) as worker:
        yield worker


# A burst of connections must queue, as on a production server (gunicorn's backlog is 2048), not be reset:
# the default backlog of Django's and wsgiref's development servers (10 and 5) drops part of a 50-request burst.
LISTEN_BACKLOG = 512


def _serve(server) -> str:
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def site_server():
    """The site (config.wsgi, whitenoise included) over HTTP on a free loopback port, a thread per request.

    Like pytest-django's live_server, but with a production-sized listen backlog. Each request thread
    opens its own database connection and closes it when done: use it in transactional tests.
    """
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Server(ThreadedWSGIServer):
        request_queue_size = LISTEN_BACKLOG

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the handler's signature
            pass

    server = Server(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    yield _serve(server)
    server.shutdown()
    server.server_close()


@pytest.fixture
def paypal_simulator(settings, tmp_path):
    """tests.factories.paypal's simulator, with a production-sized backlog: 50 webhooks verified at once."""
    from wsgiref.simple_server import make_server

    from shop.paypal import gateway
    from simulators.paypal.server import ThreadingWSGIServer, _QuietHandler, simulator_from_settings
    from tests.factories.paypal import SimulatorControl

    class Server(ThreadingWSGIServer):
        request_queue_size = LISTEN_BACKLOG

    app = simulator_from_settings(state_file=str(tmp_path / "paypal.json"), webhook_url="")
    server = make_server("127.0.0.1", 0, app, server_class=Server, handler_class=_QuietHandler)
    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_SIMULATOR_URL = _serve(server)
    gateway._clients.clear()  # a new PayPal knows none of the tokens earlier tests' clients hold
    yield SimulatorControl(settings.PAYPAL_SIMULATOR_URL)
    server.shutdown()
    server.server_close()
    gateway._clients.clear()


def test_database_url() -> str:
    """The URL of the database this pytest run uses (test_cnn_<tag>), for processes started by the test."""
    from django.db import connection

    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


test_database_url.__test__ = False  # a helper, not a test


class WorkerProcess:
    """`celery -A config worker` in its own process group, so a SIGKILL takes the pool's children with it."""

    def __init__(self, *, name: str, env: dict, log_path: Path, concurrency: int = 2):
        self.log_path = log_path
        self._log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        command = [
            sys.executable,  # the interpreter (and virtualenv) running the tests
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--queues={env['FAULTS_QUEUE']}",
            f"--hostname={name}@%h",
        ]
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env={**os.environ, "PYTHONPATH": str(BASE_DIR), **env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60.0) -> None:
        def ready():
            assert self.process.poll() is None, f"the worker exited:\n{self.log()[-3000:]}"
            return " ready." in self.log()

        wait_until(ready, timeout=timeout, what="the Celery worker to start", interval=0.2)

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: no warm shutdown, no ack, no cleanup."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def worker_processes(broker, registry_simulator, settings, tmp_path):
    """Start Celery workers as processes sharing this test's database, queue and registry simulator.

    start(name) returns a WorkerProcess; every one still running is stopped at the end of the test.
    """
    started: list[WorkerProcess] = []
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": broker.url,
        "FAULTS_QUEUE": broker.queue,
        "FAULTS_MAIL_DIR": str(mail_dir),
        "REGISTRY_URL": settings.REGISTRY_URL,
        "REGISTRY_TOKEN": settings.REGISTRY_TOKEN,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TEST_DB_TAG": os.environ.get("TEST_DB_TAG", "main"),
    }

    def start(name: str, *, wait: bool = True, **extra_env) -> WorkerProcess:
        """wait=False: return at once (call wait_ready() later) and let the test go on while Django loads."""
        worker = WorkerProcess(name=name, env={**env, **extra_env}, log_path=tmp_path / f"{name}.log")
        started.append(worker)
        if wait:
            worker.wait_ready()
        return worker

    start.mail_dir = mail_dir
    yield start
    for worker in started:
        worker.stop()
    if any(worker.process.returncode not in (0, -signal.SIGKILL) for worker in started):
        sys.stderr.write("\n".join(worker.log()[-3000:] for worker in started))
