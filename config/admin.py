"""The Django admin, for platform staff only (shop/access.py).

Django's admin lets in every `is_staff` user and shows them the models their permissions allow; the CMS editors and
translators may be `is_staff` (Wagtail does not need it), so the admin also asks for the platform-staff permission.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PlatformAdminSite(admin.AdminSite):
    def has_permission(self, request):
        from shop.access import user_is_platform_staff

        return super().has_permission(request) and user_is_platform_staff(request.user)


class PlatformAdminConfig(AdminConfig):
    default_site = "config.admin.PlatformAdminSite"
