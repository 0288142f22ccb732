from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from wagtail.views import serve as wagtail_serve

from cms_pages.cache import (
    PAGE_CACHE_SECONDS,
    page_cache_key,
    page_cacheable_request,
    page_cacheable_response,
)


@transaction.non_atomic_requests
def serve(request, path=""):
    """Wagtail's page view behind a cache for anonymous visitors (before routing, so a hit costs no query)."""
    if not page_cacheable_request(request):
        return wagtail_serve(request, path)
    key = page_cache_key(request)
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        response = HttpResponse(content, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response
    response = wagtail_serve(request, path)

    def store(rendered):
        # A page that used {% csrf_token %} (the contact form) must not share its token with other visitors.
        if page_cacheable_response(rendered) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            cache.set(key, (rendered.content, rendered["Content-Type"]), PAGE_CACHE_SECONDS)

    if hasattr(response, "add_post_render_callback") and not getattr(response, "is_rendered", True):
        response.add_post_render_callback(store)
    else:
        store(response)
    response["X-Page-Cache"] = "miss"
    return response


def search(request):
    """Site search over the pages of the visitor's language."""
    from django.template.response import TemplateResponse
    from django.utils.translation import get_language

    from cms_pages.selectors import pages_search

    query = request.GET.get("q", "")[:200]
    results = pages_search(query=query, language=get_language())
    return TemplateResponse(request, "cms_pages/search.html", {"search_query": query, "search_results": results})
