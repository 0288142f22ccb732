"""Security headers (Content-Security-Policy per area of the site) and login rate limiting.

The public site runs no inline script or style: its policy is strict. The Wagtail admin, the
Oscar dashboard and the Django admin ship inline scripts and styles (and Wagtail's choosers
still evaluate code), so they get a relaxed policy of their own.
"""

from __future__ import annotations

import hashlib
import math
import re
import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.ratelimit import client_address, rate_limit_check

# ---------------------------------------------------------------------------
# Content-Security-Policy
# ---------------------------------------------------------------------------

SELF, NONE = "'self'", "'none'"

# The admin areas: Wagtail (/cms/, previews included), the Django admin and Oscar's dashboard.
ADMIN_PATH = re.compile(r"^/(cms|django-admin)/|^/[a-z]{2}(-[a-z]+)?/shop/dashboard/")

ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    # Wagtail shows avatars (gravatar) and oEmbed thumbnails from other sites.
    "img-src": [SELF, "data:", "blob:", "https:"],
    "font-src": [SELF, "data:"],
    # Wagtail's dashboard asks releases.wagtail.org for the latest version (WAGTAIL_ENABLE_UPDATE_CHECK).
    "connect-src": [SELF, "https://releases.wagtail.org"],
    "object-src": [NONE],
    "base-uri": [SELF],
    # Wagtail's live preview frames the page being edited.
    "frame-ancestors": [SELF],
}

# JSON, CSV, plain text, XML: nothing in them may run or be framed.
NON_HTML_DIRECTIVES = {"default-src": [NONE], "frame-ancestors": [NONE], "base-uri": [NONE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per area: public HTML, admin HTML, and everything else."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/pdf"):
            # Browsers show PDFs in their own viewer, which a policy on the file can only break.
            response._csp_exempt = True
        if ADMIN_PATH.match(request.path_info) and "Content-Security-Policy" in response:
            # Wagtail renders a preview through the middleware again, for the page's own (public) path:
            # the admin's policy replaces the public one, so the preview panel may frame it.
            del response["Content-Security-Policy"]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its own policy (@csp_override)
        if ADMIN_PATH.match(request.path_info):
            # No nonce here: a nonce in script-src makes browsers ignore 'unsafe-inline'.
            parts.config, parts.nonce = ADMIN_DIRECTIVES, None
        elif not response.get("Content-Type", "text/html").startswith("text/html"):
            parts.config, parts.nonce = NON_HTML_DIRECTIVES, None
        return parts


# ---------------------------------------------------------------------------
# NUL characters in parameters
# ---------------------------------------------------------------------------


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class RejectNulCharactersMiddleware:
    """Answers 400 to a URL or form field holding a NUL character: no text on this site has one, and
    PostgreSQL refuses them (a search for "a\\x00b" answered 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        form_post = request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        )
        if "\x00" in request.path_info or _has_nul(request.GET) or (form_post and _has_nul(request.POST)):
            message = _("The request holds a NUL character, which no field of this site accepts.")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": []}, status=400)  # the API's error shape
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# ---------------------------------------------------------------------------
# Login rate limiting (every login form: customer, checkout gateway, Wagtail admin, Django admin)
# ---------------------------------------------------------------------------
# Not django-axes: it counts a failure after the password was checked (user_login_failed), so a burst of
# parallel guesses is checked in full before the first failure is counted, the defect this code fixes. Counting
# happens here, atomically, before any backend checks the password.


def _hashed(raw: str) -> str:
    # Hashed: usernames are user input of any length and alphabet; cache keys are not.
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _login_counters(request, username: str) -> list[tuple[str, int]]:
    """The counters one login attempt counts against, with their limits: this username from this address,
    and this username from any address (a password guessed from many addresses)."""
    name = str(username or "").strip().lower()
    return [
        ("login-attempts:" + _hashed(f"{name}\x00{client_address(request)}"), settings.LOGIN_FAILURE_LIMIT),
        ("login-attempts-user:" + _hashed(name), settings.LOGIN_USERNAME_FAILURE_LIMIT),
    ]


def _credentials_username(credentials: dict) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


def _count(key: str) -> int:
    """Add one to the counter, atomically (cache.add then cache.incr; Redis INCR, a lock in LocMemCache)."""
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, settings.LOGIN_LOCKOUT_SECONDS)
        return 1


def _lock(key: str) -> None:
    # add: the first lock of a burst sets the end time; later ones do not push it further.
    cache.add("login-locked:" + key, time.time() + settings.LOGIN_LOCKOUT_SECONDS, settings.LOGIN_LOCKOUT_SECONDS)


def login_lockout_remaining(request, username: str) -> int:
    """Seconds left of this username's lockout from this address, or from everywhere (0: not locked out)."""
    ends = cache.get_many(["login-locked:" + key for key, _limit in _login_counters(request, username)])
    return max((math.ceil(end - time.time()) for end in ends.values()), default=0) if ends else 0


def login_attempt_admit(request, username: str) -> bool:
    """Count this attempt before its password is checked; False once a counter is past its limit.

    Counting first is what bounds a burst: 32 parallel guesses get at most LOGIN_FAILURE_LIMIT password checks,
    whatever their timing, because each takes its number from an atomic increment.
    """
    admitted = True
    for key, limit in _login_counters(request, username):
        if _count(key) > limit:
            _lock(key)
            admitted = False
    return admitted


def login_failure_record(request, username: str) -> None:
    """The password was wrong: the attempt is already counted; lock out once a counter reached its limit."""
    counts = cache.get_many([key for key, _limit in _login_counters(request, username)])
    for key, limit in _login_counters(request, username):
        if counts.get(key, 0) >= limit:
            _lock(key)


def login_failures_clear(request, *usernames: str) -> None:
    keys = [key for username in usernames if username for key, _limit in _login_counters(request, username)]
    cache.delete_many(keys + ["login-locked:" + key for key in keys])


class LoginRateLimitBackend(ModelBackend):
    """First authentication backend: counts every attempt, and refuses it, right password or not, while locked
    out or past the limit.

    Raising PermissionDenied stops Django's authenticate() at once, so no later backend checks the password.
    It never authenticates anyone itself; it inherits get_user() because force_login() and sessions may
    name the first backend.
    """

    def authenticate(self, request, username=None, password=None, **credentials):
        if request is None:
            return None  # not a login form (e.g. the account just registered signs itself in)
        username = username or credentials.get("email") or ""
        remaining = login_lockout_remaining(request, username)
        if not remaining and not login_attempt_admit(request, username):
            remaining = login_lockout_remaining(request, username) or settings.LOGIN_LOCKOUT_SECONDS
        if remaining:
            request.login_lockout_seconds = remaining
            raise PermissionDenied
        return None


@receiver(user_login_failed, dispatch_uid="config.security.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    if request is None or getattr(request, "login_lockout_seconds", 0):
        return
    username = _credentials_username(credentials)
    login_failure_record(request, username)
    remaining = login_lockout_remaining(request, username)
    if remaining:
        request.login_lockout_seconds = remaining


@receiver(user_logged_in, dispatch_uid="config.security.logged_in")
def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        login_failures_clear(request, user.get_username(), getattr(user, "email", ""))


class LoginRateLimitMiddleware:
    """Answers 429 with a clear message, in the visitor's language, when a login attempt is locked out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = getattr(request, "login_lockout_seconds", 0)
        if not seconds:
            return response
        minutes = max(1, math.ceil(seconds / 60))
        locked = TemplateResponse(
            request, "security/login_locked_out.html", {"minutes": minutes, "back_url": request.path}, status=429
        )
        locked["Retry-After"] = str(seconds)
        locked["Cache-Control"] = "no-store"
        return locked.render()


# ---------------------------------------------------------------------------
# Request limits per client address on forms that send mail or cost CPU
# ---------------------------------------------------------------------------

# (scope, method, path, setting with the rate "N/period"): password resets send mail to any address typed in;
# the certificate preview renders a PDF (~130 ms of CPU) for anyone with a basket.
RATE_LIMITED_PATHS = [
    ("password-reset", "POST", re.compile(r"^/[a-z]{2}(-[a-z]+)?/shop/password-reset/$"), "PASSWORD_RESET_RATE"),
    ("password-reset", "POST", re.compile(r"^/cms/password_reset/$"), "PASSWORD_RESET_RATE"),
    (
        "certificate-preview",
        "GET",
        re.compile(r"^/[a-z]{2}(-[a-z]+)?/shop/checkout/certificate-preview\.pdf$"),
        "CERTIFICATE_PREVIEW_RATE",
    ),
]


class RequestRateLimitMiddleware:
    """Limits, per client address, the requests of RATE_LIMITED_PATHS (after LocaleMiddleware: a translated 429)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for scope, method, pattern, setting in RATE_LIMITED_PATHS:
            if request.method == method and pattern.match(request.path_info):
                limited = rate_limit_check(request, scope=scope, rate=getattr(settings, setting))
                if limited is not None:
                    return limited
                break
        return self.get_response(request)
