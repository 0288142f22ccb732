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


def client_address(request) -> str:
    """The client's address; behind N trusted proxies the Nth address from the right of X-Forwarded-For."""
    proxies = getattr(settings, "API_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "unknown")


def _login_key(request, username: str) -> str:
    # Hashed: usernames are user input of any length and alphabet; cache keys are not.
    raw = f"{str(username or '').strip().lower()}\x00{client_address(request)}"
    return "login-failures:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _credentials_username(credentials: dict) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


def login_lockout_remaining(request, username: str) -> int:
    """Seconds left of this username's lockout from this address (0: not locked out)."""
    entry = cache.get(_login_key(request, username))
    if not entry or entry["failures"] < settings.LOGIN_FAILURE_LIMIT:
        return 0
    return max(0, math.ceil(entry["locked_until"] - time.time()))


def login_failure_record(request, username: str) -> None:
    key = _login_key(request, username)
    entry = cache.get(key) or {"failures": 0, "locked_until": 0.0}
    entry["failures"] += 1
    if entry["failures"] >= settings.LOGIN_FAILURE_LIMIT:
        entry["locked_until"] = time.time() + settings.LOGIN_LOCKOUT_SECONDS
    # The count of failures is forgotten after a lockout period without a failure.
    cache.set(key, entry, settings.LOGIN_LOCKOUT_SECONDS)


def login_failures_clear(request, *usernames: str) -> None:
    cache.delete_many([_login_key(request, username) for username in usernames if username])


class LoginRateLimitBackend(ModelBackend):
    """First authentication backend: refuses every attempt, right password or not, while locked out.

    Raising PermissionDenied stops Django's authenticate() at once, so no later backend checks the password.
    It never authenticates anyone itself; it inherits get_user() because force_login() and sessions may
    name the first backend.
    """

    def authenticate(self, request, username=None, password=None, **credentials):
        if request is None:
            return None  # not a login form (e.g. the account just registered signs itself in)
        username = username or credentials.get("email") or ""
        remaining = login_lockout_remaining(request, username)
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
