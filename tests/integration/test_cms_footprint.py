"""The footprint calculator ("Measure"): factors from the data migration, validation, offsetting into the basket."""

from decimal import Decimal

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from cms_pages.footprint import basket_offset_fill, emission_factors, footprint_calculate
from cms_pages.models import EmissionFactor
from tests.factories.cms import FootprintCalculatorPageFactory
from tests.factories.shop import make_offer

Basket = get_model("basket", "Basket")


@pytest.fixture
def calculator(home_page):
    page = FootprintCalculatorPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


def _translations(page):
    from wagtail.models import Locale

    pages = {"en": page}
    for code, title in (("fr", "Mesurer votre empreinte"), ("es", "Medir su huella")):
        translated = page.copy_for_translation(Locale.objects.get(language_code=code))
        translated.title = title
        translated.save_revision().publish()
        pages[code] = translated.specific
    return pages


def test_default_factors_cite_their_sources(db):
    electricity = EmissionFactor.objects.get(code="electricity", locale__language_code="en")
    assert electricity.kg_co2e_per_unit == Decimal("0.20705")
    assert electricity.source_year == 2024 and "DESNZ" in electricity.source_name
    assert EmissionFactor.objects.filter(locale__language_code="en").exclude(source_url="").count() == 17


def test_calculation_with_known_factors(db):
    factors = emission_factors(language="en")
    result = footprint_calculate(
        answers={
            "electricity_kwh": Decimal("1000"),  # 207.05 kg
            "car_km": Decimal("10000"),  # diesel: 1730.40 kg
            "car_fuel": "diesel",
            "flights_long": 2,  # 3180.80 kg
            "diet": "vegan",  # 1054.85 kg
            "lifestyle": "",
        },
        factors=factors,
    )
    assert result.tonnes == Decimal("6.173")
    assert result.tonnes_to_offset == 7
    by_category = {category.category: category.tonnes for category in result.categories}
    assert by_category == {
        "energy": Decimal("0.207"),
        "transport": Decimal("4.911"),
        "diet": Decimal("1.055"),
        "lifestyle": Decimal("0.000"),
    }


def test_an_editor_changing_a_factor_changes_the_result(db):
    EmissionFactor.objects.filter(code="electricity").update(kg_co2e_per_unit=Decimal("0.5"))
    result = footprint_calculate(answers={"electricity_kwh": Decimal("2000")}, factors=emission_factors(language="en"))
    assert result.tonnes == Decimal("1.000") and result.tonnes_to_offset == 1


def test_page_shows_result_and_breakdown(client, calculator, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = client.get(calculator.url, {"electricity_kwh": "3000", "gas_kwh": "12000", "diet": "average"})
    assert response.status_code == 200
    content = response.content.decode()
    # 621.15 + 2194.80 + 2054.95 = 4870.90 kg
    assert "Your footprint: 4.871 tonnes CO2e per year" in content
    assert "Household energy" in content and "2.816" in content
    assert 'name="tonnes" value="5"' in content
    assert "gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024" in content


def test_empty_form_shows_no_result(client, calculator):
    response = client.get(calculator.url)
    assert response.status_code == 200
    assert "Your footprint" not in response.content.decode()
    assert "Calculate my footprint" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("electricity_kwh", "-10", "Enter zero or a positive number."),
        ("gas_kwh", "lots", "Enter a number, for example 2500."),
        ("car_km", "99999999", "This is more than we can believe for one household"),
        ("flights_short", "1.5", "Enter a whole number, for example 2."),
        ("diet", "carnivore", "Select a valid choice"),
    ],
)
def test_invalid_answers_get_an_error_and_no_result(client, calculator, field, value, message):
    response = client.get(calculator.url, {"electricity_kwh": "1000", field: value})
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "no footprint was calculated" in content
    assert "Your footprint" not in content and 'name="tonnes"' not in content


def test_page_renders_in_three_languages(client, calculator):
    pages = _translations(calculator)
    expectations = {"en": "Calculate my footprint", "fr": "Mesurer votre empreinte", "es": "Medir su huella"}
    for language, page in pages.items():
        response = client.get(page.url, {"electricity_kwh": "1000"})
        assert response.status_code == 200, language
        content = response.content.decode()
        assert f'lang="{language}"' in content
        assert expectations[language] in content
        assert 'name="tonnes" value="1"' in content


def _basket_quantities():
    basket = Basket.objects.get()
    return {line.product_id: line.quantity for line in basket.lines.all()}


def test_offset_fills_the_basket_from_the_cheapest_offers(client, calculator):
    cheap = make_offer(quantity=3, price=Decimal("5.00"))
    middle = make_offer(quantity=10, price=Decimal("8.00"))
    dear = make_offer(quantity=50, price=Decimal("20.00"))

    response = client.post(calculator.url, {"tonnes": "7", "back": calculator.url})
    assert response.status_code == 302 and response["Location"].endswith("/shop/basket/")
    assert _basket_quantities() == {cheap.pk: 3, middle.pk: 4}

    # A second click never asks for more than an offer has left.
    client.post(calculator.url, {"tonnes": "8", "back": calculator.url})
    assert _basket_quantities() == {cheap.pk: 3, middle.pk: 10, dear.pk: 2}
    response = client.get("/en/shop/basket/")
    assert "8 CERs from the cheapest offers are in your basket." in response.content.decode()


def test_offset_with_too_few_cers_says_so_and_adds_nothing(client, calculator):
    make_offer(quantity=3, price=Decimal("5.00"))
    back = f"{calculator.url}?electricity_kwh=20000"
    response = client.post(calculator.url, {"tonnes": "4", "back": back}, follow=True)
    content = response.content.decode()
    assert "Not enough CERs are on offer right now to offset 4 tonnes" in content
    assert "/shop/" in content  # the link to the catalogue
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_offset_refuses_a_missing_or_bad_amount(client, calculator):
    make_offer(quantity=3, price=Decimal("5.00"))
    response = client.post(calculator.url, {"tonnes": "-2"}, follow=True)
    assert "the number of tonnes to offset is missing" in response.content.decode()
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_fill_service_is_all_or_nothing(db):
    from tests.factories.shop import make_basket

    offer = make_offer(quantity=2, price=Decimal("5.00"))
    basket = make_basket(items=[])
    assert basket_offset_fill(basket=basket, tonnes=3).shortfall == 1
    assert basket.num_lines == 0
    fill = basket_offset_fill(basket=basket, tonnes=2)
    assert fill.added == 2 and basket.lines.get().product == offer
    with translation.override("en"):
        assert basket_offset_fill(basket=basket, tonnes=1).shortfall == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Électricité (moyenne du réseau britannique)",
                "Vol long-courrier (8 000 km en général), classe économique",
                "Alimentation végétalienne",
                "DESNZ/DEFRA (Royaume-Uni), facteurs de conversion",
                "Scarborough et al., Émissions de gaz à effet de serre",
            ],
        ),
        (
            "es",
            [
                "Electricidad (media de la red británica)",
                "Vuelo de larga distancia (normalmente 8.000 km), clase turista",
                "Dieta vegana",
                "DESNZ/DEFRA (Reino Unido), factores de conversión",
                "Scarborough et al., Emisiones de gases de efecto invernadero",
            ],
        ),
    ],
)
def test_demo_factors_are_translated_on_french_and_spanish_calculators(
    client, calculator, language, expected, django_capture_on_commit_callbacks
):
    from cms_pages.demo import demo_snippets_translate

    with django_capture_on_commit_callbacks(execute=True):
        demo_snippets_translate()
    page = _translations(calculator)[language]
    response = client.get(page.url, {"electricity_kwh": "1000", "flights_long": "1", "diet": "vegan"})
    content = response.content.decode()
    for text in expected:
        assert text in content, text
    assert "Electricity (UK grid average)" not in content and "Vegan diet" not in content
    # The numbers and their source links stay those of the English factors.
    assert EmissionFactor.objects.get(code="flight-long", locale__language_code=language).kg_co2e_per_unit == Decimal(
        "1590.40000"
    )
    assert "doi.org/10.1007/s10584-014-1169-1" in content
