"""Web benchmark (issue 10, `make bench`; never part of the test suite).

DATABASE_URL=postgres://postgres@127.0.0.1:5432/cnn_bench .venv/bin/python tests/benchmarks/web_bench.py

Seeds a scratch PostgreSQL database (tests/benchmarks/web_seed.py: 500 projects, 5,000 offers, 20,000 past
cancellations, the demo site pages), serves it with gunicorn (2 workers, config.settings.bench = production
settings on loopback, Redis cache) next to 2 Celery workers on Redis, drives each page with wrk (8 connections),
counts each page's queries in-process with the Django test client, adds the fulfilment benchmark's figures from
var/bench/fulfilment.json, prints the table with PASS/FAIL against the targets and writes var/bench/results.json.

"Uncached" requests carry the session cookie of an anonymous visitor, so the site itself (cms_pages.cache)
decides not to serve them from the anonymous page cache; the cached rows send no cookie at all.

Environment: BENCH_SECONDS (default 12) per page after BENCH_WARMUP (default 3) seconds of warm-up,
BENCH_PORT (8123), BENCH_ONLY (comma-separated row names, for development), BENCH_CACHE_URL, BENCH_BROKER_URL.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
PORT = int(os.environ.get("BENCH_PORT", "8123"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "12"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
CONNECTIONS = 8
BASE_URL = f"http://127.0.0.1:{PORT}"

# Targets of issue 10 (uncached catalogue, project page; anonymous cached pages; p99 of every uncached page)
# and of issue 6 (certificate render median, 1,000 lines fulfilled).
CATALOGUE_MIN_RPS = 100
PROJECT_MIN_RPS = 150
CACHED_MIN_RPS = 800
UNCACHED_MAX_P99_MS = 250
RENDER_MAX_MEDIAN_MS = 100
FULFILMENT_MAX_SECONDS = 60

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.bench",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret-7d1f0c2b9e8a4c5d6e7f8a9b0c1d2e3f",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    # Plain HTTP on loopback: no redirect to HTTPS.
    "SECURE_SSL_REDIRECT": "false",
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11"),
    # wrk is one client address: the per-address API limit would answer 429 after 120 requests.
    "API_THROTTLE_RATE": "100000000/min",
    "MEDIA_ROOT": str(BENCH_DIR / "media"),
    "EMAIL_URL": f"filemail:///{BENCH_DIR / 'mail'}",
    "LOG_LEVEL": "ERROR",
    "SITE_URL": BASE_URL,
    # Production settings refuse the PayPal simulator unless told this stack handles no real money.
    "SIMULATORS_NOT_FOR_REAL_MONEY": "true",
}


def _env() -> dict:
    return {**os.environ, **BENCH_ENV}


def _run(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(), check=True)  # noqa: S603


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def static_files_current() -> bool:
    """The manifest storage's files are newer than our static/ tree and the pinned packages (it takes minutes)."""
    manifest = BENCH_DIR / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [ROOT / "requirements.txt", *(path for path in (ROOT / "static").rglob("*") if path.is_file())]
    return manifest.stat().st_mtime > max(path.stat().st_mtime for path in sources)


def prepare() -> dict:
    """Migrate, collect static files, seed; returns what the seed says about the visitor and the URLs."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a scratch PostgreSQL database (e.g. postgres://postgres@127.0.0.1:5432/cnn_bench)."
        )
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (make bench does it).")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    _run("manage.py", "migrate", "--noinput", "-v0")
    if not static_files_current():
        _run("manage.py", "collectstatic", "--noinput", "-v0")
    print(f"migrated and collected static files ({time.perf_counter() - start:.1f} s)", flush=True)
    os.environ.update(BENCH_ENV)
    import django

    django.setup()
    from tests.benchmarks.web_seed import bench_seed

    start = time.perf_counter()
    seed = bench_seed()
    print(f"seeded in {time.perf_counter() - start:.1f} s", flush=True)
    from django.core.cache import cache
    from django.db import connections

    # Every page renders fresh from the current code and data.
    cache.clear()
    connections.close_all()
    (BENCH_DIR / "seed.json").write_text(json.dumps(seed, indent=2))
    return seed


def scenarios(seed: dict) -> list[dict]:
    session = seed["session_cookie"]
    visitor = f"{session}; {seed['basket_cookie']}"
    rows = [
        ("home", "/en/", session, "uncached"),
        ("project page", seed["project"], session, "uncached"),
        ("catalogue", "/en/shop/", session, "uncached"),
        (
            "catalogue filtered",
            f"/en/shop/?country={seed['project_country']}&vintage_min=2012&sort=price",
            session,
            "uncached",
        ),
        ("basket", "/en/shop/basket/", visitor, "uncached"),
        ("checkout details", "/en/shop/checkout/details/", visitor, "uncached"),
        ("statistics", seed["statistics"], session, "uncached"),
        ("API offers list", "/api/v1/offers/", None, "uncached"),
        ("home (cached)", "/en/", None, "cached"),
        ("project page (cached)", seed["project"], None, "cached"),
    ]
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}
    return [
        {"page": name, "path": path, "cookie": cookie, "kind": kind}
        for name, path, cookie, kind in rows
        if not only or name in only
    ]


def _get(path: str, cookie: str | None):
    request = urllib.request.Request(BASE_URL + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers


def wrk(path: str, cookie: str | None, seconds: int) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(Path(__file__).with_name("wrk_report.lua"))]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, BASE_URL + path], capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def load(row: dict) -> dict:
    status, headers = _get(row["path"], row["cookie"])
    if status != 200:
        raise SystemExit(f"{row['page']}: {row['path']} answered {status}")
    wrk(row["path"], row["cookie"], WARMUP)
    cache_header = _get(row["path"], row["cookie"])[1].get("X-Page-Cache")
    if row["kind"] == "cached" and cache_header != "hit":
        raise SystemExit(f"{row['page']}: expected a page-cache hit, got X-Page-Cache={cache_header}")
    if row["kind"] == "uncached" and cache_header == "hit":
        raise SystemExit(f"{row['page']}: an uncached row was served from the anonymous page cache")
    result = wrk(row["path"], row["cookie"], SECONDS)
    errors = sum(value for key, value in result.items() if key.startswith("errors_"))
    return {
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "requests": result["requests"],
        "errors": errors,
        "load_average": load_average(),
    }


def query_count(row: dict) -> int:
    """The page's queries once warm, in-process, through the whole middleware stack."""
    from django.db import connection
    from django.test import Client

    client = Client()
    if row["cookie"]:
        for part in row["cookie"].split("; "):
            name, _equals, value = part.partition("=")
            client.cookies[name] = value
    for _ in range(2):
        client.get(row["path"])
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    # Counts every statement sent, whatever DEBUG and the request signals do to connection.queries.
    with connection.execute_wrapper(count):
        response = client.get(row["path"])
    if response.status_code != 200:
        raise SystemExit(f"{row['page']}: the test client got {response.status_code}")
    return len(executed)


def fulfilment_rows() -> list[dict]:
    path = BENCH_DIR / "fulfilment.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    median = data.get("certificate_render_median_ms")
    seconds = data.get("fulfilment_seconds")
    lines = data.get("fulfilment_lines")
    return [
        {
            "page": "certificate render (median)",
            "value": median,
            "text": f"{median:.1f} ms" if median is not None else "n/a",
            "target": f"<= {RENDER_MAX_MEDIAN_MS} ms",
            "pass": median is not None and median <= RENDER_MAX_MEDIAN_MS,
            "load_average": data.get("load_average"),
        },
        {
            "page": "fulfilment (2 Celery workers)",
            "value": seconds,
            "text": (
                f"{lines} lines in {seconds:.1f} s ({data.get('fulfilment_lines_per_second', lines / seconds):.1f}/s)"
                if seconds
                else "n/a"
            ),
            "target": f"1,000 lines <= {FULFILMENT_MAX_SECONDS} s",
            "pass": bool(seconds) and (lines or 0) >= 1000 and seconds <= FULFILMENT_MAX_SECONDS,
            "load_average": data.get("load_average"),
        },
    ]


def verdict(row: dict) -> tuple[str, bool | None]:
    checks = []
    if row["kind"] == "cached":
        checks.append((f">= {CACHED_MIN_RPS} req/s", row["rps"] >= CACHED_MIN_RPS))
    else:
        if row["page"].startswith("catalogue"):
            checks.append((f">= {CATALOGUE_MIN_RPS} req/s", row["rps"] >= CATALOGUE_MIN_RPS))
        if row["page"] == "project page":
            checks.append((f">= {PROJECT_MIN_RPS} req/s", row["rps"] >= PROJECT_MIN_RPS))
        checks.append((f"p99 <= {UNCACHED_MAX_P99_MS} ms", row["p99_ms"] <= UNCACHED_MAX_P99_MS))
    checks.append(("no errors", row["errors"] == 0))
    return ", ".join(text for text, _ok in checks[:-1]), all(ok for _text, ok in checks)


def start_services() -> list[subprocess.Popen]:
    log = (BENCH_DIR / "services.log").open("w")
    celery = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-c", "2", "-l", "WARNING", "-n", "webbench@%h"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    gunicorn = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env={**_env(), "GUNICORN_BIND": f"127.0.0.1:{PORT}", "WEB_CONCURRENCY": "2"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 90
    while True:
        try:
            if _get("/en/", None)[0] == 200:
                break
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if time.time() > deadline or gunicorn.poll() is not None:
            stop_services([celery, gunicorn])
            raise SystemExit(f"gunicorn did not answer; see {BENCH_DIR / 'services.log'}")
        time.sleep(0.5)
    return [celery, gunicorn]


def stop_services(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def print_table(rows: list[dict], extra: list[dict]) -> None:
    print()
    print(f"{'page':<30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8}  {'target':<32} result")
    for row in rows:
        print(
            f"{row['page']:<30} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['queries']:>8}  "
            f"{row['target']:<32} {'PASS' if row['pass'] else 'FAIL'}"
            + (f" ({row['errors']} errors)" if row["errors"] else "")
        )
    for row in extra:
        print(f"{row['page']:<30} {row['text']:<44} {row['target']:<32} {'PASS' if row['pass'] else 'FAIL'}")


def main() -> int:
    seed = prepare()
    rows = scenarios(seed)
    for row in rows:
        row["queries"] = query_count(row)
    from django.db import connections

    connections.close_all()
    processes = start_services()
    try:
        for row in rows:
            row.update(load(row))
            row["target"], row["pass"] = verdict(row)
            print(
                f"{row['page']:<30} {row['rps']:8.1f} req/s  p50 {row['p50_ms']:6.1f} ms  p99 {row['p99_ms']:6.1f} ms  "
                f"{row['queries']} queries  (load average {row['load_average']})",
                flush=True,
            )
    finally:
        stop_services(processes)
    extra = fulfilment_rows()
    print_table(rows, extra)
    ok = all(row["pass"] for row in rows) and all(row["pass"] for row in extra)
    print(f"\nload average {load_average()}; {'all targets met' if ok else 'some targets missed'}")
    result = {
        "measured_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "git_commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip(),
        "load_average": load_average(),
        "connections": CONNECTIONS,
        "seconds_per_page": SECONDS,
        "pages": [{key: value for key, value in row.items() if key != "cookie"} for row in rows],
        "fulfilment": extra,
        "all_pass": ok,
    }
    (BENCH_DIR / "results.json").write_text(json.dumps(result, indent=2))
    print(f"written to {BENCH_DIR / 'results.json'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
