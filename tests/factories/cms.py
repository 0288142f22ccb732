"""Factories and fixtures for the CMS pages (wagtail-factories)."""

import factory
import pytest
import wagtail_factories
from wagtail.models import Locale

from cms_pages import models as cms


class CmsRegistryProjectFactory(factory.django.DjangoModelFactory):
    """A registry project for project pages (the registry area may have a richer factory)."""

    class Meta:
        model = "registry.RegistryProject"

    reference = factory.Sequence(lambda n: f"CMS-{9000 + n}")
    title = factory.Sequence(lambda n: f"Wind farm {n}")
    host_country = "BR"
    methodology = "ACM0002"


class ProjectPictureImageFactory(wagtail_factories.ImageFactory):
    """An image that passes the project-picture rule (800x600, 4:3)."""

    file = factory.django.ImageField(width=800, height=600, color="green")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.HomePage

    title = "Climate Neutral Now"
    hero_title = "Measure, reduce, offset"


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.ProjectIndexPage

    title = "Projects"
    slug = "projects"
    intro = "<p>Projects you can support.</p>"


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.ProjectPage

    title = factory.Sequence(lambda n: f"Project {n}")
    registry_project = factory.SubFactory(CmsRegistryProjectFactory)
    description = "<p>Clean energy for the grid, replacing diesel generators.</p>"
    other_certifications = "Gold Standard"
    latitude = "-3.100000"
    longitude = "-60.020000"


class ProjectPagePictureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.ProjectPagePicture

    page = factory.SubFactory(ProjectPageFactory)
    image = factory.SubFactory(ProjectPictureImageFactory)
    caption = "The turbines at dawn"


class ProjectPageCoBenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cms.ProjectPageCoBenefit

    page = factory.SubFactory(ProjectPageFactory)
    co_benefit_type = factory.LazyFunction(
        lambda: cms.CoBenefitType.objects.get(code="air", locale__language_code="en")
    )
    text = "Less diesel smoke in the villages."


def _body():
    return [
        ("rich_text", "<p>Climate neutrality starts with measuring.</p>"),
        ("quote", {"quote": "Every tonne counts.", "attribution": "Climate Neutral Now"}),
        ("steps", {"title": "Three steps", "steps": [{"title": "Measure", "text": "<p>Know your footprint.</p>"}]}),
        (
            "call_to_action",
            {
                "title": "Act now",
                "text": "Offset what you cannot avoid.",
                "button_text": "Offset",
                "page": None,
                "url": "/en/shop/",
            },
        ),
        (
            "video_link",
            {"title": "How the CDM works", "url": "https://www.youtube.com/watch?v=example", "description": ""},
        ),
    ]


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.CampaignPage

    title = factory.Sequence(lambda n: f"Campaign {n}")
    body = factory.LazyFunction(_body)


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    body = factory.LazyFunction(lambda: [("rich_text", "<p>Terms of use of the platform.</p>")])


class FaqPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.FaqPage

    title = "Frequently asked questions"
    slug = "faq"
    intro = "<p>Answers to common questions.</p>"
    body = factory.LazyFunction(
        lambda: [
            (
                "group",
                {
                    "heading": "Purchasing",
                    "questions": [
                        {
                            "question": "Is there any cost or fee to use the platform?",
                            "answer": "<p>No. The use of the platform is free of charge.</p>",
                        },
                        {"question": "Will I get a certificate?", "answer": "<p>Yes, by email.</p>"},
                    ],
                },
            )
        ]
    )


class StatisticsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.StatisticsPage

    title = "Statistics"
    slug = "statistics"
    intro = "<p>CERs cancelled through the platform.</p>"


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.ContactPage
        skip_postgeneration_save = True

    title = "Contact us"
    slug = "contact"
    intro = "<p>Write to the platform team.</p>"
    subject = "Contact form"

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if not create or obj.form_fields.exists():
            return
        rows = [
            ("Your name", "singleline", "", True),
            ("Email", "email", "", True),
            ("Subject", "dropdown", "\n".join(cms.CONTACT_SUBJECTS), True),
            ("Message", "multiline", "", True),
        ]
        for position, (label, field_type, choices, required) in enumerate(rows):
            cms.ContactFormField.objects.create(
                page=obj, sort_order=position, label=label, field_type=field_type, choices=choices, required=required
            )


class FootprintCalculatorPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = cms.FootprintCalculatorPage

    title = "Measure your footprint"
    slug = "measure"
    intro = "<p>Your household's yearly emissions.</p>"


@pytest.fixture
def project_index_page(home_page):
    return ProjectIndexPageFactory(parent=home_page)


@pytest.fixture
def project_page(project_index_page):
    """A published English project page with a picture and two co-benefits."""
    page = ProjectPageFactory(parent=project_index_page)
    ProjectPagePictureFactory(page=page)
    ProjectPageCoBenefitFactory(page=page)
    ProjectPageCoBenefitFactory(
        page=page,
        co_benefit_type=cms.CoBenefitType.objects.get(code="jobs", locale=Locale.get_default()),
        text="Local jobs",
    )
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Cached pages and menus must not outlive the test (and its rolled-back pages) that built them."""
    from django.core.cache import cache

    cache.clear()
