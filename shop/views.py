from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

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
