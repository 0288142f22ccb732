"""Fulfilment benchmarks (issue 6); run by hand or from `make bench`, never part of the test suite.

.venv/bin/python tests/benchmarks/fulfilment_bench.py render
    certificate render median after warm-up (target: at most 100 ms)
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cnn_bench .venv/bin/python tests/benchmarks/fulfilment_bench.py workers
    1,000 paid lines fulfilled (cancelled, certified, emailed) by 2 Celery workers on Redis
    against the registry simulator (target: at most 60 s). Needs PostgreSQL and Redis; it
    migrates the database it is given and fills it with benchmark orders: use a scratch database.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH_BROKER = "redis://127.0.0.1:6379/14"
LINES = int(os.environ.get("BENCH_LINES", "1000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def _django_setup(**env):
    for key, value in env.items():
        os.environ[key] = value
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def bench_render(runs: int = 30, warmup: int = 5) -> float:
    _django_setup(DEBUG="false")
    from shop.certificates.rendering import CertificateData, certificate_pdf_render

    data = CertificateData(
        number="VC-000123/2026",
        presented_to="Société Générale d'Énergie",
        reason="Offsetting our 2026 business travel",
        project_title="Vale do Verde Wind Farm",
        project_reference="0008",
        host_country="BR",
        mechanism="CDM",
        quantity=12,
        serial_ranges=["BR-5-85316059-1-1-0-8 – BR-5-85316070-1-1-0-8"],
        vintage="2012",
        commitment_period="CP1",
        cancelled_on=date(2026, 11, 23),
        transaction_id="VC-00000001",
        verification_code="Q7H2XK9P3MZDq7h2xk9p3m",
        verification_url="https://offset.example.org/en/certificates/Q7H2XK9P3MZDq7h2xk9p3m/",
    )
    for _ in range(warmup):
        certificate_pdf_render(data=data, language="en")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        certificate_pdf_render(data=data, language="en")
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    print(f"certificate render: median {median:.1f} ms, p90 {sorted(timings)[int(runs * 0.9)]:.1f} ms ({runs} runs)")
    return median


def bench_workers() -> float:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (2 workers need real row locks).")
    scratch = Path(tempfile.mkdtemp(prefix="fulfilment-bench-"))
    env = {
        "DEBUG": "false",
        "CELERY_BROKER_URL": BENCH_BROKER,
        "EMAIL_URL": f"filemail://{scratch / 'mail'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "REGISTRY_SIMULATOR_STATE": "",
        "REGISTRY_TOKEN": "bench-token",
        "LOG_LEVEL": "ERROR",
    }
    from registry.simulator.server import RegistrySimulator
    from registry.simulator.state import MemoryStateStore

    simulator = RegistrySimulator(store=MemoryStateStore(), token="bench-token").start()  # noqa: S106
    env["REGISTRY_URL"] = simulator.url
    _django_setup(**env)
    import redis
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    redis.Redis.from_url(BENCH_BROKER).flushdb()

    from shop.fulfilment.models import Certificate
    from shop.fulfilment.services import line_fulfilment_enqueue
    from tests.factories.fulfilment import lines_mark_paid, make_order, make_simulated_offer

    print(f"placing {LINES} paid orders ...", flush=True)
    offer = make_simulated_offer(simulator, units=LINES, project_reference=f"B{int(time.time())}")
    line_ids = []
    for _ in range(LINES):
        line_ids += lines_mark_paid(make_order(items=[(offer, 1)]))
    already = Certificate.objects.count()

    workers = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-P",
                "solo",
                "-c",
                "1",
                "-l",
                "WARNING",
                "-n",
                f"bench{number}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
        )
        for number in range(WORKERS)
    ]
    try:
        time.sleep(3)  # let both workers connect before the clock starts
        start = time.perf_counter()
        line_fulfilment_enqueue(line_ids=line_ids)
        while Certificate.objects.filter(emailed_at__isnull=False).count() - already < LINES:
            time.sleep(0.2)
            if time.perf_counter() - start > 600:
                raise SystemExit("gave up after 10 minutes")
        elapsed = time.perf_counter() - start
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
        simulator.stop()
    cancelled = len(simulator.registry.store.read()["transactions"])
    mails = len(list((scratch / "mail").glob("*")))
    print(
        f"{LINES} lines fulfilled by {WORKERS} workers in {elapsed:.1f} s "
        f"({LINES / elapsed:.1f} lines/s); registry transactions: {cancelled}; mail files: {mails}; scratch: {scratch}"
    )
    return elapsed


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "render"
    {"render": bench_render, "workers": bench_workers}[what]()
