"""Signing out and the shop's own cookies: a link cannot sign anyone out; the basket cookie is Secure and SameSite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories.shop import make_offer

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
LOGOUT = "/en/shop/accounts/logout/"


@pytest.fixture
def buyer(django_user_model):
    return django_user_model.objects.create_user("buyer", "buyer@example.org", "buyer-pass-42")


def test_the_sign_out_url_is_oscars(buyer):
    assert reverse("customer:logout") == LOGOUT


def test_a_get_on_sign_out_does_not_sign_out(client, buyer):
    client.force_login(buyer)

    # An <img src=".../logout/"> on another site, a prefetching browser, a bookmark: none signs the buyer out.
    assert client.get(LOGOUT).status_code == 405
    assert client.get(reverse("customer:profile-view")).status_code == 200
    assert "_auth_user_id" in client.session


def test_the_account_menu_signs_out_with_a_posted_button(client, buyer):
    client.force_login(buyer)
    page = client.get(reverse("customer:profile-view")).content.decode()

    assert f'<form method="post" action="{LOGOUT}">' in page
    assert 'class="link-button">Sign out</button>' in page
    assert f'href="{LOGOUT}"' not in page
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("customer:profile-view")).status_code == 302


def test_the_anonymous_basket_cookie_is_samesite_lax_and_secure_when_production_says_so(client, settings):
    offer = make_offer()
    settings.OSCAR_BASKET_COOKIE_SECURE = True

    response = client.post(reverse("basket:add", kwargs={"pk": offer.pk}), {"quantity": 1})

    cookie = response.cookies[settings.OSCAR_BASKET_COOKIE_OPEN]
    assert cookie.value
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_production_settings_make_the_shop_cookies_secure_and_samesite():
    code = (
        "from django.conf import settings as s; "
        "print(s.OSCAR_BASKET_COOKIE_SECURE, s.OSCAR_BASKET_COOKIE_SAMESITE, s.OSCAR_RECENTLY_VIEWED_COOKIE_SECURE)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k2#Lq9vR!xW4zT7pN0sB6mF3hJ8cD5gY1aE-uV_oI@eQ%rZ+tests-only-8Hs2Kd",
        ALLOWED_HOSTS="offset.example.org",
        # Production refuses the PayPal simulator: a real mode and credentials are required.
        PAYPAL_MODE="live",
        PAYPAL_CLIENT_ID="live-client",
        PAYPAL_CLIENT_SECRET="live-secret",
        PAYPAL_WEBHOOK_ID="WH-LIVE-1",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "Lax", "True"]
