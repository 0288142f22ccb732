"""Production: everything from the environment, HTTPS only, no secret defaults."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from shop.paypal.checks import paypal_settings_problems

from .base import *  # noqa: F403
from .base import CACHES, CERTIFICATE_STORAGE, DATABASES, STATIC_ROOT, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Simulators on a production-shaped stack, NOT FOR REAL MONEY: `make production` sets this to run the PayPal
# simulator (PAYPAL_MODE=simulator) and load the demo data under these settings. Never on a real site.
SIMULATORS_NOT_FOR_REAL_MONEY = env.bool("SIMULATORS_NOT_FOR_REAL_MONEY", default=False)
DEMO_DATA_ALLOWED = SIMULATORS_NOT_FOR_REAL_MONEY
PAYPAL_SIMULATOR_ALLOWED = SIMULATORS_NOT_FOR_REAL_MONEY
# No built-in registry simulator in production: without REGISTRY_URL the registry is reported unavailable
# (`make production` runs `run_registry_simulator` as its own process and sets REGISTRY_URL to it).
REGISTRY_SIMULATOR_ALLOWED = False
SIMULATORS_EMBEDDED = False
if not SIMULATORS_NOT_FOR_REAL_MONEY:
    # No PayPal simulator either: its client secret is in the source code. No defaults, and refuse to start without.
    PAYPAL_MODE = env("PAYPAL_MODE", default="")
    PAYPAL_CLIENT_ID = env("PAYPAL_CLIENT_ID", default="")
    PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="")
    PAYPAL_WEBHOOK_ID = env("PAYPAL_WEBHOOK_ID", default="")
    _paypal_problems = paypal_settings_problems(
        {
            "PAYPAL_MODE": PAYPAL_MODE,
            "PAYPAL_CLIENT_ID": PAYPAL_CLIENT_ID,
            "PAYPAL_CLIENT_SECRET": PAYPAL_CLIENT_SECRET,
            "PAYPAL_WEBHOOK_ID": PAYPAL_WEBHOOK_ID,
        }
    )
    if _paypal_problems:
        raise ImproperlyConfigured(" ".join(_paypal_problems))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Oscar's own cookies (the anonymous basket, recently viewed offers) are HTTPS-only too.
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# The health check must answer on plain HTTP to the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Performance: keep each worker's database connection between requests instead of reconnecting every time.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Sessions read from the shared cache (Redis), written through to the database; a per-process cache would go stale.
if not CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The same Redis backend without a new client object per cache call (config/cache.py).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "config.cache.RedisCache"

# nginx serves these files itself (deploy/nginx/cnn.conf); the paths must match its aliases.
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(STATIC_ROOT)))

# One JSON line per log record, each with its request id (config/logs.py); one line per request at INFO.
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"  # noqa: F405
LOGGING["loggers"] = {  # noqa: F405
    "cnn.request": {"level": "INFO"},
    "cnn.task": {"level": "INFO"},
    # WeasyPrint's font subsetting logs a dozen INFO lines per certificate.
    "fontTools": {"level": "WARNING"},
    "weasyprint": {"level": "WARNING"},
}

STORAGES = {
    "default": {"BACKEND": env("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Never the public media: nginx serves these only after the view's X-Accel-Redirect.
    "certificates": CERTIFICATE_STORAGE,
}
