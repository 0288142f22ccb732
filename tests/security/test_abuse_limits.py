"""Issue 15: what anonymous visitors can make the site store, mail or compute is bounded."""

from decimal import Decimal

import pytest
from django.core import mail

from cms_pages.models import ContactPage
from tests.factories import cms as f
from tests.factories.shop import ensure_country, make_offer, make_provider

pytestmark = pytest.mark.django_db


def contact_post(client, page, message="Paid 3 days ago.", **extra):
    data = {"your_name": "Ana", "email": "ana@example.org", "subject": "Other", "message": message}
    return client.post(page.url, data, **extra)


def submissions(page) -> int:
    return ContactPage.objects.get(pk=page.pk).get_submission_class().objects.filter(page=page).count()


def test_a_2_mb_contact_message_is_refused_with_a_clear_message(client, home_page, settings):
    page = f.ContactPageFactory(parent=home_page)
    response = contact_post(client, page, message="x" * (2 * 1024 * 1024))

    assert response.status_code == 200
    assert f"at most {settings.CONTACT_MESSAGE_MAX_LENGTH} characters" in response.content.decode()
    assert submissions(page) == 0 and mail.outbox == []
    assert contact_post(client, page, message="x" * settings.CONTACT_MESSAGE_MAX_LENGTH).status_code == 200
    assert submissions(page) == 1


def test_the_message_limit_is_checked_by_the_form(client, home_page, settings):
    page = f.ContactPageFactory(parent=home_page)
    form = page.get_form(data={"your_name": "Ana", "email": "a@example.org", "subject": "Other", "message": "x" * 9999})
    assert not form.is_valid()
    assert "5000" in str(form.errors["message"])


def test_contact_form_is_limited_per_address(client, home_page, settings):
    settings.CONTACT_RATE = "3/hour"
    page = f.ContactPageFactory(parent=home_page)
    for _attempt in range(3):
        assert contact_post(client, page).status_code == 200
    refused = contact_post(client, page)
    assert refused.status_code == 429
    assert "too many times" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert submissions(page) == 3 and len(mail.outbox) == 3
    # Another address is not affected.
    assert contact_post(client, page, REMOTE_ADDR="203.0.113.50").status_code == 200


def test_password_reset_is_limited_per_address(client, settings):
    settings.PASSWORD_RESET_RATE = "2/hour"
    for _attempt in range(2):
        assert client.post("/en/shop/password-reset/", {"email": "victim@example.org"}).status_code == 302
    refused = client.post("/fr/shop/password-reset/", {"email": "victim@example.org"})
    assert refused.status_code == 429
    assert 'lang="fr"' in refused.content.decode()
    assert client.post("/cms/password_reset/", {"email": "victim@example.org"}).status_code == 429


def test_certificate_preview_is_limited_per_address(client, settings):
    settings.CERTIFICATE_PREVIEW_RATE = "2/min"
    ensure_country()
    offer = make_offer(provider=make_provider(name="Andes Hydro"), quantity=100, price=Decimal("10.00"))
    client.post(f"/en/shop/basket/add/{offer.pk}/", {"quantity": 1})
    for _attempt in range(2):
        assert client.get("/en/shop/checkout/certificate-preview.pdf").status_code != 429
    assert client.get("/en/shop/checkout/certificate-preview.pdf").status_code == 429


def test_product_reviews_and_stock_alerts_are_not_offered(client, django_user_model):
    ensure_country()
    offer = make_offer(provider=make_provider(name="Andes Hydro"), quantity=100, price=Decimal("10.00"))
    base = f"/en/shop/{offer.slug}_{offer.pk}/"
    assert client.get(base).status_code == 200
    for url in (f"{base}reviews/", f"{base}reviews/add/", f"/en/shop/catalogue/{offer.slug}_{offer.pk}/reviews/add/"):
        assert client.get(url).status_code == 404, url
        assert (
            client.post(
                url, {"title": "spam", "body": "spam", "score": 5, "name": "x", "email": "x@example.org"}
            ).status_code
            == 404
        )
    assert client.post(f"/en/shop/accounts/alerts/create/{offer.pk}/", {"email": "x@example.org"}).status_code == 404
    user = django_user_model.objects.create_user(username="u", email="u@example.org", password="pw-1234-long")
    client.force_login(user)
    assert client.get("/en/shop/accounts/alerts/").status_code == 404
