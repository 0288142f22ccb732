from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from .facade import PaymentUnavailable, paypal_order_cancel, paypal_order_capture, paypal_order_create
from .gateway import PayPalUnavailable
from .services import WebhookRejected, paypal_webhook_receive

Order = get_model("order", "Order")
# Set by the checkout when it places an order (shop/checkout/views.py PreviewView).
ORDER_SESSION_KEY = "checkout_order_id"
MESSAGE_LEVELS = {
    "paid": messages.SUCCESS,
    "pending": messages.INFO,
    "failed": messages.ERROR,
    "review": messages.WARNING,
}


# PayPal's events are a few KiB; anything far larger is not from PayPal and is refused before it is read in full.
WEBHOOK_BODY_MAX_BYTES = 64 * 1024


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def webhook(request):
    """PayPal's webhook: trusted only once PayPal's verify-webhook-signature API vouches for it."""
    too_large = JsonResponse({"status": "rejected", "reason": "body too large"}, status=413)
    if _declared_length(request) > WEBHOOK_BODY_MAX_BYTES:
        return too_large
    body = request.read(WEBHOOK_BODY_MAX_BYTES + 1)
    if len(body) > WEBHOOK_BODY_MAX_BYTES:
        return too_large
    try:
        event, first = paypal_webhook_receive(headers=request.headers, body=body)
    except WebhookRejected as exc:
        return JsonResponse({"status": "rejected", "reason": str(exc)}, status=400)
    except PayPalUnavailable:
        # Not verifiable right now: PayPal redelivers on any non-2xx answer.
        return HttpResponse(status=503)
    return JsonResponse({"status": "accepted" if first else "duplicate", "event_id": event.event_id})


def _session_order(request):
    order_id = request.session.get(ORDER_SESSION_KEY)
    return Order.objects.filter(pk=order_id).first() if order_id else None


def _done():
    return redirect("checkout:thank-you")


@require_POST
@transaction.non_atomic_requests
def pay(request):
    """Send the buyer to PayPal (funding=card: PayPal's guest card form) for the order just placed."""
    order = _session_order(request)
    if order is None:
        messages.error(request, _("Your order could not be found. Please check your email or contact us."))
        return redirect("basket:summary")
    try:
        approve_url = paypal_order_create(
            order=order,
            return_url=request.build_absolute_uri(reverse("paypal:return")),
            cancel_url=request.build_absolute_uri(reverse("paypal:cancel")),
            funding=request.POST.get("funding", "paypal"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _done()
    except PaymentUnavailable:
        messages.error(request, _("PayPal cannot be reached right now. Your order is kept: please try again shortly."))
        return _done()
    return HttpResponseRedirect(approve_url)


@require_GET
@transaction.non_atomic_requests
def paypal_return(request):
    """PayPal sends the buyer back here with ?token=<PayPal order id> once they approved."""
    order = _session_order(request)
    if order is None:
        messages.error(request, _("This payment does not belong to your order."))
        return redirect("basket:summary")
    try:
        outcome = paypal_order_capture(order=order, token=request.GET.get("token", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _done()
    except PaymentUnavailable:
        messages.warning(
            request, _("PayPal did not answer in time. If your payment went through, we will confirm it by email.")
        )
        return _done()
    messages.add_message(request, MESSAGE_LEVELS[outcome.status], outcome.message)
    return _done()


@require_GET
def paypal_cancel(request):
    order = _session_order(request)
    if order is not None:
        paypal_order_cancel(order=order, token=request.GET.get("token", ""))
    messages.info(request, _("You cancelled the payment at PayPal. Your order is kept: you can pay it now or later."))
    return _done()
