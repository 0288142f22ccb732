"""Property test of the simulator's books: whatever happens, every unit is in exactly one place."""

from hypothesis import given, settings
from hypothesis import strategies as st

from simulators.registry.registry import SimulatedRegistry, SimulatorError
from simulators.registry.state import MemoryStateStore

BLOCK_UNITS = 500
FIRST = 85316059


def _registry() -> SimulatedRegistry:
    registry = SimulatedRegistry(MemoryStateStore())
    registry.account_open(number="CDM-300-1", kind="permanent_holding")
    registry.project_register(reference="0008", title="Landfill gas", host_country="BR", sectoral_scopes=[13])
    registry.block_issue(
        block_id="BLK",
        account="CDM-300-1",
        project="0008",
        serial_start=f"BR-5-{FIRST}-1-1-0-8",
        serial_end=f"BR-5-{FIRST + BLOCK_UNITS - 1}-1-1-0-8",
        vintage=2011,
    )
    return registry


# Each step: cancel n units under key k, or transfer n units out by another channel.
steps = st.lists(
    st.tuples(st.sampled_from(["cancel", "transfer"]), st.integers(1, 150), st.integers(0, 6)), max_size=25
)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_units_are_conserved_and_never_handed_out_twice(plan):
    registry = _registry()
    accepted = {}
    for action, quantity, key in plan:
        held = registry.units_held("BLK")
        if action == "transfer":
            if quantity <= held:
                registry.block_transfer_out(block_id="BLK", quantity=quantity)
            continue
        request = {
            "idempotency_key": f"k{key}",
            "block_id": "BLK",
            "quantity": quantity,
            "beneficiary": "B",
            "purpose": "P",
        }
        try:
            transaction, created = registry.cancellation_create(request)
        except SimulatorError as error:
            if f"k{key}" in accepted:
                assert error.code == "idempotency_key_reused"
                assert accepted[f"k{key}"]["quantity"] != quantity
            else:
                assert (error.status, error.code) == (409, "insufficient_units")
                assert quantity > held
            assert registry.units_held("BLK") == held  # a refusal changes nothing
            continue
        if f"k{key}" in accepted:
            assert not created and transaction == accepted[f"k{key}"]
            assert registry.units_held("BLK") == held
        else:
            assert created and registry.units_held("BLK") == held - quantity
            accepted[f"k{key}"] = transaction

    block = registry.store.read()["blocks"]["BLK"]
    places = [block["free"], block["cancelled"], block["transferred"]]
    numbers = sorted(n for intervals in places for start, end in intervals for n in range(start, end + 1))
    assert numbers == list(range(FIRST, FIRST + BLOCK_UNITS))  # each unit exactly once
    cancelled = sorted(n for start, end in block["cancelled"] for n in range(start, end + 1))
    assert sum(t["quantity"] for t in accepted.values()) == len(cancelled)
    if block["free"]:
        lowest_free = block["free"][0][0]
        # Lowest serials first: everything below the first free unit has left the account.
        assert all(n < lowest_free for n in cancelled)
