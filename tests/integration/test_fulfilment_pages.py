"""The public certificate verification page and the public cancellation history (with its CSV)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.fulfilment.services import line_fulfil
from tests.factories.fulfilment import make_paid_order, make_simulated_offer

pytestmark = pytest.mark.django_db


def fulfil(order):
    return line_fulfil(line_id=order.lines.get().pk)


@pytest.fixture
def two_certificates(fulfilment_offer, registry_simulator):
    """One buyer agreed to be named publicly, the other did not; different projects and host countries."""
    kenyan_offer = make_simulated_offer(registry_simulator, units=50, party="KE", project_reference="0099")
    public = fulfil(
        make_paid_order(
            product=fulfilment_offer,
            quantity=3,
            certificate_name="Ada Lovelace",
            reason_text="Offsetting my flights in 2026",
            show_beneficiary_publicly=True,
        )
    )
    private = fulfil(
        make_paid_order(
            product=kenyan_offer,
            quantity=7,
            certificate_name="Grace Hopper Private",
            reason_text="Our office heating",
            show_beneficiary_publicly=False,
        )
    )
    return public, private


def test_verification_page_shows_what_the_certificate_says(client, two_certificates):
    _public, private = two_certificates
    response = client.get(f"/en/certificates/{private.verification_code}/")

    assert response.status_code == 200
    page = response.content.decode()
    for expected in [
        private.number,
        "Grace Hopper Private",  # the code holder sees the name, even when the history hides it
        "Kenya",
        "7 tonnes CO2e",
        private.serial_ranges[0]["start"],
        private.serial_ranges[0]["end"],
        private.transaction_id,
        reverse("fulfilment:certificate_pdf", kwargs={"code": private.verification_code}),
    ]:
        assert expected in page, expected
    # The reason may be the buyer's own words: published only with the buyer's consent (issue 15).
    assert "Our office heating" not in page


def test_verification_page_in_french(client, two_certificates):
    public, _private = two_certificates
    response = client.get(f"/fr/certificates/{public.verification_code}/")
    assert response.status_code == 200
    assert "Brésil" in response.content.decode()


def test_unknown_or_guessed_code_is_not_found(client, two_certificates):
    public, _private = two_certificates
    assert client.get("/en/certificates/not-a-real-code-1234/").status_code == 404
    assert client.get(f"/en/certificates/{public.verification_code[:-1]}/").status_code == 404
    assert client.get("/en/certificates/not-a-real-code-1234/pdf/").status_code == 404


def test_certificate_pdf_downloads(client, two_certificates):
    public, _private = two_certificates
    response = client.get(f"/en/certificates/{public.verification_code}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_history_names_only_beneficiaries_who_agreed(client, two_certificates):
    public, private = two_certificates
    response = client.get("/en/cancellations/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Lovelace" in page
    assert "Grace Hopper Private" not in page
    assert "Anonymous" in page
    # The reason is published under the same consent as the name (issue 15).
    assert "Offsetting my flights in 2026" in page and "Our office heating" not in page
    assert private.serial_ranges[0]["start"] in page
    # Totals per beneficiary: 3 t for Ada, 7 t anonymous.
    totals = response.context["beneficiaries"]
    assert [(row["public_beneficiary"], row["tonnes"]) for row in totals] == [("", 7), ("Ada Lovelace", 3)]


def test_history_filters_by_project_country_and_year(client, two_certificates):
    public, private = two_certificates
    year = timezone.localdate().year

    by_country = client.get("/en/cancellations/", {"country": "KE"})
    assert [row.pk for row in by_country.context["rows"]] == [private.pk]
    by_project = client.get("/en/cancellations/", {"project": public.project.reference})
    assert [row.pk for row in by_project.context["rows"]] == [public.pk]
    assert len(client.get("/en/cancellations/", {"year": year}).context["rows"]) == 2
    last_year = client.get("/en/cancellations/", {"year": year - 1})
    assert list(last_year.context["rows"]) == []
    assert "No cancellation matches these filters." in last_year.content.decode()
    # Nonsense filters are ignored, not an error.
    assert client.get("/en/cancellations/", {"year": "abc", "country": "<x>"}).status_code == 200


def test_history_csv_keeps_the_privacy_rule(client, two_certificates):
    public, private = two_certificates
    response = client.get("/en/cancellations/csv/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, *body = rows
    assert header[0] == "Date of cancellation"
    assert len(body) == 2
    by_quantity = {row[4]: row for row in body}
    assert by_quantity["3"][6] == "Ada Lovelace"
    assert by_quantity["7"][6] == "Anonymous"
    assert all("Grace Hopper Private" not in cell and "Our office heating" not in cell for row in rows for cell in row)
    assert private.serial_ranges[0]["start"] in by_quantity["7"][5]

    filtered = client.get("/en/cancellations/csv/", {"country": "BR"})
    assert len(list(csv.reader(io.StringIO(b"".join(filtered.streaming_content).decode())))) == 2


def test_history_queries_do_not_grow_with_the_number_of_rows(
    client, two_certificates, fulfilment_offer, django_assert_max_num_queries
):
    client.get("/en/cancellations/")  # warm the per-process caches (site, locales)
    # 7 for the history itself; the rest is the site layout (menus), the same for every page.
    with django_assert_max_num_queries(15) as few:
        client.get("/en/cancellations/")
    for quantity in (1, 2, 4):
        fulfil(make_paid_order(product=fulfilment_offer, quantity=quantity, show_beneficiary_publicly=True))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/cancellations/")
    assert len(response.context["rows"]) == 5
    with django_assert_max_num_queries(3):
        b"".join(client.get("/en/cancellations/csv/").streaming_content)
