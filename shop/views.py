from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from oscar.core.loading import get_class

from shop.access import user_is_platform_staff
from shop.services import account_close


class AccountCloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that my account is closed for good and my personal data removed."),
        error_messages={"required": gettext_lazy("Tick the box to confirm that you want to close your account.")},
    )


class AccountCloseView(LoginRequiredMixin, FormView):
    """A buyer closes their own account; the orders stay, without the personal data."""

    template_name = "oscar/customer/account_close.html"
    form_class = AccountCloseForm

    def form_valid(self, form):
        account_close(user=self.request.user)
        logout(self.request)
        messages.success(self.request, _("Your account is closed and your personal data removed."))
        return redirect("catalogue:index")


class LogoutView(get_class("customer.views", "LogoutView")):
    """Oscar's sign-out, by POST only (the account menu's button): a link or an image elsewhere cannot sign anyone out."""

    http_method_names = ["post", "options"]


class ProviderOfferForm(forms.Form):
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity (CERs)"),
        min_value=1,
        error_messages={
            "invalid": gettext_lazy("Enter the quantity as a whole number of CERs."),
            "min_value": gettext_lazy("The quantity must be at least one CER."),
            "required": gettext_lazy("Enter the quantity as a whole number of CERs."),
        },
    )
    price = forms.DecimalField(
        label=gettext_lazy("Price per CER (USD)"),
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": gettext_lazy("Enter the price per CER as a number, for example 12.50.")},
    )


class ProviderRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        from django.core.exceptions import PermissionDenied

        from shop.provider_workspace.selectors import partners_for_user

        if request.user.is_authenticated:
            # Staff see and act for every provider.
            self.partners = list(partners_for_user(user=request.user))
            if not self.partners and not user_is_platform_staff(request.user):
                raise PermissionDenied(_("Only providers' representatives can manage offers."))
        return super().dispatch(request, *args, **kwargs)


class ProviderOffersView(ProviderRequiredMixin, TemplateView):
    """A provider's registry holdings, its live offers, and forms to publish or withdraw them."""

    template_name = "shop/provider_offers.html"

    def get_context_data(self, **kwargs):
        from shop.selectors import provider_holdings

        context = super().get_context_data(**kwargs)
        context["providers"] = [
            {"partner": partner, "blocks": provider_holdings(partner=partner)} for partner in self.partners
        ]
        context["form"] = ProviderOfferForm()
        return context


class ProviderOfferPublishView(ProviderRequiredMixin, View):
    def post(self, request, block_id):
        from django.core.exceptions import ValidationError
        from django.shortcuts import get_object_or_404

        from registry.models import UnitBlock
        from shop.provider_workspace.selectors import partner_registry_accounts
        from shop.services import offer_publish

        # Another provider's block is simply not found.
        blocks = UnitBlock.objects.all()
        if not user_is_platform_staff(request.user):
            blocks = blocks.filter(account_number__in=partner_registry_accounts(partners=self.partners))
        block = get_object_or_404(blocks, pk=block_id)
        form = ProviderOfferForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("provider-offers")
        try:
            offer_publish(
                block=block, quantity=form.cleaned_data["quantity"], price=form.cleaned_data["price"], user=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your offer is published."))
        return redirect("provider-offers")


class ProviderOfferWithdrawView(ProviderRequiredMixin, View):
    def post(self, request, product_id):
        from django.core.exceptions import ValidationError
        from django.shortcuts import get_object_or_404
        from oscar.core.loading import get_model

        from shop.services import offer_withdraw

        # Another provider's offer is simply not found.
        products = get_model("catalogue", "Product").objects.all()
        if not user_is_platform_staff(request.user):
            products = products.filter(stockrecords__partner__in=self.partners).distinct()
        product = get_object_or_404(products, pk=product_id)
        try:
            offer_withdraw(product=product, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your offer is withdrawn."))
        return redirect("provider-offers")
