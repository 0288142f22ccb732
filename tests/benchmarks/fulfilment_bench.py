"""Fulfilment benchmarks (issue 6); run by hand or from `make bench`, never part of the test suite.

.venv/bin/python tests/benchmarks/fulfilment_bench.py render
    certificate render median after warm-up (target: at most 100 ms)
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cnn_bench_fulfilment .venv/bin/python tests/benchmarks/fulfilment_bench.py workers
    1,000 paid lines fulfilled (cancelled, certified, emailed) by 2 Celery workers on Redis
    against the registry simulator over HTTP (target: at most 60 s). Needs PostgreSQL and Redis; it
    migrates the database it is given and fills it with benchmark orders: use a scratch database.

Both print their numbers with the load average, and merge them into var/bench/fulfilment.json
(keys agreed in /work/notes/bench_contract.md; `make bench` reads them into its table).
BENCH_LINES and BENCH_WORKERS change the size of the worker run (for short runs while developing).
"""

from __future__ import annotations

import contextlib
import itertools
import json
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
RESULTS = ROOT / "var" / "bench" / "fulfilment.json"
BENCH_BROKER = "redis://127.0.0.1:6379/14"
LINES = int(os.environ.get("BENCH_LINES", "1000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
RENDER_TARGET_MS = 100
FULFILMENT_TARGET_S = 60


def _django_setup(**env):
    for key, value in env.items():
        os.environ[key] = value
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _results_merge(values: dict) -> None:
    """Update only our own keys: `render` and `workers` run separately (bench_contract.md)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    try:
        results = json.loads(RESULTS.read_text())
    except (FileNotFoundError, ValueError):
        results = {}
    results.update(values)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


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
    timings, cpu_timings = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        certificate_pdf_render(data=data, language="en")
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)
    median, cpu_median = statistics.median(timings), statistics.median(cpu_timings)
    p90 = sorted(timings)[int(runs * 0.9)]
    load = _load_average()
    verdict = "ok" if median <= RENDER_TARGET_MS else "OVER TARGET"
    print(
        f"certificate render: median {median:.1f} ms, p90 {p90:.1f} ms, CPU median {cpu_median:.1f} ms "
        f"({runs} runs after {warmup} warm-up; target <= {RENDER_TARGET_MS} ms: {verdict}); load average {load}"
    )
    _results_merge(
        {
            "certificate_render_median_ms": round(median, 1),
            "certificate_render_p90_ms": round(p90, 1),
            "certificate_render_cpu_median_ms": round(cpu_median, 1),
            "certificate_render_runs": runs,
            "load_average_render": load,
            "load_average": load,
        }
    )
    return median


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _database_backends_cpu() -> float:
    """CPU of the PostgreSQL backends serving the workers (they keep their connection for the whole run)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    total = 0.0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError, PermissionError, IndexError):
            total += _cpu_seconds(pid)
    return total


def _workers_wait_ready(count: int) -> None:
    """The clock starts once every worker answers a ping (they warm up their certificate rendering first)."""
    from config.celery import app

    deadline = time.monotonic() + 180
    while len(app.control.ping(timeout=1.0)) < count:
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not start within 3 minutes")


def _emails_sent(mail_dir: Path) -> int:
    """Buyer and provider emails (not staff alerts); the file backend may append several messages to one file."""
    recipients = {"To: buyer@example.org", "To: provider@example.org"}
    return sum(
        1 for path in mail_dir.glob("*") for line in path.read_text(errors="replace").splitlines() if line in recipients
    )


def _bench_orders(simulator, lines: int) -> list[int]:
    """`lines` paid orders of one CER each (one line per order: every line also notifies its provider)."""
    from tests.factories import registry as registry_factories
    from tests.factories.fulfilment import lines_mark_paid, make_order, make_simulated_offer

    # Fresh serials and block ids on every run: the scratch database keeps the blocks of earlier runs.
    registry_factories._serial_starts = itertools.count((int(time.time()) % 100_000) * 10_000, 1_000_000)
    offer = make_simulated_offer(simulator, units=lines, project_reference=f"B{int(time.time())}")
    line_ids = []
    for _ in range(lines):
        line_ids += lines_mark_paid(make_order(items=[(offer, 1)]))
    return line_ids


def bench_workers() -> float:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (2 workers need real row locks).")
    scratch = Path(tempfile.mkdtemp(prefix="fulfilment-bench-"))
    env = {
        "DEBUG": "false",
        "CELERY_BROKER_URL": BENCH_BROKER,
        # Four slashes: django-environ drops one, and the path must stay absolute.
        "EMAIL_URL": f"filemail:///{scratch / 'mail'}",
        "MEDIA_ROOT": str(scratch / "media"),
        # Certificates live in their own private storage, never under MEDIA_ROOT.
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "REGISTRY_SIMULATOR_STATE": "",
        "REGISTRY_TOKEN": "bench-token",
        "LOG_LEVEL": "ERROR",
    }
    from simulators.registry.server import RegistrySimulator
    from simulators.registry.state import MemoryStateStore

    simulator = RegistrySimulator(store=MemoryStateStore(), token="bench-token").start()  # noqa: S106
    env["REGISTRY_URL"] = simulator.url
    _django_setup(**env)
    import redis
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    redis.Redis.from_url(BENCH_BROKER).flushdb()

    from shop.fulfilment.models import LineFulfilment
    from shop.fulfilment.services import line_fulfilment_enqueue

    print(f"placing {LINES} paid orders ...", flush=True)
    line_ids = _bench_orders(simulator, LINES)

    # Workers keep their database connection between tasks, as a deployed worker is configured to
    # (DATABASE_URL ...?conn_max_age=N); otherwise Django reconnects to PostgreSQL for every task.
    separator = "&" if "?" in database_url else "?"
    worker_env = {**os.environ, **env}
    if "conn_max_age" not in database_url:
        worker_env["DATABASE_URL"] = f"{database_url}{separator}conn_max_age=600"
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
            env=worker_env,
        )
        for number in range(WORKERS)
    ]
    try:
        _workers_wait_ready(WORKERS)
        cpu_before = sum(_cpu_seconds(worker.pid) for worker in workers)
        # Placing the orders already sent each buyer its order confirmation: only fulfilment's emails count.
        emails_before = _emails_sent(scratch / "mail")
        bench_cpu_before = time.process_time()
        start = time.perf_counter()
        line_fulfilment_enqueue(line_ids=line_ids)
        # A line is complete once cancelled, certified and both emails are sent.
        # A range, not 1,000 ids: the poll itself should cost the database next to nothing.
        pending = LineFulfilment.objects.filter(
            line_id__gte=min(line_ids), line_id__lte=max(line_ids), completed_at__isnull=True
        )
        while pending.exists():
            time.sleep(0.2)
            if time.perf_counter() - start > 900:
                raise SystemExit("gave up after 15 minutes")
        elapsed = time.perf_counter() - start
        worker_cpu = sum(_cpu_seconds(worker.pid) for worker in workers) - cpu_before
        bench_cpu = time.process_time() - bench_cpu_before
        database_cpu = _database_backends_cpu()
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
        simulator.stop()
    load = _load_average()
    cancelled = len(simulator.registry.store.read()["transactions"])
    emails = _emails_sent(scratch / "mail") - emails_before
    pdfs = len(list((scratch / "private").rglob("*.pdf")))
    ok = cancelled == LINES and emails == 2 * LINES and pdfs == LINES
    verdict = "ok" if elapsed <= FULFILMENT_TARGET_S else "OVER TARGET"
    print(
        f"{LINES} lines fulfilled by {WORKERS} workers in {elapsed:.1f} s ({LINES / elapsed:.1f} lines/s; "
        f"target <= {FULFILMENT_TARGET_S} s for 1,000: {verdict}); CPU: workers {worker_cpu:.1f} s, "
        f"their PostgreSQL backends {database_cpu:.1f} s, bench process (simulator, polling) {bench_cpu:.1f} s; "
        f"registry transactions {cancelled}, emails {emails}, PDFs {pdfs} ({'complete' if ok else 'INCOMPLETE'}); "
        f"load average {load}; scratch {scratch}"
    )
    _results_merge(
        {
            "fulfilment_lines": LINES,
            "fulfilment_workers": WORKERS,
            "workers": WORKERS,
            "fulfilment_seconds": round(elapsed, 1),
            "fulfilment_lines_per_second": round(LINES / elapsed, 1),
            "fulfilment_worker_cpu_seconds": round(worker_cpu, 1),
            "fulfilment_database_cpu_seconds": round(database_cpu, 1),
            "fulfilment_bench_process_cpu_seconds": round(bench_cpu, 1),
            "fulfilment_registry_transactions": cancelled,
            "fulfilment_emails": emails,
            "fulfilment_ok": ok,
            "load_average_workers": load,
            "load_average": load,
        }
    )
    if not ok:
        sys.exit("fulfilment incomplete: see the counts above")
    return elapsed


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "render"
    {"render": bench_render, "workers": bench_workers}[what]()
