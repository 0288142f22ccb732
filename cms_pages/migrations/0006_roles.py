"""The CMS roles as Wagtail groups: communications editors, translators, platform administrators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from cms_pages.roles import roles_groups_sync


def create_roles(apps, schema_editor):
    # On a fresh database permissions only appear after all migrations (post_migrate): make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0005_page_types"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
