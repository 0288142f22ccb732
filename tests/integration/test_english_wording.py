import re

import pytest


@pytest.mark.django_db
def test_english_shop_says_basket_not_cart(client):
    """gettext tries en_US before en, so without our overrides Oscar's American catalogue says "Cart"."""
    html = client.get("/en/shop/").content.decode()

    assert re.search(r"\bBasket\b", html)
    assert not re.search(r"\bCart\b", html)


@pytest.mark.django_db
def test_french_shop_still_says_panier(client):
    html = client.get("/fr/shop/").content.decode()

    assert "Panier" in html
