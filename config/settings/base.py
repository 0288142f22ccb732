"""Settings shared by every environment; everything deployment-specific comes from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
# Local state of the embedded defaults (SQLite, mail, media, simulators) lives here.
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Ours first, so our templates and commands win.
    "cms_pages",
    "registry",
    "shop",
    "shop.paypal",
    "shop.fulfilment.apps.FulfilmentConfig",
    "shop.banktransfer.apps.BankTransferConfig",
    "api",
    # Stand-ins for the registry and PayPal: their commands, and in development the embedded servers (apps.py).
    "simulators",
    # Wagtail and wagtail-localize (its `locales` app replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django.
    "config.admin.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # django-oscar: only Oscar's own entries of oscar.INSTALLED_APPS.
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
]

MIDDLEWARE = [
    # First: the request id (X-Request-ID from nginx) for every later log line, and one log line per request.
    "config.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous cached pages are answered here, before sessions, auth, the basket and any query.
    "cms_pages.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.security.RejectNulCharactersMiddleware",
    # Per-address limits on password resets and the certificate preview (after LocaleMiddleware: a translated 429).
    "config.security.RequestRateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.security.LoginRateLimitMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
            ],
        },
    }
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behind a threaded server with eager tasks (make run, tests): one writer at a time, so
    # - WAL: readers never wait for the writer, nor the writer for them;
    # - IMMEDIATE: a transaction takes the write lock when it begins; a deferred one that read first and then
    #   writes while another holds the lock fails at once with "database is locked" (no waiting can help it);
    # - timeout: a writer waits up to 20 s for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url_config(env("CACHE_URL", default="") or "locmemcache://cnn")}

AUTHENTICATION_BACKENDS = [
    # First: refuses any login while too many failures are counted for that username and address.
    "config.security.LoginRateLimitBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/"

# Languages: English is the source; French and Spanish are translations.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Certificates: a private storage outside MEDIA_ROOT, with no URL; only the certificate view serves them.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# Behind nginx: the view answers with X-Accel-Redirect: <prefix><file name> and nginx sends the file from an
# internal location aliased to PRIVATE_MEDIA_ROOT (e.g. "/_private/"). Empty: the view streams the file itself.
PRIVATE_MEDIA_X_ACCEL_REDIRECT_PREFIX = env("PRIVATE_MEDIA_X_ACCEL_REDIRECT_PREFIX", default="")
CERTIFICATE_STORAGE = {
    "BACKEND": "core.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "certificates": CERTIFICATE_STORAGE,
}

# Email: files under var/mail/ unless EMAIL_URL points at an SMTP server.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# Not a filemail:// default: django-environ drops the leading slash of its path, sending mail under ./work/...
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Climate Neutral Now <noreply@climateneutralnow.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_ALERT_EMAILS = env.list("STAFF_ALERT_EMAILS", default=["platform-admin@climateneutralnow.example"])

# Celery: eager (in-process) when no broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# One beat schedule for every periodic job; later apps add their entries here.
CELERY_BEAT_SCHEDULE: dict = {}
# No broker, no `celery beat`: `runserver` runs the schedule's jobs on a thread of its own (config/scheduler.py).
PERIODIC_JOBS_IN_PROCESS = env.bool("PERIODIC_JOBS_IN_PROCESS", default=CELERY_BROKER_URL is None)

# Development and tests: a registry or PayPal simulator starts inside the process on first use when no URL is set
# (simulators/apps.py). Production never embeds one: it runs them as processes of their own, if at all.
SIMULATORS_EMBEDDED = True

# Registry: the built-in simulator unless REGISTRY_URL names a real registry.
REGISTRY_URL = env("REGISTRY_URL", default="")
REGISTRY_TOKEN = env("REGISTRY_TOKEN", default="simulator-token")
REGISTRY_TIMEOUT = env.float("REGISTRY_TIMEOUT", default=10.0)
REGISTRY_RETRIES = env.int("REGISTRY_RETRIES", default=3)
REGISTRY_RETRY_BACKOFF = env.float("REGISTRY_RETRY_BACKOFF", default=0.5)
# Simulator only: its state file, shared by every web process and run_registry_simulator ("" = in memory).
REGISTRY_SIMULATOR_STATE = env("REGISTRY_SIMULATOR_STATE", default=str(VAR_DIR / "registry-simulator.json"))
# Accounts registry_sync always pulls, besides those already mirrored in UnitBlock.
REGISTRY_SYNC_ACCOUNTS = env.list("REGISTRY_SYNC_ACCOUNTS", default=[])
# Dotted paths of callables returning more account numbers to sync (e.g. provider-mapped accounts).
REGISTRY_SYNC_ACCOUNT_SOURCES: list[str] = []
CELERY_BEAT_SCHEDULE["registry-sync"] = {"task": "registry.tasks.registry_sync_task", "schedule": 15 * 60}

# Fulfilment: re-queue paid lines stuck for 15 minutes; alert staff about lines without a certificate after 48 hours.
FULFILMENT_REQUEUE_AFTER_MINUTES = env.int("FULFILMENT_REQUEUE_AFTER_MINUTES", default=15)
FULFILMENT_OVERDUE_AFTER_HOURS = env.int("FULFILMENT_OVERDUE_AFTER_HOURS", default=48)
# Registry outages: retry after 60 s, doubling up to an hour between tries, for about three days.
FULFILMENT_RETRY_BACKOFF = env.float("FULFILMENT_RETRY_BACKOFF", default=60.0)
FULFILMENT_RETRY_BACKOFF_MAX = env.float("FULFILMENT_RETRY_BACKOFF_MAX", default=3600.0)
# Redis hands an unacknowledged message out again after the visibility timeout; it must outlast the longest retry
# countdown, or a retry waiting its turn is delivered twice. A dead worker's tasks come back through the sweeper.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * FULFILMENT_RETRY_BACKOFF_MAX}
CELERY_BEAT_SCHEDULE["fulfilment-requeue"] = {
    "task": "shop.fulfilment.tasks.fulfilment_requeue_task",
    "schedule": 5 * 60,
}
CELERY_BEAT_SCHEDULE["fulfilment-overdue-alert"] = {
    "task": "shop.fulfilment.tasks.fulfilment_overdue_alert_task",
    "schedule": 60 * 60,
}

# Bank transfer: a transfer still unpaid after this many days is cancelled and its CERs released (checked daily).
BANK_TRANSFER_EXPIRY_DAYS = env.int("BANK_TRANSFER_EXPIRY_DAYS", default=90)
CELERY_BEAT_SCHEDULE["bank-transfer-expiry"] = {
    "task": "shop.banktransfer.tasks.bank_transfer_expire_overdue_task",
    "schedule": 24 * 60 * 60,
}
# Refunds PayPal could not be reached for (double charges, failed lines) are sent again.
CELERY_BEAT_SCHEDULE["paypal-refunds-retry"] = {
    "task": "shop.paypal.tasks.paypal_refunds_retry_task",
    "schedule": 15 * 60,
}

# PayPal / card: an order not paid this many minutes after it was placed releases its CERs (checked every 5 minutes);
# one visitor (signed-in user, guest email or session) holds at most MAX_OPEN_UNPAID_ORDERS such orders at once.
PAYMENT_HOLD_MINUTES = env.int("PAYMENT_HOLD_MINUTES", default=60)
MAX_OPEN_UNPAID_ORDERS = env.int("MAX_OPEN_UNPAID_ORDERS", default=3)
CELERY_BEAT_SCHEDULE["payment-hold-expiry"] = {
    "task": "shop.tasks.orders_expire_unpaid_task",
    "schedule": 5 * 60,
}

# PayPal: the built-in Orders v2 simulator unless PAYPAL_MODE is sandbox or live.
PAYPAL_MODE = env("PAYPAL_MODE", default="simulator")
PAYPAL_CLIENT_ID = env("PAYPAL_CLIENT_ID", default="simulator-client")
PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="simulator-secret")
PAYPAL_WEBHOOK_ID = env("PAYPAL_WEBHOOK_ID", default="simulator-webhook")
PAYPAL_SIMULATOR_URL = env("PAYPAL_SIMULATOR_URL", default="")
PAYPAL_TIMEOUT = env.float("PAYPAL_TIMEOUT", default=15.0)
# Simulator only: where it sends signed webhooks and keeps its state (shared by every process).
PAYPAL_SIMULATOR_WEBHOOK_URL = env("PAYPAL_SIMULATOR_WEBHOOK_URL", default=f"{SITE_URL}/paypal/webhook/")
PAYPAL_SIMULATOR_STATE_FILE = env("PAYPAL_SIMULATOR_STATE_FILE", default="") or str(VAR_DIR / "paypal-simulator.json")

# Wagtail.
WAGTAIL_SITE_NAME = "Climate Neutral Now"
WAGTAILADMIN_BASE_URL = SITE_URL
# No Gravatar in the admin: no third-party requests (like the site: no CDN), and the admin CSP refuses http images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

# django-oscar.
OSCAR_SHOP_NAME = "Climate Neutral Now"
OSCAR_SHOP_TAGLINE = _("Offset your emissions with UN-certified emission reductions")
OSCAR_DEFAULT_CURRENCY = "USD"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
# Ours (shop/basket/middleware.py): Oscar sets no SameSite on the anonymous basket cookie. Lax still sends it on the
# top-level return from PayPal; production adds Secure (OSCAR_BASKET_COOKIE_SECURE).
OSCAR_BASKET_COOKIE_SAMESITE = "Lax"
# CER quantities run to thousands of tonnes; stock, not a basket cap, limits them.
OSCAR_MAX_BASKET_QUANTITY_THRESHOLD = None
# The life of an order line (DESIGN.md section 5): the moves shop/order/lifecycle.py may make, and no other.
OSCAR_INITIAL_LINE_STATUS = "pending_payment"
OSCAR_LINE_STATUS_PIPELINE = {
    "pending_payment": ("paid", "payment_failed", "expired"),
    "paid": ("cancelling", "cancellation_failed"),
    "cancelling": ("cancelled", "cancellation_failed"),
    "cancellation_failed": ("paid", "refunded"),
    "cancelled": (),
    "payment_failed": (),
    "expired": (),
    "refunded": (),
}
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
# Oscar's default processor indexes on every save; the simple engine needs none.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
SITE_ID = 1

# Security defaults that hold everywhere; production.py adds the HTTPS ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy of the public site (config/security.py relaxes it for the admin areas).
# No nonces: the anonymous page cache stores rendered HTML, so scripts and styles live in static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        # No form-action: browsers apply it to the redirect to PayPal's approval page after "Pay".
    }
}
# Login forms: after this many failures for one username from one address, refuse it for this long.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# And after this many for one username from any number of addresses (a guess spread over many machines).
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=20)

# Per client address: password reset requests (they send mail), certificate previews (a PDF rendered each),
# contact form submissions (stored and mailed to staff); and the longest contact message accepted.
PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", default="5/hour")
CERTIFICATE_PREVIEW_RATE = env("CERTIFICATE_PREVIEW_RATE", default="30/min")
CONTACT_RATE = env("CONTACT_RATE", default="5/hour")
CONTACT_MESSAGE_MAX_LENGTH = env.int("CONTACT_MESSAGE_MAX_LENGTH", default=5000)

DEMO_DATA_ALLOWED = False

# Public API: requests per client address (e.g. "120/min"); proxies in front whose X-Forwarded-For we trust.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="120/min")
API_TRUSTED_PROXY_COUNT = env.int("API_TRUSTED_PROXY_COUNT", default=0)

# Logs: every line carries the request id (config/logs.py); LOG_FORMAT=json gives one JSON object per line.
# The "cnn.request" logger writes one line per request at INFO (LOG_LEVEL=INFO to see them).
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
