"""Staff view of fulfilment (Django admin): failed and late lines, and every certificate issued."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from shop.fulfilment.models import Certificate, LineFulfilment, ProviderNotification
from shop.fulfilment.services import line_fulfilment_enqueue
from shop.order.models import LineStatus


@admin.register(LineFulfilment)
class LineFulfilmentAdmin(admin.ModelAdmin):
    list_display = [
        "line",
        "order_number",
        "line_status",
        "paid_seen_at",
        "last_enqueued_at",
        "attempts",
        "completed_at",
        "last_error",
    ]
    # "cancellation_failed" here is where administrators find lines the registry refused.
    list_filter = ["line__status", "completed_at", "failure_alerted_at", "overdue_alerted_at"]
    search_fields = ["line__order__number", "line__unit_block__registry_block_id"]
    list_select_related = ["line", "line__order"]
    readonly_fields = [field.name for field in LineFulfilment._meta.fields]
    actions = ["requeue"]

    @admin.display(description=_("order"), ordering="line__order__number")
    def order_number(self, obj):
        return obj.line.order.number

    @admin.display(description=_("line status"), ordering="line__status")
    def line_status(self, obj):
        return obj.line.get_status_display()

    @admin.action(description=_("Queue the selected paid lines for fulfilment again"))
    def requeue(self, request, queryset):
        ids = list(
            queryset.filter(
                line__status__in=[LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLED]
            ).values_list("line_id", flat=True)
        )
        line_fulfilment_enqueue(line_ids=ids)
        self.message_user(request, _("%(count)s lines queued.") % {"count": len(ids)})

    def has_add_permission(self, request):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "presented_to", "project", "quantity", "cancelled_at", "language", "emailed_at"]
    list_filter = ["language", "host_country", "year", "show_beneficiary_publicly"]
    search_fields = ["number", "verification_code", "presented_to", "line__order__number", "transaction_id"]
    list_select_related = ["project"]
    # The PDF has no public URL (private storage): staff open it through the certificate's own view.
    readonly_fields = [field.name if field.name != "pdf" else "pdf_link" for field in Certificate._meta.fields]
    exclude = ["pdf"]

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        if not obj.pdf:
            return "-"
        url = reverse("fulfilment:certificate_pdf", kwargs={"code": obj.verification_code})
        return format_html('<a href="{}">{}</a>', url, _("Download the PDF"))

    def has_add_permission(self, request):
        return False


@admin.register(ProviderNotification)
class ProviderNotificationAdmin(admin.ModelAdmin):
    list_display = ["order", "partner", "sent_at"]
    list_select_related = ["order", "partner"]
    readonly_fields = ["order", "partner", "sent_at"]

    def has_add_permission(self, request):
        return False
