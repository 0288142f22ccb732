from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order import abstract_models

# Printed on the certificate; long enough for a sentence, short enough for one line of the PDF.
REASON_MAX_LENGTH = 200
CERTIFICATE_NAME_MAX_LENGTH = 120


class LineStatus(models.TextChoices):
    """The life of one order line (DESIGN.md section 5)."""

    PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    CANCELLING = "cancelling", _("Cancelling in the registry")
    CANCELLED = "cancelled", _("Cancelled, certificate issued")
    PAYMENT_FAILED = "payment_failed", _("Payment failed")
    EXPIRED = "expired", _("Expired")
    CANCELLATION_FAILED = "cancellation_failed", _("Cancellation failed")
    REFUNDED = "refunded", _("Refunded")


# Lines in these states still hold stock or money in flight: their offer cannot be withdrawn.
UNFINISHED_LINE_STATUSES = [LineStatus.PENDING_PAYMENT, LineStatus.PAID, LineStatus.CANCELLING]


class Line(abstract_models.AbstractLine):
    """An order line: a quantity of CERs from one block of one provider (Oscar's `partner`)."""

    # Replaces Oscar's free-text status with the states others rely on.
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=LineStatus.choices,
        default=LineStatus.PENDING_PAYMENT,
        db_index=True,
    )
    unit_block = models.ForeignKey(
        "registry.UnitBlock",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("unit block"),
    )

    class Meta(abstract_models.AbstractLine.Meta):
        pass


class BuyerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("An individual")
    ORGANIZATION = "organization", _("An organization")


class OrderCertificateDetails(models.Model):
    """What the buyer declared at checkout and what the certificate will print; fixed once the order is placed."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="certificate_details", verbose_name=_("order")
    )
    buyer_kind = models.CharField(_("buying as"), max_length=16, choices=BuyerKind.choices)
    organization_name = models.CharField(_("organization name"), max_length=255, blank=True)
    certificate_name = models.CharField(_("name on the certificate"), max_length=CERTIFICATE_NAME_MAX_LENGTH)
    # The stable code of the standard reason chosen (cms_pages.PurchaseReason.code), blank for the buyer's own words.
    purchase_reason_code = models.CharField(_("standard reason"), max_length=40, blank=True)
    # The exact words printed, kept even if the standard reason is later edited.
    reason_text = models.CharField(_("reason printed on the certificate"), max_length=REASON_MAX_LENGTH)
    show_beneficiary_publicly = models.BooleanField(_("beneficiary shown in the public history"), default=False)
    confirmed_adult = models.BooleanField(_("confirmed 18 or older"), default=False)
    terms_accepted_at = models.DateTimeField(_("terms of use accepted at"))
    language = models.CharField(_("language"), max_length=8, default="en")

    class Meta:
        verbose_name = _("certificate details")
        verbose_name_plural = _("certificate details")

    def __str__(self):
        return f"{self.certificate_name} ({self.order_id})"


from oscar.apps.order.models import *  # noqa: E402
