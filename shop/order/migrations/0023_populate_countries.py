"""Billing addresses need Oscar's country table; fill it from the CLDR territory list (Babel)."""

from django.db import migrations

# CLDR territory codes that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA", "CQ"}


def populate_countries(apps, schema_editor):
    from babel import Locale

    Country = apps.get_model("address", "Country")
    if Country.objects.exists():
        return
    names = Locale("en").territories
    Country.objects.bulk_create(
        [
            Country(iso_3166_1_a2=code, name=name, printable_name=name, is_shipping_country=True)
            for code, name in sorted(names.items())
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0022_line_unit_block_alter_line_status_and_more"),
        ("address", "0001_initial"),
    ]

    operations = [migrations.RunPython(populate_countries, migrations.RunPython.noop)]
