"""The catalogue's rendered listing, cached in the shared cache until an offer, a project or a page changes.

Keys carry two versions: the offers version (bumped after commit whenever a product, stock record, provider,
block or registry project is saved or deleted) and the CMS content version (shop.content: bumped on publish; project
titles, pictures and co-benefits come from the pages). A request that read old data can only have written under the old
version, so nobody ever reads it again once the change is committed. Forms in the cached HTML carry a placeholder for the CSRF token; each
visitor gets their own (and its cookie) when the HTML is served.
"""

import hashlib

from django.db import transaction

from core.cache import cache_version_bump, cache_versions
from core.csrf import csrf_token_fill
from shop.content import CONTENT_VERSION_KEY

OFFERS_VERSION_KEY = "shop:offers-version"
# Even without a change (e.g. a bulk update that sends no signal) a listing is rebuilt after this long.
CATALOGUE_CACHE_SECONDS = 300


def offers_cache_invalidate(**kwargs) -> None:
    """Every cached catalogue listing becomes stale at once."""
    cache_version_bump(OFFERS_VERSION_KEY)


def offers_changed(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed receiver: invalidate now (this transaction's own reads) and again once
    committed (another request may have cached the old rows in between)."""
    offers_cache_invalidate()
    transaction.on_commit(offers_cache_invalidate)


def catalogue_cache_key(*, request, language: str, part: str) -> str:
    """One key per language, host and exact query string (its order included), under the current versions."""
    offers_version, content_version = cache_versions(OFFERS_VERSION_KEY, CONTENT_VERSION_KEY)  # one round trip
    query = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()[:32]
    return f"shop:catalogue:{part}:{offers_version}:{content_version}:{language}:{request.get_host()}:{query}"


def html_for_visitor(html: str, request) -> str:
    """Cached HTML with this visitor's CSRF token in its forms (get_token also sends them the cookie)."""
    return csrf_token_fill(html, request)
