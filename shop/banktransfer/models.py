"""One bank transfer per order and provider: the buyer pays the provider directly, the provider confirms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BankTransferPart(models.Model):
    """The part of an order one provider is paid for by bank transfer; the provider reports each step."""

    class Status(models.TextChoices):
        AWAITING_TRANSFER = "awaiting_transfer", _("Awaiting the transfer")
        IN_PROGRESS = "in_progress", _("Transfer in progress")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired unpaid")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="bank_transfer_parts", verbose_name=_("order")
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="bank_transfer_parts", verbose_name=_("provider")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=12)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.AWAITING_TRANSFER, db_index=True
    )
    provider_notified_at = models.DateTimeField(_("provider notified at"), null=True, blank=True)
    in_progress_at = models.DateTimeField(_("marked in progress at"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=140, blank=True)
    paid_recorded_at = models.DateTimeField(_("payment recorded at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment recorded by"),
    )
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    UNPAID_STATUSES = (Status.AWAITING_TRANSFER, Status.IN_PROGRESS)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["order", "partner"], name="banktransfer_one_part_per_provider")]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")

    def __str__(self):
        return f"{self.order.number} / {self.partner} ({self.get_status_display()})"

    @property
    def is_unpaid(self) -> bool:
        return self.status in self.UNPAID_STATUSES


class BankTransferNote(models.Model):
    """A note the provider (or staff) keeps on a transfer; optionally emailed to the buyer."""

    part = models.ForeignKey(
        BankTransferPart, on_delete=models.CASCADE, related_name="notes", verbose_name=_("transfer")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=2000)
    sent_to_buyer = models.BooleanField(_("sent to the buyer"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("bank transfer note")
        verbose_name_plural = _("bank transfer notes")

    def __str__(self):
        return self.text[:60]
