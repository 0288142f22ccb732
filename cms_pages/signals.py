def home_page_published(sender, instance, **kwargs):
    """A new language's home page gets its role permissions (editors: English; translators: French, Spanish)."""
    if instance.depth != 2:
        return
    from django.apps import apps

    from cms_pages.roles import roles_page_permissions_sync

    roles_page_permissions_sync(apps)


def page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        from cms_pages.cache import pages_cache_invalidate

        pages_cache_invalidate()
