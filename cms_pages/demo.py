"""Demo content for `load_demo_data`: users and the multilingual site root."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail_localize.operations import translate_object

from cms_pages.models import HomePage

# Printed by `make run`; created only where DEMO_DATA_ALLOWED is True.
DEMO_USERS = [
    # (username, email, password, role, staff, superuser, group). Wagtail needs no is_staff (only
    # wagtailadmin.access_admin): editors and translators stay out of the Django admin. Platform staff is the
    # permission partner.act_as_platform_staff (shop/access.py), which the administrators' group holds.
    ("admin", "admin@example.org", "demo-admin-pass", "administrator", True, True, "Platform administrators"),
    (
        "editor",
        "editor@example.org",
        "demo-editor-pass",
        "communications editor",
        False,
        False,
        "Communications editors",
    ),
    ("translator", "translator@example.org", "demo-translator-pass", "translator", False, False, "Translators"),
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
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=source_locale)
        )
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
    missing = [locale for locale in Locale.objects.exclude(pk=source_locale.pk) if not home.has_translation(locale)]
    if missing:
        translate_object(home, missing)
    return home


# --- The campaign site in English, French and Spanish -------------------------------------------------------------


def _strings_for(language: str) -> dict[str, str]:
    from cms_pages.demo_data.text import TRANSLATIONS

    return {english: texts[language] for english, texts in TRANSLATIONS.items()}


def demo_translation_save(*, instance, locale, strings: dict[str, str]) -> list[str]:
    """Translate an object through wagtail-localize with the given English-to-target strings, and publish it.

    Returns the source strings that had no translation (kept in English so the page still publishes).
    """
    import html

    from django.utils.html import escape
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        # Multi-line plain text (the contact subjects) comes as one segment with <br/> between lines.
        english = html.unescape(segment.string.data).replace("<br/>", "\n")
        text = strings.get(english)
        if text is None:
            missing.append(english)
            text = english
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": escape(text).replace("\n", "<br/>"),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    if isinstance(instance, Page):
        # save_target(publish=True) publishes on commit from a revision holding a stale copy of the page
        # (its numchild then hides children added in the same transaction): publish the fresh revision now.
        translation.save_target(publish=False)
        Page.objects.get(pk=translation.get_target_instance().pk).get_latest_revision().publish()
    else:
        translation.save_target(publish=True)
    return missing


def _translate_everywhere(instance, strings_by_language=None, *, force: bool = False) -> list[str]:
    """Translate into every other language; existing translations are left alone unless forced (idempotent, fast)."""
    missing = []
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code"):
        if not force and instance.has_translation(locale):
            continue
        strings = (strings_by_language or {}).get(locale.language_code) or _strings_for(locale.language_code)
        missing += demo_translation_save(instance=instance, locale=locale, strings=strings)
    return missing


def _demo_image(*, title: str, kind: str, seed: int):
    """A 1200x900 (4:3) picture drawn with Pillow: sky, land and a motif for the kind of project."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 1200, 900
    sky_top, sky_bottom = (70 + seed * 7 % 60, 140, 200), (190, 220, 235)
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        ratio = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a + (b - a) * ratio) for a, b in zip(sky_top, sky_bottom, strict=True))
        )
    ground = {"solar": (196, 164, 110), "wind": (170, 150, 100), "hydro": (60, 120, 80)}.get(kind, (80, 140, 70))
    draw.polygon([(0, 620), (300, 560), (700, 600), (1200, 540), (1200, 900), (0, 900)], fill=ground)
    white, dark = (245, 245, 245), (60, 60, 60)
    if kind == "wind":
        for x in (300, 650, 950):
            draw.rectangle([x - 8, 300, x + 8, 600], fill=white)
            for dx, dy in ((0, -170), (150, 90), (-150, 90)):
                draw.line([(x, 300), (x + dx, 300 + dy)], fill=white, width=14)
    elif kind == "solar":
        draw.ellipse([900, 80, 1060, 240], fill=(255, 210, 60))
        for row in range(3):
            for col in range(5):
                x, y = 120 + col * 200, 640 + row * 80
                draw.polygon(
                    [(x, y), (x + 170, y), (x + 150, y + 60), (x - 20, y + 60)], fill=(30, 60, 120), outline=white
                )
    elif kind == "hydro":
        draw.rectangle([350, 380, 850, 620], fill=(150, 150, 150))
        draw.rectangle([0, 620, 1200, 900], fill=(50, 110, 170))
        for x in range(400, 820, 80):
            draw.rectangle([x, 620, x + 40, 760], fill=(180, 220, 250))
    elif kind == "cookstove":
        draw.rectangle([420, 560, 780, 760], fill=dark)
        draw.ellipse([480, 470, 720, 590], fill=(120, 120, 120))
        draw.polygon([(560, 560), (600, 470), (640, 560)], fill=(240, 120, 30))
    elif kind == "transport":
        draw.rectangle([0, 660, 1200, 780], fill=(90, 90, 90))
        draw.rounded_rectangle([200, 520, 900, 690], radius=30, fill=(200, 30, 40))
        for x in range(240, 860, 110):
            draw.rectangle([x, 550, x + 80, 610], fill=(200, 230, 250))
    elif kind == "kiln":
        for x in (250, 650):
            draw.polygon([(x, 640), (x + 120, 380), (x + 240, 640)], fill=(170, 80, 50))
    else:  # waste, farm, biomass: a digester or flare under a clean sky
        draw.ellipse([380, 460, 820, 700], fill=(90, 130, 90))
        draw.rectangle([900, 380, 920, 640], fill=(120, 120, 120))
        draw.polygon([(895, 380), (910, 320), (925, 380)], fill=(250, 150, 40))
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"{slugify(title)}.jpg")
    image.save()
    return image


def _child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def _stream(blocks):
    return [(kind, value) for kind, value in blocks]


@transaction.atomic
def demo_snippets_translate():
    """French and Spanish co-benefit types, purchase reasons and emission factors, translated through wagtail-localize."""
    from cms_pages.demo_data.site import (
        CO_BENEFIT_TRANSLATIONS,
        EMISSION_FACTOR_TRANSLATIONS,
        PURCHASE_REASON_TRANSLATIONS,
    )
    from cms_pages.models import CoBenefitType, EmissionFactor, PurchaseReason

    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for item in CoBenefitType.objects.filter(locale=source_locale):
        fr_name, fr_description, es_name, es_description = CO_BENEFIT_TRANSLATIONS[item.code]
        _translate_everywhere(
            item,
            {
                "fr": {item.name: fr_name, item.description: fr_description},
                "es": {item.name: es_name, item.description: es_description},
            },
        )
    for reason in PurchaseReason.objects.filter(locale=source_locale):
        if reason.text in PURCHASE_REASON_TRANSLATIONS:
            fr, es = PURCHASE_REASON_TRANSLATIONS[reason.text]
            _translate_everywhere(reason, {"fr": {reason.text: fr}, "es": {reason.text: es}})
    for factor in EmissionFactor.objects.filter(locale=source_locale, code__in=EMISSION_FACTOR_TRANSLATIONS):
        by_language = dict(zip(("fr", "es"), EMISSION_FACTOR_TRANSLATIONS[factor.code], strict=True))
        _translate_everywhere(
            factor,
            {
                language: {factor.label: label, factor.unit: unit, factor.source_name: source}
                for language, (label, unit, source) in by_language.items()
            },
        )


@transaction.atomic
def demo_content_load():
    """Home, campaign, how the CDM works, how to offset, FAQ, contact and terms of use, in three languages."""
    from cms_pages.demo_data.faq import FAQ
    from cms_pages.demo_data.site import (
        CAMPAIGN,
        CONTACT,
        HOME,
        HOW_CDM_WORKS,
        HOW_TO_OFFSET,
        MEASURE,
        STATISTICS,
        TERMS,
    )
    from cms_pages.demo_data.text import t
    from cms_pages.models import CampaignPage, ContactFormField, ContactPage, FaqPage, StandardPage, StatisticsPage

    demo_snippets_translate()
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.get(locale=source_locale, depth=2)
    t("/en/shop/", "/fr/shop/", "/es/shop/")
    # These slugs stay the same in every language (the checkout links to /<lang>/terms-of-use/).
    t("home", "home", "home")
    t("terms-of-use", "terms-of-use", "terms-of-use")

    def shop_urls(blocks):
        for _kind, value in blocks:
            if isinstance(value, dict) and value.get("url") == "shop/":
                value["url"] = "/en/shop/"
        return blocks

    pages = []
    for model, content in ((CampaignPage, CAMPAIGN), (CampaignPage, HOW_CDM_WORKS), (CampaignPage, HOW_TO_OFFSET)):
        page = _child_by_slug(home, content["slug"])
        if page is None:
            page = home.add_child(
                instance=model(
                    title=content["title"],
                    slug=content["slug"],
                    search_description=content.get("search_description", ""),
                    show_in_menus=True,
                    body=shop_urls(_stream(content["body"])),
                )
            )
            page.save_revision().publish()
        pages.append(page)

    faq = _child_by_slug(home, FAQ["slug"])
    if faq is None:
        body = [("group", {"heading": t(*heading), "questions": questions}) for heading, questions in FAQ["groups"]]
        faq = home.add_child(
            instance=FaqPage(title=FAQ["title"], slug=FAQ["slug"], intro=FAQ["intro"], body=body, show_in_menus=True)
        )
        faq.save_revision().publish()
    pages.append(faq)

    contact = _child_by_slug(home, CONTACT["slug"])
    if contact is None:
        contact = ContactPage(
            title=CONTACT["title"],
            slug=CONTACT["slug"],
            intro=CONTACT["intro"],
            thank_you_text=CONTACT["thank_you_text"],
            subject=CONTACT["subject"],
            show_in_menus=True,
        )
        for position, (label, field_type, choices) in enumerate(CONTACT["fields"]):
            contact.form_fields.add(
                ContactFormField(
                    sort_order=position, label=label, field_type=field_type, choices=choices, required=True
                )
            )
        home.add_child(instance=contact)
        contact.save_revision().publish()
    pages.append(contact)

    terms = _child_by_slug(home, TERMS["slug"])
    if terms is None:
        terms = home.add_child(
            instance=StandardPage(title=TERMS["title"], slug=TERMS["slug"], body=_stream(TERMS["body"]))
        )
        terms.save_revision().publish()
    pages.append(terms)

    statistics = _child_by_slug(home, STATISTICS["slug"])
    if statistics is None:
        statistics = home.add_child(
            instance=StatisticsPage(
                title=STATISTICS["title"], slug=STATISTICS["slug"], intro=STATISTICS["intro"], show_in_menus=True
            )
        )
        statistics.save_revision().publish()
    pages.append(statistics)

    from cms_pages.models import FootprintCalculatorPage

    measure = _child_by_slug(home, MEASURE["slug"])
    if measure is None:
        measure = home.add_child(
            instance=FootprintCalculatorPage(
                title=MEASURE["title"],
                slug=MEASURE["slug"],
                intro=MEASURE["intro"],
                reduce_text=MEASURE["reduce_text"],
                show_in_menus=True,
            )
        )
        measure.save_revision().publish()
    pages.append(measure)

    home_changed = not home.steps
    if home_changed:
        home.hero_title = HOME["hero_title"]
        home.hero_text = HOME["hero_text"]
        home.hero_image = _demo_image(title="Demo: measure, reduce, offset", kind="wind", seed=3)
        home.steps_title = HOME["steps_title"]
        home.steps = [("step", {"title": title, "text": text}) for title, text in HOME["steps"]]
        home.featured_title = HOME["featured_title"]
        home.cta_title, home.cta_text, home.cta_button = HOME["cta_title"], HOME["cta_text"], HOME["cta_button"]
        home.save_revision().publish()

    missing = _translate_everywhere(home, force=home_changed)
    for page in pages:
        missing += _translate_everywhere(page)
    return missing


@transaction.atomic
def demo_projects_load():
    """One project page per registry project (after the registry demo step), with pictures and co-benefits."""
    from cms_pages.demo_data.projects import PROJECTS
    from cms_pages.demo_data.site import PROJECT_INDEX
    from cms_pages.demo_data.text import p, t
    from cms_pages.models import (
        CoBenefitType,
        HomePageFeaturedProject,
        ProjectIndexPage,
        ProjectPage,
        ProjectPageCoBenefit,
        ProjectPagePicture,
    )
    from registry.models import RegistryProject

    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.get(locale=source_locale, depth=2)
    index = _child_by_slug(home, PROJECT_INDEX["slug"])
    if index is None:
        index = home.add_child(
            instance=ProjectIndexPage(
                title=PROJECT_INDEX["title"],
                slug=PROJECT_INDEX["slug"],
                intro=PROJECT_INDEX["intro"],
                show_in_menus=True,
            )
        )
        index.save_revision().publish()
    _translate_everywhere(index)

    t("Gold Standard", "Gold Standard", "Gold Standard")
    co_benefit_types = {item.code: item for item in CoBenefitType.objects.filter(locale=source_locale)}
    created = []
    for position, registry_project in enumerate(RegistryProject.objects.order_by("reference")):
        if ProjectPage.objects.filter(registry_project=registry_project, locale=source_locale).exists():
            continue
        kind, (latitude, longitude), certifications, titles, descriptions, co_benefits = PROJECTS.get(
            registry_project.reference,
            ("other", (0, 0), "", (registry_project.title,) * 3, (registry_project.title,) * 3, []),
        )
        page = ProjectPage(
            title=t(*titles),
            slug=t(*(slugify(f"{registry_project.reference} {title}")[:80] for title in titles)),
            registry_project=registry_project,
            description=p(*descriptions),
            other_certifications=certifications,
            latitude=Decimal(str(latitude)),
            longitude=Decimal(str(longitude)),
            search_description=descriptions[0][:255],
        )
        t(descriptions[0][:255], descriptions[1][:255], descriptions[2][:255])
        picture = _demo_image(title=f"Demo: project {registry_project.reference}", kind=kind, seed=position)
        page.pictures.add(ProjectPagePicture(image=picture, caption=t(*titles), sort_order=0))
        for order, (code, *texts) in enumerate(co_benefits):
            page.co_benefits.add(
                ProjectPageCoBenefit(co_benefit_type=co_benefit_types[code], text=t(*texts), sort_order=order)
            )
        index.add_child(instance=page)
        page.save_revision().publish()
        created.append(page)

    missing = []
    for page in ProjectPage.objects.filter(locale=source_locale):
        missing += _translate_everywhere(page)

    if not home.featured_projects.exists():
        for order, page in enumerate(ProjectPage.objects.filter(locale=source_locale).order_by("title")[:3]):
            home.featured_projects.add(HomePageFeaturedProject(project_page=page, sort_order=order))
        home.save_revision().publish()
        _translate_everywhere(home, force=True)
    return missing
