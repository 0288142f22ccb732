"""The project and home pages' main content is cached for every visitor, and follows what it shows."""

import re

import pytest
from django.test import Client

from shop.services import offer_withdraw
from tests.factories.api import make_ledger_certificate
from tests.factories.shop import make_offer

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _visitor(name="a"):
    # A visitor with a session: never served from the anonymous page cache, so the page is rendered each time.
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = f"visitor-{name}"
    return client


def test_project_page_shows_a_new_offer_and_a_withdrawal_at_once(project_page, django_capture_on_commit_callbacks):
    visitor = _visitor()
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(project=project_page.registry_project, quantity=40)
    assert visitor.get(project_page.url).content.decode().count('class="shop-add"') == 1

    with django_capture_on_commit_callbacks(execute=True):
        make_offer(project=project_page.registry_project, quantity=70)
    assert visitor.get(project_page.url).content.decode().count('class="shop-add"') == 2

    with django_capture_on_commit_callbacks(execute=True):
        offer_withdraw(product=offer)
    assert visitor.get(project_page.url).content.decode().count('class="shop-add"') == 1


def test_project_page_shows_a_publish_at_once(project_page):
    visitor = _visitor()
    visitor.get(project_page.url)
    project_page.title = "Wind for the whole valley"
    project_page.save_revision().publish()
    assert "Wind for the whole valley" in visitor.get(project_page.url).content.decode()


def test_each_visitor_gets_their_own_csrf_token_in_the_cached_offers(project_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(project=project_page.registry_project, quantity=40)
    first, second = _visitor("first"), _visitor("second")
    first_html = first.get(project_page.url).content.decode()
    second_response = second.get(project_page.url)
    second_tokens = set(CSRF_TOKEN.findall(second_response.content.decode()))

    assert len(second_tokens) == 1
    assert second_tokens != set(CSRF_TOKEN.findall(first_html))
    added = second.post(f"/en/shop/basket/add/{offer.pk}/", {"quantity": 3, "csrfmiddlewaretoken": second_tokens.pop()})
    assert added.status_code == 302


def test_home_counters_follow_a_new_cancellation(project_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(project=project_page.registry_project, quantity=500)
    visitor = _visitor()
    before = visitor.get("/en/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_ledger_certificate(offer=offer, quantity=123)

    after = visitor.get("/en/").content.decode()
    assert "<dd>123</dd>" in after
    assert "<dd>123</dd>" not in before


def test_preview_of_a_draft_is_never_served_from_nor_kept_in_the_cache(project_page, admin_client):
    visitor = _visitor()
    visitor.get(project_page.url)
    project_page.title = "A draft title"
    project_page.save_revision()  # not published

    preview = admin_client.get(f"/cms/pages/{project_page.pk}/view_draft/")
    assert "A draft title" in preview.content.decode()
    assert "A draft title" not in visitor.get(project_page.url).content.decode()


def test_renamed_page_moves_at_once_and_its_old_address_is_gone(project_page):
    visitor = _visitor()
    old_url = project_page.url
    assert visitor.get(old_url).status_code == 200
    project_page.slug = "a-new-address"
    project_page.save_revision().publish()
    project_page.refresh_from_db()

    assert visitor.get(old_url).status_code == 404
    assert project_page.url.endswith("/a-new-address/")
    assert visitor.get(project_page.url).status_code == 200


def test_unpublished_page_is_gone_at_once(project_page):
    visitor = _visitor()
    url = project_page.url
    assert visitor.get(url).status_code == 200
    project_page.unpublish()
    assert visitor.get(url).status_code == 404


def test_moved_page_answers_at_its_new_address(project_page, project_index_page):
    from tests.factories import cms as f

    visitor = _visitor()
    old_url = project_page.url
    assert visitor.get(old_url).status_code == 200
    other_index = f.ProjectIndexPageFactory(parent=project_index_page.get_parent(), slug="more-projects")
    other_index.save_revision().publish()
    project_page.move(other_index, pos="last-child")
    project_page.refresh_from_db()

    old = visitor.get(old_url)
    assert (old.status_code, old["Location"]) == (301, project_page.url)  # Wagtail's automatic redirect
    assert visitor.get(project_page.url).status_code == 200
