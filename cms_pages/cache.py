"""Anonymous page cache and cached navigation, all invalidated by one version number that publishing bumps.

A page's own path also has a version, bumped when something only that page shows changes (a project's offers).
"""

import uuid

from django.conf import settings
from django.core.cache import cache

from core.cache import cache_version, cache_version_bump, cache_versions
from core.csrf import csrf_placeholder_in, csrf_token_fill, csrf_token_refresh, csrf_token_strip
from shop.content import CONTENT_VERSION_KEY

VERSION_KEY = "cms:pages-version"
PATH_VERSION_PREFIX = "cms:path-version:"
# Pages show live counters (CERs cancelled): even without a publish they refresh after this many seconds.
PAGE_CACHE_SECONDS = getattr(settings, "CMS_PAGE_CACHE_SECONDS", 300)


def pages_cache_version(request=None) -> str:
    """The current pages version; read once per request when given the request (menus, routes and fragments of
    one page all ask for it)."""
    version = getattr(request, "_cms_pages_version", None)
    if version is not None:
        return version
    version = cache_version(VERSION_KEY)
    if request is not None:
        request._cms_pages_version = version
    return version


def pages_cache_invalidate(**kwargs) -> None:
    """Every cached page and menu becomes stale at once (a publish can change menus, listings and links), and so
    does the shop's copy of the content it shows (project titles, pictures, co-benefits, purchase reasons)."""
    cache_version_bump(VERSION_KEY, CONTENT_VERSION_KEY)


def page_paths_cache_invalidate(*, paths) -> None:
    """Only the pages at these paths become stale (everything else stays cached)."""
    cache_version_bump(*(f"{PATH_VERSION_PREFIX}{path}" for path in paths))


def page_cache_key(request) -> str:
    path_key = f"{PATH_VERSION_PREFIX}{request.path}"
    versions = cache.get_many([VERSION_KEY, path_key])  # one cache round trip for both versions
    version = versions.get(VERSION_KEY) or pages_cache_version()
    # "v2": cached pages hold core.csrf's placeholder (older entries held another one and must not be served).
    return f"cms:page:v2:{version}:{versions.get(path_key, '0')}:{request.get_host()}:{request.path}"


def page_cacheable_request(request) -> bool:
    """Anonymous GETs without session, basket or messages: everyone sees the same page."""
    if request.method not in ("GET", "HEAD") or request.GET:
        return False
    cookies = request.COOKIES
    private = (
        settings.SESSION_COOKIE_NAME,
        getattr(settings, "OSCAR_BASKET_COOKIE_OPEN", "oscar_open_basket"),
        "messages",
    )
    return not any(name in cookies for name in private)


def page_cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # anything personal (the CSRF cookie is only added later, by its middleware)
        and "private" not in response.get("Cache-Control", "")
    )


def page_content_for_cache(content: bytes) -> bytes:
    """The rendered page without the visitor's CSRF token (it must never be shared)."""
    return csrf_token_strip(content)


def page_content_for_visitor(content: bytes, request) -> bytes:
    """A cached page with this visitor's own CSRF token (and cookie) in each form, so their POSTs pass."""
    # get_token also makes CsrfViewMiddleware send the matching cookie with this response.
    return csrf_token_fill(content, request)


def page_content_has_forms(content: bytes) -> bool:
    """The cached page has a form that needs the visitor's CSRF token."""
    return csrf_placeholder_in(content)


def project_pages_cache_invalidate(*, product_id: int) -> None:
    """An offer changed (published, bought, withdrawn, resized): its project's pages, in every language, go stale."""
    from django.db.models import Subquery
    from oscar.core.loading import get_model

    from cms_pages.models import ProjectPage

    Product = get_model("catalogue", "Product")
    project = Product.objects.filter(pk=product_id).values("unit_block__project_id")
    paths = []
    for page in ProjectPage.objects.filter(registry_project_id__in=Subquery(project)):
        parts = page.get_url_parts()
        if parts is not None:
            paths.append(parts[2])
    if paths:
        page_paths_cache_invalidate(paths=paths)


CANCELLATIONS_VERSION_KEY = "cms:cancellations-version"
# Aggregates over every certificate: rebuilt on a change, and at the latest after this long.
STATISTICS_CACHE_SECONDS = 600


def cancellations_cache_invalidate(**kwargs) -> None:
    """Statistics and counters over the cancellations become stale (a certificate or cancellation changed)."""
    cache_version_bump(CANCELLATIONS_VERSION_KEY)


def cancellations_changed(sender, **kwargs) -> None:
    """post_save / post_delete receiver: invalidate now and again once committed (a reader may re-cache old rows)."""
    from django.db import transaction

    cancellations_cache_invalidate()
    transaction.on_commit(cancellations_cache_invalidate)


def cancellations_cache_version() -> str:
    return cache_version(CANCELLATIONS_VERSION_KEY)


def cancellations_cached(name: str, build, *, language: str = "", version: str | None = None):
    """build() cached in the shared cache until the cancellations change (e.g. the statistics page's charts)."""
    key = f"cms:cancellations:{name}:{version or cancellations_cache_version()}:{language}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, STATISTICS_CACHE_SECONDS)
    return value


# The main content of the heavier pages (project, home) in the template fragment cache, for every visitor,
# signed in or not; cms_pages/models pass the versions of what the fragment shows.
MAIN_FRAGMENT = "page_main"
FRAGMENTS_VERSION_KEY = "cms:fragments-version"


def page_main_fragments_invalidate() -> None:
    """Every page's cached main content is rendered again on its next view (the query-count tests use it)."""
    cache_version_bump(FRAGMENTS_VERSION_KEY)


def page_main_fragment(request, page, *version_keys: str) -> tuple[str, str | None]:
    """(the fragment's vary string, its cached HTML or None); a preview gets a vary string nobody shares."""
    from django.core.cache.utils import make_template_fragment_key
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    if getattr(request, "is_preview", False):
        return f"preview-{uuid.uuid4().hex}", None
    versions = cache_versions(VERSION_KEY, FRAGMENTS_VERSION_KEY, *version_keys)  # one round trip for all
    request._cms_pages_version = versions[0]
    vary = ":".join([str(page.pk), get_language() or "", request.get_host(), *versions])
    html = cache.get(make_template_fragment_key(MAIN_FRAGMENT, [vary]))
    return vary, (mark_safe(html) if html is not None else None)  # noqa: S308 - our own rendered template


def csrf_inputs_for_visitor(response, request):
    """Post-render: every CSRF input of the page (cached fragments included) carries this visitor's token."""
    response.content = csrf_token_refresh(response.content, request)
    return response


# Which page a URL path leads to, kept until the next publish: routing otherwise walks the tree (4 to 5 queries).
ROUTE_CACHE_SECONDS = 3600
ROUTE_SELECT_RELATED = {"projectpage": ("registry_project", "locale")}


def page_route_cached(request, path: str, route) -> None:
    """Like route(request, path), which sets request._wagtail_route_for_request, but from the cache when it can:
    then the page is loaded by its id in one query. Only plain routes (no extra arguments) are remembered."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_language
    from wagtail.url_routing import RouteResult

    if hasattr(request, "_wagtail_route_for_request"):
        return
    key = f"cms:route:{pages_cache_version(request)}:{request.get_host()}:{get_language()}:{path}"
    remembered = cache.get(key)
    if remembered is not None:
        content_type_id, page_id = remembered
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        related = ROUTE_SELECT_RELATED.get(model._meta.model_name, ("locale",))
        page = model.objects.live().filter(pk=page_id).select_related(*related).first()
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
            return
    route(request, path)
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is not None and not result.args and not result.kwargs:
        cache.set(key, (result.page.content_type_id, result.page.pk), ROUTE_CACHE_SECONDS)
