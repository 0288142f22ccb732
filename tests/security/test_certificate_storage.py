"""Issue 15: certificates live in a private storage, under unguessable names, served only by their code."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from shop.fulfilment.services import line_fulfil
from tests.factories.fulfilment import make_paid_order

pytestmark = pytest.mark.django_db


def file_stem(certificate) -> str:
    """The name the PDF had before (VC-000001-2026): counted, so guessable."""
    return certificate.number.replace("/", "-")


@pytest.fixture
def certificate(fulfilment_offer):
    order = make_paid_order(product=fulfilment_offer, quantity=2, certificate_name="Ada Lovelace")
    return line_fulfil(line_id=order.lines.get().pk)


def test_the_pdf_is_not_in_the_public_media(certificate):
    path = Path(certificate.pdf.path).resolve()
    assert path.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert not storages["default"].exists(certificate.pdf.name)
    # No URL under MEDIA_URL can be made for it, by a template or anything else.
    with pytest.raises(NotImplementedError):
        certificate.pdf.url  # noqa: B018


def test_the_pdf_is_not_reachable_under_media_url(rf, certificate, settings):
    """What any server of MEDIA_URL does (nginx, django.views.static.serve): map the URL onto MEDIA_ROOT."""
    from django.http import Http404
    from django.views.static import serve

    year = certificate.year
    for name in (
        f"certificates/{year}/{file_stem(certificate)}.pdf",
        certificate.pdf.name,
        f"certificates/{certificate.pdf.name}",
    ):
        with pytest.raises(Http404):
            serve(rf.get(settings.MEDIA_URL + name), name, document_root=settings.MEDIA_ROOT)


def test_the_file_name_cannot_be_guessed_from_the_number(certificate, fulfilment_offer):
    name = certificate.pdf.name
    assert file_stem(certificate) not in name
    assert re.fullmatch(rf"{certificate.year}/[A-Za-z0-9_-]{{32}}\.pdf", name), name
    second = line_fulfil(line_id=make_paid_order(product=fulfilment_offer, quantity=1).lines.get().pk)
    assert second.pdf.name != name and file_stem(second) not in second.pdf.name


def test_the_view_streams_the_pdf_with_no_store(client, certificate):
    response = client.get(f"/en/certificates/{certificate.verification_code}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_behind_nginx_the_view_hands_the_file_to_nginx(client, certificate, settings):
    settings.PRIVATE_MEDIA_X_ACCEL_REDIRECT_PREFIX = "/_private/"
    response = client.get(f"/en/certificates/{certificate.verification_code}/pdf/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{certificate.pdf.name}"
    assert response["Content-Type"] == "application/pdf"
    assert f"{file_stem(certificate)}.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_wrong_code_is_not_found(client, certificate):
    assert client.get("/en/certificates/not-the-code/pdf/").status_code == 404
    assert client.get(f"/en/certificates/{certificate.verification_code[:-1]}x/pdf/").status_code == 404


def test_the_migration_moves_public_certificates_to_private_names(certificate):
    """A certificate issued before the fix: its PDF at the old public, counted path."""
    from importlib import import_module

    from django.apps import apps

    from shop.fulfilment.models import Certificate

    migration = import_module("shop.fulfilment.migrations.0002_certificates_private_storage")
    old_name = f"certificates/{certificate.year}/{file_stem(certificate)}.pdf"
    public = storages["default"]
    public.delete(old_name)
    public.save(old_name, ContentFile(b"%PDF-1.7 old certificate"))
    Certificate.objects.filter(pk=certificate.pk).update(pdf=old_name)

    migration.certificates_move_to_private_storage(apps, None)

    certificate.refresh_from_db()
    assert not public.exists(old_name)
    assert certificate.pdf.name != old_name and file_stem(certificate) not in certificate.pdf.name
    assert storages["certificates"].open(certificate.pdf.name).read() == b"%PDF-1.7 old certificate"


def test_staff_see_the_certificate_in_the_admin_with_a_link_to_its_view(client, certificate, django_user_model):
    admin = django_user_model.objects.create_superuser(username="root", email="root@example.org", password="pw")
    client.force_login(admin)
    response = client.get(f"/django-admin/fulfilment/certificate/{certificate.pk}/change/")
    assert response.status_code == 200
    assert f"/certificates/{certificate.verification_code}/pdf/" in response.content.decode()
