"""Fixed-window request limits per client address, counted atomically in the shared cache (Redis in production)."""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

_PERIODS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}


def rate_parse(rate: str) -> tuple[int, int]:
    """ "120/min" -> (120, 60); KeyError or ValueError for anything else."""
    count, _slash, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]


def client_address(request) -> str:
    """The client's address; behind N trusted proxies the Nth address from the right of X-Forwarded-For."""
    proxies = getattr(settings, "API_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit_exceeded(request, *, scope: str, limit: int, period: int) -> int:
    """Count one request of this client in `scope`; seconds until it may try again once over `limit`, else 0."""
    window = int(time.time() // period)
    digest = hashlib.sha256(client_address(request).encode("utf-8", "surrogatepass")).hexdigest()
    key = f"ratelimit:{scope}:{window}:{digest}"
    cache.add(key, 0, period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, period + 1)
        return 0
    if count <= limit:
        return 0
    return max(1, math.ceil((window + 1) * period - time.time()))


def rate_limited_response(request, seconds: int) -> TemplateResponse:
    """429 in the visitor's language, with Retry-After."""
    minutes = max(1, math.ceil(seconds / 60))
    response = TemplateResponse(request, "security/too_many_requests.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response.render()


def rate_limit_check(request, *, scope: str, rate: str) -> TemplateResponse | None:
    """The 429 answer when this client is over `rate` ("5/hour") in `scope`, else None."""
    limit, period = rate_parse(rate)
    seconds = rate_limit_exceeded(request, scope=scope, limit=limit, period=period)
    return rate_limited_response(request, seconds) if seconds else None
