"""Our Oscar root app: the shop's root URL is the catalogue of offers."""

import oscar.config
from django.urls import path


class Shop(oscar.config.Shop):
    def get_urls(self):
        urls = super().get_urls()
        # Oscar's "" only redirects to catalogue/; serve the catalogue at the shop root instead.
        urls = [pattern for pattern in urls if getattr(pattern, "name", None) != "home"]
        urls = [pattern for pattern in urls if str(getattr(pattern, "pattern", "")) != "catalogue/"]
        from shop.provider_orders import ProviderOrdersView
        from shop.views import AccountCloseView, ProviderOfferPublishView, ProviderOffersView, ProviderOfferWithdrawView

        own = [
            path("accounts/close/", AccountCloseView.as_view(), name="account-close"),
            path("provider/offers/", ProviderOffersView.as_view(), name="provider-offers"),
            path("provider/orders/", ProviderOrdersView.as_view(), name="provider-orders"),
            path(
                "provider/blocks/<int:block_id>/publish/",
                ProviderOfferPublishView.as_view(),
                name="provider-offer-publish",
            ),
            path(
                "provider/offers/<int:product_id>/withdraw/",
                ProviderOfferWithdrawView.as_view(),
                name="provider-offer-withdraw",
            ),
        ]
        return [*own, *urls, path("", self.catalogue_app.urls)]
