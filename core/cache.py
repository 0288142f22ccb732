"""Versioned cache keys: a cached value's key carries version numbers kept in the shared cache, and a change bumps
a version instead of finding and deleting keys. A request that read old data can only have written under the old
version, so nobody reads that entry again once the change is committed; it expires on its own."""

from __future__ import annotations

import uuid

from django.core.cache import cache


def cache_versions(*keys: str) -> list[str]:
    """The current value of each version key, in one cache round trip when they all exist; a missing one is
    created (cache.add, so two requests racing agree on one value)."""
    versions = cache.get_many(keys)
    for key in keys:
        if key not in versions:
            cache.add(key, uuid.uuid4().hex, None)
            versions[key] = cache.get(key) or uuid.uuid4().hex
    return [versions[key] for key in keys]


def cache_version(key: str) -> str:
    """The current value of one version key (created if missing)."""
    return cache_versions(key)[0]


def cache_version_bump(*keys: str) -> None:
    """Everything cached under these versions becomes stale at once."""
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


__all__ = ["cache_version", "cache_version_bump", "cache_versions"]
