"""Demo text in English with its French and Spanish translations, registered as the English is written."""

TRANSLATIONS: dict[str, dict[str, str]] = {}


def t(en: str, fr: str, es: str) -> str:
    """Register a translation and return the English (the source the page is built from)."""
    TRANSLATIONS[en] = {"fr": fr, "es": es}
    return en


def p(en: str, fr: str, es: str) -> str:
    return f"<p>{t(en, fr, es)}</p>"
