"""Statistics over the cancellations are cached, and a new certificate shows at once."""

# ruff: noqa: F811 - the fixtures are imported from the statistics tests

import pytest

from tests.integration.test_cms_statistics import (  # noqa: F401 - fixtures
    _certify,
    _table,
    _when,
    offers,
    statistics_pages,
)

pytestmark = pytest.mark.django_db


def _signed_in_like(client):
    # A visitor with a session is never served the anonymous page cache: the page is rendered each time.
    client.cookies["sessionid"] = "a-visitor"
    return client


def test_new_certificate_shows_on_the_statistics_page_at_once(
    client, statistics_pages, offers, django_capture_on_commit_callbacks
):
    brazil, _kenya = offers
    url = statistics_pages["en"].url
    _signed_in_like(client)
    with django_capture_on_commit_callbacks(execute=True):
        _certify(brazil, 5, _when(2025, 2, 10))
    assert _table(client.get(url).content.decode(), "by-year") == {"2025": 5, "Total": 5}

    with django_capture_on_commit_callbacks(execute=True):
        _certify(brazil, 7, _when(2026, 3, 1))

    assert _table(client.get(url).content.decode(), "by-year") == {"2025": 5, "2026": 7, "Total": 12}


def test_repeat_visit_does_not_aggregate_again(client, statistics_pages, offers, django_assert_max_num_queries):
    brazil, _kenya = offers
    _certify(brazil, 5, _when(2025, 2, 10))
    url = statistics_pages["en"].url
    _signed_in_like(client)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [query for query in queries if "fulfilment_certificate" in query["sql"]]
