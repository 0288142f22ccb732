from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .base_page import BasePage


class StatisticsPage(BasePage):
    """Charts of the CERs cancelled through the platform, computed from the issued certificates."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("statistics page")
        verbose_name_plural = _("statistics pages")

    def get_context(self, request, *args, **kwargs):
        from django.utils.translation import get_language

        from cms_pages.cache import cancellations_cache_version, cancellations_cached
        from cms_pages.statistics import statistics_charts

        context = super().get_context(request, *args, **kwargs)
        # Aggregates over every certificate, kept until a certificate changes (labels are in the visitor's language);
        # the template caches the rendered charts under the same version.
        version = cancellations_cache_version()
        context["cancellations_version"] = version
        context["statistics"] = cancellations_cached(
            "statistics", statistics_charts, language=get_language() or "", version=version
        )
        return context
