"""An editor changes a project page in the Wagtail admin; a translator translates it into Spanish; /es/ shows it."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from cms_pages.models import ProjectPage
from tests.browser.data import WIND_BLOCK, site_with_offers_load

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

NEW_TITLE = "Gansu Yumen 49.5 MW wind farm"
NEW_TITLE_ES = "Parque eólico de 49,5 MW de Yumen (Gansu)"


def admin_sign_in(page, username, password):
    page.goto("/cms/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/cms/$"))


def test_editor_changes_a_project_page_and_the_translator_publishes_it_in_spanish(journey, registry_simulator):
    site_with_offers_load(registry_simulator, block_ids=[WIND_BLOCK])
    english = ProjectPage.objects.get(locale=Locale.get_default())
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    editor = journey.page

    # The editor renames the project page in English and publishes it.
    admin_sign_in(editor, "editor", "demo-editor-pass")
    editor.goto(f"/cms/pages/{english.pk}/edit/")
    editor.locator("#id_title").fill(NEW_TITLE)
    journey.step("editor edits", editor)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    expect(editor.get_by_text(re.compile("has been published"))).to_be_visible()
    journey.step("editor published", editor)

    # The editor sends the change to the translations (wagtail-localize: "Sync translated pages").
    editor.goto(f"/cms/pages/{english.pk}/edit/")
    editor.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions").click()
    editor.get_by_role("link", name="Sync translated pages").click()
    journey.step("sync form", editor)
    editor.get_by_role("button", name="Submit").click()
    expect(editor.get_by_text("Successfully updated translations")).to_be_visible()
    journey.step("synced", editor)

    # The translator opens the Spanish page in wagtail-localize's editor.
    translator = journey.new_page(locale="en-GB")
    admin_sign_in(translator, "translator", "demo-translator-pass")
    translator.goto(f"/cms/pages/{spanish.pk}/edit/")
    expect(translator.get_by_text(NEW_TITLE).first).to_be_visible()
    journey.step("translation editor", translator)
    # The title changed, so its segment waits for a translation (the first segment of the page).
    segments = translator.get_by_role("main")
    segments.get_by_role("button", name="Translate").first.click()
    segments.get_by_role("textbox").first.fill(NEW_TITLE_ES)
    journey.step("translating the title", translator)
    segments.get_by_role("button", name="Save").first.click()
    expect(translator.get_by_text(NEW_TITLE_ES)).to_be_visible()
    translator.get_by_role("button", name="Publish in Español").click()
    expect(translator.get_by_text(f"Published '{NEW_TITLE_ES}' in Español")).to_be_visible()
    journey.step("translator published", translator)

    # A Spanish visitor sees the translated title on the Spanish page; the English one keeps the editor's.
    visitor = journey.new_page(locale="es-ES")
    spanish.refresh_from_db()
    visitor.goto(spanish.url)
    expect(visitor).to_have_url(re.compile(r"/es/"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_TITLE_ES)
    journey.step("spanish page", visitor)
    journey.accessible("project (es)", visitor)
    english.refresh_from_db()
    visitor.goto(english.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)

    journey.assert_accessible()
    journey.assert_no_console_errors()
