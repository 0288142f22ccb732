import json
import re

import pytest
from django.core import mail
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from cms_pages.models import ContactPage
from tests.factories import cms as f

LANGUAGES = ["en", "fr", "es"]


def _translate(page, django_capture_on_commit_callbacks):
    """Translate into French and Spanish the way a translator's "Translate this page" does, then publish."""
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(page, list(Locale.objects.exclude(pk=page.locale_id)))
    return {t.locale.language_code: t.specific for t in page.get_translations(inclusive=True)}


def _make(kind, home, project_index):
    if kind == "project":
        page = f.ProjectPageFactory(parent=project_index)
        f.ProjectPagePictureFactory(page=page)
        f.ProjectPageCoBenefitFactory(page=page)
    elif kind == "project_index":
        page = project_index
    else:
        factory = {
            "campaign": f.CampaignPageFactory,
            "standard": f.StandardPageFactory,
            "faq": f.FaqPageFactory,
            "contact": f.ContactPageFactory,
        }[kind]
        page = factory(parent=home)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["campaign", "standard", "faq", "contact", "project_index", "project"])
def test_every_page_type_is_created_rendered_and_previewed_in_each_language(
    kind, client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project_index = f.ProjectIndexPageFactory(parent=home_page)
        project_index.save_revision().publish()
        translate_object(project_index, list(Locale.objects.exclude(pk=project_index.locale_id)))
    page = _make(kind, home_page, project_index)
    translations = page.specific.get_translations(inclusive=True) if kind == "project_index" else None
    pages = (
        {t.locale.language_code: t.specific for t in translations}
        if translations is not None
        else _translate(page, django_capture_on_commit_callbacks)
    )
    assert sorted(pages) == sorted(LANGUAGES)
    for code, translated in pages.items():
        assert translated.live, code
        url = translated.get_url()
        assert url.startswith(f"/{code}/"), url
        response = client.get(url)
        assert response.status_code == 200, (code, url)
        assert f'<html lang="{code}">' in response.content.decode()
        preview = translated.make_preview_request()
        assert preview.status_code == 200, (code, "preview")
        assert translated.title in preview.content.decode()


@pytest.mark.django_db
def test_home_page_renders_in_each_language(client, home_page):
    for code in LANGUAGES:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert 'class="counters__list"' in response.content.decode()


@pytest.mark.django_db
def test_faq_page_carries_schema_org_faq_markup(client, home_page):
    page = f.FaqPageFactory(parent=home_page)
    html = client.get(page.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0] == {
        "@type": "Question",
        "name": "Is there any cost or fee to use the platform?",
        "acceptedAnswer": {"@type": "Answer", "text": "No. The use of the platform is free of charge."},
    }
    assert "<details" in html and "Purchasing" in html


@pytest.mark.django_db
def test_contact_form_offers_the_faq_subjects_and_emails_staff(client, home_page, settings):
    settings.STAFF_ALERT_EMAILS = ["staff-one@example.org", "staff-two@example.org"]
    page = f.ContactPageFactory(parent=home_page)
    html = client.get(page.url).content.decode()
    for subject in ["Problem with order", "Certificate not received", "Problem with listing", "Other"]:
        assert f">{subject}</option>" in html
    response = client.post(
        page.url,
        {
            "your_name": "Ana",
            "email": "ana@example.org",
            "subject": "Certificate not received",
            "message": "Paid 3 days ago.",
        },
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff-one@example.org", "staff-two@example.org"]
    assert "Certificate not received" in message.subject
    assert message.reply_to == ["ana@example.org"]
    assert "Paid 3 days ago." in message.body
    assert ContactPage.objects.get(pk=page.pk).get_submission_class().objects.count() == 1


@pytest.mark.django_db
def test_contact_form_with_missing_message_sends_nothing(client, home_page):
    page = f.ContactPageFactory(parent=home_page)
    response = client.post(
        page.url, {"your_name": "Ana", "email": "ana@example.org", "subject": "Other", "message": ""}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert mail.outbox == []
