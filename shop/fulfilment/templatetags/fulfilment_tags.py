from django import template

from core.countries import country_name

register = template.Library()

# The ISO country code as a name in the page's language.
register.filter("country_name", country_name)


@register.filter
def serial_range_labels(serial_ranges) -> list[str]:
    return [f"{item['start']} – {item['end']}" for item in serial_ranges or []]
