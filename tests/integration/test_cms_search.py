import pytest
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from tests.factories import cms as f


@pytest.mark.django_db
def test_search_finds_pages_in_the_visitors_language_only(client, home_page, django_capture_on_commit_callbacks):
    page = f.StandardPageFactory(parent=home_page, title="Mangrove restoration explained")
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(page, [Locale.objects.get(language_code="fr")])
    english = client.get("/en/search/", {"q": "mangrove"}).content.decode()
    results = english.split('class="search-results"')[1]
    assert f'href="/en/{page.slug}/"' in results and "Mangrove restoration explained" in results
    french = client.get("/fr/search/", {"q": "mangrove"}).content.decode()
    results = french.split('class="search-results"')[1]
    assert f'href="/fr/{page.slug}/"' in results
    assert "/en/" not in results


@pytest.mark.django_db
def test_search_without_results_says_so(client, home_page):
    response = client.get("/en/search/", {"q": "zzzunknownword"})
    assert response.status_code == 200
    assert "No pages match" in response.content.decode()
