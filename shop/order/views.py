"""The buyer's order status page, reached by the signed link of the confirmation email. Reads only."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from shop.order import selectors


def order_for_buyer(request):
    """The order a payment button is for: the signed status token it carries, else the one this session placed.

    A valid token also makes it the session's order, so PayPal's return and the thank-you page find it.
    """
    token = request.POST.get("order_token", "") if request.method == "POST" else ""
    if token:
        order = selectors.order_by_status_token(token=token)
        if order is not None:
            request.session[selectors.ORDER_SESSION_KEY] = order.pk
        return order
    order_id = request.session.get(selectors.ORDER_SESSION_KEY)
    return selectors.Order.objects.filter(pk=order_id).first() if order_id else None


@require_safe
@never_cache
def order_status(request, token):
    order = selectors.order_by_status_token(token=token)
    if order is None:
        # Tampered, made up or expired: nothing tells whether such an order exists.
        raise Http404
    return render(request, "shop/order_status.html", selectors.order_status_summary(order=order))
