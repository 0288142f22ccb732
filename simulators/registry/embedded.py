"""The embedded registry simulator: started on first use when REGISTRY_URL is empty (`make run`, tests).

simulators/apps.py registers `embedded_simulator_url` as the registry's fallback in core.service_urls.

One per process, on a daemon thread on a free loopback port. Its state lives in
settings.REGISTRY_SIMULATOR_STATE (a JSON file shared by every web process and by
`run_registry_simulator`), or in this process's memory when that setting is empty.
"""

from __future__ import annotations

import os
import threading

from django.conf import settings

from simulators.registry.server import RegistrySimulator
from simulators.registry.state import FileStateStore, MemoryStateStore

_lock = threading.Lock()
_stores: dict[str, FileStateStore | MemoryStateStore] = {}
_servers: dict[tuple[int, str], RegistrySimulator] = {}


def _state_setting() -> str:
    return str(getattr(settings, "REGISTRY_SIMULATOR_STATE", "") or "")


def embedded_store():
    """The state store the embedded simulator of this process uses (the demo data seeds it)."""
    path = _state_setting()
    with _lock:
        if path not in _stores:
            _stores[path] = FileStateStore(path) if path else MemoryStateStore()
        return _stores[path]


def embedded_simulator_allowed() -> bool:
    # Read on every call: a test may forbid it for a while.
    return getattr(settings, "REGISTRY_SIMULATOR_ALLOWED", True)


def embedded_simulator() -> RegistrySimulator:
    """Start the embedded simulator once per process (after a fork, anew) and return it."""
    store = embedded_store()
    key = (os.getpid(), _state_setting())
    with _lock:
        simulator = _servers.get(key)
        if simulator is None:
            simulator = RegistrySimulator(store=store, token=lambda: settings.REGISTRY_TOKEN).start()
            _servers[key] = simulator
        return simulator


def embedded_simulator_url() -> str:
    """The embedded simulator's base URL, or "" where it is not allowed (the client then reports the registry down)."""
    return embedded_simulator().url if embedded_simulator_allowed() else ""
