import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_data_publishes_offers_for_demo_providers(client):
    from oscar.core.loading import get_model

    from registry.demo import DEMO_PROVIDER_ACCOUNTS

    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    call_command("load_demo_data", verbosity=0)
    offers = Product.objects.filter(unit_block__isnull=False, withdrawn_at__isnull=True).count()
    call_command("load_demo_data", verbosity=0)

    assert Partner.objects.count() == 2
    assert Product.objects.filter(unit_block__isnull=False, withdrawn_at__isnull=True).count() == offers > 0
    first = Partner.objects.get(registry_accounts__account_number=DEMO_PROVIDER_ACCOUNTS["provider-a"][0])
    assert first.users.filter(username="provider").exists()
    # Blocks whose share of proceeds is unpaid are not offered.
    assert not Product.objects.filter(unit_block__share_of_proceeds_paid=False).exists()
    html = client.get("/en/shop/").content.decode()
    assert "Add to the basket" in html
