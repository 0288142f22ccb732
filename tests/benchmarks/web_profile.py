"""Profile one benchmark page in-process (development aid for `make bench`).

DATABASE_URL=postgres://postgres@127.0.0.1:5432/cnn_bench .venv/bin/python tests/benchmarks/web_profile.py catalogue [N]

Uses the seed of the last web_bench.py run (var/bench/seed.json) and the same settings; prints the mean time per
request and the queries, and, with PROFILE=1, a pyinstrument profile (pip install pyinstrument).
"""

from __future__ import annotations

import json
import os
import sys
import time

from web_bench import BENCH_DIR, BENCH_ENV, scenarios


def main() -> None:
    name = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    os.environ.update(BENCH_ENV)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    seed = json.loads((BENCH_DIR / "seed.json").read_text())
    row = next(row for row in scenarios(seed) if row["page"] == name)
    client = Client()
    for part in (row["cookie"] or "").split("; "):
        if part:
            key, _equals, value = part.partition("=")
            client.cookies[key] = value
    for _ in range(3):
        client.get(row["path"])
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(row["path"])
    profiler = None
    if os.environ.get("PROFILE"):
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(runs):
        response = client.get(row["path"])
    elapsed = (time.perf_counter() - start) / runs * 1000
    cpu = (time.process_time() - cpu) / runs * 1000
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(
        f"{name}: {elapsed:.2f} ms/request ({cpu:.2f} ms CPU in this process), status {response.status_code}, {len(queries)} queries"
    )
    if os.environ.get("SHOW_QUERIES"):
        for query in queries:
            print(" ", query[:300])


if __name__ == "__main__":
    main()
