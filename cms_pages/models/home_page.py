from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from cms_pages.blocks import StepBlock

from .base_page import BasePage


class HomePage(BasePage):
    """The site root in each language: the campaign's front door."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = RichTextField(_("hero text"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    steps_title = models.CharField(_("steps title"), max_length=200, blank=True)
    steps = StreamField(
        [("step", StepBlock(label=_("Step"), icon="list-ol"))],
        verbose_name=_("steps"),
        blank=True,
        help_text=_("The three steps: measure, reduce, offset."),
    )
    featured_title = models.CharField(_("featured projects title"), max_length=200, blank=True)
    cta_title = models.CharField(_("call to action title"), max_length=200, blank=True)
    cta_text = models.TextField(_("call to action text"), blank=True)
    cta_button = models.CharField(_("call to action button"), max_length=100, blank=True)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("call to action page"),
        help_text=_("Leave empty to send visitors to the offers."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        MultiFieldPanel([FieldPanel("steps_title"), FieldPanel("steps")], heading=_("Steps")),
        MultiFieldPanel(
            [FieldPanel("featured_title"), InlinePanel("featured_projects", label=_("Featured projects"), max_num=6)],
            heading=_("Featured projects"),
        ),
        MultiFieldPanel(
            [FieldPanel("cta_title"), FieldPanel("cta_text"), FieldPanel("cta_button"), PageChooserPanel("cta_page")],
            heading=_("Call to action"),
        ),
    ]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms_pages.cache import CANCELLATIONS_VERSION_KEY, page_main_fragment
        from cms_pages.selectors import home_page_context

        context = super().get_context(request, *args, **kwargs)
        # Counters and featured projects: cached until a page is published or a cancellation changes.
        vary, html = page_main_fragment(request, self, CANCELLATIONS_VERSION_KEY)
        context["main_fragment_vary"], context["main_fragment_html"] = vary, html
        if html is None:
            context.update(home_page_context(page=self))
        return context


class HomePageFeaturedProject(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_projects")
    project_page = models.ForeignKey(
        "cms_pages.ProjectPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("project page")
    )

    panels = [PageChooserPanel("project_page", "cms_pages.ProjectPage")]
