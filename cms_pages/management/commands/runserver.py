"""`runserver` (as staticfiles serves it), plus the periodic jobs when there is no broker to run `celery beat`."""

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver

from config.scheduler import periodic_jobs_start


class Command(StaticfilesRunserver):
    def inner_run(self, *args, **options):
        # inner_run runs only in the process that serves (the autoreloader's child), never in the watcher.
        if settings.PERIODIC_JOBS_IN_PROCESS:
            jobs = periodic_jobs_start(first_run_after=60.0)
            self.stdout.write(
                "Periodic jobs run in this process (no CELERY_BROKER_URL): " + ", ".join(sorted(jobs.jobs))
            )
        super().inner_run(*args, **options)
