"""Country names from ISO 3166-1 alpha-2 codes, in any language (Babel's CLDR data: no database, no translation)."""

from __future__ import annotations

from babel import Locale
from babel.core import UnknownLocaleError
from django.utils.translation import get_language


def country_name(code: str | None, language: str | None = None) -> str:
    """The country's name in `language` (default: the active language), else in English; the code itself when
    CLDR does not know it, and "" for no code."""
    if not code:
        return ""
    code = code.upper()
    try:
        territories = Locale.parse((language or get_language() or "en").replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        territories = Locale("en").territories
    return territories.get(code, code)


__all__ = ["country_name"]
