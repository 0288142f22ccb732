from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from cms_pages.cache import pages_cache_invalidate
        from cms_pages.content import PagesShopContent
        from cms_pages.models import CoBenefitType, PurchaseReason
        from cms_pages.signals import home_page_published, offer_changed, page_deleted
        from shop.content import shop_content_set

        # The shop shows project pages, co-benefits and purchase reasons but sits below the pages: it asks through
        # its own interface, which this fills (README, "Layout").
        shop_content_set(PagesShopContent())
        page_published.connect(home_page_published, dispatch_uid="cms_pages_home_page_published")
        # Publishing anything (or changing a snippet pages show) empties the anonymous page cache.
        page_published.connect(pages_cache_invalidate, dispatch_uid="cms_pages_cache_published")
        page_unpublished.connect(pages_cache_invalidate, dispatch_uid="cms_pages_cache_unpublished")
        # Cached pages, fragments and routes are keyed by URL path: a move or a new site root changes paths.
        from wagtail.models import Site
        from wagtail.signals import post_page_move

        post_page_move.connect(pages_cache_invalidate, dispatch_uid="cms_pages_cache_moved")
        post_save.connect(pages_cache_invalidate, sender=Site, dispatch_uid="cms_pages_cache_site")
        post_delete.connect(page_deleted, dispatch_uid="cms_pages_cache_deleted")
        for model in (CoBenefitType, PurchaseReason):
            post_save.connect(pages_cache_invalidate, sender=model, dispatch_uid=f"cms_pages_cache_{model.__name__}")
        # A project page lists its live offers: when one changes, that page (in each language) is re-rendered.
        for model_name in ("catalogue.Product", "partner.StockRecord"):
            post_save.connect(offer_changed, sender=model_name, dispatch_uid=f"cms_pages_cache_offer_{model_name}")
        # Statistics and counters over the cancellations are cached until a certificate or cancellation changes.
        from cms_pages.cache import cancellations_changed

        for model_name in ("fulfilment.Certificate", "registry.Cancellation"):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    cancellations_changed, sender=model_name, dispatch_uid=f"cms_cancellations_{model_name}_{name}"
                )
