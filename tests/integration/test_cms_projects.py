import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from cms_pages.models import CoBenefitType, ProjectPage, PurchaseReason
from tests.factories.cms import (
    CmsRegistryProjectFactory,
    ProjectPageFactory,
)


@pytest.mark.django_db
def test_the_twelve_co_benefit_types_come_in_three_categories():
    english = CoBenefitType.objects.filter(locale=Locale.get_default())
    by_category = {}
    for item in english:
        by_category.setdefault(item.category, []).append(item.code)
    assert by_category == {
        "environmental": ["air", "land", "water", "natural-resources"],
        "social": ["education", "health-and-safety", "jobs", "welfare"],
        "economic": ["energy", "growth", "balance-of-payments", "technology"],
    }
    assert english.get(code="natural-resources").description == "Depletable natural resources protection or enhancement"


@pytest.mark.django_db
def test_standard_purchase_reasons_exist_in_order():
    texts = list(PurchaseReason.objects.filter(locale=Locale.get_default()).values_list("text", flat=True))
    assert texts[0] == "Offsetting my personal footprint"
    assert "Gift" in texts


@pytest.mark.django_db
def test_project_page_shows_story_co_benefits_and_position(client, project_page):
    response = client.get(project_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert project_page.title in html
    assert "Sustainable development co-benefits" in html
    assert "Less diesel smoke in the villages." in html
    assert "Environmental" in html and "Social" in html
    assert "Brazil" in html
    assert "Gold Standard" in html
    assert 'role="img"' in html


@pytest.mark.django_db
def test_description_over_500_words_gives_the_editor_a_clear_error(project_index_page):
    page = ProjectPageFactory.build(
        description="<p>" + "word " * 600 + "</p>", registry_project=CmsRegistryProjectFactory()
    )
    page.locale = project_index_page.locale
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "at most 500 words (it has 600)" in error.value.message_dict["description"][0]


@pytest.mark.django_db
def test_small_picture_gives_the_editor_a_clear_error(project_page):
    from cms_pages.models import ProjectPagePicture
    from tests.factories.cms import ProjectPictureImageFactory

    small = ProjectPictureImageFactory(file__width=640, file__height=480)
    picture = ProjectPagePicture(page=project_page, image=small)
    with pytest.raises(ValidationError) as error:
        picture.full_clean()
    assert error.value.message_dict["image"] == ["The picture is 640x480 pixels; it must be at least 800x600."]


@pytest.mark.django_db
def test_second_page_for_the_same_registry_project_in_a_language_is_refused(project_page):
    duplicate = ProjectPage(
        title="Again",
        slug="again",
        registry_project=project_page.registry_project,
        locale=project_page.locale,
        description="<p>Again.</p>",
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already has a project page in this language" in error.value.message_dict["registry_project"][0]


@pytest.mark.django_db
def test_registry_project_with_a_page_cannot_be_deleted(project_page):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        project_page.registry_project.delete()
