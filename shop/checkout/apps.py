import oscar.apps.checkout.apps as apps
from django.urls import path, reverse_lazy
from django.views.generic import RedirectView
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        self.details_view = get_class("checkout.views", "CertificateDetailsView")
        self.preview_view = get_class("checkout.views", "PreviewView")
        self.certificate_preview_view = get_class("checkout.views", "CertificatePreviewView")

    def get_urls(self):
        to_details = RedirectView.as_view(url=reverse_lazy("checkout:details"))
        to_preview = RedirectView.as_view(url=reverse_lazy("checkout:preview"))
        urls = [
            path("", self.index_view.as_view(), name="index"),
            path("details/", self.details_view.as_view(), name="details"),
            path("preview/", self.preview_view.as_view(), name="preview"),
            path("certificate-preview.pdf", self.certificate_preview_view.as_view(), name="certificate-preview"),
            path("thank-you/", self.thankyou_view.as_view(), name="thank-you"),
            # Oscar's shipping and payment steps do not apply: CERs are not shipped; payment follows the order.
            path("shipping-address/", to_details, name="shipping-address"),
            path("shipping-method/", to_details, name="shipping-method"),
            path("payment-method/", to_preview, name="payment-method"),
            path("payment-details/", to_preview, name="payment-details"),
        ]
        return self.post_process_urls(urls)
