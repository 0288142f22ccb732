from django.contrib import admin

from .models import PayPalCapture, PayPalRefund, PayPalTransaction, PayPalWebhookEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PayPalTransaction)
class PayPalTransactionAdmin(ReadOnlyAdmin):
    list_display = ["created", "method", "path", "response_status", "error", "paypal_order_id", "duration_ms"]
    list_filter = ["method", "response_status"]
    search_fields = ["paypal_order_id", "path", "debug_id"]


@admin.register(PayPalWebhookEvent)
class PayPalWebhookEventAdmin(ReadOnlyAdmin):
    list_display = ["received", "event_type", "event_id", "resource_id", "paypal_order_id", "deliveries"]
    list_filter = ["event_type"]
    search_fields = ["event_id", "resource_id", "paypal_order_id"]


@admin.register(PayPalCapture)
class PayPalCaptureAdmin(ReadOnlyAdmin):
    list_display = ["created", "capture_id", "paypal_order_id", "reference_id", "amount", "currency", "status"]
    list_filter = ["status"]
    search_fields = ["capture_id", "paypal_order_id", "reference_id"]


@admin.register(PayPalRefund)
class PayPalRefundAdmin(ReadOnlyAdmin):
    list_display = ["created", "request_id", "reason", "amount", "currency", "status", "refund_id", "attempts"]
    list_filter = ["status", "reason"]
    search_fields = ["request_id", "refund_id", "capture__capture_id"]
