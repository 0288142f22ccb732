from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms_pages.blocks import FaqGroupBlock, json_ld

from .base_page import BasePage


class FaqPage(BasePage):
    """Questions and answers in groups, marked up as a schema.org FAQPage."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField([("group", FaqGroupBlock())], verbose_name=_("questions"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    def faq_json_ld(self) -> str:
        questions = [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(item["answer"].source).strip()},
            }
            for group in self.body
            for item in group.value["questions"]
        ]
        return json_ld({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions})
