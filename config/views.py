from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache

from config.health import health_report


def root_redirect(request):
    """`/` goes to the visitor's language (English unless the browser asks for French or Spanish)."""
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/")


@never_cache
def healthz(request):
    report = health_report()
    healthy = all(check["ok"] for check in report.values())
    return JsonResponse({"status": "ok" if healthy else "unhealthy", "checks": report}, status=200 if healthy else 503)
