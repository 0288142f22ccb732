"""Platform administrators get the new platform-staff permission (partner.act_as_platform_staff); no other role does."""

from django.db import migrations

from cms_pages.roles import roles_groups_sync_with_new_permissions


def grant_roles(apps, schema_editor):
    roles_groups_sync_with_new_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0009_default_emission_factors"),
        ("partner", "0009_platform_staff_permission"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
