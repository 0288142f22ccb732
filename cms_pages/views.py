from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from wagtail.views import serve as wagtail_serve

from cms_pages.cache import (
    PAGE_CACHE_SECONDS,
    page_cache_key,
    page_cacheable_request,
    page_cacheable_response,
    page_content_for_cache,
    page_content_for_visitor,
    page_route_cached,
)


@transaction.non_atomic_requests
def serve(request, path=""):
    """Wagtail's page view behind a cache for anonymous visitors (before routing, so a hit costs no query)."""
    from cms_pages.selectors import page_route_prime

    if not page_cacheable_request(request):
        page_route_cached(request, path, page_route_prime)
        return wagtail_serve(request, path)
    key = page_cache_key(request)
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        response = HttpResponse(page_content_for_visitor(content, request), content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response
    page_route_cached(request, path, page_route_prime)
    response = wagtail_serve(request, path)

    def store(rendered):
        # Forms (contact, add to basket) are cached without their CSRF token; each hit gets the visitor's own.
        if page_cacheable_response(rendered):
            cache.set(key, (page_content_for_cache(rendered.content), rendered["Content-Type"]), PAGE_CACHE_SECONDS)

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
