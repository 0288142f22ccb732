"""Staff view of the registry mirror. The registry is the source of truth: rows are read-only here;
the actions ask the registry again (sync) or finish an interrupted cancellation with its own key."""

from django.contrib import admin, messages
from django.db.models import Count, Sum
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.client import RegistryError
from registry.models import Cancellation, RegistryProject, UnitBlock


class ReadOnlyMirrorAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UnitBlockInline(admin.TabularInline):
    model = UnitBlock
    fields = ["registry_block_id", "account_number", "account_kind", "vintage", "serial_block", "units_held"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("serials"))
    def serial_block(self, block):
        return str(block.serial_range)


@admin.register(RegistryProject)
class RegistryProjectAdmin(ReadOnlyMirrorAdmin):
    list_display = ["reference", "title", "mechanism", "host_country", "scopes", "methodology", "blocks", "units"]
    list_filter = ["mechanism", "host_country", "sectoral_scopes"]
    search_fields = ["reference", "title", "methodology"]
    inlines = [UnitBlockInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(block_count=Count("blocks", distinct=True), unit_total=Sum("blocks__units_held"))
            .prefetch_related("sectoral_scopes")
        )

    @admin.display(description=_("sectoral scopes"))
    def scopes(self, project):
        return ", ".join(str(scope.number) for scope in project.sectoral_scopes.all())

    @admin.display(description=_("blocks"), ordering="block_count")
    def blocks(self, project):
        return project.block_count

    @admin.display(description=_("units held"), ordering="unit_total")
    def units(self, project):
        return project.unit_total or 0


@admin.action(description=_("Sync the accounts of the selected blocks from the registry"))
def unit_blocks_sync(modeladmin, request, queryset):
    from registry.services import registry_sync

    accounts = sorted(set(queryset.values_list("account_number", flat=True)))
    report = registry_sync(accounts=accounts)
    modeladmin.message_user(request, report.summary(), messages.WARNING if report.errors else messages.SUCCESS)
    for account, error in report.errors.items():
        modeladmin.message_user(request, f"{account}: {error}", messages.ERROR)


@admin.register(UnitBlock)
class UnitBlockAdmin(ReadOnlyMirrorAdmin):
    list_display = [
        "registry_block_id",
        "project",
        "account_number",
        "account_kind",
        "vintage",
        "commitment_periods",
        "share_of_proceeds_paid",
        "eligible",
        "units_held",
        "synced_at",
    ]
    list_filter = [
        "account_kind",
        "share_of_proceeds_paid",
        "issued",
        "project__mechanism",
        "originating_party",
        "applicable_commitment_period",
        "vintage",
    ]
    search_fields = ["registry_block_id", "account_number", "project__reference", "project__title"]
    list_select_related = ["project"]
    readonly_fields = ["first_serial", "last_serial", "block_form"]
    actions = [unit_blocks_sync]

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("CP (original/applicable)"))
    def commitment_periods(self, block):
        return f"{block.original_commitment_period}/{block.applicable_commitment_period}"

    @admin.display(description=_("eligible for sale"), boolean=True)
    def eligible(self, block):
        return block.is_eligible_for_sale

    @admin.display(description=_("first serial"))
    def first_serial(self, block):
        return block.first_serial

    @admin.display(description=_("last serial"))
    def last_serial(self, block):
        return block.last_serial

    @admin.display(description=_("DES block"))
    def block_form(self, block):
        return block.serial_range.block_form()


@admin.action(description=_("Finish the selected cancellations in the registry (same idempotency key)"))
def cancellations_retry(modeladmin, request, queryset):
    from registry.services import cancellation_request

    done = 0
    for cancellation in queryset.exclude(status=Cancellation.Status.COMPLETED).select_related("block"):
        try:
            cancellation_request(
                block=cancellation.block,
                quantity=cancellation.quantity,
                beneficiary=cancellation.beneficiary,
                purpose=cancellation.purpose,
                idempotency_key=cancellation.idempotency_key,
            )
        except RegistryError as error:
            modeladmin.message_user(request, f"{cancellation.idempotency_key}: {error}", messages.ERROR)
        else:
            done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d cancellation completed.", "%(count)d cancellations completed.", done) % {"count": done},
    )


@admin.register(Cancellation)
class CancellationAdmin(ReadOnlyMirrorAdmin):
    list_display = ["transaction_id", "block", "quantity", "status", "beneficiary", "requested_at", "completed_at"]
    list_filter = ["status", "block__project__mechanism"]
    search_fields = ["transaction_id", "idempotency_key", "beneficiary", "block__registry_block_id"]
    list_select_related = ["block"]
    readonly_fields = ["serials"]
    actions = [cancellations_retry]
    date_hierarchy = "requested_at"

    @admin.display(description=_("serials cancelled"))
    def serials(self, cancellation):
        ranges = cancellation.serial_ranges or []
        if not ranges:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{} to {} ({})</li>", ((r["start"], r["end"], r.get("quantity", "")) for r in ranges)
            ),
        )
