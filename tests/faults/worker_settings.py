"""Settings of the Celery worker processes the fault tests start and kill (see conftest.worker_processes).

The test settings, pointed at the running test's database (DATABASE_URL), Redis queue and registry simulator.
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import env

CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["FAULTS_QUEUE"]
# A message taken by a worker that died is handed out again after this many seconds (production: an hour).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.float("FAULTS_VISIBILITY_TIMEOUT", default=4.0),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
REGISTRY_URL = os.environ["REGISTRY_URL"]
REGISTRY_TOKEN = os.environ["REGISTRY_TOKEN"]
REGISTRY_RETRY_BACKOFF = 0.0
REGISTRY_TIMEOUT = env.float("REGISTRY_TIMEOUT", default=5.0)
FULFILMENT_RETRY_BACKOFF = env.float("FULFILMENT_RETRY_BACKOFF", default=0.5)
FULFILMENT_RETRY_BACKOFF_MAX = env.float("FULFILMENT_RETRY_BACKOFF_MAX", default=2.0)
MEDIA_ROOT = os.environ["MEDIA_ROOT"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["FAULTS_MAIL_DIR"]
