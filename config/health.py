"""Liveness of the parts the site depends on, for /healthz."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def _check(func) -> dict:
    try:
        detail = func()
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is a failed check
        logger.warning("health check %s failed: %s", func.__name__, exc)
        return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "detail": detail}


def database_status() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def cache_status() -> str:
    probe = uuid.uuid4().hex
    cache.set("healthz-probe", probe, 10)
    if cache.get("healthz-probe") != probe:
        raise RuntimeError("cache did not return what was stored")
    return "ok"


def broker_status() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager (no broker configured)"
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def registry_status() -> str:
    from registry.health import registry_health

    return registry_health()


def serving_report() -> dict:
    """What this web node needs to answer pages: its database and the shared cache (both local, fast).

    The broker and the registry are shared by every node, and the site keeps selling while they are down
    (fulfilment waits and retries): a load balancer must not take every node out of rotation for them.
    """
    return {"database": _check(database_status), "cache": _check(cache_status)}


def health_report() -> dict:
    return {
        "database": _check(database_status),
        "cache": _check(cache_status),
        "broker": _check(broker_status),
        "registry": _check(registry_status),
    }
