from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as sitemap_view
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages import views as cms_views
from cms_pages.sitemaps import MultilingualSitemap
from config import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap_view, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
    # PayPal calls this one without a language prefix.
    path("paypal/", include("shop.paypal.urls")),
    # The public JSON API is not translated per URL: no language prefix.
    path("api/v1/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    # The buyer's order status page, from the signed link of the confirmation email.
    path("shop/orders/", include("shop.order.urls")),
    path("", include("shop.fulfilment.urls")),
    path("bank-transfer/", include("shop.banktransfer.urls")),
    path("search/", cms_views.search, name="cms_search"),
    # The Wagtail catch-all stays last: our serve (anonymous page cache) first, then Wagtail's own helpers.
    re_path(wagtail_urls.serve_pattern, cms_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
