from django.db import migrations


def scopes_create(apps, schema_editor):
    SectoralScope = apps.get_model("registry", "SectoralScope")
    for number in range(1, 16):
        SectoralScope.objects.get_or_create(number=number)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(scopes_create, migrations.RunPython.noop)]
