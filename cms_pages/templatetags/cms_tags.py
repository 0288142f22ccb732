from decimal import Decimal

from django import template

from core.countries import country_name

register = template.Library()


# The ISO 3166 alpha-2 country name in the visitor's language.
register.filter("country_name", country_name)


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
