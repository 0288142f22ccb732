from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.forms import *  # noqa: F403
from oscar.apps.basket.forms import AddToBasketForm as CoreAddToBasketForm
from oscar.apps.basket.forms import BasketLineForm as CoreBasketLineForm

QUANTITY_ERRORS = {
    "required": _("Enter how many CERs you want, as a whole number."),
    "invalid": _("Enter the quantity as a whole number of CERs, for example 5."),
    "min_value": _("The quantity must be at least one CER."),
}


def _quantity_field():
    return forms.IntegerField(
        label=_("Quantity (CERs)"),
        min_value=1,
        initial=1,
        error_messages=QUANTITY_ERRORS,
        widget=forms.NumberInput(attrs={"step": 1, "min": 1, "inputmode": "numeric"}),
    )


class AddToBasketForm(CoreAddToBasketForm):
    """Whole CERs only; the availability check counts what the basket already holds."""

    quantity = _quantity_field()


class BasketLineForm(CoreBasketLineForm):
    """Zero is refused rather than read as "remove": removing a line is its own checkbox."""

    quantity = _quantity_field()
