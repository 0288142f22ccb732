"""Local development: `make run`. Embedded defaults everywhere."""

import contextlib

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Local only: production.py has no default and refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-0n6c1v9hlz8m2x7r4q3w5e1t0y8u6i")
DEMO_DATA_ALLOWED = True

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
