from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages")

    def ready(self):
        from wagtail.signals import page_published

        from cms_pages.signals import home_page_published

        page_published.connect(home_page_published, dispatch_uid="cms_pages_home_page_published")
