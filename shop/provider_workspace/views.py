"""Provider workspace pages. Thin: parse the request, call a service, say what happened in the user's language."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from shop.access import user_is_platform_staff
from shop.provider_workspace import selectors, services
from shop.provider_workspace.forms import CancellationResolveForm, PartnerSettingsForm

FAILURES_PAGE_SIZE = 50


class ProviderWorkspaceMixin(LoginRequiredMixin):
    """Signed-in providers' representatives, and platform staff (who act for every provider)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.partners = selectors.partners_for_user(user=request.user)
            if not user_is_platform_staff(request.user) and not self.partners.exists():
                raise PermissionDenied(_("Only providers' representatives can use the provider workspace."))
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_is_platform_staff(request.user):
            raise PermissionDenied(_("Only platform staff can open this page."))
        return super().dispatch(request, *args, **kwargs)


class ProviderHoldingsRefreshView(ProviderWorkspaceMixin, View):
    """Pull the provider's own registry accounts now (staff: every account), then back to the holdings page."""

    http_method_names = ["post"]

    def post(self, request):
        # Staff refresh everything; a provider, only the accounts mapped to the providers it represents.
        partners = [] if user_is_platform_staff(request.user) else list(self.partners)
        report = services.provider_holdings_refresh(user=request.user, partners=partners)
        if not report.accounts:
            messages.info(request, _("No registry accounts are mapped to you yet, so there is nothing to refresh."))
        elif report.errors:
            messages.error(
                request,
                _(
                    "The registry could not provide the holdings of %(accounts)s, so they are unchanged here. "
                    "Please try again in a few minutes; if this persists, contact the platform staff."
                )
                % {"accounts": ", ".join(sorted(report.errors))},
            )
        if report.accounts and len(report.errors) < len(report.accounts):
            messages.success(
                request,
                _(
                    "Holdings refreshed from the registry: %(created)s new blocks, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "unchanged": report.unchanged,
                },
            )
        return redirect("provider-offers")


class ProviderSettingsRedirectView(ProviderWorkspaceMixin, View):
    """The settings of the (first) provider the user represents."""

    def get(self, request):
        partner = self.partners.first()
        if partner is None:
            messages.info(request, _("There are no providers yet."))
            return redirect("provider-offers")
        return redirect("provider-settings", partner_id=partner.pk)


class ProviderSettingsView(ProviderWorkspaceMixin, TemplateView):
    template_name = "shop/provider_settings.html"

    def get_partner(self):
        # Another provider's settings are simply not found.
        return get_object_or_404(self.partners, pk=self.kwargs["partner_id"])

    def get(self, request, partner_id):
        partner = self.get_partner()
        return self.render_to_response(
            self.get_context_data(partner=partner, form=PartnerSettingsForm(instance=partner))
        )

    def post(self, request, partner_id):
        partner = self.get_partner()
        # The form works on a copy: an invalid submission must not touch the provider we render.
        form = PartnerSettingsForm(request.POST, instance=self.get_partner())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(partner=partner, form=form), status=400)
        services.partner_settings_update(partner=partner, user=request.user, values=form.cleaned_data)
        messages.success(request, _("Your settings are saved."))
        return redirect("provider-settings", partner_id=partner.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = self.partners
        return context


class CancellationFailuresView(StaffRequiredMixin, TemplateView):
    """Staff: order lines the registry refused to cancel, oldest first, to retry or close by hand."""

    template_name = "shop/provider_staff_failures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_resolved = self.request.GET.get("resolved") == "1"
        paginator = Paginator(selectors.cancellation_failures(resolved=show_resolved), FAILURES_PAGE_SIZE)
        context.update(
            page_obj=paginator.get_page(self.request.GET.get("page")),
            paginator=paginator,
            show_resolved=show_resolved,
            resolve_form=CancellationResolveForm(),
        )
        return context


class CancellationRetryView(StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, line_id):
        try:
            services.line_cancellation_retry(line_id=line_id, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Line %(line)s is queued for cancellation again.") % {"line": line_id})
        return redirect("provider-staff-failures")


class CancellationResolveView(StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, line_id):
        form = CancellationResolveForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("provider-staff-failures")
        try:
            services.line_cancellation_resolve(line_id=line_id, user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Line %(line)s is marked resolved.") % {"line": line_id})
        return redirect("provider-staff-failures")


class CancellationRefundView(StaffRequiredMixin, View):
    """Staff give the buyer back a failed line's price: through PayPal, or recorded as sent back by the provider."""

    http_method_names = ["post"]

    def post(self, request, line_id):
        try:
            how = services.line_cancellation_refund(line_id=line_id, user=request.user, note=request.POST.get("note"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if how == "paypal":
                messages.success(
                    request,
                    _("The refund of line %(line)s was sent to PayPal; the buyer is emailed once PayPal confirms it.")
                    % {"line": line_id},
                )
            else:
                messages.success(
                    request,
                    _("Line %(line)s is recorded as refunded by bank transfer; the buyer was emailed.")
                    % {"line": line_id},
                )
        return redirect("provider-staff-failures")
