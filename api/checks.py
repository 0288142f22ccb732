from django.conf import settings
from django.core.checks import Error, register


@register()
def api_throttle_rate_check(app_configs, **kwargs):
    """A bad API_THROTTLE_RATE is caught at start-up, not as a 500 on every API request."""
    from api.throttling import throttle_rate_parse

    rate = getattr(settings, "API_THROTTLE_RATE", "120/min")
    try:
        throttle_rate_parse(rate)
    except (KeyError, ValueError):
        return [
            Error(
                f"API_THROTTLE_RATE {rate!r} is not a rate such as '120/min'.",
                hint="Use <requests>/<s|min|hour|day>.",
                id="api.E001",
            )
        ]
    return []
