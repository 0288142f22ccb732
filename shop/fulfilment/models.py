"""Fulfilment of paid order lines: one certificate per cancelled line, and the bookkeeping of the queue."""

import secrets

from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import Mechanism


class CertificateSequence(models.Model):
    """The last certificate number given out in a year; its row lock serializes number allocation."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("certificate number sequence")
        verbose_name_plural = _("certificate number sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


def certificate_storage():
    """The private storage of certificate PDFs (settings.STORAGES["certificates"]), never the public media."""
    return storages["certificates"]


def certificate_pdf_path(certificate: "Certificate", filename: str) -> str:
    # A random name: the number (VC-000001-2025) is counted up, so a name made of it can be guessed.
    return f"{certificate.year}/{secrets.token_urlsafe(24)}.pdf"


class Certificate(models.Model):
    """The attestation of one cancelled order line. What it says is copied here once and never changes."""

    line = models.OneToOneField(
        "order.Line", on_delete=models.PROTECT, related_name="certificate", verbose_name=_("order line")
    )
    cancellation = models.OneToOneField(
        "registry.Cancellation",
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("registry cancellation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8)
    presented_to = models.CharField(_("presented to"), max_length=255)
    reason = models.CharField(_("reason"), max_length=500)
    show_beneficiary_publicly = models.BooleanField(_("beneficiary shown in the public history"), default=False)
    project = models.ForeignKey(
        "registry.RegistryProject", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("project")
    )
    mechanism = models.CharField(_("mechanism"), max_length=8, choices=Mechanism.choices)
    host_country = models.CharField(_("host country"), max_length=2, db_index=True)
    quantity = models.PositiveIntegerField(_("quantity (tonnes CO2e)"))
    # [{"start": serial, "end": serial, "quantity": n}, ...] as the registry cancelled them.
    serial_ranges = models.JSONField(_("serial ranges"), default=list)
    vintage = models.CharField(_("vintage"), max_length=32, blank=True)
    commitment_period = models.CharField(_("commitment period"), max_length=32, blank=True)
    transaction_id = models.CharField(_("registry transaction id"), max_length=64)
    cancelled_at = models.DateTimeField(_("cancelled at"), db_index=True)
    pdf = models.FileField(_("PDF"), upload_to=certificate_pdf_path, storage=certificate_storage, max_length=255)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed to the buyer at"), null=True, blank=True)

    class Meta:
        ordering = ["-cancelled_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="certificate_number_unique_per_year"),
        ]

    def __str__(self):
        return self.number

    @property
    def serial_range_labels(self) -> list[str]:
        return [f"{item['start']} – {item['end']}" for item in self.serial_ranges]


class LineFulfilment(models.Model):
    """The fulfilment queue's record of one paid line: when it was seen paid, queued, and staff alerted."""

    line = models.OneToOneField(
        "order.Line", on_delete=models.CASCADE, related_name="fulfilment", verbose_name=_("order line")
    )
    paid_seen_at = models.DateTimeField(_("first seen paid at"), auto_now_add=True, db_index=True)
    last_enqueued_at = models.DateTimeField(_("last queued at"), null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    failure_alerted_at = models.DateTimeField(_("staff alerted of a failure at"), null=True, blank=True)
    overdue_alerted_at = models.DateTimeField(_("staff alerted of a delay at"), null=True, blank=True)

    class Meta:
        ordering = ["-paid_seen_at"]
        verbose_name = _("line fulfilment")
        verbose_name_plural = _("line fulfilments")

    def __str__(self):
        return f"line {self.line_id}"


class ProviderNotification(models.Model):
    """The provider was sent the order summary with the buyer's contact details (once, after payment)."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="provider_notifications", verbose_name=_("order")
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="fulfilment_notifications", verbose_name=_("provider")
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("provider notification")
        verbose_name_plural = _("provider notifications")
        constraints = [models.UniqueConstraint(fields=["order", "partner"], name="provider_notified_once_per_order")]

    def __str__(self):
        return f"{self.partner_id} / {self.order_id}"
