from django import template
from django.db.models import prefetch_related_objects

register = template.Library()


@register.simple_tag
def orders_with_lines(orders) -> list:
    """A page of orders with their lines and certificates loaded in 2 queries, whatever the page size."""
    orders = list(orders)
    prefetch_related_objects(orders, "lines__certificate")
    return orders
