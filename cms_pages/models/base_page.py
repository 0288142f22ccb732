from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    """Every public page: title, description and a social-sharing image editable in the promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social sharing image"),
        help_text=_("Shown when the page is shared on social media (1200x630 works best)."),
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"), FieldPanel("social_image")],
            heading=_("For search engines and social media"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's rule (this page and its ancestors, aliases resolved to their source) in one query, not two."""
        from wagtail.models import PageViewRestriction

        # Treebeard paths: every ancestor's path is a prefix of this page's path.
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        chain = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of_id"))
        )
