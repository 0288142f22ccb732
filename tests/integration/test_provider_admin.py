"""Platform staff create provider accounts in the admin and map them to registry projects and accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from shop.partner.models import Partner
from tests.factories.shop import make_block, make_project

pytestmark = pytest.mark.django_db


def test_staff_create_a_provider_mapped_to_registry_accounts_and_projects(admin_client, client):
    project = make_project(reference="PRJ-4711", title="Río Claro run-of-river")
    block = make_block(project=project, account_number="CDM-300-4711", account_kind="permanent_holding")

    response = admin_client.post(
        "/django-admin/auth/user/add/",
        {
            "username": "focal-point",
            "usable_password": "true",
            "password1": "Kyoto-CER-2026-cobalt",
            "password2": "Kyoto-CER-2026-cobalt",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    representative = get_user_model().objects.get(username="focal-point")

    response = admin_client.post(
        "/django-admin/partner/partner/add/",
        {
            "name": "Río Claro Energía",
            "users": [representative.pk],
            "registry_projects": [project.pk],
            "paypal_email": "pagos@rioclaro.example",
            "bank_transfer_enabled": "",
            "bank_transfer_minimum": "0.00",
            "bank_transfer_currency": "USD",
            "notification_email": "",
            "paypal_merchant_id": "",
            "registry_accounts-TOTAL_FORMS": "1",
            "registry_accounts-INITIAL_FORMS": "0",
            "registry_accounts-MIN_NUM_FORMS": "0",
            "registry_accounts-MAX_NUM_FORMS": "1000",
            "registry_accounts-0-account_number": "CDM-300-4711",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    partner = Partner.objects.get(name="Río Claro Energía")
    assert list(partner.users.all()) == [representative]
    assert list(partner.registry_projects.all()) == [project]
    assert list(partner.registry_accounts.values_list("account_number", flat=True)) == ["CDM-300-4711"]
    # The new representative signs in and sees the mapped account's block, ready to offer.
    assert client.login(username="focal-point", password="Kyoto-CER-2026-cobalt")
    page = client.get(reverse("provider-offers")).content.decode()
    assert block.registry_block_id in page
    assert "Publish offer" in page


def test_a_registry_account_maps_to_one_provider_only(admin_client):
    Partner.objects.create(name="First").registry_accounts.create(account_number="CDM-250-1")

    response = admin_client.post(
        "/django-admin/partner/partner/add/",
        {
            "name": "Second",
            "bank_transfer_minimum": "0.00",
            "bank_transfer_currency": "USD",
            "registry_accounts-TOTAL_FORMS": "1",
            "registry_accounts-INITIAL_FORMS": "0",
            "registry_accounts-MIN_NUM_FORMS": "0",
            "registry_accounts-MAX_NUM_FORMS": "1000",
            "registry_accounts-0-account_number": "CDM-250-1",
        },
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not Partner.objects.filter(name="Second").exists()


def test_providers_cannot_open_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user(username="rep", email="rep@example.org", password="pw")
    Partner.objects.create(name="Andes").users.add(user)
    client.force_login(user)

    response = client.get("/django-admin/partner/partner/")

    assert response.status_code == 302 and "login" in response["Location"]
