from django import template
from django.db.models import prefetch_related_objects

register = template.Library()


@register.simple_tag
def orders_with_lines(orders) -> list:
    """A page of orders with their lines and certificates loaded in 2 queries, whatever the page size."""
    orders = list(orders)
    prefetch_related_objects(orders, "lines__certificate")
    return orders


@register.filter
def is_platform_staff(user) -> bool:
    """`{% if request.user|is_platform_staff %}`: the shop's one access rule (shop/access.py), in templates."""
    from shop.access import user_is_platform_staff

    return user_is_platform_staff(user)
