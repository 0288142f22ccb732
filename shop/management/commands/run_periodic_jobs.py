from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run every periodic job of the Celery beat schedule (CELERY_BEAT_SCHEDULE) once, now, in this process: "
        "after an outage of beat, or on a machine without beat (e.g. from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], help="Run only this schedule entry (repeatable).")

    def handle(self, *args, only, **options):
        from config.celery import app

        app.loader.import_default_modules()  # registers every app's tasks, as a worker does
        schedule = settings.CELERY_BEAT_SCHEDULE
        unknown = set(only) - set(schedule)
        if unknown:
            raise CommandError(f"Not in CELERY_BEAT_SCHEDULE: {', '.join(sorted(unknown))}")
        failed = []
        for name, entry in schedule.items():
            if only and name not in only:
                continue
            task = app.tasks[entry["task"]]
            # apply() runs the task here and now, whatever the broker; throw=False: one failure does not stop the rest.
            result = task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), throw=False)
            self.stdout.write(f"{name}: {task.name} {result.state}")
            if result.failed():
                failed.append(name)
                self.stderr.write(f"{name} failed: {result.result!r}")
        if failed:
            raise CommandError(f"Periodic jobs failed: {', '.join(failed)}")
