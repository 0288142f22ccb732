from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductCategoryView, ProductDetailView  # noqa: F401
from oscar.core.loading import get_class

from core.csrf import CSRF_PLACEHOLDER
from shop.catalogue.cache import CATALOGUE_CACHE_SECONDS, catalogue_cache_key, html_for_visitor
from shop.selectors import CATALOGUE_PAGE_SIZE, catalogue_facets, catalogue_group, offers_filter

OfferFilterForm = get_class("catalogue.forms", "OfferFilterForm")


class CatalogueView(TemplateView):
    """The shop root: live offers grouped by project, filtered by plain GET parameters.

    The body (filter form, counts, offers, pagination) is rendered once per query string and language and kept
    in the shared cache until an offer or a page changes (shop.catalogue.cache): a repeat costs no query.
    """

    template_name = "oscar/catalogue/browse.html"
    content_template_name = "oscar/catalogue/partials/catalogue_content.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language() or settings.LANGUAGE_CODE
        key = catalogue_cache_key(request=self.request, language=language, part="content")
        cached = cache.get(key)
        if cached is None:
            listing = self.listing_context(language=language)
            # Rendered without the request: the forms get a placeholder, never this visitor's CSRF token.
            html = render_to_string(self.content_template_name, {**listing, "csrf_token": CSRF_PLACEHOLDER})
            cached = {"html": html, "filter_errors": bool(listing["form"].is_bound and listing["form"].errors)}
            cache.set(key, cached, CATALOGUE_CACHE_SECONDS)
            context.update(listing)
        if cached["filter_errors"]:
            messages.error(self.request, _("Some filters were not understood and are ignored; check the values below."))
        context["content_html"] = mark_safe(html_for_visitor(cached["html"], self.request))  # noqa: S308 - our own render
        return context

    def listing_context(self, *, language: str) -> dict:
        facets = catalogue_facets(language=language)
        form = OfferFilterForm(self.request.GET or None, **facets)
        filters = form.filters()
        paginator = Paginator(offers_filter(filters=filters), CATALOGUE_PAGE_SIZE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            "form": form,
            "filters": filters,
            "page_obj": page,
            "paginator": paginator,
            "groups": catalogue_group(offers=list(page.object_list), language=language),
            "query_without_page": query.urlencode(),
            "is_filtered": any(value for name, value in vars(filters).items() if name != "sort"),
        }
