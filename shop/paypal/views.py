from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .gateway import PayPalUnavailable
from .services import WebhookRejected, paypal_webhook_receive


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def webhook(request):
    """PayPal's webhook: trusted only once PayPal's verify-webhook-signature API vouches for it."""
    try:
        event, first = paypal_webhook_receive(headers=request.headers, body=request.body)
    except WebhookRejected as exc:
        return JsonResponse({"status": "rejected", "reason": str(exc)}, status=400)
    except PayPalUnavailable:
        # Not verifiable right now: PayPal redelivers on any non-2xx answer.
        return HttpResponse(status=503)
    return JsonResponse({"status": "accepted" if first else "duplicate", "event_id": event.event_id})
