import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.operations import translate_object

from cms_pages.demo import demo_users_load
from cms_pages.models import CoBenefitType, HomePage
from cms_pages.roles import ADMINISTRATORS, EDITORS, TRANSLATORS


@pytest.fixture
def demo_users(db):
    from django.contrib.auth import get_user_model

    demo_users_load()
    users = get_user_model().objects.in_bulk(["editor", "translator", "admin"], field_name="username")
    return users


def _homes():
    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.mark.django_db
def test_the_three_roles_exist_as_wagtail_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, TRANSLATORS, ADMINISTRATORS}
    translators = Group.objects.get(name=TRANSLATORS)
    assert translators.permissions.filter(codename="access_admin").exists()
    assert translators.permissions.filter(codename="submit_translation").exists()


@pytest.mark.django_db
def test_editor_edits_and_publishes_english_pages_only(home_page, demo_users):
    homes = _homes()
    editor = demo_users["editor"]
    assert homes["en"].permissions_for_user(editor).can_edit()
    assert homes["en"].permissions_for_user(editor).can_publish()
    assert homes["en"].permissions_for_user(editor).can_add_subpage()
    assert not homes["fr"].permissions_for_user(editor).can_edit()
    assert not homes["es"].permissions_for_user(editor).can_edit()


@pytest.mark.django_db
def test_translator_translates_and_publishes_french_but_cannot_edit_the_english_source(
    client, home_page, demo_users, django_capture_on_commit_callbacks
):
    homes = _homes()
    translator = demo_users["translator"]
    client.force_login(translator)

    # The English source: no edit view, and a forged save changes nothing.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[homes["en"].pk]))
    assert response.status_code in (302, 403)
    client.post(reverse("wagtailadmin_pages:edit", args=[homes["en"].pk]), {"title": "Hacked", "slug": "home"})
    assert Page.objects.get(pk=homes["en"].pk).title == "Climate Neutral Now"
    assert not homes["en"].permissions_for_user(translator).can_edit()

    # The French translation opens in wagtail-localize's editor; the translator translates a string and publishes.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[homes["fr"].pk])).status_code == 200
    translation = Translation.objects.get(
        source__object_id=homes["en"].translation_key, target_locale__language_code="fr"
    )
    segment = StringSegment.objects.get(source=translation.source, string__data="Measure, reduce, offset")
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "value=Mesurer%2C+r%C3%A9duire%2C+compenser",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[homes["fr"].pk]), {"action": "publish"})
    assert response.status_code == 302
    assert HomePage.objects.get(pk=homes["fr"].pk).hero_title == "Mesurer, réduire, compenser"
    assert HomePage.objects.get(pk=homes["en"].pk).hero_title == "Measure, reduce, offset"
    assert "Mesurer, réduire, compenser" in client.get("/fr/").content.decode()


@pytest.mark.django_db
def test_translator_edits_french_snippets_but_not_english_ones(
    client, home_page, demo_users, django_capture_on_commit_callbacks
):
    air = CoBenefitType.objects.get(code="air", locale=Locale.get_default())
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(air, [Locale.objects.get(language_code="fr")])
    air_fr = CoBenefitType.objects.get(code="air", locale__language_code="fr")
    client.force_login(demo_users["translator"])
    assert client.get(reverse("wagtailsnippets_cms_pages_cobenefittype:edit", args=[air.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_cms_pages_cobenefittype:edit", args=[air_fr.pk])).status_code == 200
    client.force_login(demo_users["editor"])
    assert client.get(reverse("wagtailsnippets_cms_pages_cobenefittype:edit", args=[air.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_cms_pages_cobenefittype:edit", args=[air_fr.pk])).status_code in (
        302,
        403,
    )


@pytest.mark.django_db
def test_platform_administrators_can_do_everything_in_the_page_tree(home_page, demo_users):
    from django.contrib.auth import get_user_model

    admin_like = get_user_model().objects.create_user("ops", "ops@example.org", "x", is_staff=True)
    admin_like.groups.add(Group.objects.get(name=ADMINISTRATORS))
    for page in _homes().values():
        perms = page.permissions_for_user(admin_like)
        assert perms.can_edit() and perms.can_publish() and perms.can_delete()
