"""Demo content for `load_demo_data`: users and the multilingual site root."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.operations import translate_object

from cms_pages.models import HomePage

# Printed by `make run`; created only where DEMO_DATA_ALLOWED is True.
DEMO_USERS = [
    # (username, email, password, role, staff, superuser, group)
    ("admin", "admin@example.org", "demo-admin-pass", "administrator", True, True, "Platform administrators"),
    ("editor", "editor@example.org", "demo-editor-pass", "communications editor", True, False, "Communications editors"),
    ("translator", "translator@example.org", "demo-translator-pass", "translator", True, False, "Translators"),
    ("provider", "provider@example.org", "demo-provider-pass", "provider", False, False, None),
]


@transaction.atomic
def demo_users_load():
    User = get_user_model()
    for username, email, password, _role, is_staff, is_superuser, group_name in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created:
            user.set_password(password)
        user.email = email
        user.is_staff = is_staff
        user.is_superuser = is_superuser
        user.save()
        if group_name:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)


@transaction.atomic
def demo_site_load() -> HomePage:
    """The home page in English, translated to French and Spanish, served by the default site."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(locale=source_locale).first()
    if home is None:
        # Wagtail's placeholder "Welcome" page (and the site pointing at it) makes way for ours.
        Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=source_locale))
        home = root.add_child(
            instance=HomePage(
                title="Climate Neutral Now",
                slug="home",
                locale=source_locale,
                hero_title="Measure, reduce, offset",
                hero_text="<p>Take climate action today: offset what you cannot yet avoid with UN-certified emission reductions.</p>",
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, "Climate Neutral Now", home
    site.save()
    missing = [
        locale for locale in Locale.objects.exclude(pk=source_locale.pk) if not home.has_translation(locale)
    ]
    if missing:
        translate_object(home, missing)
    return home
