"""The simulator's state: one JSON file under an fcntl lock, re-read on every request.

Every process that serves the simulator (the embedded thread of each web worker, or
`run_paypal_simulator`) sees the same orders, tokens and events.
"""

import contextlib
import fcntl
import json
import os
import secrets
import time
from pathlib import Path

# Orders, tokens and events older than this are dropped so the file stays small.
RETENTION_SECONDS = 3 * 24 * 3600


def _empty_state() -> dict:
    return {
        "signing_secret": secrets.token_hex(32),
        "tokens": {},
        "orders": {},
        "captures": {},
        "refunds": {},
        "events": [],
        "config": {"webhook_url": None, "delay": None},
    }


class StateFile:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    @contextlib.contextmanager
    def transaction(self):
        """Yield the state for reading and changing; it is written back when the block ends without error."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                state = self._read()
                before = json.dumps(state, sort_keys=True)
                yield state
                if json.dumps(state, sort_keys=True) != before:
                    self._prune(state)
                    self._write(state)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def read(self) -> dict:
        with self.transaction() as state:
            return json.loads(json.dumps(state))

    def _read(self) -> dict:
        try:
            with open(self.path) as handle:
                state = json.load(handle)
        except (FileNotFoundError, json.JSONDecodeError):
            state = _empty_state()
            self._write(state)
        for key, value in _empty_state().items():
            state.setdefault(key, value)
        return state

    def _write(self, state: dict) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "w") as handle:
            json.dump(state, handle)
        os.replace(tmp, self.path)

    @staticmethod
    def _prune(state: dict) -> None:
        now = time.time()
        state["tokens"] = {k: v for k, v in state["tokens"].items() if v["expires_at"] > now}
        old_orders = {k for k, v in state["orders"].items() if v["created_at"] < now - RETENTION_SECONDS}
        for order_id in old_orders:
            del state["orders"][order_id]
        state["captures"] = {k: v for k, v in state["captures"].items() if v["order_id"] not in old_orders}
        state["refunds"] = {k: v for k, v in state.get("refunds", {}).items() if v["capture_id"] in state["captures"]}
        state["events"] = [e for e in state["events"] if e["created_at"] > now - RETENTION_SECONDS][-500:]
