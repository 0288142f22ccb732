import io
from datetime import date

import pytest
from pypdf import PdfReader

from shop.certificates.rendering import CertificateData, certificate_pdf_render, country_name


def certificate(**overrides) -> CertificateData:
    values = {
        "number": "VC-000123/2026",
        "presented_to": "Société Générale d'Énergie",
        "reason": "Offsetting our 2026 business travel",
        "project_title": "Vale do Verde Wind Farm",
        "project_reference": "0008",
        "host_country": "BR",
        "mechanism": "CDM",
        "quantity": 12,
        "serial_ranges": ["BR-5-85316059-1-1-0-8 to BR-5-85316070-1-1-0-8"],
        "vintage": "2012",
        "commitment_period": "CP1",
        "cancelled_on": date(2026, 11, 23),
        "transaction_id": "TX-7F3A",
        "verification_code": "Q7H2XK9P3MZD",
        "verification_url": "https://offset.example.org/en/certificates/Q7H2XK9P3MZD/",
    }
    values.update(overrides)
    return CertificateData(**values)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    # A4 is 595 x 842 points.
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    return " ".join(page.extract_text().split())


def test_certificate_prints_everything_the_buyer_needs():
    text = pdf_text(certificate_pdf_render(data=certificate(), language="en"))
    for expected in [
        "Certificate of voluntary cancellation",
        "VC-000123/2026",
        "Société Générale d'Énergie",
        "Offsetting our 2026 business travel",
        "Vale do Verde Wind Farm",
        "0008",
        "Brazil",
        "12 tonnes CO2e",
        "BR-5-85316059-1-1-0-8",
        "BR-5-85316070-1-1-0-8",
        "2012",
        "CP1",
        "TX-7F3A",
        "Q7H2XK9P3MZD",
    ]:
        assert expected in text, expected
    assert "PREVIEW" not in text


def test_certificate_embeds_the_shipped_fonts():
    reader = PdfReader(io.BytesIO(certificate_pdf_render(data=certificate(), language="en")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "Certificate-Sans" in descriptor["/FontName"]
        assert "/FontFile2" in descriptor, "font must be embedded"


@pytest.mark.parametrize(
    ("language", "title", "country"),
    [("fr", "Certificat d'annulation volontaire", "Brésil"), ("es", "Certificado de cancelación voluntaria", "Brasil")],
)
def test_certificate_is_in_the_buyers_language(language, title, country):
    text = pdf_text(certificate_pdf_render(data=certificate(), language=language))
    assert title in text
    assert country in text
    assert "Certificate of voluntary cancellation" not in text


def test_preview_is_marked_as_not_a_certificate():
    text = pdf_text(
        certificate_pdf_render(data=certificate(serial_ranges=[], transaction_id=""), language="en", preview=True)
    )
    assert "PREVIEW" in text
    assert "Preview only" in text


def test_unknown_language_falls_back_to_english():
    text = pdf_text(certificate_pdf_render(data=certificate(), language="de"))
    assert "Certificate of voluntary cancellation" in text


def test_country_names_come_from_cldr():
    assert country_name("cn", "es") == "China"
    assert country_name("CI", "fr") == "Côte d’Ivoire"
