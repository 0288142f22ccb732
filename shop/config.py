"""Our Oscar root app: the shop's root URL is the catalogue of offers."""

import oscar.config
from django.http import Http404
from django.urls import path, re_path


def feature_not_offered(request, *args, **kwargs):
    raise Http404


# Oscar features the platform does not use, answered 404 before Oscar's own views: anonymous product reviews
# (published unmoderated) and stock alerts (a mail to any address typed in). Their URL names still resolve.
NOT_OFFERED = [
    re_path(r"^(catalogue/)?[\w-]*_\d+/reviews/", feature_not_offered),
    re_path(r"^accounts/alerts/", feature_not_offered),
]


class Shop(oscar.config.Shop):
    def get_urls(self):
        urls = super().get_urls()
        # Oscar's "" only redirects to catalogue/; serve the catalogue at the shop root instead.
        urls = [pattern for pattern in urls if getattr(pattern, "name", None) != "home"]
        urls = [pattern for pattern in urls if str(getattr(pattern, "pattern", "")) != "catalogue/"]
        from shop.provider_orders import ProviderOrdersView
        from shop.provider_workspace import views as workspace
        from shop.views import (
            AccountCloseView,
            LogoutView,
            ProviderOfferPublishView,
            ProviderOffersView,
            ProviderOfferWithdrawView,
        )

        own = [
            # Ahead of Oscar's customer:logout (same path, which templates still reverse): sign-out by POST only.
            path("accounts/logout/", LogoutView.as_view(), name="account-logout"),
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
            path(
                "provider/refresh/", workspace.ProviderHoldingsRefreshView.as_view(), name="provider-holdings-refresh"
            ),
            path("provider/settings/", workspace.ProviderSettingsRedirectView.as_view(), name="provider-settings-mine"),
            path(
                "provider/<int:partner_id>/settings/",
                workspace.ProviderSettingsView.as_view(),
                name="provider-settings",
            ),
            path(
                "provider/staff/cancellation-failures/",
                workspace.CancellationFailuresView.as_view(),
                name="provider-staff-failures",
            ),
            path(
                "provider/staff/cancellation-failures/<int:line_id>/retry/",
                workspace.CancellationRetryView.as_view(),
                name="provider-staff-failure-retry",
            ),
            path(
                "provider/staff/cancellation-failures/<int:line_id>/resolve/",
                workspace.CancellationResolveView.as_view(),
                name="provider-staff-failure-resolve",
            ),
            path(
                "provider/staff/cancellation-failures/<int:line_id>/refund/",
                workspace.CancellationRefundView.as_view(),
                name="provider-staff-failure-refund",
            ),
        ]
        return [*NOT_OFFERED, *own, *urls, path("", self.catalogue_app.urls)]
