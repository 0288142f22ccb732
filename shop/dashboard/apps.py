import oscar.apps.dashboard.apps as apps
from django.views.decorators.cache import never_cache

from shop.access import platform_staff_required


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, for platform staff only.

    Oscar opens it to every `is_staff` user (and to partners with partner.dashboard_access); the CMS editors and
    translators may be `is_staff`, and providers have their own workspace. This app's URL decorator also wraps every
    sub-dashboard's views (post_process_urls walks the includes), so one rule guards them all.
    """

    name = "shop.dashboard"
    # Signing in and out must stay reachable to whoever is not (yet) platform staff.
    open_views = {"login", "logout"}

    def get_url_decorator(self, pattern):
        oscar_decorator = super().get_url_decorator(pattern)
        if pattern.name in self.open_views:
            return oscar_decorator

        def decorate(view):
            if oscar_decorator is not None:
                view = oscar_decorator(view)
            # Orders, buyers and their CSV exports: no browser or proxy may keep a copy.
            return never_cache(platform_staff_required(view, login_url=self.login_url))

        return decorate
