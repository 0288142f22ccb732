import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")

# PayPal merchant (payer) ids are 13 upper-case letters and digits.
PAYPAL_MERCHANT_ID = re.compile(r"^[A-Z0-9]{13}$")


class PartnerSettingsForm(forms.ModelForm):
    """What a provider sets itself: who PayPal pays, whether it takes bank transfers and from which amount, and where
    order emails go."""

    class Meta:
        model = Partner
        fields = [
            "paypal_merchant_id",
            "paypal_email",
            "bank_transfer_enabled",
            "bank_transfer_minimum",
            "notification_email",
        ]
        labels = {
            "paypal_merchant_id": _("PayPal merchant id"),
            "paypal_email": _("PayPal email"),
            "bank_transfer_enabled": _("Accept bank transfers"),
            "bank_transfer_minimum": _("Minimum amount for a bank transfer (USD)"),
            "notification_email": _("Notification email"),
        }
        help_texts = {
            "paypal_merchant_id": _("13 letters and digits, shown in your PayPal business account settings."),
            "paypal_email": _("Used when no merchant id is given. The account must accept international payments."),
            "bank_transfer_minimum": _("Orders below this amount are paid by PayPal only. 0 means no minimum."),
            "notification_email": _("New orders and bank transfer requests are sent here."),
        }
        error_messages = {
            "paypal_email": {"invalid": _("Enter a valid email address for your PayPal account.")},
            "notification_email": {"invalid": _("Enter a valid email address for notifications.")},
            "bank_transfer_minimum": {
                "invalid": _("Enter the minimum amount as a number, for example 500.00."),
                "max_digits": _("Enter a minimum amount of at most 10 digits before the decimal point."),
                "max_decimal_places": _("Enter the minimum amount with at most 2 decimal places."),
                "required": _("Enter the minimum amount; 0 means no minimum."),
            },
        }

    def clean_paypal_merchant_id(self):
        value = self.cleaned_data["paypal_merchant_id"].strip().upper()
        if value and not PAYPAL_MERCHANT_ID.match(value):
            raise forms.ValidationError(
                _("A PayPal merchant id has 13 letters and digits, for example 7XJ8M2QLP4KZA."), code="invalid"
            )
        return value

    def clean_bank_transfer_minimum(self):
        value = self.cleaned_data["bank_transfer_minimum"]
        if value is not None and value < Decimal("0"):
            raise forms.ValidationError(_("The minimum amount cannot be negative."), code="min_value")
        return value

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("paypal_merchant_id")
            and not cleaned.get("paypal_email")
            and not self.has_error("paypal_email")
        ):
            raise forms.ValidationError(
                _("Give your PayPal merchant id or PayPal email: buyers pay you through PayPal."), code="payee_required"
            )
        return cleaned


class CancellationResolveForm(forms.Form):
    note = forms.CharField(
        label=_("How was it resolved?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Say how the failure was resolved, for example “refunded outside the platform”."),
            "max_length": _("Keep the note under 1,000 characters."),
        },
    )
