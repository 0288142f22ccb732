"""CSRF is enforced on every POST: each URL of the site, posted to without a token, answers 403 and changes nothing.

Only views with their own verification may be exempt; the list is explicit, so a new exemption fails here.
"""

import re
import uuid

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

pytestmark = pytest.mark.django_db

# The only views that take a POST without a CSRF token, and why.
EXPECTED_EXEMPT = {
    # PayPal's webhook: trusted only once PayPal's verify-webhook-signature API vouches for it.
    "shop.paypal.views.webhook",
    # The public JSON API (django-ninja): anonymous, read-only; any POST answers 405.
    "api:*",
}

SAMPLES = ("1", "sample", "AB12-CD34", str(uuid.UUID(int=1)), "sample/")


def _pattern_text(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: "{%s}" % (m.group(1) or "str"), str(pattern._route))
    if isinstance(pattern, RegexPattern):
        text = pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "")
        # Named and unnamed groups become one placeholder; the rest of the regex is taken literally.
        text = re.sub(r"\((?:\?P<\w+>)?[^()]*(?:\([^()]*\)[^()]*)*\)[?*+]?", "{str}", text)
        return text.replace("\\", "").replace("?", "")
    return str(pattern)


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + _pattern_text(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + _pattern_text(entry.pattern), entry


def concrete_urls():
    """One resolvable URL for every URL pattern of the site (admin areas included)."""
    seen = {}
    for template, entry in walk(get_resolver().url_patterns):
        for sample in SAMPLES:
            path = "/" + re.sub(r"\{\w+\}", sample, template)
            path = path.replace("{", "").replace("}", "")
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.func is entry.callback or getattr(match.func, "__wrapped__", None) is entry.callback:
                seen.setdefault(path, entry)
                break
    return seen


def view_name(callback) -> str:
    view = getattr(callback, "view_class", None) or callback
    return f"{view.__module__}.{view.__qualname__}"


def is_rest_framework_view(callback) -> bool:
    from rest_framework.views import APIView

    view_class = getattr(callback, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


def test_url_walk_reaches_the_forms_that_matter():
    urls = concrete_urls()
    names = {resolve(path).view_name for path in urls}
    for expected in (
        "basket:add",
        "basket:summary",
        "checkout:index",
        "checkout:details",
        "checkout:preview",
        "customer:login",
        "customer:register",
        "account-logout",
        "paypal:pay",
        "paypal:webhook",
        "banktransfer:choose",
        "banktransfer:part_mark_paid",
        "provider-offers",
        "wagtail_serve",
    ):
        assert expected in names, expected
    assert len(urls) > 200


def test_every_post_without_token_is_refused_and_changes_nothing(home_page, django_user_model):
    user = django_user_model.objects.create_superuser("csrf-admin", "csrf@example.org", "pw")
    anonymous = Client(enforce_csrf_checks=True)
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(user)
    before = row_counts()

    exempt, accepted = set(), []
    for path, entry in sorted(concrete_urls().items()):
        # Django REST framework views (Wagtail's admin API) are exempt at Django's level and check the token
        # themselves for session users: they stay in the loop below.
        if getattr(entry.callback, "csrf_exempt", False) and not is_rest_framework_view(entry.callback):
            if resolve(path).namespace == "api":
                exempt.add("api:*")
                assert anonymous.post(path, {"quantity": "1"}).status_code in {404, 405}, path
            else:
                exempt.add(view_name(entry.callback))
            continue
        # A REST framework view checks the token of session users only: anonymous posts are refused as such.
        clients = (signed_in,) if is_rest_framework_view(entry.callback) else (anonymous, signed_in)
        for client in clients:
            response = client.post(path, {"quantity": "1", "email": "x@example.org", "name": "x"})
            if response.status_code != 403:
                accepted.append((path, client is signed_in, response.status_code))

    assert accepted == []
    assert exempt == EXPECTED_EXEMPT
    assert row_counts() == before


def test_exempt_views_verify_posts_their_own_way(client):
    before = row_counts()
    unsigned = client.post("/paypal/webhook/", data=b'{"id": "WH-1"}', content_type="application/json")
    assert unsigned.status_code == 400
    assert client.post("/api/v1/offers/", {"quantity": 1}).status_code == 405
    assert row_counts() == before
