"""The API's HTML documentation (rendered from the OpenAPI schema, no CDN), its 404, and the HTTP wrapper."""

import functools

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

ALLOWED_METHODS = "GET, HEAD, OPTIONS"


def api_http(view):
    """CORS for GET from any origin, HEAD answered as GET without a body, OPTIONS as a preflight."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED_METHODS
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method == "HEAD":
            request.method = "GET"
            response = view(request, *args, **kwargs)
            request.method = "HEAD"
            response.content = b""
        else:
            response = view(request, *args, **kwargs)
        # LocaleMiddleware would turn an API 404 into a redirect to /en/api/...; it reads request.urlconf
        # (routing is already done) to know whether language-prefixed URLs exist, so show it the API's alone.
        request.urlconf = "api.urls_root"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After"
        if response.status_code == 405:
            response["Allow"] = ALLOWED_METHODS
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            # Public data: shared caches may keep it a minute; titles follow the visitor's language.
            patch_cache_control(response, public=True, max_age=60)
            patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapped


@require_safe
def api_docs(request):
    from api.api import api

    schema = api.get_openapi_schema(path_prefix=request.path.rsplit("docs/", 1)[0].rstrip("/"))
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", ""),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _parameter_type(parameter.get("schema", {})),
                            "description": parameter.get("description")
                            or parameter.get("schema", {}).get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": sorted(
                        (code, response.get("description", "")) for code, response in operation["responses"].items()
                    ),
                }
            )
    return render(request, "api/docs.html", {"schema": schema, "operations": operations})


def _parameter_type(schema: dict) -> str:
    """A short human description of a parameter's JSON schema: type, allowed values, bounds."""
    options = schema.get("anyOf") or [schema]
    parts = []
    for option in options:
        if option.get("type") == "null":
            continue
        if "enum" in option:
            parts.append(" | ".join(str(value) for value in option["enum"]))
            continue
        text = option.get("type", "")
        bounds = [f"{key} {option[key]}" for key in ("minimum", "maximum", "minLength", "maxLength") if key in option]
        if "pattern" in option:
            bounds.append(f"pattern {option['pattern']}")
        parts.append(f"{text} ({', '.join(bounds)})" if bounds else text)
    return " | ".join(parts)


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"detail": _("There is no such API endpoint."), "errors": []}, status=404)
