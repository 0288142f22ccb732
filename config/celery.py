import os

from celery import Celery
from celery.signals import (
    after_setup_logger,
    after_setup_task_logger,
    before_task_publish,
    task_postrun,
    task_prerun,
)

from config import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Celery's Django fixup closes every database connection around every task unless told to reuse them:
# workers then keep theirs for CONN_MAX_AGE, as web processes do, and the handler below drops old or broken ones.
app.conf.CELERY_DB_REUSE_MAX = 10_000  # the fixup reads this old-style name
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def database_connections_tidy(task=None, **kwargs):
    """What Django does around each request: close connections past CONN_MAX_AGE or left unusable by an error."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


# The request id (config/logs.py): sent with each task queued by a request, logged around and within the task.
before_task_publish.connect(logs.task_headers_add, weak=False)
task_prerun.connect(logs.task_request_id_set, weak=False)
task_postrun.connect(logs.task_request_id_clear, weak=False)
after_setup_logger.connect(logs.celery_handlers_format, weak=False)
after_setup_task_logger.connect(logs.celery_handlers_format, weak=False)
