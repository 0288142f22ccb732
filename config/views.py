import ipaddress

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache

from config.health import health_report, serving_report
from config.security import client_address


def root_redirect(request):
    """`/` goes to the visitor's language (English unless the browser asks for French or Spanish)."""
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/")


def _health_details_allowed(request) -> bool:
    """Platform staff (superusers for now), or a caller on this machine once the proxy contract is applied:
    behind nginx (API_TRUSTED_PROXY_COUNT=1) that is the address nginx saw, not nginx's own loopback."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    try:
        return ipaddress.ip_address(client_address(request)).is_loopback
    except ValueError:
        return False


@never_cache
def healthz(request):
    """Load balancers get a bare 200/503 (database and cache); staff and loopback get every check in JSON."""
    if not _health_details_allowed(request):
        healthy = all(check["ok"] for check in serving_report().values())
        return HttpResponse(
            "ok" if healthy else "unavailable", content_type="text/plain; charset=utf-8", status=200 if healthy else 503
        )
    report = health_report()
    healthy = all(check["ok"] for check in report.values())
    return JsonResponse({"status": "ok" if healthy else "unhealthy", "checks": report}, status=200 if healthy else 503)
