"""Production: everything from the environment, HTTPS only, no secret defaults."""

from django.core.exceptions import ImproperlyConfigured

from shop.paypal.checks import paypal_settings_problems

from .base import *  # noqa: F403
from .base import CACHES, CERTIFICATE_STORAGE, DATABASES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEMO_DATA_ALLOWED = False
# No built-in registry simulator in production: without REGISTRY_URL the registry is reported unavailable.
REGISTRY_SIMULATOR_ALLOWED = False
# No PayPal simulator either: its client secret is in the source code. No defaults, and refuse to start without.
PAYPAL_SIMULATOR_ALLOWED = False
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

STORAGES = {
    "default": {"BACKEND": env("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Never the public media: nginx serves these only after the view's X-Accel-Redirect.
    "certificates": CERTIFICATE_STORAGE,
}
