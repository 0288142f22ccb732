"""The 12 SD co-benefit types of seed 004 and the standard purchase reasons, in English."""

import uuid

from django.db import migrations

CO_BENEFIT_TYPES = [
    # (code, category, name, description)
    ("air", "environmental", "Air", "Improved air quality"),
    ("land", "environmental", "Land", "Improved soil quality or avoided pollution"),
    ("water", "environmental", "Water", "Improved water quality or access"),
    ("natural-resources", "environmental", "Natural resources", "Depletable natural resources protection or enhancement"),
    ("education", "social", "Education", "Education, research, awareness raising or distribution of information"),
    ("health-and-safety", "social", "Health and safety", "Improved health and safety"),
    ("jobs", "social", "Jobs", "Job or income generation"),
    ("welfare", "social", "Welfare", "Improved social welfare (community upliftment)"),
    ("energy", "economic", "Energy", "Improved energy availability or access"),
    ("growth", "economic", "Growth", "Support to economic development or stability"),
    ("balance-of-payments", "economic", "Balance of payments", "Improvement of the country's trade balance"),
    ("technology", "economic", "Technology", "Technology transfer or diffusion"),
]

PURCHASE_REASONS = [
    ("personal-footprint", "Offsetting my personal footprint"),
    ("organization-emissions", "Offsetting my organization's emissions"),
    ("event", "Offsetting an event"),
    ("travel", "Offsetting travel"),
    ("gift", "Gift"),
]


def create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    CoBenefitType = apps.get_model("cms_pages", "CoBenefitType")
    PurchaseReason = apps.get_model("cms_pages", "PurchaseReason")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    for position, (code, category, name, description) in enumerate(CO_BENEFIT_TYPES, start=1):
        CoBenefitType.objects.get_or_create(
            code=code,
            locale=locale,
            defaults={
                "translation_key": uuid.uuid4(),
                "category": category,
                "name": name,
                "description": description,
                "sort_order": position * 10,
            },
        )
    for position, (code, text) in enumerate(PURCHASE_REASONS, start=1):
        PurchaseReason.objects.get_or_create(
            code=code,
            locale=locale,
            defaults={"translation_key": uuid.uuid4(), "text": text, "sort_order": position * 10},
        )


def remove(apps, schema_editor):
    apps.get_model("cms_pages", "CoBenefitType").objects.filter(code__in=[row[0] for row in CO_BENEFIT_TYPES]).delete()
    apps.get_model("cms_pages", "PurchaseReason").objects.filter(code__in=[row[0] for row in PURCHASE_REASONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0002_projects_and_snippets"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, remove)]
