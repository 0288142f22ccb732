"""The one CSV writer of the site: spreadsheet formulas neutralised, a UTF-8 BOM first.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by Excel, LibreOffice and
Google Sheets: "=HYPERLINK(...)" typed as a name becomes a link in the reader's spreadsheet (OWASP "CSV
injection"). Such a cell gets a leading single quote, which spreadsheets show as text. The BOM makes Excel
read the file as UTF-8 (names with accents).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> object:
    """The value, with a leading quote when a spreadsheet would run it as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_line(values: Iterable) -> str:
    """One CSV record (with its line end), every cell made safe."""
    return csv.writer(_Echo()).writerow([csv_safe(value) for value in values])


def csv_response(
    *, filename: str, header: Iterable, rows: Iterable[Iterable], streaming: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download: BOM, header, then one record per row. Streamed when asked (rows then read lazily)."""

    def lines():
        yield BOM + csv_line(header)
        for row in rows:
            yield csv_line(row)

    if streaming:
        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse("".join(lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = ["BOM", "csv_line", "csv_response", "csv_safe"]
