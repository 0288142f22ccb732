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
        from cms_pages.statistics import statistics_charts

        context = super().get_context(request, *args, **kwargs)
        context["statistics"] = statistics_charts()
        return context
