"""Per-client-address rate limit for the public API, counted in the shared cache (Redis in production)."""

import math
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

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


def throttle_rate_parse(rate: str) -> tuple[int, int]:
    """ "120/min" -> (120, 60)."""
    count, _slash, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]


class ClientAddressThrottle(BaseThrottle):
    """A fixed window per client address; the rate is read from settings.API_THROTTLE_RATE on every request.

    A fixed window with cache.add + cache.incr is atomic on Redis, so every web process shares one count.
    """

    def allow_request(self, request) -> bool:
        limit, period = throttle_rate_parse(getattr(settings, "API_THROTTLE_RATE", "120/min"))
        now = time.time()
        window = int(now // period)
        key = f"api-throttle:{self._client_address(request)}:{period}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            count = 1
        self._retry_after = max(1, math.ceil((window + 1) * period - now))
        return count <= limit

    def wait(self):
        return self._retry_after

    @staticmethod
    def _client_address(request) -> str:
        # Behind N trusted proxies the client is the Nth address from the right of X-Forwarded-For.
        proxies = getattr(settings, "API_TRUSTED_PROXY_COUNT", 0)
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if proxies and forwarded:
            addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
            if addresses:
                return addresses[-min(proxies, len(addresses))]
        return request.META.get("REMOTE_ADDR", "unknown")
