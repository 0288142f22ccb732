from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0008_partner_bank_transfer_currency_and_more"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="partner",
            options={
                "ordering": ("name", "code"),
                "permissions": (
                    ("dashboard_access", "Can access dashboard"),
                    ("act_as_platform_staff", "Can act as platform staff for every provider"),
                ),
                "verbose_name": "Fulfillment partner",
                "verbose_name_plural": "Fulfillment partners",
            },
        ),
    ]
