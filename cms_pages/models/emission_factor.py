from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class EmissionFactor(TranslatableMixin, models.Model):
    """How many kg CO2e one unit of an activity emits, with its public source; the footprint calculator reads these."""

    class Category(models.TextChoices):
        ENERGY = "energy", _("Household energy")
        TRANSPORT = "transport", _("Transport")
        DIET = "diet", _("Diet")
        LIFESTYLE = "lifestyle", _("Lifestyle")

    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Stable identifier used by the calculator; the same in every language.")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    label = models.CharField(_("label"), max_length=255)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: kWh, litre, km, flight, year."))
    kg_co2e_per_unit = models.DecimalField(
        _("kg CO2e per unit"), max_digits=12, decimal_places=5, validators=[MinValueValidator(0)]
    )
    source_name = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    source_year = models.PositiveSmallIntegerField(_("source year"))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("category"),
        FieldPanel("label"),
        FieldPanel("unit"),
        FieldPanel("kg_co2e_per_unit"),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url"), FieldPanel("source_year")], heading=_("Source")
        ),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("unit"),
        TranslatableField("source_name"),
        SynchronizedField("code"),
        SynchronizedField("category"),
        SynchronizedField("kg_co2e_per_unit"),
        SynchronizedField("source_url"),
        SynchronizedField("source_year"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "code"]
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_emission_factor_code_per_locale")
        ]

    def __str__(self):
        return f"{self.label} ({self.kg_co2e_per_unit} kg CO2e / {self.unit})"
