from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

# URLs that are never Wagtail pages: no cache lookup for them.
NOT_PAGES = ("/api/", "/cms/", "/django-admin/", "/static/", "/media/", "/documents/", "/paypal/", "/healthz")


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors' cached pages before sessions, authentication, the basket or the database.

    cms_pages.views.serve decides what is cached and stores it; this only answers the hits, early. It sits below
    the security and CSP middleware (their headers still apply) and does itself what the middleware it skips
    would add to a cached page: Content-Language, Vary, X-Frame-Options, and the visitor's CSRF token and cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.x_frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        from cms_pages.cache import page_cache_key, page_cacheable_request

        if page_cacheable_request(request) and not self._never_a_page(request.path):
            from django.core.cache import cache

            cached = cache.get(page_cache_key(request))
            if cached is not None:
                return self._hit(request, *cached)
        return self.get_response(request)

    @staticmethod
    def _never_a_page(path: str) -> bool:
        return path.startswith(NOT_PAGES) or "/shop/" in path

    def _hit(self, request, content: bytes, content_type: str):
        from django.http import HttpResponse

        from cms_pages.cache import page_content_for_visitor, page_content_has_forms

        if page_content_has_forms(content):
            # Reads the visitor's CSRF cookie, as the skipped CsrfViewMiddleware would have.
            self.csrf.process_request(request)
        response = HttpResponse(page_content_for_visitor(content, request), content_type=content_type)
        response["X-Page-Cache"] = "hit"
        response["Content-Length"] = str(len(response.content))
        language = get_language_from_path(request.path_info)
        if language:
            response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        response = self.x_frame_options.process_response(request, response)
        return self.csrf.process_response(request, response)
