"""Where the simulator keeps the registry's state: in memory (tests) or a locked JSON file (shared by processes)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pickle
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

STATE_VERSION = 1


def empty_state() -> dict:
    return {
        "version": STATE_VERSION,
        "accounts": {},
        "projects": {},
        "blocks": {},
        "transactions": {},
        "idempotency": {},
        "next_transaction": 1,
    }


def _copy(data: dict) -> dict:
    # The state is plain JSON-like data: a pickle round trip copies it about five times faster than deepcopy.
    return pickle.loads(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))  # noqa: S301 - our own bytes


class MemoryStateStore:
    """State in this process only; a transaction that raises leaves it unchanged."""

    def __init__(self, data: dict | None = None):
        self._data = data or empty_state()
        self._lock = threading.RLock()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[dict]:
        with self._lock:
            # Work on the live state and keep a snapshot to put back if the transaction raises: dumping is
            # far cheaper than copying the whole state (which grows with every cancellation) on each request.
            snapshot = pickle.dumps(self._data, pickle.HIGHEST_PROTOCOL)
            try:
                yield self._data
            except BaseException:
                self._data = pickle.loads(snapshot)  # noqa: S301 - our own bytes
                raise

    def read(self) -> dict:
        with self._lock:
            return _copy(self._data)


class FileStateStore:
    """State in a JSON file, re-read under an exclusive lock on every transaction.

    Several web processes and a separately started simulator can share one file:
    the lock serialises their transactions, and the atomic rename means a crash
    never leaves a half-written file.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._thread_lock = threading.RLock()

    @contextlib.contextmanager
    def _locked(self, exclusive: bool) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, open(self._lock_path, "a+b") as lock_file:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)

    def _load(self) -> dict:
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return empty_state()
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError(f"{self.path} is not a registry simulator state file (version {STATE_VERSION})")
        return data

    def _save(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[dict]:
        with self._locked(exclusive=True):
            data = self._load()
            yield data
            self._save(data)

    def read(self) -> dict:
        with self._locked(exclusive=False):
            return self._load()
