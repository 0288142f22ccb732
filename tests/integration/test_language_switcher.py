import re

import pytest


def switcher_links(response) -> dict[str, str]:
    html = response.content.decode()
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', nav)}


@pytest.mark.django_db
def test_switcher_on_a_wagtail_page_links_to_its_translations(client, home_page):
    links = switcher_links(client.get("/en/"))
    assert links == {"en": "/en/", "fr": "/fr/", "es": "/es/"}


@pytest.mark.django_db
def test_switcher_on_a_shop_page_keeps_the_page(client, home_page):
    links = switcher_links(client.get("/fr/shop/basket/"))
    assert links == {"en": "/en/shop/basket/", "fr": "/fr/shop/basket/", "es": "/es/shop/basket/"}


@pytest.mark.django_db
def test_switcher_marks_the_current_language(client, home_page):
    html = client.get("/es/").content.decode()
    assert 'hreflang="es" lang="es" aria-current="true"' in html
