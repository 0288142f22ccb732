from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from cms_pages import footprint

from .base_page import BasePage

NUMBER_ERRORS = {
    "invalid": _("Enter a number, for example 2500."),
    "min_value": _("Enter zero or a positive number."),
    "max_value": _("This is more than we can believe for one household: enter at most %(limit_value)s."),
    "max_decimal_places": _("Enter at most %(max)s decimal places."),
    "max_digits": _("Enter a smaller number."),
    "max_whole_digits": _("Enter a smaller number."),
}
COUNT_ERRORS = {**NUMBER_ERRORS, "invalid": _("Enter a whole number, for example 2.")}


def _amount(label, limit, help_text=""):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=limit,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        error_messages=NUMBER_ERRORS,
        widget=forms.NumberInput(attrs={"min": 0, "step": "any", "inputmode": "decimal"}),
    )


def _count(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=500,
        error_messages=COUNT_ERRORS,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
    )


def _choices(options, empty):
    return [("", empty), *((key, label) for key, (_code, label) in options.items())]


class FootprintForm(forms.Form):
    """The calculator's answers, all optional: an empty answer counts as zero."""

    electricity_kwh = _amount(_("Electricity (kWh per year)"), 100_000, _("See your electricity bills."))
    gas_kwh = _amount(_("Natural gas (kWh per year)"), 200_000)
    oil_litres = _amount(_("Heating oil (litres per year)"), 50_000)
    car_km = _amount(_("Car (km per year)"), 500_000)
    car_fuel = forms.ChoiceField(
        label=_("Car fuel"), required=False, choices=[(key, label) for key, (_c, label) in footprint.CAR_FUELS.items()]
    )
    flights_short = _count(_("Short flights (under 1,500 km), one way, per year"))
    flights_medium = _count(_("Medium flights (1,500 to 4,000 km), one way, per year"))
    flights_long = _count(_("Long flights (over 4,000 km), one way, per year"))
    diet = forms.ChoiceField(label=_("Diet"), required=False, choices=_choices(footprint.DIETS, _("Not counted")))
    lifestyle = forms.ChoiceField(
        label=_("Consumption of goods and services"),
        required=False,
        choices=_choices(footprint.LIFESTYLES, _("Not counted")),
    )

    SECTIONS = [
        (_("Household energy"), ["electricity_kwh", "gas_kwh", "oil_litres"]),
        (_("Transport"), ["car_km", "car_fuel", "flights_short", "flights_medium", "flights_long"]),
        (_("Diet and lifestyle"), ["diet", "lifestyle"]),
    ]

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class OffsetForm(forms.Form):
    tonnes = forms.IntegerField(min_value=1, max_value=100_000)


class FootprintCalculatorPage(BasePage):
    """The "Measure" page: a household's yearly footprint from emission factors editors keep up to date, then offset it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    reduce_text = RichTextField(
        _("after the result"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown under the result, for example tips to reduce before offsetting."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("reduce_text")]
    parent_page_types = ["cms_pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("footprint calculator page")
        verbose_name_plural = _("footprint calculator pages")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self._offset(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        bound = any(name in request.GET for name in FootprintForm.base_fields)
        form = FootprintForm(request.GET if bound else None)
        result = None
        if bound and form.is_valid():
            factors = footprint.emission_factors(language=get_language())
            result = footprint.footprint_calculate(answers=form.cleaned_data, factors=factors)
        context.update(
            {
                "form": form,
                "result": result,
                "catalogue_url": reverse("catalogue:index"),
            }
        )
        return context

    def _offset(self, request):
        form = OffsetForm(request.POST)
        back = request.POST.get("back", "")
        back = back if back.startswith(self.url or "/") else self.url
        if not form.is_valid():
            messages.error(request, _("Calculate your footprint first: the number of tonnes to offset is missing."))
            return HttpResponseRedirect(back)
        tonnes = form.cleaned_data["tonnes"]
        fill = footprint.basket_offset_fill(basket=request.basket, tonnes=tonnes)
        if fill.shortfall:
            messages.error(
                request,
                ngettext(
                    "Not enough CERs are on offer right now to offset %(tonnes)s tonne: nothing was added to "
                    "your basket. Choose what you can in the catalogue.",
                    "Not enough CERs are on offer right now to offset %(tonnes)s tonnes: nothing was added to "
                    "your basket. Choose what you can in the catalogue.",
                    tonnes,
                )
                % {"tonnes": tonnes},
            )
            return HttpResponseRedirect(back)
        messages.success(
            request,
            ngettext(
                "%(count)s CER from the cheapest offers is in your basket.",
                "%(count)s CERs from the cheapest offers are in your basket.",
                fill.added,
            )
            % {"count": fill.added},
        )
        return HttpResponseRedirect(reverse("basket:summary"))
