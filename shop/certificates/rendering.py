"""Cancellation certificates (attestations) as A4 PDFs, rendered by WeasyPrint from templates/pdf/."""

import base64
import io
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.constants
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from PIL import Image
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from core.countries import country_name


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on a certificate; built from a cancelled order line (or a checkout preview)."""

    number: str
    presented_to: str
    reason: str
    project_title: str
    project_reference: str
    host_country: str  # ISO 3166-1 alpha-2
    mechanism: str
    quantity: int
    serial_ranges: list[str] = field(default_factory=list)
    vintage: str = ""
    commitment_period: str = ""
    cancelled_on: date | None = None
    transaction_id: str = ""
    verification_code: str = ""
    verification_url: str = ""


def qr_code_data_uri(url: str) -> str:
    """The QR code as a tiny PNG, one pixel per module; the template scales it up without smoothing.

    A fixed mask skips qrcode's scoring of all eight (any mask is valid), and a bitmap costs WeasyPrint
    almost nothing to place, where an SVG path of every module took most of the render time.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, mask_pattern=0)
    code.add_data(url)
    matrix = code.get_matrix()
    # Grayscale, not 1-bit: WeasyPrint embeds an "L" PNG as it is, where it would convert and re-encode a 1-bit one.
    image = Image.new("L", (len(matrix), len(matrix)))
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


FONT_FACES = [
    (400, "source-sans-3-latin-400-normal.woff2"),
    (600, "source-sans-3-latin-600-normal.woff2"),
    (700, "source-sans-3-latin-700-normal.woff2"),
]


STYLESHEET = Path(settings.BASE_DIR) / "templates" / "pdf" / "certificate.css"


@lru_cache(maxsize=1)
def _stylesheet() -> tuple[FontConfiguration, CSS]:
    """The shipped fonts and the certificate's CSS, parsed once per process: each render then only lays out."""
    font_config = FontConfiguration()
    faces = "\n".join(
        f'@font-face {{ font-family: "Certificate Sans"; font-weight: {weight}; src: url("file://{finders.find("fonts/" + name)}"); }}'
        for weight, name in FONT_FACES
    )
    return font_config, CSS(string=faces + "\n" + STYLESHEET.read_text(), font_config=font_config)


def certificate_html(*, data: CertificateData, language: str, preview: bool = False) -> str:
    with translation.override(language):
        return render_to_string(
            "pdf/certificate.html",
            {
                "certificate": data,
                "country": country_name(data.host_country, language),
                "qr_code": qr_code_data_uri(data.verification_url) if data.verification_url else "",
                "preview": preview,
                "LANGUAGE_CODE": language,
            },
        )


def certificate_pdf_render(*, data: CertificateData, language: str, preview: bool = False) -> bytes:
    """The certificate in the buyer's language (en, fr or es); `preview` marks it as not valid."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    html = certificate_html(data=data, language=language, preview=preview)
    font_config, stylesheet = _stylesheet()
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(stylesheets=[stylesheet], font_config=font_config)


def certificate_rendering_warm_up() -> None:
    """Render one preview so that fonts, layout code and templates are loaded before the first real certificate."""
    certificate_pdf_render(
        data=CertificateData(
            number="VC-000000/2000",
            presented_to="Warm-up",
            reason="Warm-up",
            project_title="Warm-up",
            project_reference="0",
            host_country="BR",
            mechanism="CDM",
            quantity=1,
            verification_url=settings.SITE_URL,
        ),
        language=settings.LANGUAGE_CODE,
        preview=True,
    )
