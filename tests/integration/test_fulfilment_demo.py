import pytest

from shop.fulfilment.demo import demo_fulfilment_load
from shop.fulfilment.models import Certificate
from simulators.registry.demo import demo_registry_seed

pytestmark = pytest.mark.django_db


def test_demo_fulfilment_fills_the_public_history_once(client, registry_simulator):
    from registry.demo import demo_registry_load
    from shop.demo import demo_shop_load

    demo_registry_seed(registry_simulator.registry)
    demo_registry_load()
    demo_shop_load()
    demo_fulfilment_load()
    demo_fulfilment_load()

    assert sorted(Certificate.objects.values_list("language", flat=True)) == ["en", "es", "fr"]
    page = client.get("/en/cancellations/").content.decode()
    assert "Ada Lovelace" in page
    assert "Lucía Fernández" not in page  # did not agree to be named
