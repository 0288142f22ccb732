"""Security headers on every response: CSP per area, nosniff, Referrer-Policy, framing, HSTS in production."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Content-Security-Policy" in response


def assert_strict_public_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"], "no inline or eval'd script on public pages"
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_public_pages_carry_strict_policy_in_every_language(client, home_page, language):
    home = client.get(f"/{language}/")
    assert home.status_code == 200
    assert_common_headers(home)
    assert_strict_public_policy(home)
    # A second visit comes from the anonymous page cache: the headers are the same.
    cached = client.get(f"/{language}/")
    assert cached.get("X-Page-Cache") == "hit"
    assert_strict_public_policy(cached)

    for url in (f"/{language}/shop/", f"/{language}/shop/basket/", f"/{language}/search/?q=cdm"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)
        assert_strict_public_policy(response)


def test_api_answers_carry_headers_and_a_no_content_policy(client):
    response = client.get("/api/v1/offers/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert_common_headers(response)
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_api_docs_page_is_html_under_the_public_policy(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert_strict_public_policy(response)


def test_admin_areas_get_the_relaxed_policy_they_need(admin_client):
    for url in ("/cms/", "/django-admin/", "/en/shop/dashboard/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)
        policy = directives(response)
        # Wagtail, Oscar's dashboard and Django's admin ship inline scripts and styles.
        assert "'unsafe-inline'" in policy["script-src"], url
        assert not any(source.startswith("'nonce-") for source in policy["script-src"]), url
        assert "'unsafe-inline'" in policy["style-src"], url
        # Wagtail's preview frames pages of the same site.
        assert policy["frame-ancestors"] == ["'self'"], url


def test_login_pages_carry_headers(client):
    for url in ("/cms/login/", "/django-admin/login/", reverse("customer:login")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)


def production_settings(*names):
    """Read settings as production loads them, in a process of their own."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k2#Lq9vR!xW4zT7pN0sB6mF3hJ8cD5gY1aE-uV_oI@eQ%rZ+tests-only-8Hs2Kd",
        ALLOWED_HOSTS="offset.example.org",
        # Production refuses to start with the PayPal simulator (issue 15).
        PAYPAL_MODE="live",
        PAYPAL_CLIENT_ID="live-client",
        PAYPAL_CLIENT_SECRET="live-secret",
        PAYPAL_WEBHOOK_ID="WH-LIVE-1",
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_send_hsts_over_https(client, settings):
    values = production_settings(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "MIDDLEWARE",
        "CONTENT_SECURITY_POLICY",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert "config.security.ContentSecurityPolicyMiddleware" in values["MIDDLEWARE"]
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]

    # With those values, a request over HTTPS gets the Strict-Transport-Security header.
    settings.SECURE_HSTS_SECONDS = values["SECURE_HSTS_SECONDS"]
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    response = client.get("/api/v1/offers/", secure=True)
    assert response["Strict-Transport-Security"] == f"max-age={values['SECURE_HSTS_SECONDS']}; includeSubDomains"


# ---------------------------------------------------------------------------
# Templates: nothing inline that the strict public policy would block
# ---------------------------------------------------------------------------

# Rendered into emails and PDFs, never served to a browser as a page.
NOT_WEB_PAGES = {"email", "pdf"}
# Served by the PayPal simulator's own server on its own port (a stand-in for paypal.com), outside this policy.
OUTSIDE_POLICY = {"simulators/paypal_approval.html", "simulators/paypal_dashboard.html"}
# Oscar's dashboard is served under the admin-area policy (its pages start up with an inline onbodyload script).
ADMIN_AREA_TEMPLATES = ("oscar/dashboard/",)
DATA_BLOCK = re.compile(r"""type=["']application/(ld\+)?json["']""")


def public_templates():
    root = ROOT / "templates"
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        if (
            relative.split("/")[0] in NOT_WEB_PAGES
            or relative in OUTSIDE_POLICY
            or relative.startswith(ADMIN_AREA_TEMPLATES)
        ):
            continue
        yield relative, path.read_text()


def test_public_templates_have_no_inline_script_style_or_handler():
    templates = list(public_templates())
    assert len(templates) > 30
    problems = []
    for name, text in templates:
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
            # A script with src loads from our static files; a JSON data block never runs.
            if "src=" not in tag and "nonce=" not in tag and not DATA_BLOCK.search(tag):
                problems.append(f"{name}: inline script {tag}")
        if re.search(r"<style\b", text, flags=re.IGNORECASE):
            problems.append(f"{name}: <style> element")
        if re.search(r"""\sstyle\s*=\s*["']""", text, flags=re.IGNORECASE):
            problems.append(f"{name}: style attribute")
        if re.search(r"""\son[a-z]+\s*=\s*["']""", text, flags=re.IGNORECASE):
            problems.append(f"{name}: inline event handler")
        if re.search(r"""href\s*=\s*["']\s*javascript:""", text, flags=re.IGNORECASE):
            problems.append(f"{name}: javascript: URL")
    assert problems == []
