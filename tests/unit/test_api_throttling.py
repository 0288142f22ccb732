import pytest

from api.throttling import throttle_rate_parse


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("120/min", (120, 60)), ("5/s", (5, 1)), ("1000/hour", (1000, 3600)), ("10/day", (10, 86400))],
)
def test_throttle_rate_reads_requests_per_period(rate, parsed):
    assert throttle_rate_parse(rate) == parsed


@pytest.mark.parametrize("rate", ["120", "many/min", "120/fortnight"])
def test_throttle_rate_refuses_nonsense(rate):
    with pytest.raises((ValueError, KeyError)):
        throttle_rate_parse(rate)


def test_bad_rate_setting_fails_the_system_check(settings):
    from api.checks import api_throttle_rate_check

    settings.API_THROTTLE_RATE = "lots"
    assert [error.id for error in api_throttle_rate_check(None)] == ["api.E001"]
    settings.API_THROTTLE_RATE = "60/min"
    assert api_throttle_rate_check(None) == []
