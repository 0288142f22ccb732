"""What the shop shows that editors write in the CMS: project pages (title, pictures, co-benefits), co-benefit
types and the standard purchase reasons.

The shop sits below cms_pages (README, "Layout") and never imports it. It reads that content through this
interface, which cms_pages fills in its AppConfig.ready() (cms_pages.content); without it the shop shows registry
data only. cms_pages also bumps the content version whenever such content changes (a publish, a snippet saved),
and every shop cache holding CMS content carries that version in its key.
"""

from __future__ import annotations

from core.cache import cache_version, cache_version_bump

CONTENT_VERSION_KEY = "shop:cms-content-version"


class ShopContent:
    """The interface, and what the shop shows without a CMS: nothing beyond the registry's own data."""

    def project_pages(self, *, project_ids, language: str) -> dict:
        """Registry project id -> its live page in `language` (else the default language), with `title`,
        `pictures.all()` and `co_benefits.all()` (each with `co_benefit_type`) prefetched."""
        return {}

    def co_benefit_project_ids(self, *, code: str):
        """The registry project ids whose live page lists the co-benefit type `code` (a queryset or a list)."""
        return []

    def co_benefit_choices(self, *, language: str) -> list[tuple[str, str]]:
        """(code, name) of every co-benefit type, in `language` where translated."""
        return []

    def purchase_reason_choices(self, *, language: str) -> list[tuple[str, str]]:
        """(stable code, text) of the standard reasons for a purchase, in `language` where translated."""
        return []


_content: ShopContent = ShopContent()


def shop_content_set(content: ShopContent) -> None:
    """Called once by the app that owns the content (cms_pages) when Django starts."""
    global _content
    _content = content


def shop_content() -> ShopContent:
    return _content


def content_cache_version() -> str:
    return cache_version(CONTENT_VERSION_KEY)


def content_cache_invalidate(**kwargs) -> None:
    """The CMS content the shop shows changed: every shop cache holding it becomes stale."""
    cache_version_bump(CONTENT_VERSION_KEY)


__all__ = [
    "CONTENT_VERSION_KEY",
    "ShopContent",
    "content_cache_invalidate",
    "content_cache_version",
    "shop_content",
    "shop_content_set",
]
