from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .base_page import BasePage


class HomePage(BasePage):
    """The site root in each language: the campaign's front door."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = RichTextField(_("hero text"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text")]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
