"""registry_sync and cancellation_request against a live registry simulator."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from registry.client import InsufficientUnits, RegistryClient, RegistryUnavailable
from registry.models import AccountKind, Cancellation, UnitBlock
from registry.services import cancellation_idempotency_key, cancellation_request, registry_sync
from registry.signals import block_holding_reduced
from tests.factories.registry import (
    TEST_ACCOUNT,
    TEST_PENDING_ACCOUNT,
    TEST_REGISTRY_TOKEN,
    simulator_block_seed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reductions():
    seen = []

    def receiver(sender, block, units_held, units_before, **kwargs):
        seen.append((sender, block.registry_block_id, units_before, units_held))

    block_holding_reduced.connect(receiver, dispatch_uid="test-registry-reductions")
    yield seen
    block_holding_reduced.disconnect(dispatch_uid="test-registry-reductions")


@pytest.fixture
def synced_block(registry_simulator):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100, serial_start=85316059)
    registry_sync(accounts=[TEST_ACCOUNT])
    return UnitBlock.objects.get(registry_block_id="BLK-1")


def test_sync_mirrors_projects_and_blocks_with_their_des_parts(registry_simulator):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=132487, serial_start=85316059)
    simulator_block_seed(
        registry_simulator, block_id="BLK-2", account=TEST_PENDING_ACCOUNT, units=10, periods=(1, 2), party="CN",
        project_reference="1234", project_number=1234, share_of_proceeds_paid=False,
    )  # fmt: skip
    report = registry_sync(accounts=[TEST_ACCOUNT, TEST_PENDING_ACCOUNT])
    assert report.ok and sorted(report.created) == ["BLK-1", "BLK-2"]
    block = UnitBlock.objects.get(registry_block_id="BLK-1")
    assert (block.first_serial, block.last_serial) == ("BR-5-85316059-1-1-0-8", "BR-5-85448545-1-1-0-8")
    assert block.units_held == 132487 and block.account_kind == AccountKind.PERMANENT_HOLDING
    assert block.project.reference == "0008" and block.project.host_country == "BR"
    assert list(block.project.sectoral_scopes.values_list("number", flat=True)) == [1]
    assert block.is_eligible_for_sale
    carried_over = UnitBlock.objects.get(registry_block_id="BLK-2")
    assert (carried_over.original_commitment_period, carried_over.applicable_commitment_period) == (1, 2)
    assert carried_over.account_kind == AccountKind.PENDING
    assert not carried_over.is_eligible_for_sale  # share of proceeds unpaid
    again = registry_sync(accounts=[TEST_ACCOUNT, TEST_PENDING_ACCOUNT])
    assert (again.created, again.updated, again.unchanged) == ([], [], 2)


def test_sync_reports_and_signals_a_reduced_holding(registry_simulator, synced_block, reductions):
    registry_simulator.registry.block_transfer_out(block_id="BLK-1", quantity=30)
    report = registry_sync(accounts=[TEST_ACCOUNT])
    synced_block.refresh_from_db()
    assert synced_block.units_held == 70
    assert synced_block.first_serial == "BR-5-85316089-1-1-0-8"
    assert [(r.block_id, r.units_before, r.units_held) for r in report.reduced] == [("BLK-1", 100, 70)]
    assert reductions == [(UnitBlock, "BLK-1", 100, 70)]


def test_a_block_gone_from_the_account_holds_nothing(registry_simulator, synced_block, reductions):
    registry_simulator.registry.block_transfer_out(block_id="BLK-1", quantity=100)
    registry_sync(accounts=[TEST_ACCOUNT])
    synced_block.refresh_from_db()
    assert synced_block.units_held == 0
    assert reductions == [(UnitBlock, "BLK-1", 100, 0)]


def test_sync_of_an_unknown_or_unreachable_account_is_reported_and_others_still_sync(registry_simulator):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=10)
    registry_simulator.faults.fail_next(4, status=503)  # every attempt on the first account
    report = registry_sync(accounts=[TEST_ACCOUNT, "CDM-300-0000", TEST_ACCOUNT])
    assert set(report.errors) == {"CDM-300-0000", TEST_ACCOUNT}
    assert report.accounts == [TEST_ACCOUNT, "CDM-300-0000"]  # duplicates pulled once
    report = registry_sync(accounts=[TEST_ACCOUNT])
    assert report.ok and report.created == ["BLK-1"]


def test_registry_sync_command_syncs_known_and_configured_accounts(registry_simulator, settings, capsys):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=10)
    simulator_block_seed(registry_simulator, block_id="BLK-2", units=10, account=TEST_PENDING_ACCOUNT)
    call_command("registry_sync", "--account", TEST_ACCOUNT, verbosity=0)
    assert capsys.readouterr().out.splitlines()[0].split() == ["new", "BLK-1"]
    settings.REGISTRY_SYNC_ACCOUNTS = [TEST_PENDING_ACCOUNT]
    registry_simulator.registry.block_transfer_out(block_id="BLK-1", quantity=4)
    call_command("registry_sync", verbosity=0)
    out = capsys.readouterr().out
    assert "reduced  BLK-1" in out and "10 -> 6" in out and "new      BLK-2" in out
    with pytest.raises(CommandError):
        call_command("registry_sync", "--account", "CDM-300-0000", verbosity=0)


def _request(block, key="order-100001-line-1", quantity=10, **overrides):
    arguments = {
        "block": block,
        "quantity": quantity,
        "beneficiary": "Ana Souza",
        "purpose": "Offsetting the emissions of our 2025 conference",
        "idempotency_key": key,
        **overrides,
    }
    return cancellation_request(**arguments)


def test_cancellation_records_exact_serials_and_lowers_the_holding(registry_simulator, synced_block):
    cancellation = _request(synced_block, quantity=10)
    assert cancellation.status == Cancellation.Status.COMPLETED
    assert cancellation.transaction_id.startswith("VC-")
    assert cancellation.serial_ranges == [
        {"start": "BR-5-85316059-1-1-0-8", "end": "BR-5-85316068-1-1-0-8", "quantity": 10}
    ]
    assert cancellation.completed_at is not None
    synced_block.refresh_from_db()
    assert synced_block.units_held == 90
    assert registry_simulator.registry.units_held("BLK-1") == 90


def test_calling_again_with_the_same_key_cancels_nothing_more(registry_simulator, synced_block):
    first = _request(synced_block)
    registry_simulator.faults.fail_next(10)  # the registry is not even asked again
    again = _request(synced_block)
    assert again.pk == first.pk and again.serial_ranges == first.serial_ranges
    assert registry_simulator.registry.units_held("BLK-1") == 90
    assert Cancellation.objects.count() == 1


def test_crash_after_the_registry_cancelled_is_recovered_with_the_same_key(registry_simulator, synced_block, settings):
    settings.REGISTRY_RETRIES = 0
    registry_simulator.faults.drop_next(1, after_processing=True)  # the registry cancels, the reply is lost
    with pytest.raises(RegistryUnavailable):
        _request(synced_block)
    pending = Cancellation.objects.get()
    assert pending.status == Cancellation.Status.REQUESTED and pending.serial_ranges == []
    assert registry_simulator.registry.units_held("BLK-1") == 90
    recovered = _request(synced_block)
    assert recovered.status == Cancellation.Status.COMPLETED
    assert recovered.serial_ranges[0]["start"] == "BR-5-85316059-1-1-0-8"
    assert registry_simulator.registry.units_held("BLK-1") == 90  # cancelled once, not twice
    synced_block.refresh_from_db()
    assert synced_block.units_held == 90


def test_crash_before_the_registry_was_called_is_recovered(registry_simulator, synced_block):
    Cancellation.objects.create(
        block=synced_block, quantity=10, beneficiary="Ana Souza",
        purpose="Offsetting the emissions of our 2025 conference", idempotency_key="order-100001-line-1",
    )  # fmt: skip
    assert _request(synced_block).status == Cancellation.Status.COMPLETED
    assert registry_simulator.registry.units_held("BLK-1") == 90


def test_too_few_units_fails_and_is_recorded(registry_simulator, synced_block):
    with pytest.raises(InsufficientUnits):
        _request(synced_block, quantity=101)
    failed = Cancellation.objects.get()
    assert failed.status == Cancellation.Status.FAILED and "insufficient_units" in failed.error
    assert registry_simulator.registry.units_held("BLK-1") == 100


def test_outage_then_success_completes(registry_simulator, synced_block):
    registry_simulator.faults.fail_next(2, status=503)
    assert _request(synced_block).status == Cancellation.Status.COMPLETED


@pytest.mark.parametrize(
    "overrides", [{"quantity": 0}, {"quantity": 2.5}, {"beneficiary": ""}, {"purpose": "x" * 501}, {"key": ""}]
)
def test_bad_input_changes_nothing(registry_simulator, synced_block, overrides):
    with pytest.raises(ValidationError):
        _request(synced_block, **overrides)
    assert not Cancellation.objects.exists()
    assert registry_simulator.registry.units_held("BLK-1") == 100


def test_same_key_for_another_request_is_refused(registry_simulator, synced_block):
    _request(synced_block, quantity=10)
    with pytest.raises(ValidationError, match="already used"):
        _request(synced_block, quantity=11)
    assert registry_simulator.registry.units_held("BLK-1") == 90


def test_cancelled_serials_are_never_handed_out_again(registry_simulator, synced_block):
    cancellations = [
        _request(synced_block, key=cancellation_idempotency_key(order_number="100001", line_id=n), quantity=n)
        for n in range(1, 8)
    ]
    ranges = registry_simulator.registry.cancelled_ranges()
    assert sum(r.quantity for r in ranges) == sum(c.quantity for c in cancellations) == 28
    for i, left in enumerate(ranges):
        assert not any(left.overlaps(right) for right in ranges[i + 1 :])
    [remaining] = RegistryClient(registry_simulator.url, token=TEST_REGISTRY_TOKEN).holdings(TEST_ACCOUNT).blocks
    assert not any(remaining.serial_ranges[0].overlaps(r) for r in ranges)
    assert remaining.units_held == 72
