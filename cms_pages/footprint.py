"""The footprint calculator: tonnes CO2e from a household's answers, and a basket filled to offset them."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

KG_PER_TONNE = Decimal(1000)

# Form answer -> factor code; a quantity answer multiplies the factor, a choice answer counts one year.
QUANTITY_ANSWERS = {
    "electricity_kwh": "electricity",
    "gas_kwh": "natural-gas",
    "oil_litres": "heating-oil",
    "flights_short": "flight-short",
    "flights_medium": "flight-medium",
    "flights_long": "flight-long",
}
CAR_FUELS = {
    "petrol": ("car-petrol", _("Petrol")),
    "diesel": ("car-diesel", _("Diesel")),
    "hybrid": ("car-hybrid", _("Hybrid")),
    "electric": ("car-electric", _("Electric")),
}
DIETS = {
    "meat-heavy": ("diet-meat-heavy", _("Meat at most meals")),
    "average": ("diet-average", _("Average (some meat)")),
    "vegetarian": ("diet-vegetarian", _("Vegetarian")),
    "vegan": ("diet-vegan", _("Vegan")),
}
LIFESTYLES = {
    "low": ("lifestyle-low", _("Low: I buy little and keep things long")),
    "average": ("lifestyle-average", _("Average")),
    "high": ("lifestyle-high", _("High: I buy a lot of new things and services")),
}
CATEGORY_ORDER = ["energy", "transport", "diet", "lifestyle"]


@dataclass(frozen=True)
class FootprintLine:
    category: str
    label: str
    quantity: Decimal
    unit: str
    kg_co2e: Decimal
    factor: object


@dataclass(frozen=True)
class FootprintCategory:
    category: str
    label: str
    tonnes: Decimal


@dataclass(frozen=True)
class Footprint:
    lines: list[FootprintLine]
    categories: list[FootprintCategory]
    tonnes: Decimal  # to the kilogram
    tonnes_to_offset: int  # whole CERs, rounded up


def emission_factors(*, language: str) -> dict:
    """The factors by code in this language, falling back to the default language for untranslated ones."""
    from cms_pages.models import EmissionFactor

    factors = {}
    for factor in EmissionFactor.objects.filter(
        locale__language_code__in={settings.LANGUAGE_CODE, language}
    ).select_related("locale"):
        if factor.code not in factors or factor.locale.language_code == language:
            factors[factor.code] = factor
    return factors


def footprint_calculate(*, answers: dict, factors: dict) -> Footprint:
    """Answers are a valid calculator form's cleaned_data (missing or empty answers count as zero)."""
    usage = []  # (factor code, quantity)
    for answer, code in QUANTITY_ANSWERS.items():
        usage.append((code, Decimal(answers.get(answer) or 0)))
    if answers.get("car_km"):
        usage.append((CAR_FUELS[answers.get("car_fuel") or "petrol"][0], Decimal(answers["car_km"])))
    for answer, choices in (("diet", DIETS), ("lifestyle", LIFESTYLES)):
        if answers.get(answer):
            usage.append((choices[answers[answer]][0], Decimal(1)))

    lines = []
    for code, quantity in usage:
        factor = factors.get(code)
        if factor is None or not quantity:
            continue
        lines.append(
            FootprintLine(
                category=factor.category,
                label=factor.label,
                quantity=quantity,
                unit=factor.unit,
                kg_co2e=(quantity * factor.kg_co2e_per_unit).quantize(Decimal("0.01")),
                factor=factor,
            )
        )
    from cms_pages.models import EmissionFactor

    labels = dict(EmissionFactor.Category.choices)
    categories = []
    for category in CATEGORY_ORDER:
        kg = sum((line.kg_co2e for line in lines if line.category == category), Decimal(0))
        categories.append(
            FootprintCategory(
                category=category, label=labels[category], tonnes=(kg / KG_PER_TONNE).quantize(Decimal("0.001"))
            )
        )
    total_kg = sum((line.kg_co2e for line in lines), Decimal(0))
    tonnes = (total_kg / KG_PER_TONNE).quantize(Decimal("0.001"))
    return Footprint(
        lines=lines, categories=categories, tonnes=tonnes, tonnes_to_offset=math.ceil(total_kg / KG_PER_TONNE)
    )


@dataclass
class OffsetFill:
    added: int = 0
    shortfall: int = 0  # CERs missing when the live offers cannot cover the request (then nothing was added)
    lines: list = field(default_factory=list)  # (product, quantity)


def basket_offset_fill(*, basket, tonnes: int) -> OffsetFill:
    """Add `tonnes` CERs to the basket from the cheapest live offers, never more than each offer has left.

    All or nothing: when the offers cannot cover the whole amount the basket stays as it was.
    """
    from shop.selectors import offers_live

    currency = basket.currency if basket.id and basket.num_lines else settings.OSCAR_DEFAULT_CURRENCY
    offers = (
        offers_live()
        .filter(price_currency=currency)
        .select_related("product")
        .order_by("price", "product__unit_block__vintage", "pk")
    )
    in_basket = {}
    if basket.id:
        in_basket = dict(
            basket.lines.values_list("product_id").annotate(total=Sum("quantity")).values_list("product_id", "total")
        )
    plan, remaining = [], tonnes
    for offer in offers:
        if remaining <= 0:
            break
        free = offer.num_available - in_basket.get(offer.product_id, 0)
        quantity = min(remaining, free)
        if quantity > 0:
            plan.append((offer.product, quantity))
            remaining -= quantity
    if remaining > 0:
        return OffsetFill(shortfall=remaining)
    for product, quantity in plan:
        basket.add_product(product, quantity)
    return OffsetFill(added=tonnes, lines=plan)
