from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403
from oscar.apps.checkout.forms import GatewayForm as OscarGatewayForm
from oscar.core.loading import get_model

from shop.content import content_cache_version, shop_content
from shop.order.models import CERTIFICATE_NAME_MAX_LENGTH, REASON_MAX_LENGTH, BuyerKind
from shop.widgets import FastSelect

Country = get_model("address", "Country")
OWN_REASON = "own"


COUNTRY_CHOICES_KEY = "shop:checkout:country-choices"


class GatewayForm(OscarGatewayForm):
    """Oscar's gateway, with the password asked only of returning customers: marked required in the HTML, it
    stopped guests in the browser and was announced as required to screen reader users."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get("options") == self.EXISTING and not self.cleaned_data.get("password"):
            self.add_error("password", _("Enter your password, or choose to continue as a guest."))
        return cleaned_data


def country_choices() -> list[tuple[str, str]]:
    """The country select's options as its ModelChoiceField lists them, kept in the cache (emptied when a
    country is saved or deleted: shop.catalogue.apps) instead of 249 rows read on every checkout page."""
    from django.core.cache import cache

    def build():
        return [("", "---------"), *((country.iso_3166_1_a2, str(country)) for country in Country.objects.all())]

    return cache.get_or_set(COUNTRY_CHOICES_KEY, build, 24 * 3600)


def country_choices_changed(sender, **kwargs) -> None:
    from django.core.cache import cache

    cache.delete(COUNTRY_CHOICES_KEY)


def purchase_reason_choices(language: str) -> list[tuple[str, str]]:
    """The standard reasons in the buyer's language (else English), keyed by their stable code; cached until a
    page or snippet is published or saved (the CMS then bumps the shop's content version: shop.content)."""
    from django.core.cache import cache

    key = f"shop:checkout:reasons:{content_cache_version()}:{language}"
    reasons = cache.get(key)
    if reasons is None:
        reasons = shop_content().purchase_reason_choices(language=language)
        cache.set(key, reasons, 3600)
    return reasons


class CertificateDetailsForm(forms.Form):
    """Who buys, the billing address, and what the certificate prints (seed 001)."""

    buyer_kind = forms.ChoiceField(
        label=_("I am buying as"), choices=BuyerKind.choices, widget=forms.RadioSelect, initial=BuyerKind.INDIVIDUAL
    )
    organization_name = forms.CharField(label=_("Organization name"), max_length=255, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=255)
    last_name = forms.CharField(label=_("Last name"), max_length=255)
    line1 = forms.CharField(
        label=_("First address line"),
        max_length=255,
        help_text=_("The name in this line is printed on the certificate unless you change it below."),
    )
    line2 = forms.CharField(label=_("Street and number"), max_length=255, required=False)
    line4 = forms.CharField(label=_("City"), max_length=255)
    postcode = forms.CharField(label=_("Postal code"), max_length=64, required=False)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="iso_3166_1_a2", widget=FastSelect
    )
    certificate_name = forms.CharField(
        label=_("Name on the certificate"),
        max_length=CERTIFICATE_NAME_MAX_LENGTH,
        required=False,
        help_text=_("Leave empty to use the organization name, or else the first address line."),
    )
    reason = forms.ChoiceField(label=_("Reason for the cancellation"), widget=forms.RadioSelect)
    reason_own_text = forms.CharField(
        label=_("Your own reason"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX_LENGTH}),
        help_text=_("At most %(max)s characters.") % {"max": REASON_MAX_LENGTH},
    )
    show_beneficiary_publicly = forms.BooleanField(
        label=_("Show the name on the certificate in the public history of cancellations"),
        required=False,
        help_text=_(
            "The reason is shown with the name. If you leave this unticked, neither your name nor your reason"
            " appears in the public history or on the public verification page."
        ),
    )
    confirm_adult = forms.BooleanField(
        label=_("I confirm that I am 18 years of age or older"),
        error_messages={"required": _("Only people aged 18 or older can buy cancellations.")},
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use"),
        error_messages={"required": _("You must accept the terms of use to continue.")},
    )

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_choices = purchase_reason_choices(language or get_language() or "en")
        self.fields["reason"].choices = [*self.reason_choices, (OWN_REASON, _("My own reason (type it below)"))]
        # Rendering only: validation still checks the submitted code against the countries table.
        self.fields["country"].widget.choices = country_choices()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("buyer_kind") == BuyerKind.ORGANIZATION and not cleaned.get("organization_name", "").strip():
            self.add_error("organization_name", _("Enter the name of the organization you represent."))
        reason = cleaned.get("reason")
        own_text = (cleaned.get("reason_own_text") or "").strip()
        if reason == OWN_REASON and not own_text:
            self.add_error("reason_own_text", _("Type your reason, or choose one of the standard reasons."))
        return cleaned

    def certificate_details(self) -> dict:
        """The dict order_place stores on the order, with the default certificate name applied."""
        data = self.cleaned_data
        organization = data["organization_name"].strip() if data["buyer_kind"] == BuyerKind.ORGANIZATION else ""
        name = data.get("certificate_name", "").strip() or organization or data["line1"].strip()
        if data["reason"] == OWN_REASON:
            code, text = "", data["reason_own_text"].strip()
        else:
            code, text = data["reason"], dict(self.reason_choices)[data["reason"]]
        return {
            "buyer_kind": data["buyer_kind"],
            "organization_name": organization,
            "certificate_name": name[:CERTIFICATE_NAME_MAX_LENGTH],
            "purchase_reason_code": code,
            "reason_text": text[:REASON_MAX_LENGTH],
            "show_beneficiary_publicly": bool(data.get("show_beneficiary_publicly")),
            "confirmed_adult": bool(data.get("confirm_adult")),
        }

    def billing_address(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "line1": data["line1"],
            "line2": data.get("line2", ""),
            "line4": data["line4"],
            "postcode": data.get("postcode", ""),
            "country": data["country"].pk,
        }
