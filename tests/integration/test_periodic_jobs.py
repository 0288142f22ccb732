"""Without a broker, `runserver` runs the beat schedule's jobs itself (config/scheduler.py)."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings

from config.scheduler import THREAD_NAME, PeriodicJobs
from shop.order.models import LineStatus
from tests.factories.fulfilment import make_paid_order
from tests.faults.checks import wait_until

ROOT = Path(__file__).resolve().parents[2]
runs: list[str] = []


def job_tick():
    runs.append("tick")
    return len(runs)


def job_broken():
    runs.append("broken")
    raise RuntimeError("a job that fails")


def test_jobs_run_at_their_interval_and_a_failing_one_does_not_stop_them():
    runs.clear()
    jobs = PeriodicJobs(
        {
            "tick": {"task": f"{__name__}.job_tick", "schedule": 0.2},
            "broken": {"task": f"{__name__}.job_broken", "schedule": 0.2},
        },
        first_run_after=0,
        tick=0.05,
    ).start()
    try:
        wait_until(lambda: runs.count("tick") >= 3, timeout=10, what="the job to run three times")
    finally:
        jobs.stop()
    assert runs.count("broken") >= 2


def test_every_job_of_the_beat_schedule_runs_without_a_broker():
    assert set(PeriodicJobs(settings.CELERY_BEAT_SCHEDULE).jobs) == set(settings.CELERY_BEAT_SCHEDULE)
    assert {"fulfilment-requeue", "fulfilment-overdue-alert", "bank-transfer-expiry"} <= set(
        settings.CELERY_BEAT_SCHEDULE
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("serialized_data_restored")
def test_a_line_left_paid_is_certified_by_the_in_process_requeue(fulfilment_offer, settings):
    """What a crash after payment leaves behind: a paid line nobody queued. The dev server's jobs finish it."""
    settings.FULFILMENT_REQUEUE_AFTER_MINUTES = 0
    order = make_paid_order(product=fulfilment_offer, quantity=2)
    line = order.lines.get()
    entry = settings.CELERY_BEAT_SCHEDULE["fulfilment-requeue"]
    jobs = PeriodicJobs({"fulfilment-requeue": {**entry, "schedule": 0.5}}, first_run_after=0, tick=0.05).start()
    try:
        wait_until(
            lambda: line.__class__.objects.get(pk=line.pk).status == LineStatus.CANCELLED,
            timeout=60,
            what="the requeue job to fulfil the line",
        )
    finally:
        jobs.stop()
    assert line.__class__.objects.get(pk=line.pk).certificate.emailed_at is not None


def test_runserver_starts_the_jobs_only_when_asked(monkeypatch, settings):
    from django.core.management.commands import runserver as django_runserver

    from cms_pages.management.commands import runserver

    started, served = [], []
    monkeypatch.setattr(runserver, "periodic_jobs_start", lambda **kw: started.append(kw) or PeriodicJobs({}))
    monkeypatch.setattr(django_runserver.Command, "inner_run", lambda self, *a, **kw: served.append(True))

    settings.PERIODIC_JOBS_IN_PROCESS = False
    runserver.Command().inner_run()
    assert (started, served) == ([], [True])

    settings.PERIODIC_JOBS_IN_PROCESS = True
    runserver.Command().inner_run()
    assert len(started) == 1
    assert served == [True, True]


def test_no_jobs_thread_in_tests_or_other_commands():
    assert settings.PERIODIC_JOBS_IN_PROCESS is False
    assert THREAD_NAME not in [thread.name for thread in threading.enumerate()]
    # The development settings without a broker: only runserver starts the thread, not any other command.
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    code = "import threading; from django.conf import settings; print(settings.PERIODIC_JOBS_IN_PROCESS, [t.name for t in threading.enumerate()])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "True ['MainThread']" in result.stdout
    assert THREAD_NAME not in result.stdout
