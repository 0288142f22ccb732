"""Page views stay O(1) in queries whatever the number of projects, pictures or co-benefits."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from cms_pages.cache import page_cache_key, page_main_fragments_invalidate
from cms_pages.models import HomePageFeaturedProject
from tests.factories import cms as f
from tests.factories.shop import make_offer

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _add_projects(index, count):
    pages = []
    for _ in range(count):
        page = f.ProjectPageFactory(parent=index)
        f.ProjectPagePictureFactory(page=page)
        f.ProjectPageCoBenefitFactory(page=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def _uncached_get(client, url):
    """The anonymous page cache would answer without any query: drop this page from it first."""
    cache.delete(page_cache_key(RequestFactory().get(url)))
    page_main_fragments_invalidate()  # and render the page's main content, not its cached fragment
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return response


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        _uncached_get(client, url)
    return len(captured)


def _add_offers(project, count):
    for _ in range(count):
        make_offer(project=project)


@pytest.mark.django_db
def test_uncached_project_page_takes_at_most_12_queries(client, project_page, django_assert_max_num_queries):
    for _ in range(3):
        f.ProjectPagePictureFactory(page=project_page)
        f.ProjectPageCoBenefitFactory(page=project_page)
    _add_offers(project_page.registry_project, 4)
    client.get(project_page.url)  # renditions are generated once, on the first view
    with django_assert_max_num_queries(12):
        response = _uncached_get(client, project_page.url)
    assert response.content.decode().count('class="shop-add"') == 4


@pytest.mark.django_db
def test_project_page_queries_do_not_grow_with_its_offers(client, project_page, django_assert_max_num_queries):
    _add_offers(project_page.registry_project, 1)
    client.get(project_page.url)
    few = _queries(client, project_page.url)
    _add_offers(project_page.registry_project, 5)
    assert _queries(client, project_page.url) == few
    with django_assert_max_num_queries(12):
        response = _uncached_get(client, project_page.url)
    assert response.content.decode().count('class="shop-add"') == 6


@pytest.mark.django_db
def test_uncached_translated_project_page_takes_at_most_12_queries(
    client, project_page, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    _add_offers(project_page.registry_project, 3)
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(project_page, [Locale.objects.get(language_code="fr")])
    french = project_page.get_translation(Locale.objects.get(language_code="fr"))
    client.get(french.url)
    with django_assert_max_num_queries(12):
        response = _uncached_get(client, french.url)
    assert 'lang="fr"' in response.content.decode()
    assert response.content.decode().count('class="shop-add"') == 3


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_featured_projects(
    client, project_index_page, django_assert_max_num_queries
):
    home = project_index_page.get_parent().specific
    first = _add_projects(project_index_page, 1)
    HomePageFeaturedProject.objects.create(page=home, project_page=first[0], sort_order=0)
    client.get("/en/")
    few = _queries(client, "/en/")
    more = _add_projects(project_index_page, 2)
    for position, page in enumerate(more, start=1):
        HomePageFeaturedProject.objects.create(page=home, project_page=page, sort_order=position)
    client.get("/en/")
    assert _queries(client, "/en/") == few
    with django_assert_max_num_queries(16):
        _uncached_get(client, "/en/")


@pytest.mark.django_db
def test_project_index_queries_do_not_grow_with_projects(client, project_index_page, django_assert_max_num_queries):
    _add_projects(project_index_page, 2)
    client.get(project_index_page.url)
    few = _queries(client, project_index_page.url)
    _add_projects(project_index_page, 3)
    client.get(project_index_page.url)
    assert _queries(client, project_index_page.url) == few
    with django_assert_max_num_queries(12):
        _uncached_get(client, project_index_page.url)


@pytest.mark.django_db
def test_anonymous_page_is_served_from_cache_until_a_publish(client, project_page, django_assert_max_num_queries):
    assert client.get(project_page.url)["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(0):
        response = client.get(project_page.url)
    assert response["X-Page-Cache"] == "hit"
    project_page.title = "Wind for the whole valley"
    project_page.save_revision().publish()
    response = client.get(project_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Wind for the whole valley" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_users_are_never_served_from_the_cache(client, home_page, admin_user):
    client.get("/en/")
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get("/en/")


@pytest.mark.django_db
def test_a_cached_form_carries_each_visitors_own_csrf_token(home_page):
    contact = f.ContactPageFactory(parent=home_page)
    contact.save_revision().publish()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page, second_page = first.get(contact.url), second.get(contact.url)
    assert (first_page["X-Page-Cache"], second_page["X-Page-Cache"]) == ("miss", "hit")
    tokens = [CSRF_TOKEN.search(page.content.decode()).group(1) for page in (first_page, second_page)]
    assert tokens[0] != tokens[1]  # the first visitor's token is never handed to the second
    answer = {"your_name": "Ana", "email": "ana@example.org", "subject": "Other", "message": "Hello"}
    response = second.post(contact.url, {**answer, "csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
