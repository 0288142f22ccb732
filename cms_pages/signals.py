def home_page_published(sender, instance, **kwargs):
    """A new language's home page gets its role permissions (editors: English; translators: French, Spanish)."""
    if instance.depth != 2:
        return
    from django.apps import apps

    from cms_pages.roles import roles_page_permissions_sync

    roles_page_permissions_sync(apps)
