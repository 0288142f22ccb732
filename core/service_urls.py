"""Where the site reaches an outside service (the registry API, PayPal) when its settings name no URL.

Product code asks `service_fallback_url(name)` and never learns what answers. In development and tests the
`simulators` app registers its embedded servers here at start-up (simulators/apps.py); in production nothing
registers, so the settings must name every URL (REGISTRY_URL, PAYPAL_SIMULATOR_URL or a real PayPal mode).
"""

from __future__ import annotations

from collections.abc import Callable

REGISTRY = "registry"
PAYPAL = "paypal"

_fallbacks: dict[str, Callable[[], str]] = {}


def service_fallback_register(name: str, url: Callable[[], str]) -> None:
    """`url()` returns the base URL of a server answering for `name` ("" if none may), starting it on first use."""
    _fallbacks[name] = url


def service_fallback_url(name: str) -> str:
    """The registered fallback's base URL, or "" when nothing is registered for `name`."""
    url = _fallbacks.get(name)
    return url().rstrip("/") if url else ""
