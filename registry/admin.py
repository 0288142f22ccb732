from django.contrib import admin

from registry.models import Cancellation, RegistryProject, UnitBlock


@admin.register(RegistryProject)
class RegistryProjectAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "mechanism", "host_country", "methodology"]
    list_filter = ["mechanism", "host_country", "sectoral_scopes"]
    search_fields = ["reference", "title"]


@admin.register(UnitBlock)
class UnitBlockAdmin(admin.ModelAdmin):
    list_display = ["registry_block_id", "project", "vintage", "account_kind", "share_of_proceeds_paid", "units_held"]
    list_filter = ["account_kind", "share_of_proceeds_paid", "vintage", "applicable_commitment_period"]
    search_fields = ["registry_block_id", "project__reference", "project__title"]
    list_select_related = ["project"]


@admin.register(Cancellation)
class CancellationAdmin(admin.ModelAdmin):
    list_display = ["transaction_id", "block", "quantity", "status", "requested_at", "completed_at"]
    list_filter = ["status"]
    search_fields = ["transaction_id", "idempotency_key", "beneficiary"]
    list_select_related = ["block"]
