"""Demo registry data in the embedded simulator, its Django admin pages, and the registry health check."""

import socket

import pytest
from django.contrib.auth import get_user_model

from registry.client import RegistryClient
from registry.demo import DEMO_BLOCKS, DEMO_PROVIDER_ACCOUNTS, demo_registry_load
from registry.models import Cancellation, Mechanism, RegistryProject, UnitBlock
from registry.services import cancellation_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_registry(settings):
    settings.REGISTRY_URL = ""  # the embedded simulator, as with `make run`
    return demo_registry_load()


def test_demo_registry_is_realistic_and_idempotent(demo_registry):
    assert demo_registry.ok, demo_registry.errors
    projects = RegistryProject.objects.all()
    assert projects.count() >= 12
    assert projects.values("host_country").distinct().count() >= 8
    assert projects.filter(mechanism=Mechanism.A64).count() == 1
    assert projects.filter(sectoral_scopes__number__in=[3, 7, 13]).distinct().count() >= 3
    blocks = UnitBlock.objects.all()
    assert blocks.count() == len(DEMO_BLOCKS)
    assert (
        blocks.filter(applicable_commitment_period=1).exists()
        and blocks.filter(applicable_commitment_period=2).exists()
    )
    assert blocks.filter(share_of_proceeds_paid=False).count() >= 2
    assert set(blocks.values_list("account_number", flat=True)) == {
        account for accounts in DEMO_PROVIDER_ACCOUNTS.values() for account in accounts
    }
    a64 = blocks.get(project__mechanism=Mechanism.A64)
    assert a64.first_serial.startswith("A6.4ER-GH-12-2024-") and a64.last_serial == "A6.4ER-GH-12-2024-10000"
    again = demo_registry_load()
    assert again.created == [] and again.unchanged == len(DEMO_BLOCKS)
    assert RegistryProject.objects.count() == projects.count()


def test_a_demo_cancellation_returns_exact_serials_never_handed_out_again(demo_registry):
    block = UnitBlock.objects.get(registry_block_id="BR-0008-2011-A")
    held = RegistryClient().holdings(block.account_number)
    start = next(b for b in held.blocks if b.block_id == block.registry_block_id).first.number
    cancellation = cancellation_request(
        block=block, quantity=3, beneficiary="Demo buyer", purpose="Demo", idempotency_key=f"demo-test-{start}"
    )
    [cancelled] = cancellation.serial_ranges
    assert cancelled["start"] == f"BR-5-{start}-1-1-0-8" and cancelled["end"] == f"BR-5-{start + 2}-1-1-0-8"
    after = RegistryClient().holdings(block.account_number)
    assert next(b for b in after.blocks if b.block_id == block.registry_block_id).first.number == start + 3


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser("registry-admin", "registry-admin@example.org", "pw")
    client.force_login(admin)
    return client


def test_staff_see_the_demo_registry_data_in_the_admin(demo_registry, staff_client, django_assert_max_num_queries):
    block = UnitBlock.objects.get(registry_block_id="BR-0008-2011-A")
    cancellation_request(block=block, quantity=2, beneficiary="Demo buyer", purpose="Demo", idempotency_key="admin-1")
    for url, expected in [
        ("/django-admin/registry/registryproject/", "Salvador da Bahia landfill gas management"),
        ("/django-admin/registry/unitblock/", "GH-A64-0012-2024-A"),
        ("/django-admin/registry/cancellation/", "Demo buyer"),
    ]:
        with django_assert_max_num_queries(15):
            response = staff_client.get(url)
        assert response.status_code == 200
        assert expected in response.content.decode()
    block.refresh_from_db()
    response = staff_client.get(f"/django-admin/registry/unitblock/{block.pk}/change/")
    # The embedded simulator's memory outlives each test's database, so earlier tests may have cancelled some.
    assert f"BR-5-{block.serial_start}-85448545-1-1-0-8" in response.content.decode()
    cancellation = Cancellation.objects.get()
    response = staff_client.get(f"/django-admin/registry/cancellation/{cancellation.pk}/change/")
    assert cancellation.serial_ranges[0]["start"] in response.content.decode()
    assert staff_client.get("/django-admin/registry/unitblock/add/").status_code == 403


def test_healthz_calls_the_embedded_registry(client, settings):
    settings.REGISTRY_URL = ""
    check = client.get("/healthz").json()["checks"]["registry"]
    assert check == {"ok": True, "detail": "ok (embedded simulator)"}


def test_healthz_is_503_when_the_registry_does_not_answer(client, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.REGISTRY_URL = f"http://127.0.0.1:{port}"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["registry"]["ok"] is False


def test_staff_finish_a_refused_cancellation_once_the_registry_allows_it(registry_simulator, staff_client):
    from registry.client import RegistryRejected
    from registry.services import registry_sync
    from tests.factories.registry import TEST_ACCOUNT, simulator_block_seed

    simulator_block_seed(registry_simulator, block_id="BLK-1", units=50, share_of_proceeds_paid=False)
    registry_sync(accounts=[TEST_ACCOUNT])
    block = UnitBlock.objects.get(registry_block_id="BLK-1")
    with pytest.raises(RegistryRejected):
        cancellation_request(block=block, quantity=5, beneficiary="B", purpose="P", idempotency_key="line-1")
    failed = Cancellation.objects.get()
    assert failed.status == Cancellation.Status.FAILED and "share of proceeds" in failed.error

    registry_simulator.registry.block_update(block_id="BLK-1", share_of_proceeds_paid=True)
    response = staff_client.post(
        "/django-admin/registry/unitblock/", {"action": "unit_blocks_sync", "_selected_action": [block.pk]}, follow=True
    )
    assert "1 updated" in response.content.decode()
    block.refresh_from_db()
    assert block.share_of_proceeds_paid
    response = staff_client.post(
        "/django-admin/registry/cancellation/",
        {"action": "cancellations_retry", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "1 cancellation completed." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Cancellation.Status.COMPLETED and len(failed.serial_ranges) == 1
    assert registry_simulator.registry.units_held("BLK-1") == 45
