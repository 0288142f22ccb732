"""Certificates move out of the public media into the private storage, under names no one can guess."""

import secrets

from django.core.files.storage import storages
from django.db import migrations, models

import shop.fulfilment.models


def certificates_move_to_private_storage(apps, schema_editor):
    """Each PDF still in the public media storage is copied to the private one with a random name, then deleted."""
    Certificate = apps.get_model("fulfilment", "Certificate")
    public, private = storages["default"], storages["certificates"]
    for certificate in Certificate.objects.exclude(pdf="").only("pk", "year", "pdf").iterator():
        old_name = certificate.pdf.name
        if not public.exists(old_name):
            continue  # already moved (a re-run), or the file was lost: nothing to publish any more
        with public.open(old_name, "rb") as source:
            new_name = private.save(f"{certificate.year}/{secrets.token_urlsafe(24)}.pdf", source)
        Certificate.objects.filter(pk=certificate.pk).update(pdf=new_name)
        public.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [
        ("fulfilment", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="pdf",
            field=models.FileField(
                max_length=255,
                storage=shop.fulfilment.models.certificate_storage,
                upload_to=shop.fulfilment.models.certificate_pdf_path,
                verbose_name="PDF",
            ),
        ),
        migrations.RunPython(certificates_move_to_private_storage, migrations.RunPython.noop, elidable=True),
    ]
