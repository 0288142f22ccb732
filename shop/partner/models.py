from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import abstract_models


class Partner(abstract_models.AbstractPartner):
    """A provider: a CDM focal point or PHA representative offering CERs it holds in the registry."""

    paypal_merchant_id = models.CharField(
        _("PayPal merchant id"), max_length=64, blank=True, help_text=_("The PayPal account that receives payments.")
    )
    paypal_email = models.EmailField(
        _("PayPal email"), blank=True, help_text=_("Used as the payee when no merchant id is given.")
    )
    bank_transfer_enabled = models.BooleanField(_("bank transfer enabled"), default=False)
    bank_transfer_minimum = models.DecimalField(
        _("bank transfer minimum amount"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Orders below this amount cannot be paid by bank transfer."),
    )
    bank_transfer_currency = models.CharField(
        _("bank transfer currency"), max_length=12, default=settings.OSCAR_DEFAULT_CURRENCY
    )
    notification_email = models.EmailField(
        _("notification email"), blank=True, help_text=_("Where orders and stock alerts for this provider are sent.")
    )
    registry_projects = models.ManyToManyField(
        "registry.RegistryProject",
        blank=True,
        related_name="providers",
        verbose_name=_("registry projects"),
        help_text=_("Projects whose CERs this provider may offer, as mapped by the platform staff."),
    )

    class Meta(abstract_models.AbstractPartner.Meta):
        # Platform staff is its own permission (shop/access.py), never implied by is_staff or Wagtail access.
        permissions = (
            *abstract_models.AbstractPartner.Meta.permissions,
            ("act_as_platform_staff", "Can act as platform staff for every provider"),
        )

    @property
    def paypal_payee(self) -> dict:
        """The payee of a PayPal purchase unit: the merchant id if known, else the email."""
        if self.paypal_merchant_id:
            return {"merchant_id": self.paypal_merchant_id}
        if self.paypal_email:
            return {"email_address": self.paypal_email}
        return {}


class PartnerRegistryAccount(models.Model):
    """A CDM registry account (pending or permanent holding) mapped to a provider by the platform staff."""

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="registry_accounts", verbose_name=_("provider")
    )
    account_number = models.CharField(_("registry account"), max_length=64, unique=True)

    class Meta:
        ordering = ["account_number"]
        verbose_name = _("provider registry account")
        verbose_name_plural = _("provider registry accounts")

    def __str__(self):
        return self.account_number


from oscar.apps.partner.models import *  # noqa: E402
