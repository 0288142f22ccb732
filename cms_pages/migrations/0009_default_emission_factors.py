"""Default emission factors of the footprint calculator, in English, from public sources editors can update."""

import uuid
from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

from cms_pages.roles import roles_groups_sync

DESNZ = (
    "UK DESNZ/DEFRA greenhouse gas reporting: conversion factors 2024",
    "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024",
    2024,
)
DIET = (
    "Scarborough et al., Dietary greenhouse gas emissions of meat-eaters, fish-eaters, vegetarians and vegans "
    "in the UK, Climatic Change 125 (2014)",
    "https://doi.org/10.1007/s10584-014-1169-1",
    2014,
)
IPCC = (
    "IPCC AR6 WGIII, Chapter 5: Demand, services and social aspects of mitigation (2022)",
    "https://www.ipcc.ch/report/ar6/wg3/chapter/chapter-5/",
    2022,
)

FACTORS = [
    # (code, category, label, unit, kg CO2e per unit, source)
    ("electricity", "energy", "Electricity (UK grid average)", "kWh", "0.20705", DESNZ),
    ("natural-gas", "energy", "Natural gas", "kWh", "0.18290", DESNZ),
    ("heating-oil", "energy", "Heating oil (burning oil)", "litre", "2.54016", DESNZ),
    ("car-petrol", "transport", "Car, average petrol", "km", "0.16272", DESNZ),
    ("car-diesel", "transport", "Car, average diesel", "km", "0.17304", DESNZ),
    ("car-hybrid", "transport", "Car, hybrid", "km", "0.12607", DESNZ),
    ("car-electric", "transport", "Car, battery electric", "km", "0.04749", DESNZ),
    # Per one-way economy flight: band's typical distance x DESNZ factor with radiative forcing.
    ("flight-short", "transport", "Short flight (typically 1,100 km), economy", "flight", "204.51200", DESNZ),
    ("flight-medium", "transport", "Medium flight (typically 2,750 km), economy", "flight", "511.28000", DESNZ),
    ("flight-long", "transport", "Long flight (typically 8,000 km), economy", "flight", "1590.40000", DESNZ),
    # Scarborough et al.: kg CO2e per day x 365.
    ("diet-meat-heavy", "diet", "Diet with meat at most meals", "year", "2624.35000", DIET),
    ("diet-average", "diet", "Average diet with some meat", "year", "2054.95000", DIET),
    ("diet-vegetarian", "diet", "Vegetarian diet", "year", "1390.65000", DIET),
    ("diet-vegan", "diet", "Vegan diet", "year", "1054.85000", DIET),
    # Goods and services beyond energy, travel and food, for an average European household member.
    ("lifestyle-low", "lifestyle", "Low consumption of goods and services", "year", "1000.00000", IPCC),
    ("lifestyle-average", "lifestyle", "Average consumption of goods and services", "year", "2000.00000", IPCC),
    ("lifestyle-high", "lifestyle", "High consumption of goods and services", "year", "3500.00000", IPCC),
]


def create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    EmissionFactor = apps.get_model("cms_pages", "EmissionFactor")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    for position, (code, category, label, unit, kg, (source_name, source_url, source_year)) in enumerate(
        FACTORS, start=1
    ):
        EmissionFactor.objects.get_or_create(
            code=code,
            locale=locale,
            defaults={
                "translation_key": uuid.uuid4(),
                "category": category,
                "label": label,
                "unit": unit,
                "kg_co2e_per_unit": Decimal(kg),
                "source_name": source_name,
                "source_url": source_url,
                "source_year": source_year,
                "sort_order": position * 10,
            },
        )


def grant_roles(apps, schema_editor):
    # The roles list emission factors among their snippets: grant them now that the model exists.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_groups_sync(apps)


def remove(apps, schema_editor):
    apps.get_model("cms_pages", "EmissionFactor").objects.filter(code__in=[row[0] for row in FACTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cms_pages", "0008_footprint_calculator")]

    operations = [migrations.RunPython(create, remove), migrations.RunPython(grant_roles, migrations.RunPython.noop)]
