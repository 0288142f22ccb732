import re

import pytest

LANGUAGES = ["en", "fr", "es"]


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', response.content.decode())
    return match.group(1) if match else ""


@pytest.mark.django_db
def test_root_redirects_to_english(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "shop/", "shop/basket/", "shop/accounts/login/"])
def test_public_pages_answer_in_each_language(client, home_page, lang, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 200
    assert html_lang(response) == lang


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_shop_root_leads_to_the_catalogue(client, home_page, lang):
    response = client.get(f"/{lang}/shop/", follow=True)
    assert response.status_code == 200
    assert html_lang(response) == lang


@pytest.mark.django_db
def test_home_page_is_translated_into_each_language(client, home_page):
    from wagtail.models import Page

    assert Page.objects.filter(translation_key=home_page.translation_key, live=True).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/cms/", "/django-admin/"])
def test_admin_areas_ask_anonymous_users_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_unknown_page_is_404_in_the_visitors_language(client, home_page):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_static_font_is_served_by_the_site(client):
    from django.contrib.staticfiles import finders

    assert finders.find("fonts/source-sans-3-latin-400-normal.woff2")
    assert finders.find("css/site.css")
