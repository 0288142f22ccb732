from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class PurchaseReason(TranslatableMixin, models.Model):
    """A standard reason for cancelling CERs, offered at checkout and printed on the certificate."""

    code = models.SlugField(_("code"), max_length=40, help_text=_("Stable identifier; the same in every language."))
    text = models.CharField(_("text"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("code"), FieldPanel("text"), FieldPanel("sort_order")]
    translatable_fields = [TranslatableField("text"), SynchronizedField("code"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "code"]
        verbose_name = _("purchase reason")
        verbose_name_plural = _("purchase reasons")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_purchase_reason_code_per_locale")
        ]

    def __str__(self):
        return self.text
