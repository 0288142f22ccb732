from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class CoBenefitCategory(models.TextChoices):
    ENVIRONMENTAL = "environmental", _("Environmental")
    SOCIAL = "social", _("Social")
    ECONOMIC = "economic", _("Economic")


class CoBenefitType(TranslatableMixin, index.Indexed, models.Model):
    """One of the 12 sustainable-development co-benefit types the CDM records (seed 004)."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Stable identifier used in filters and links; the same in every language."),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=CoBenefitCategory.choices)
    icon = models.CharField(
        _("icon"),
        max_length=100,
        blank=True,
        help_text=_("File name of an SVG icon in static/img/cms/co-benefits/ (defaults to <code>.svg)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("code"),
        SynchronizedField("category"),
        SynchronizedField("icon"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "code"]
        verbose_name = _("co-benefit type")
        verbose_name_plural = _("co-benefit types")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_cobenefit_code_per_locale")]

    def __str__(self):
        return self.name

    @property
    def icon_url(self) -> str:
        return static(f"img/cms/co-benefits/{self.icon or self.code + '.svg'}")
