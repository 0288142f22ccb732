"""Per-client-address rate limit for the public API, counted in the shared cache (Redis in production)."""

from django.conf import settings
from ninja.throttling import BaseThrottle

from core.ratelimit import rate_limit_exceeded, rate_parse

# The name the API's system check and older code use.
throttle_rate_parse = rate_parse


class ClientAddressThrottle(BaseThrottle):
    """A fixed window per client address; the rate is read from settings.API_THROTTLE_RATE on every request.

    Counted by core.ratelimit (cache.add + cache.incr, atomic on Redis), so every web process shares one count.
    """

    def allow_request(self, request) -> bool:
        limit, period = rate_parse(getattr(settings, "API_THROTTLE_RATE", "120/min"))
        self._retry_after = rate_limit_exceeded(request, scope="api", limit=limit, period=period)
        return not self._retry_after

    def wait(self):
        return self._retry_after
