from django import template
from django.utils.translation import get_language

from shop.certificates.rendering import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """The ISO country code as a name in the page's language."""
    if not code:
        return ""
    return _country_name(code, (get_language() or "en").split("-")[0])


@register.filter
def serial_range_labels(serial_ranges) -> list[str]:
    return [f"{item['start']} – {item['end']}" for item in serial_ranges or []]
