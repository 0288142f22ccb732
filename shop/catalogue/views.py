from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductCategoryView, ProductDetailView  # noqa: F401
from oscar.core.loading import get_class

from shop.selectors import CATALOGUE_PAGE_SIZE, catalogue_facets, catalogue_group, offers_filter

OfferFilterForm = get_class("catalogue.forms", "OfferFilterForm")


class CatalogueView(TemplateView):
    """The shop root: live offers grouped by project, filtered by plain GET parameters."""

    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language() or "en"
        facets = catalogue_facets(language=language)
        form = OfferFilterForm(self.request.GET or None, **facets)
        filters = form.filters()
        if form.is_bound and form.errors:
            messages.error(self.request, _("Some filters were not understood and are ignored; check the values below."))
        paginator = Paginator(offers_filter(filters=filters), CATALOGUE_PAGE_SIZE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            filters=filters,
            page_obj=page,
            paginator=paginator,
            groups=catalogue_group(offers=list(page.object_list), language=language),
            query_without_page=query.urlencode(),
            is_filtered=any(value for name, value in vars(filters).items() if name != "sort"),
        )
        return context
