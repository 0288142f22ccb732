"""Our Oscar root app: the shop's root URL is the catalogue of offers."""

from django.urls import path

import oscar.config


class Shop(oscar.config.Shop):
    def get_urls(self):
        urls = super().get_urls()
        # Oscar's "" only redirects to catalogue/; serve the catalogue at the shop root instead.
        urls = [pattern for pattern in urls if getattr(pattern, "name", None) != "home"]
        urls = [pattern for pattern in urls if str(getattr(pattern, "pattern", "")) != "catalogue/"]
        from shop.views import AccountCloseView

        own = [path("accounts/close/", AccountCloseView.as_view(), name="account-close")]
        return [*own, *urls, path("", self.catalogue_app.urls)]
