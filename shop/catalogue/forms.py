from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import SECTORAL_SCOPES, Mechanism
from shop.selectors import OfferFilters

SORT_CHOICES = [
    ("", _("Project")),
    ("price", _("Price, lowest first")),
    ("-price", _("Price, highest first")),
    ("vintage", _("Vintage, oldest first")),
    ("-vintage", _("Vintage, newest first")),
]


class OfferFilterForm(forms.Form):
    """The catalogue's GET filters: every combination is a plain, bookmarkable URL."""

    country = forms.ChoiceField(label=_("Host country"), required=False)
    scope = forms.TypedChoiceField(
        label=_("Sectoral scope"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(number, name) for number, name in SECTORAL_SCOPES],
    )
    vintage_min = forms.IntegerField(label=_("Vintage from"), required=False, min_value=1990, max_value=2100)
    vintage_max = forms.IntegerField(label=_("Vintage to"), required=False, min_value=1990, max_value=2100)
    price_min = forms.DecimalField(
        label=_("Price per CER from (USD)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    price_max = forms.DecimalField(
        label=_("Price per CER to (USD)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    co_benefit = forms.ChoiceField(label=_("Co-benefit"), required=False)
    mechanism = forms.ChoiceField(label=_("Mechanism"), required=False, choices=[("", _("Any")), *Mechanism.choices])
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, countries=(), co_benefits=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any")), *countries]
        self.fields["co_benefit"].choices = [("", _("Any")), *co_benefits]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("vintage_min"), cleaned.get("vintage_max")
        if low is not None and high is not None and low > high:
            self.add_error("vintage_max", _("The last vintage must not be before the first."))
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price must not be below the lowest."))
        return cleaned

    def filters(self) -> OfferFilters:
        """The valid filters only: a bad value is reported and ignored, never a server error."""
        self.is_valid()
        data = {name: value for name, value in getattr(self, "cleaned_data", {}).items() if name not in self.errors}
        return OfferFilters(
            country=data.get("country") or None,
            scope=data.get("scope"),
            vintage_min=data.get("vintage_min"),
            vintage_max=data.get("vintage_max"),
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            co_benefit=data.get("co_benefit") or None,
            mechanism=data.get("mechanism") or None,
            sort=data.get("sort") or "",
        )
