"""The simulator's in-memory store: all of a transaction or nothing of it."""

import pytest

from simulators.registry.state import MemoryStateStore


def test_a_transaction_that_raises_leaves_the_state_unchanged():
    store = MemoryStateStore()
    with store.transaction() as state:
        state["next_transaction"] = 5
        state["transactions"]["VC-00000004"] = {"serial_ranges": [{"start": "A", "end": "B"}]}
    with pytest.raises(RuntimeError), store.transaction() as state:
        state["next_transaction"] = 99
        state["transactions"]["VC-00000004"]["serial_ranges"].append({"start": "C", "end": "D"})
        state["transactions"]["VC-00000005"] = {}
        raise RuntimeError
    after = store.read()
    assert after["next_transaction"] == 5
    assert after["transactions"] == {"VC-00000004": {"serial_ranges": [{"start": "A", "end": "B"}]}}


def test_what_is_read_is_a_copy():
    store = MemoryStateStore()
    store.read()["transactions"]["VC-00000001"] = {}
    assert store.read()["transactions"] == {}
