from decimal import Decimal

from babel import Locale as BabelLocale
from babel.core import UnknownLocaleError
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """The ISO 3166 alpha-2 country name in the visitor's language (Babel's CLDR data)."""
    if not code:
        return ""
    try:
        territories = BabelLocale.parse(get_language() or "en").territories
    except (UnknownLocaleError, ValueError):
        territories = BabelLocale("en").territories
    return territories.get(code.upper(), code.upper())


@register.inclusion_tag("cms_pages/includes/position_map.html")
def position_map(latitude, longitude, label):
    """An equirectangular SVG map with the point marked: readable without JavaScript or a tile server."""
    x = (float(Decimal(longitude)) + 180) * 2
    y = (90 - float(Decimal(latitude))) * 2
    return {
        "x": round(x, 1),
        "y": round(y, 1),
        "label": label,
        "meridians": [i * 60 for i in range(1, 6)],
        "parallels": [i * 60 for i in range(1, 3)],
    }
