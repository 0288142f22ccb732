from django.contrib import admin

from .models import BankTransferNote, BankTransferPart


class BankTransferNoteInline(admin.TabularInline):
    model = BankTransferNote
    extra = 0
    readonly_fields = ["author", "text", "sent_to_buyer", "created"]


@admin.register(BankTransferPart)
class BankTransferPartAdmin(admin.ModelAdmin):
    list_display = ["order", "partner", "amount", "currency", "status", "created", "paid_on"]
    list_filter = ["status", "partner"]
    search_fields = ["order__number", "payment_reference", "partner__name"]
    list_select_related = ["order", "partner"]
    readonly_fields = [
        "order",
        "partner",
        "amount",
        "currency",
        "status",
        "provider_notified_at",
        "in_progress_at",
        "paid_on",
        "payment_reference",
        "paid_recorded_at",
        "paid_by",
        "expired_at",
        "created",
        "updated",
    ]
    inlines = [BankTransferNoteInline]
