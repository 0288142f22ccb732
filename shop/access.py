"""Who is platform staff: the one access rule behind every staff power of the shop.

Platform staff act for every provider (offers, settings, bank transfers, orders and buyers' contacts), resolve
failed cancellations, and use Oscar's dashboard and the Django admin. It is the permission
`partner.act_as_platform_staff` (declared on Partner.Meta), held by superusers implicitly and by the
"Platform administrators" group (cms_pages/roles.py). Neither `is_staff` nor Wagtail access implies it: the
communications editors and translators work in Wagtail and have no power over offers, payments or buyers' data.
"""

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied

PLATFORM_STAFF_PERMISSION = "partner.act_as_platform_staff"


def user_is_platform_staff(user) -> bool:
    """True for an active user holding the platform-staff permission (superusers hold every permission)."""
    return bool(user is not None and user.is_authenticated and user.has_perm(PLATFORM_STAFF_PERMISSION))


def platform_staff_required(view=None, *, login_url=None):
    """View decorator: anonymous visitors are sent to log in; signed-in users without the permission get 403."""

    def check(user) -> bool:
        if user_is_platform_staff(user):
            return True
        if user.is_authenticated:
            raise PermissionDenied
        return False

    decorator = user_passes_test(check, login_url=login_url)
    return decorator(view) if view is not None else decorator
