import pytest
from wagtail.models import Page

from cms_pages.models import CoBenefitType, EmissionFactor, FaqPage, ProjectPage, PurchaseReason, StandardPage
from registry.models import RegistryProject


@pytest.fixture
def demo_site(home_page, django_capture_on_commit_callbacks):
    from cms_pages.demo import demo_content_load, demo_projects_load

    for reference, title, country in [
        ("1234", "Gansu Yumen 49.5 MW wind farm", "CN"),
        ("7890", "Efficient cookstoves for households in western Kenya", "KE"),
        ("9999", "A project without a demo story", "BR"),
    ]:
        RegistryProject.objects.create(reference=reference, title=title, host_country=country)
    with django_capture_on_commit_callbacks(execute=True):
        missing = demo_content_load() + demo_projects_load()
    return missing


@pytest.mark.django_db
def test_demo_site_is_fully_translated_into_french_and_spanish(client, demo_site):
    # One test: building the demo site is the slow part.
    assert [text for text in demo_site if "project without" not in text.lower()] == [], demo_site
    for code in ["en", "fr", "es"]:
        pages = Page.objects.filter(locale__language_code=code, depth__gt=1, live=True)
        assert pages.count() == Page.objects.filter(locale__language_code="en", depth__gt=1, live=True).count()
        for page in pages:
            assert client.get(page.url).status_code == 200, page.url
    assert CoBenefitType.objects.filter(locale__language_code="fr").count() == 12
    assert PurchaseReason.objects.get(code="gift", locale__language_code="es").text == "Regalo"
    # Every emission factor of the calculator in French and Spanish, with the English values.
    english_factors = dict(EmissionFactor.objects.filter(locale__language_code="en").values_list("code", "label"))
    for code in ["fr", "es"]:
        translated = EmissionFactor.objects.filter(locale__language_code=code)
        assert sorted(translated.values_list("code", flat=True)) == sorted(english_factors)
        assert not [factor.code for factor in translated if factor.label == english_factors[factor.code]]
    assert EmissionFactor.objects.get(code="diet-vegan", locale__language_code="es").label == "Dieta vegana"

    # The French FAQ and a Spanish project page read in their language.
    faq = FaqPage.objects.get(locale__language_code="fr")
    html = client.get(faq.url).content.decode()
    assert "Questions fréquentes" in html
    assert (
        "Non. L&#x27;utilisation de la plateforme est gratuite." in html
        or "Non. L'utilisation de la plateforme est gratuite." in html
    )
    project = ProjectPage.objects.get(locale__language_code="es", registry_project__reference="7890")
    html = client.get(project.url).content.decode()
    assert "Cocinas eficientes en el oeste de Kenia" in html
    assert "Salud y seguridad" in html
    assert project.pictures.first().image.width == 1200 and project.pictures.first().image.height == 900

    # The terms of use the checkout links to, in every language.
    terms = StandardPage.objects.get(slug="terms-of-use", locale__language_code="en")
    assert terms.url == "/en/terms-of-use/"
    assert client.get("/fr/terms-of-use/").status_code == 200

    # One project page per registry project and language.
    for project in RegistryProject.objects.all():
        assert sorted(project.project_pages.values_list("locale__language_code", flat=True)) == ["en", "es", "fr"]
