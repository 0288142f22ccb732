"""The catalogue's rendered listing, cached in the shared cache until an offer, a project or a page changes.

Keys carry two versions: the offers version (bumped after commit whenever a product, stock record, provider,
block or registry project is saved or deleted) and the CMS pages version (bumped on publish; project titles,
pictures and co-benefits come from the pages). A request that read old data can only have written under the old
version, so nobody ever reads it again once the change is committed. Forms in the cached HTML carry a placeholder for the CSRF token; each
visitor gets their own (and its cookie) when the HTML is served.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token

OFFERS_VERSION_KEY = "shop:offers-version"
# Even without a change (e.g. a bulk update that sends no signal) a listing is rebuilt after this long.
CATALOGUE_CACHE_SECONDS = 300
CSRF_PLACEHOLDER = "__shop_csrf_token__"


def offers_cache_invalidate(**kwargs) -> None:
    """Every cached catalogue listing becomes stale at once."""
    cache.set(OFFERS_VERSION_KEY, uuid.uuid4().hex, None)


def offers_changed(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed receiver: invalidate now (this transaction's own reads) and again once
    committed (another request may have cached the old rows in between)."""
    offers_cache_invalidate()
    transaction.on_commit(offers_cache_invalidate)


def catalogue_cache_key(*, request, language: str, part: str) -> str:
    """One key per language, host and exact query string (its order included), under the current versions."""
    from cms_pages.cache import VERSION_KEY as PAGES_VERSION_KEY
    from cms_pages.cache import pages_cache_version

    versions = cache.get_many([OFFERS_VERSION_KEY, PAGES_VERSION_KEY])  # one round trip for both
    offers_version = versions.get(OFFERS_VERSION_KEY)
    if offers_version is None:
        offers_version = uuid.uuid4().hex
        cache.add(OFFERS_VERSION_KEY, offers_version, None)
        offers_version = cache.get(OFFERS_VERSION_KEY, offers_version)
    pages_version = versions.get(PAGES_VERSION_KEY) or pages_cache_version()
    query = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()[:32]
    return f"shop:catalogue:{part}:{offers_version}:{pages_version}:{language}:{request.get_host()}:{query}"


def html_for_visitor(html: str, request) -> str:
    """Cached HTML with this visitor's CSRF token in its forms (get_token also sends them the cookie)."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))
