"""Checkout without shipping: gateway (sign in or guest email), buyer and certificate details, preview, place."""

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.cache import never_cache
from oscar.apps.checkout.views import *  # noqa: F403
from oscar.apps.checkout.views import IndexView as CoreIndexView
from oscar.apps.checkout.views import ThankYouView as CoreThankYouView
from oscar.core.loading import get_class

from shop.order.selectors import ORDER_SESSION_KEY, order_placed_from, order_status_summary, placement_token
from shop.selectors import basket_summary, terms_of_use_url
from shop.services import order_place

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
CertificateDetailsForm = get_class("checkout.forms", "CertificateDetailsForm")

SESSION_KEY = "shop_checkout_details"


class IndexView(CoreIndexView):
    success_url = reverse_lazy("checkout:details")

    def get_form_kwargs(self):
        # The returning-customer password goes through authenticate(request, ...), so login rate limiting applies.
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.is_new_account_checkout():
            # Oscar sends new accounts back to its shipping step; ours is the details step.
            self.success_url = self.success_url.replace(
                reverse("checkout:shipping-address"), reverse("checkout:details")
            )
            return redirect(self.success_url)
        return response


class CertificateDetailsView(CheckoutSessionMixin, generic.FormView):
    """Buyer (individual or organization, 18+, terms), billing address, certificate name, reason, public consent."""

    template_name = "oscar/checkout/certificate_details.html"
    form_class = CertificateDetailsForm
    pre_conditions = ["check_basket_is_not_empty", "check_basket_is_valid", "check_user_email_is_captured"]
    success_url = reverse_lazy("checkout:preview")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["language"] = get_language()
        if self.request.method == "GET" and self.request.session.get(SESSION_KEY):
            kwargs["initial"] = self.request.session[SESSION_KEY]
        elif self.request.method == "GET" and self.request.user.is_authenticated:
            user = self.request.user
            kwargs["initial"] = {"first_name": user.first_name, "last_name": user.last_name}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms_url"] = terms_of_use_url(language=get_language())
        return context

    def form_valid(self, form):
        # Raw values, so the form is rebuilt and re-validated when the order is placed.
        self.request.session[SESSION_KEY] = {
            name: (value.pk if hasattr(value, "pk") else value) for name, value in form.cleaned_data.items()
        }
        return super().form_valid(form)


class DetailsRequiredMixin:
    def details_form(self):
        data = self.request.session.get(SESSION_KEY)
        if not data:
            return None
        form = CertificateDetailsForm(
            data={key: ("on" if value is True else value) for key, value in data.items() if value not in (False, None)},
            language=get_language(),
        )
        return form if form.is_valid() else None

    def check_details_are_captured(self, request):
        from oscar.apps.checkout import exceptions

        if self.details_form() is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:details"), message=_("Please tell us who you are and what the certificate says.")
            )


# A second "Place order" that loses the race to the first one (SQLite's write lock) retries after these pauses.
PLACE_RETRY_DELAYS = (0.1, 0.25, 0.5, 1.0, 2.0)


# Not one request transaction: a submit that loses the race must see the winner's order once committed.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class PreviewView(DetailsRequiredMixin, CheckoutSessionMixin, generic.TemplateView):
    """Everything the buyer is about to order, the certificate preview link and the "Place order" button.

    "Place order" is idempotent: the form carries the signed basket id, and a second submit (a double click, even
    at the same moment) is sent to the order the first one placed instead of an error.
    """

    template_name = "oscar/checkout/preview.html"
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_details_are_captured",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.details_form()
        context.update(basket_summary(basket=self.request.basket))
        context["certificate"] = form.certificate_details()
        context["billing_address"] = form.cleaned_data
        context["guest_email"] = self.checkout_session.get_guest_email()
        context["placement"] = placement_token(basket=self.request.basket)
        return context

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            # The first submit already placed it (and emptied the basket): both lead to the same order.
            placed = order_placed_from(placement=request.POST.get("placement", ""))
            if placed is not None:
                self.checkout_session = CheckoutSessionData(request)
                return self._to_order(placed)
        return super().dispatch(request, *args, **kwargs)

    def _to_order(self, order):
        self.request.session.pop(SESSION_KEY, None)
        self.checkout_session.flush()
        self.request.session[ORDER_SESSION_KEY] = order.pk
        return redirect("checkout:thank-you")

    def post(self, request, *args, **kwargs):
        form = self.details_form()
        place = {
            "basket": request.basket,
            "user": request.user,
            "guest_email": self.checkout_session.get_guest_email() or "",
            "billing_address": form.billing_address(),
            "certificate": form.certificate_details(),
            "language": get_language() or "en",
            "request": request,
        }
        for delay in (*PLACE_RETRY_DELAYS, None):
            try:
                order = order_place(**place)
                break
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("basket:summary")
            except (IntegrityError, OperationalError):
                # The other submit of this basket is placing its order (same number, or SQLite's write lock held).
                placed = order_placed_from(placement=request.POST.get("placement", ""))
                if placed is not None:
                    return self._to_order(placed)
                if delay is None:
                    raise
                time.sleep(delay)
        return self._to_order(order)


class CertificatePreviewView(DetailsRequiredMixin, CheckoutSessionMixin, generic.View):
    """The attestation as it will look, from the fulfilment template, marked as a preview."""

    pre_conditions = ["check_basket_is_not_empty", "check_details_are_captured"]

    def get(self, request, *args, **kwargs):
        from shop.certificates.rendering import certificate_pdf_render
        from shop.selectors import certificate_preview_data

        form = self.details_form()
        data = certificate_preview_data(basket=request.basket, certificate=form.certificate_details())
        pdf = certificate_pdf_render(data=data, language=get_language() or "en", preview=True)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
        return response


@method_decorator(never_cache, name="dispatch")
class ThankYouView(CoreThankYouView):
    """The order just placed, with where each line stands (the same summary as the order status page)."""

    template_name = "oscar/checkout/thank_you.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(order_status_summary(order=self.object))
        return context
