"""Login attempts are rate-limited on every login form: N failures lock that username from that address."""

import threading
from types import SimpleNamespace

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-pass-phrase-42"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor-in-chief", email="chief@example.org", password=PASSWORD
    )


def customer_login(client, language="en", username="chief@example.org", password=PASSWORD, **extra):
    url = f"/{language}/shop/accounts/login/"
    data = {"login-username": username, "login-password": password, "login_submit": "Log In"}
    return client.post(url, data, **extra)


def wagtail_login(client, username="editor-in-chief", password=PASSWORD, **extra):
    return client.post("/cms/login/", {"username": username, "password": password}, **extra)


def django_admin_login(client, username="editor-in-chief", password=PASSWORD, **extra):
    return client.post("/django-admin/login/", {"username": username, "password": password}, **extra)


FORMS = {"customer": customer_login, "wagtail": wagtail_login, "django-admin": django_admin_login}


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("form", FORMS)
def test_successful_login_under_the_limit_is_unaffected(client, staff, settings, form):
    login = FORMS[form]
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, password="wrong").status_code == 200
    response = login(client)
    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.parametrize("form", FORMS)
def test_too_many_failures_lock_out_even_the_right_password(client, staff, settings, form):
    login = FORMS[form]
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, password="wrong").status_code == 200

    locked = login(client, password="wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0

    refused = login(client)
    assert refused.status_code == 429
    assert not is_logged_in(client)


def test_lockout_ends_after_its_time(client, staff, settings):
    import time_machine

    with time_machine.travel("2026-06-01 10:00", tick=False) as traveller:
        for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
            wagtail_login(client, password="wrong")
        assert wagtail_login(client).status_code == 429
        traveller.shift(settings.LOGIN_LOCKOUT_SECONDS + 1)
        response = wagtail_login(client)
        assert response.status_code == 302
        assert is_logged_in(client)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", 'lang="fr"'), ("es", 'lang="es"'), ("en", 'lang="en"')],
)
def test_lockout_message_is_in_the_visitors_language(client, staff, settings, language, expected):
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        response = customer_login(client, language=language, password="wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert expected in html
    assert 'role="alert"' in html


def test_lockout_is_per_username_and_address(client, staff, django_user_model, settings):
    django_user_model.objects.create_user(username="other", email="other@example.org", password=PASSWORD)
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        customer_login(client, password="wrong")
    assert customer_login(client).status_code == 429
    # Another account from the same address, and the same account from another address, still sign in.
    assert customer_login(client, username="other@example.org").status_code == 302
    client.logout()
    assert customer_login(client, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_success_resets_the_count(client, staff, settings):
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT - 1):
        django_admin_login(client, password="wrong")
    assert django_admin_login(client).status_code == 302
    client.logout()
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert django_admin_login(client, password="wrong").status_code == 200
    assert django_admin_login(client).status_code == 302


def test_checkout_gateway_returning_customer_password_is_limited(client, staff, settings):
    from tests.factories.shop import make_offer

    product = make_offer(quantity=10)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    data = {"username": "chief@example.org", "password": "wrong", "options": "existing"}
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post(reverse("checkout:index"), data)
    assert response.status_code == 429
    assert client.post(reverse("checkout:index"), {**data, "password": PASSWORD}).status_code == 429
    assert not is_logged_in(client)


class CountingBackend:
    """Stands in for the password-checking backends: counts the passwords it is asked to check (no database, so
    the threads below need no committed data)."""

    checks: list = []
    lock = threading.Lock()

    def authenticate(self, request, username=None, password=None, **kwargs):
        with self.lock:
            self.checks.append(password)
        return SimpleNamespace(pk=1) if password == PASSWORD else None

    def get_user(self, user_id):
        return None


def _burst(settings, attempts, *, right_at=None, address=lambda i: "198.51.100.7"):
    """`attempts` parallel sign-ins for one username; returns (password checks made, attempts let in)."""
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    settings.AUTHENTICATION_BACKENDS = [
        "config.security.LoginRateLimitBackend",
        f"{__name__}.CountingBackend",
    ]
    CountingBackend.checks = []
    admitted, lock = [], threading.Lock()
    start = threading.Barrier(attempts)

    def attempt(i):
        request = RequestFactory().post("/cms/login/", REMOTE_ADDR=address(i))
        start.wait()
        password = PASSWORD if i == right_at else "wrong"
        if authenticate(request, username="editor-in-chief", password=password) is not None:
            with lock:
                admitted.append(i)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return CountingBackend.checks, admitted


def test_a_parallel_burst_cannot_check_more_passwords_than_the_limit(settings):
    checks, admitted = _burst(settings, 32, right_at=31)

    # Only the attempts admitted before the limit reach a password check; the others are refused unchecked.
    assert 1 <= len(checks) <= settings.LOGIN_FAILURE_LIMIT
    # The right password got in only if it was among those admitted attempts.
    assert admitted == ([31] if PASSWORD in checks else [])
    if not admitted:
        from django.contrib.auth import authenticate
        from django.test import RequestFactory

        request = RequestFactory().post("/cms/login/", REMOTE_ADDR="198.51.100.7")
        assert authenticate(request, username="editor-in-chief", password=PASSWORD) is None


def test_one_username_is_limited_whatever_the_addresses(settings):
    checks, _admitted = _burst(settings, 40, address=lambda i: f"203.0.113.{i + 1}")
    assert len(checks) <= settings.LOGIN_USERNAME_FAILURE_LIMIT
