"""The three CMS jobs end to end in the running site: an editor publishes English, a translator brings it to
French through wagtail-localize (and cannot touch the English), a visitor reads the French; and every page type
previews in each language."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import querydict_from_html, rich_text
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from cms_pages.demo import demo_users_load
from cms_pages.models import HomePage, ProjectIndexPage
from tests.factories import cms as f

pytestmark = pytest.mark.django_db

NEW_INTRO = "Clean cookstoves for western Kenya, chosen by our editors."
NEW_INTRO_FR = "Des foyers améliorés pour l'ouest du Kenya, choisis par notre rédaction."


@pytest.fixture
def demo_users(db):
    from django.contrib.auth import get_user_model

    demo_users_load()
    return get_user_model().objects.in_bulk(["editor", "translator"], field_name="username")


@pytest.fixture
def translated_index(home_page, django_capture_on_commit_callbacks):
    """The project index in English, already translated into French and Spanish."""
    with django_capture_on_commit_callbacks(execute=True):
        index = f.ProjectIndexPageFactory(parent=home_page)
        index.save_revision().publish()
        translate_object(index, list(Locale.objects.exclude(pk=index.locale_id)))
    return index


def _edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_editor_publishes_translator_translates_visitor_reads_french(
    client, translated_index, demo_users, django_capture_on_commit_callbacks
):
    english = translated_index
    french = english.get_translation(Locale.objects.get(language_code="fr"))

    # The editor changes the English introduction, previews it, then publishes.
    client.force_login(demo_users["editor"])
    data = _edit_form(client, english)
    data["intro"] = rich_text(f"<p>{NEW_INTRO}</p>")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[english.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    assert NEW_INTRO in client.get(preview_url).content.decode()
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NEW_INTRO in ProjectIndexPage.objects.get(pk=english.pk).intro
    assert client.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).status_code in (302, 403)
    client.logout()

    # The translator cannot edit the English source...
    translator = demo_users["translator"]
    client.force_login(translator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code in (302, 403)
    client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {**data, "title": "Hacked"})
    assert Page.objects.get(pk=english.pk).title == english.title
    # ...but syncs the French translation with it, translates the new sentence and publishes.
    source = TranslationSource.objects.get(
        object_id=english.translation_key, specific_content_type__model="projectindexpage"
    )
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302
    translation = Translation.objects.get(source=source, target_locale__language_code="fr")
    segment = StringSegment.objects.get(source=source, string__data=NEW_INTRO)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        f"value={NEW_INTRO_FR}".encode(),
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code in (200, 201), response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[french.pk]), {"action": "publish"})
    assert response.status_code == 302
    client.logout()

    # The visitor reads the French text; the English page keeps the editor's English.
    assert NEW_INTRO_FR in client.get(french.url).content.decode()
    english_html = client.get(english.url).content.decode()
    assert NEW_INTRO in english_html and NEW_INTRO_FR not in english_html


def _translated(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        translate_object(page, list(Locale.objects.exclude(pk=page.locale_id)))
    return {t.locale.language_code: t.specific for t in page.get_translations(inclusive=True)}


@pytest.mark.parametrize("kind", ["home", "statistics", "footprint_calculator"])
def test_the_other_page_types_preview_in_each_language(kind, home_page, django_capture_on_commit_callbacks):
    """test_cms_pages covers campaign, standard, FAQ, contact, project index and project pages."""
    if kind == "home":
        pages = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    else:
        factory = {"statistics": f.StatisticsPageFactory, "footprint_calculator": f.FootprintCalculatorPageFactory}
        pages = _translated(factory[kind](parent=home_page), django_capture_on_commit_callbacks)
    assert sorted(pages) == ["en", "es", "fr"]
    for code, page in pages.items():
        preview = page.make_preview_request()
        assert preview.status_code == 200, (kind, code)
        html = preview.content.decode()
        assert f'<html lang="{code}">' in html, (kind, code)
        assert page.title in html, (kind, code)
