import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from shop.order.selectors import order_language
from shop.order.views import order_for_buyer

from .facade import PaymentUnavailable, paypal_order_cancel, paypal_order_capture, paypal_order_create
from .gateway import PayPalUnavailable
from .services import WebhookRejected, paypal_webhook_receive

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
# Set by the checkout when it places an order (shop/checkout/views.py PreviewView).
ORDER_SESSION_KEY = "checkout_order_id"
MESSAGE_LEVELS = {
    "paid": messages.SUCCESS,
    "pending": messages.INFO,
    "failed": messages.ERROR,
    "review": messages.WARNING,
    "refunded": messages.WARNING,
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


def _buyer_language(lang: str, order) -> str:
    """The language of the page the buyer paid from, else the order's: never the browser's (these URLs are
    unprefixed, so the middleware would pick the browser's)."""
    if lang in dict(settings.LANGUAGES):
        return lang
    return order_language(order) if order is not None else settings.LANGUAGE_CODE


def _back_url(request, name: str, language: str) -> str:
    """Where PayPal sends the buyer back: our unprefixed URL, carrying the buyer's language as `lang`."""
    return request.build_absolute_uri(f"{reverse(name)}?{urlencode({'lang': language})}")


@require_POST
@transaction.non_atomic_requests
def pay(request):
    """Send the buyer to PayPal (funding=card: PayPal's guest card form) for the order just placed.

    The order is the one of the status page the buttons are on (signed token), else the one this session placed.
    """
    order = order_for_buyer(request)
    if order is None:
        messages.error(request, _("Your order could not be found. Please check your email or contact us."))
        return redirect("basket:summary")
    language = _buyer_language(request.POST.get("lang", ""), order)
    with translation.override(language):
        try:
            approve_url = paypal_order_create(
                order=order,
                return_url=_back_url(request, "paypal:return", language),
                cancel_url=_back_url(request, "paypal:cancel", language),
                funding=request.POST.get("funding", "paypal"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _done()
        except PaymentUnavailable:
            messages.error(
                request, _("PayPal cannot be reached right now. Your order is kept: please try again shortly.")
            )
            return _done()
    return HttpResponseRedirect(approve_url)


@require_GET
@transaction.non_atomic_requests
def paypal_return(request):
    """PayPal sends the buyer back here with ?token=<PayPal order id> once they approved."""
    order = _session_order(request)
    # No language prefix here: answer, and send the buyer on, in the language they paid in.
    with translation.override(_buyer_language(request.GET.get("lang", ""), order)):
        return _return(request, order)


def _return(request, order):
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
    except DatabaseError:
        # The database was too busy to record it now: PayPal's webhook or the periodic requeue finishes the job.
        logger.exception("PayPal return for order %s not recorded yet", order.number)
        messages.info(
            request, _("Your payment is being confirmed. We will email you as soon as it is; do not pay again.")
        )
        return _done()
    messages.add_message(request, MESSAGE_LEVELS[outcome.status], outcome.message)
    return _done()


@require_GET
def paypal_cancel(request):
    order = _session_order(request)
    if order is not None:
        paypal_order_cancel(order=order, token=request.GET.get("token", ""))
    with translation.override(_buyer_language(request.GET.get("lang", ""), order)):
        messages.info(
            request, _("You cancelled the payment at PayPal. Your order is kept: you can pay it now or later.")
        )
        return _done()
