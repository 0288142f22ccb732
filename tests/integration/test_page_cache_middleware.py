"""A cached page is answered before sessions and the database, with the same headers as a rendered one."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SAME_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy")


def test_cache_hit_has_the_headers_of_a_rendered_page_and_runs_no_query(home_page):
    first = Client().get("/en/")
    with CaptureQueriesContext(connection) as queries:
        hit = Client().get("/en/")

    assert (first["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert len(queries) == 0
    assert hit.content == first.content
    for header in SAME_HEADERS:
        assert hit[header] == first[header], header
    assert "Cookie" in hit["Vary"]
    assert not hit.cookies  # no session, CSRF or basket cookie for a page without forms


def test_french_cached_page_says_it_is_french(home_page):
    Client().get("/fr/")
    hit = Client().get("/fr/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Language"] == "fr"


def test_visitor_with_a_session_gets_the_page_rendered(home_page, client):
    Client().get("/en/")
    client.cookies["sessionid"] = "some-visitor-session"
    assert "X-Page-Cache" not in client.get("/en/")


def test_shop_and_api_urls_are_never_looked_up(home_page):
    from cms_pages.middleware import AnonymousPageCacheMiddleware

    for path in ("/en/shop/", "/api/v1/offers/", "/static/css/site.css", "/cms/"):
        assert AnonymousPageCacheMiddleware._never_a_page(path), path
    assert not AnonymousPageCacheMiddleware._never_a_page("/en/projects/wind/")
