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


def offer_changed(sender, instance, **kwargs):
    """A stock record or offer product was saved (Oscar's allocate and consume send post_save too)."""
    from django.db import transaction

    from cms_pages.cache import project_pages_cache_invalidate

    product_id = getattr(instance, "product_id", None) or instance.pk
    # After commit: a visitor must not re-cache the old availability between the change and its commit.
    transaction.on_commit(lambda: project_pages_cache_invalidate(product_id=product_id))
