"""Issue 15: odd but harmless input from anonymous visitors gets a normal answer, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["²", "٢٠٢٦", "2026²", "²⁰²⁶"])
def test_history_ignores_a_year_of_non_ascii_digits(client, year):
    assert client.get("/en/cancellations/", {"year": year}).status_code == 200
    assert client.get("/en/cancellations/csv/", {"year": year}).status_code == 200
    assert client.get("/api/v1/cancellations/", {"year": year}).status_code in (200, 400)
