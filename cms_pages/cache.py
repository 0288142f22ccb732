"""Anonymous page cache and cached navigation, all invalidated by one version number that publishing bumps."""

import uuid

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "cms:pages-version"
# Pages show live counters (CERs cancelled): even without a publish they refresh after this many seconds.
PAGE_CACHE_SECONDS = getattr(settings, "CMS_PAGE_CACHE_SECONDS", 300)


def pages_cache_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def pages_cache_invalidate(**kwargs) -> None:
    """Every cached page and menu becomes stale at once (a publish can change menus, listings and links)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def page_cache_key(request) -> str:
    return f"cms:page:{pages_cache_version()}:{request.get_host()}:{request.path}"


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
        and not response.cookies  # a CSRF cookie (forms) or anything personal
        and "private" not in response.get("Cache-Control", "")
    )
