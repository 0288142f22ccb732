"""Registry fixtures: a live registry simulator on a free loopback port, and helpers to seed it.

def test_something(registry_simulator):          # settings.REGISTRY_URL now points at it
    block_id = simulator_block_seed(registry_simulator, units=100)
    registry_sync(accounts=[TEST_ACCOUNT])          # -> UnitBlock rows
    registry_simulator.faults.fail_next(1)          # the next API request answers 503
"""

import itertools

import pytest

from simulators.registry.server import RegistrySimulator
from simulators.registry.state import MemoryStateStore

TEST_REGISTRY_TOKEN = "test-registry-token"
TEST_ACCOUNT = "CDM-300-9001"
TEST_PENDING_ACCOUNT = "CDM-250-9001"
TEST_OTHER_ACCOUNT = "CDM-100-9001"

_serial_starts = itertools.count(1_000_000, 1_000_000)


def simulator_block_seed(
    simulator,
    *,
    block_id: str | None = None,
    account: str = TEST_ACCOUNT,
    units: int = 100,
    party: str = "BR",
    project_reference: str = "0008",
    project_number: int = 8,
    vintage: int = 2012,
    periods: tuple[int, int] = (1, 1),
    share_of_proceeds_paid: bool = True,
    issued: bool = True,
    serial_start: int | None = None,
) -> str:
    """Open the account and project if needed, issue a CER block into it, return its block id."""
    registry = simulator.registry
    kind = {"250": "pending", "300": "permanent_holding"}.get(account.split("-")[1], "other")
    registry.account_open(number=account, kind=kind, holder="Test provider")
    registry.project_register(
        reference=project_reference,
        title=f"Test project {project_reference}",
        host_country=party,
        sectoral_scopes=[1],
        methodology="ACM0002",
    )
    start = serial_start if serial_start is not None else next(_serial_starts)
    block_id = block_id or f"BLK-{party}-{start}"
    registry.block_issue(
        block_id=block_id,
        account=account,
        project=project_reference,
        serial_start=f"{party}-5-{start}-{periods[0]}-{periods[1]}-0-{project_number}",
        serial_end=f"{party}-5-{start + units - 1}-{periods[0]}-{periods[1]}-0-{project_number}",
        vintage=vintage,
        issued=issued,
        share_of_proceeds_paid=share_of_proceeds_paid,
    )
    return block_id


@pytest.fixture
def registry_simulator(settings):
    """A registry simulator with fresh in-memory state; the site's registry settings point at it."""
    simulator = RegistrySimulator(store=MemoryStateStore(), token=TEST_REGISTRY_TOKEN).start()
    settings.REGISTRY_URL = simulator.url
    settings.REGISTRY_TOKEN = TEST_REGISTRY_TOKEN
    settings.REGISTRY_RETRY_BACKOFF = 0.0
    settings.REGISTRY_TIMEOUT = 2.0
    yield simulator
    simulator.stop()
