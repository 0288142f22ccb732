"""Provider workspace: the order lines on a provider's offers, searchable, paginated and exportable as CSV."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.csv import csv_response
from shop.access import user_is_platform_staff
from shop.order.models import LineStatus
from shop.selectors import CONTACT_VISIBLE_STATUSES, ProviderOrderFilters, provider_order_lines, provider_partners

PAGE_SIZE = 25


class ProviderOrderSearchForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Order number"), required=False, max_length=128)
    buyer = forms.CharField(label=gettext_lazy("Buyer (name or email)"), required=False, max_length=254)
    date_from = forms.DateField(
        label=gettext_lazy("Placed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("Placed until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    project = forms.CharField(label=gettext_lazy("Project (reference or title)"), required=False, max_length=255)

    def filters(self) -> ProviderOrderFilters:
        # An unreadable value (e.g. a bad date) is left out of cleaned_data, shown as a form error, and not applied.
        data = getattr(self, "cleaned_data", {})
        return ProviderOrderFilters(
            number=data.get("number") or "",
            buyer=data.get("buyer") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            project=data.get("project") or "",
        )


def line_row(line) -> dict:
    """What one row shows; the buyer's contacts only once payment is confirmed."""
    order = line.order
    address = order.billing_address
    visible = line.status in CONTACT_VISIBLE_STATUSES
    name = ""
    if address is not None:
        name = f"{address.first_name} {address.last_name}".strip()
    if not name and order.user is not None:
        name = order.user.get_full_name()
    return {
        "line": line,
        "number": order.number,
        "date": order.date_placed,
        "project": line.unit_block.project if line.unit_block_id else None,
        "provider": line.partner,
        "quantity": line.quantity,
        "amount": line.line_price_incl_tax,
        "currency": order.currency,
        "status": (
            LineStatus.EXPIRED.label
            if line.status == LineStatus.PENDING_PAYMENT and getattr(line, "hold_overdue", False)
            else line.get_status_display()
        ),
        "contact_visible": visible,
        "buyer_name": name if visible else "",
        "buyer_email": order.email if visible else "",
        "buyer_address": ", ".join(address.active_address_fields()) if visible and address is not None else "",
    }


# Buyers' contacts: no browser or proxy may keep a copy (Cache-Control: private, no-store).
@method_decorator(never_cache, name="dispatch")
class ProviderOrdersView(LoginRequiredMixin, TemplateView):
    """The order lines on the provider's offers; staff see every provider's."""

    template_name = "shop/provider_orders.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.all_providers = user_is_platform_staff(request.user)
            self.partners = provider_partners(user=request.user)
            if not self.partners and not self.all_providers:
                raise PermissionDenied(_("Only providers' representatives can see orders on offers."))
        return super().dispatch(request, *args, **kwargs)

    def lines(self, form):
        return provider_order_lines(partners=self.partners, filters=form.filters(), all_providers=self.all_providers)

    def get(self, request, *args, **kwargs):
        # Always bound: every field is optional, so an empty query is a valid "everything".
        form = ProviderOrderSearchForm(request.GET)
        form.is_valid()
        if request.GET.get("format") == "csv":
            return self.csv_response(self.lines(form))
        paginator = Paginator(self.lines(form), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                paginator=paginator,
                page_obj=page_obj,
                rows=[line_row(line) for line in page_obj.object_list],
                query_without_page=query.urlencode(),
                all_providers=self.all_providers,
            )
        )

    def csv_response(self, lines):
        header = [
            _("Order number"),
            _("Date placed"),
            _("Provider"),
            _("Project"),
            _("Quantity (CERs)"),
            _("Amount"),
            _("Currency"),
            _("Status"),
            _("Buyer name"),
            _("Buyer email"),
            _("Buyer address"),
        ]
        hidden = _("shown after payment")

        def rows():
            for line in lines.iterator(chunk_size=500):
                row = line_row(line)
                project = row["project"]
                yield (
                    row["number"],
                    row["date"].isoformat(),
                    row["provider"].name,
                    f"{project.reference} {project.title}" if project else "",
                    row["quantity"],
                    row["amount"],
                    row["currency"],
                    row["status"],
                    row["buyer_name"] if row["contact_visible"] else hidden,
                    row["buyer_email"] if row["contact_visible"] else hidden,
                    row["buyer_address"] if row["contact_visible"] else hidden,
                )

        return csv_response(filename="provider-orders.csv", header=header, rows=rows())
