"""The registry client against a live simulator over real HTTP on loopback."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from registry.client import InsufficientUnits, RegistryClient, RegistryRejected, RegistryUnavailable
from registry.serials import parse_range
from tests.factories.registry import (
    TEST_ACCOUNT,
    TEST_OTHER_ACCOUNT,
    TEST_PENDING_ACCOUNT,
    TEST_REGISTRY_TOKEN,
    simulator_block_seed,
)


@pytest.fixture
def client(registry_simulator):
    return RegistryClient(registry_simulator.url, token=TEST_REGISTRY_TOKEN, timeout=2, retries=2, backoff=0)


def _cancel(client, key="key-1", block_id="BLK-1", quantity=10, **overrides):
    request = {
        "idempotency_key": key,
        "block_id": block_id,
        "quantity": quantity,
        "beneficiary": "Ana Souza",
        "purpose": "Offsetting my 2025 flights",
        **overrides,
    }
    return client.cancellation_create(**request)


def test_health_answers(client):
    assert client.health()["status"] == "ok"


def test_holdings_list_blocks_with_exact_serials(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=132487, serial_start=85316059)
    holdings = client.holdings(TEST_ACCOUNT)
    assert holdings.account_kind == "permanent_holding"
    [block] = holdings.blocks
    assert block.block_id == "BLK-1"
    assert block.units_held == 132487
    assert [r.as_dict() for r in block.serial_ranges] == [
        {"start": "BR-5-85316059-1-1-0-8", "end": "BR-5-85448545-1-1-0-8"}
    ]
    assert block.project.reference == "0008"
    assert block.share_of_proceeds_paid is True


def test_cancellation_returns_the_lowest_serials_and_never_hands_them_out_again(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100, serial_start=85316059)
    first = _cancel(client, key="a", quantity=10)
    second = _cancel(client, key="b", quantity=25)
    assert first.status == "completed"
    assert [r.as_dict() for r in first.serial_ranges] == [
        {"start": "BR-5-85316059-1-1-0-8", "end": "BR-5-85316068-1-1-0-8"}
    ]
    assert [r.as_dict() for r in second.serial_ranges] == [
        {"start": "BR-5-85316069-1-1-0-8", "end": "BR-5-85316093-1-1-0-8"}
    ]
    assert first.transaction_id != second.transaction_id
    [remaining] = client.holdings(TEST_ACCOUNT).blocks[0].serial_ranges
    assert remaining.as_dict() == {"start": "BR-5-85316094-1-1-0-8", "end": "BR-5-85316158-1-1-0-8"}
    cancelled = [*first.serial_ranges, *second.serial_ranges]
    assert not any(remaining.overlaps(r) for r in cancelled)
    assert client.cancellation_get(second.transaction_id) == second


def test_taking_every_unit_empties_the_block_and_a_further_request_gets_409(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=30)
    _cancel(client, key="all", quantity=30)
    assert client.holdings(TEST_ACCOUNT).blocks == []
    with pytest.raises(InsufficientUnits) as excinfo:
        _cancel(client, key="more", quantity=1)
    assert excinfo.value.status == 409
    assert excinfo.value.units_available == 0


def test_same_idempotency_key_returns_the_same_transaction(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100)
    first = _cancel(client, key="same", quantity=10)
    again = _cancel(client, key="same", quantity=10)
    assert again == first
    assert registry_simulator.registry.units_held("BLK-1") == 90
    assert [t["transaction_id"] for t in registry_simulator.registry.transactions()] == [first.transaction_id]


def test_same_key_with_a_different_request_is_refused(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100)
    _cancel(client, key="same", quantity=10)
    with pytest.raises(RegistryRejected) as excinfo:
        _cancel(client, key="same", quantity=11)
    assert excinfo.value.code == "idempotency_key_reused"
    assert not isinstance(excinfo.value, InsufficientUnits)
    assert registry_simulator.registry.units_held("BLK-1") == 90


def test_too_few_units_is_409_and_changes_nothing(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=5)
    with pytest.raises(InsufficientUnits) as excinfo:
        _cancel(client, quantity=6)
    assert excinfo.value.units_available == 5
    assert registry_simulator.registry.units_held("BLK-1") == 5
    # The key was not spent on the refusal: it works once enough units are asked for.
    assert _cancel(client, quantity=5).quantity == 5


@pytest.mark.parametrize(
    ("seed", "reason"),
    [
        ({"share_of_proceeds_paid": False}, "share of proceeds"),
        ({"issued": False}, "not issued"),
        ({"account": TEST_OTHER_ACCOUNT}, "pending or permanent holding"),
    ],
)
def test_only_issued_sop_paid_units_in_pending_or_holding_accounts_can_be_cancelled(
    registry_simulator, client, seed, reason
):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100, **seed)
    with pytest.raises(RegistryRejected, match=reason) as excinfo:
        _cancel(client)
    assert excinfo.value.code == "units_not_eligible"
    assert registry_simulator.registry.units_held("BLK-1") == 100


def test_units_in_the_pending_account_can_be_cancelled(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", account=TEST_PENDING_ACCOUNT, units=100)
    assert _cancel(client).status == "completed"


def test_a_unit_exists_once(registry_simulator):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100, serial_start=5000)
    with pytest.raises(ValueError, match="already exist"):
        simulator_block_seed(registry_simulator, block_id="BLK-2", units=10, serial_start=5099)
    # Another Party's units may carry the same numbers.
    simulator_block_seed(registry_simulator, block_id="BLK-3", units=10, serial_start=5099, party="CN")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": "10"}, "quantity"),
        ({"beneficiary": " "}, "beneficiary"),
        ({"idempotency_key": ""}, "idempotency_key"),
    ],
)
def test_bad_input_is_a_json_400(registry_simulator, client, overrides, field):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100)
    with pytest.raises(RegistryRejected) as excinfo:
        _cancel(client, **overrides)
    assert excinfo.value.status == 400
    assert field in excinfo.value.details["fields"]


def test_unknown_block_account_and_transaction_are_404(client):
    for call in (
        lambda: _cancel(client, block_id="nope"),
        lambda: client.holdings("CDM-300-0"),
        lambda: client.cancellation_get("VC-404"),
    ):
        with pytest.raises(RegistryRejected) as excinfo:
            call()
        assert excinfo.value.status == 404


def test_wrong_token_is_rejected(registry_simulator):
    client = RegistryClient(registry_simulator.url, token="wrong", retries=0)
    with pytest.raises(RegistryRejected) as excinfo:
        client.holdings(TEST_ACCOUNT)
    assert (excinfo.value.status, excinfo.value.code) == (401, "unauthorized")


def test_503_then_success_is_retried(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100)
    registry_simulator.faults.fail_next(2, status=503)
    receipt = _cancel(client, quantity=10)
    assert receipt.quantity == 10
    assert registry_simulator.faults.pending() == []
    assert registry_simulator.registry.units_held("BLK-1") == 90


def test_persistent_5xx_is_registry_unavailable(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100)
    registry_simulator.faults.fail_next(3, status=502)
    with pytest.raises(RegistryUnavailable):
        _cancel(client)
    assert registry_simulator.registry.units_held("BLK-1") == 100


def test_4xx_is_not_retried(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=5)
    registry_simulator.faults.fail_next(1, status=503)
    with pytest.raises(RegistryUnavailable):
        RegistryClient(registry_simulator.url, token=TEST_REGISTRY_TOKEN, retries=0).health()
    with pytest.raises(InsufficientUnits):
        _cancel(client, quantity=6)


def test_reply_lost_after_the_registry_cancelled_is_recovered_by_the_retry(registry_simulator, client):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100, serial_start=1000)
    registry_simulator.faults.drop_next(1, after_processing=True)
    receipt = _cancel(client, quantity=10)
    # The retry carried the same key: one transaction, ten units, not twenty.
    assert [r.as_dict() for r in receipt.serial_ranges] == [{"start": "BR-5-1000-1-1-0-8", "end": "BR-5-1009-1-1-0-8"}]
    assert registry_simulator.registry.units_held("BLK-1") == 90


def test_dropped_connections_and_slow_replies_are_unavailable_then_retried(registry_simulator):
    simulator_block_seed(registry_simulator, block_id="BLK-1", units=100)
    impatient = RegistryClient(registry_simulator.url, token=TEST_REGISTRY_TOKEN, timeout=0.2, retries=1, backoff=0)
    registry_simulator.faults.drop_next(2)
    with pytest.raises(RegistryUnavailable):
        impatient.holdings(TEST_ACCOUNT)
    registry_simulator.faults.slow_next(1, seconds=1)
    assert impatient.holdings(TEST_ACCOUNT).blocks[0].units_held == 100


def test_nothing_listening_is_registry_unavailable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(RegistryUnavailable):
        RegistryClient(f"http://127.0.0.1:{port}", token="t", retries=1, backoff=0).health()


def test_faults_can_be_set_over_http(registry_simulator, client):
    url = f"{registry_simulator.url}/_simulator/faults"
    headers = {"Authorization": f"Bearer {TEST_REGISTRY_TOKEN}"}
    response = requests.post(url, json={"kind": "fail", "count": 1, "status": 503}, headers=headers, timeout=2)
    assert response.json()["faults"] == [{"kind": "fail", "status": 503, "seconds": 0.0, "after_processing": False}]
    assert requests.delete(url, headers=headers, timeout=2).json() == {"faults": []}
    assert requests.post(url, json={"kind": "fail"}, timeout=2).status_code == 401


class _ScriptedRegistry(BaseHTTPRequestHandler):
    """A misbehaving registry: answers every request with the next scripted (status, content type, body)."""

    replies: list = []

    def log_message(self, *args):
        pass

    def _answer(self):
        status, content_type, body = self.replies.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer


@pytest.fixture
def scripted_registry():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ScriptedRegistry)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


GOOD_RECEIPT = {
    "transaction_id": "VC-1",
    "status": "completed",
    "block_id": "BLK-1",
    "quantity": 10,
    "serial_ranges": [{"start": "BR-5-1-1-1-0-8", "end": "BR-5-10-1-1-0-8"}],
}


@pytest.mark.parametrize(
    "reply",
    [
        (200, "text/html", b"<html>maintenance</html>"),
        (201, "application/json", b"[1, 2]"),
        (201, "application/json", b'{"status": "completed"}'),
        (201, "application/json", json.dumps({**GOOD_RECEIPT, "serial_ranges": [{"start": "x", "end": "y"}]}).encode()),
        (201, "application/json", json.dumps({**GOOD_RECEIPT, "quantity": 11}).encode()),
        (201, "application/json", json.dumps({**GOOD_RECEIPT, "status": "rejected"}).encode()),
        (
            201,
            "application/json",
            json.dumps(
                {**GOOD_RECEIPT, "serial_ranges": [{"start": "BR-5-1-1-1-0-8", "end": "BR-5-9-1-1-0-8"}]}
            ).encode(),
        ),
        (418, "text/plain", b"teapot"),
    ],
)
def test_malformed_replies_are_registry_rejected_never_a_crash(scripted_registry, reply):
    _ScriptedRegistry.replies = [reply]
    client = RegistryClient(f"http://127.0.0.1:{scripted_registry.server_address[1]}", token="t", retries=0)
    with pytest.raises(RegistryRejected):
        _cancel(client)


def test_a_well_formed_reply_from_another_registry_is_accepted(scripted_registry):
    _ScriptedRegistry.replies = [
        (503, "text/html", b"busy"),
        (201, "application/json", json.dumps(GOOD_RECEIPT).encode()),
    ]
    client = RegistryClient(f"http://127.0.0.1:{scripted_registry.server_address[1]}", token="t", retries=1, backoff=0)
    receipt = _cancel(client)
    assert receipt.serial_ranges == [parse_range("BR-5-1-1-1-0-8", "BR-5-10-1-1-0-8")]


def test_the_embedded_simulator_starts_on_first_use(settings):
    settings.REGISTRY_URL = ""
    client = RegistryClient()
    assert client.base_url.startswith("http://127.0.0.1:")
    assert client.health()["status"] == "ok"
    assert RegistryClient().base_url == client.base_url
