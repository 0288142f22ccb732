from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .base_page import BasePage


class ProjectIndexPage(BasePage):
    """Lists the project pages of one language."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index page")
        verbose_name_plural = _("project index pages")

    def route(self, request, path_components):
        # One query for the project page with its registry project and cancellation total (instead of three).
        if len(path_components) == 1:
            from cms_pages.selectors import project_page_for_route

            page = project_page_for_route(parent=self, slug=path_components[0])
            if page is not None:
                page._cached_parent_obj = self
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from cms_pages.selectors import project_pages_for_listing

        context = super().get_context(request, *args, **kwargs)
        context["projects"] = project_pages_for_listing(parent=self)
        return context
