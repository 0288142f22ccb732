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
