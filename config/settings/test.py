"""The test suite: the same embedded defaults, fast password hashing, no outside world."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

SECRET_KEY = "test-insecure-3k9d8f7g6h5j4k3l2m1n0b9v8c7x6z5a4s3d2f1g"  # noqa: S105 - tests only
DEBUG = False
DEMO_DATA_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "certificates": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "test-private"), "base_url": None},
    },
}
MEDIA_ROOT = VAR_DIR / "test-media"
# Tests start no periodic jobs thread; tests/unit/test_periodic_jobs.py runs them on purpose.
PERIODIC_JOBS_IN_PROCESS = False
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
# The embedded registry simulator keeps its state in memory: no file shared between test runs.
REGISTRY_SIMULATOR_STATE = ""

# Each developer or helper can keep its own test database with TEST_DB_TAG.
_tag = os.environ.get("TEST_DB_TAG", "main")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{_tag}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_cnn_{_tag}"}
# Static files come straight from the finders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
