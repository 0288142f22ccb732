from django.contrib import admin
from oscar.apps.partner.admin import *  # noqa: F403
from oscar.apps.partner.admin import PartnerAdmin as CorePartnerAdmin
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
PartnerRegistryAccount = get_model("partner", "PartnerRegistryAccount")


class PartnerRegistryAccountInline(admin.TabularInline):
    model = PartnerRegistryAccount
    extra = 1


class PartnerAdmin(CorePartnerAdmin):
    """Staff map each provider to its registry accounts and projects, and set how it is paid."""

    list_display = ("name", "code", "paypal_email", "bank_transfer_enabled")
    filter_horizontal = ("registry_projects", "users")
    inlines = [PartnerRegistryAccountInline]


admin.site.unregister(Partner)
admin.site.register(Partner, PartnerAdmin)
