"""The registry simulator as a service: a state file shared by several servers, restarts, `run_registry_simulator`."""

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.management import call_command

from registry.client import RegistryClient, RegistryUnavailable
from registry.demo import DEMO_PROVIDER_ACCOUNTS
from simulators.management.commands.run_registry_simulator import Command as RunRegistrySimulator
from simulators.registry.server import RegistrySimulator
from simulators.registry.state import FileStateStore
from tests.factories.registry import TEST_ACCOUNT, simulator_block_seed

TOKEN = "file-token"


@pytest.fixture
def two_processes_sharing_a_file(tmp_path):
    """Two simulators over one state file, as two web processes of the embedded mode have."""
    path = tmp_path / "registry-simulator.json"
    first = RegistrySimulator(store=FileStateStore(path), token=TOKEN).start()
    second = RegistrySimulator(store=FileStateStore(path), token=TOKEN).start()
    yield path, first, second
    first.stop()
    second.stop()


def test_concurrent_cancellations_through_two_servers_never_share_a_serial(two_processes_sharing_a_file):
    path, first, second = two_processes_sharing_a_file
    simulator_block_seed(first, block_id="BLK-1", units=1000, serial_start=1)
    clients = [RegistryClient(s.url, token=TOKEN, retries=0) for s in (first, second)]

    def cancel(n):
        return clients[n % 2].cancellation_create(
            idempotency_key=f"k{n}", block_id="BLK-1", quantity=n + 1, beneficiary="B", purpose="P"
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        receipts = list(pool.map(cancel, range(20)))
    ranges = [r for receipt in receipts for r in receipt.serial_ranges]
    assert sum(r.quantity for r in ranges) == sum(range(1, 21)) == 210
    numbers = sorted(n for r in ranges for n in range(r.start, r.end + 1))
    assert numbers == list(range(1, 211))  # the lowest 210 serials, each exactly once
    assert len({receipt.transaction_id for receipt in receipts}) == 20
    assert clients[1].holdings(TEST_ACCOUNT).blocks[0].units_held == 790


def test_state_survives_a_restart(two_processes_sharing_a_file):
    path, first, _second = two_processes_sharing_a_file
    simulator_block_seed(first, block_id="BLK-1", units=100, serial_start=1)
    request = {"idempotency_key": "k", "block_id": "BLK-1", "quantity": 5, "beneficiary": "B", "purpose": "P"}
    receipt = RegistryClient(first.url, token=TOKEN).cancellation_create(**request)
    first.stop()
    restarted = RegistrySimulator(store=FileStateStore(path), token=TOKEN).start()
    try:
        client = RegistryClient(restarted.url, token=TOKEN)
        assert client.cancellation_get(receipt.transaction_id) == receipt
        assert client.cancellation_create(**request) == receipt
        assert client.holdings(TEST_ACCOUNT).blocks[0].units_held == 95
    finally:
        restarted.stop()


def test_run_registry_simulator_serves_the_demo_registry_over_http(tmp_path):
    command = RunRegistrySimulator(stdout=io.StringIO())
    options = {"port": 0, "state": str(tmp_path / "state.json"), "token": TOKEN, "demo": True}
    thread = threading.Thread(target=call_command, args=(command,), kwargs=options, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while getattr(command, "simulator", None) is None and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)  # the command builds its server on the other thread
    url = command.simulator.url
    try:
        client = RegistryClient(url, token=TOKEN, retries=1, backoff=0)
        account = DEMO_PROVIDER_ACCOUNTS["provider-a"][0]
        assert len(client.holdings(account).blocks) >= 3
        # Faults over HTTP, for tests that cannot reach the simulator object.
        headers = {"Authorization": f"Bearer {TOKEN}"}
        requests.post(f"{url}/_simulator/faults", json={"kind": "fail", "count": 2}, headers=headers, timeout=2)
        with pytest.raises(RegistryUnavailable):
            client.holdings(account)
        assert client.holdings(account).account == account
    finally:
        command.simulator.httpd.shutdown()
        thread.join(timeout=5)
    assert not thread.is_alive()
    assert "Registry simulator on http://127.0.0.1:" in command.stdout._out.getvalue()
    # The state file holds the demo registry for the next start.
    assert FileStateStore(tmp_path / "state.json").read()["blocks"]
