"""The periodic jobs without a broker: `make run` runs the Celery beat schedule on a thread of the dev server.

With a broker (production), `celery beat` runs CELERY_BEAT_SCHEDULE. Without one there is no beat, and a
line left `paid` by a crash would never be retried: the development server (config's runserver command,
only in the process that serves) starts PeriodicJobs, which calls each job's task in-process at its interval.
"""

import logging
import threading
import time
from datetime import timedelta

from django.db import close_old_connections, connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

THREAD_NAME = "periodic-jobs"


def _interval_seconds(schedule) -> float | None:
    if isinstance(schedule, timedelta):
        return schedule.total_seconds()
    if isinstance(schedule, int | float):
        return float(schedule)
    return None  # a crontab or solar schedule: only celery beat knows those


class PeriodicJobs:
    """Runs each entry of a beat schedule ({"name": {"task": "dotted.path", "schedule": seconds}}) at its interval.

    Each job runs first `first_run_after` seconds after start (a stuck line is retried soon after a restart),
    then every `schedule` seconds. A failing job is logged and tried again at its next turn.
    """

    def __init__(self, schedule: dict, *, first_run_after: float = 30.0, tick: float = 1.0):
        self.jobs = {}
        for name, entry in schedule.items():
            interval = _interval_seconds(entry["schedule"])
            if interval is None:
                logger.warning("periodic job %s: only numeric intervals run without a broker; skipped", name)
                continue
            self.jobs[name] = (entry["task"], interval)
        self.first_run_after = first_run_after
        self.tick = tick
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_job(self, name: str) -> None:
        task_path, _interval = self.jobs[name]
        close_old_connections()
        try:
            # A Celery task called directly runs its function here, as the worker would.
            result = import_string(task_path)()
            logger.info("periodic job %s done: %s", name, result)
        except Exception:
            logger.exception("periodic job %s failed; it runs again at its next turn", name)
        finally:
            close_old_connections()

    def _loop(self) -> None:
        start = time.monotonic()
        due = dict.fromkeys(self.jobs, start + self.first_run_after)
        try:
            while not self._stop.wait(self.tick):
                now = time.monotonic()
                for name, (_task, interval) in self.jobs.items():
                    if now >= due[name] and not self._stop.is_set():
                        self.run_job(name)
                        due[name] = time.monotonic() + interval
        finally:
            connections.close_all()

    def start(self) -> "PeriodicJobs":
        self._thread = threading.Thread(target=self._loop, name=THREAD_NAME, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


def periodic_jobs_start(*, first_run_after: float = 30.0) -> PeriodicJobs:
    """Start the settings' beat schedule on a daemon thread of this process."""
    from django.conf import settings

    jobs = PeriodicJobs(settings.CELERY_BEAT_SCHEDULE, first_run_after=first_run_after).start()
    logger.info("periodic jobs running in this process: %s", ", ".join(jobs.jobs))
    return jobs
