from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


def _page_translation_urls(page, request) -> dict[str, str]:
    """The URL of each live translation of the page, cached until the next publish."""
    from django.core.cache import cache

    from cms_pages.cache import pages_cache_version

    host = request.get_host() if request is not None else ""
    key = f"cms:translations:{pages_cache_version(request)}:{page.pk}:{host}"
    urls = cache.get(key)
    if urls is None:
        urls = {
            translation.locale.language_code: translation.get_url(request=request)
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
        cache.set(key, urls, 3600)
    return urls


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language: the page's translation for Wagtail pages, else the same URL."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = _page_translation_urls(page, request)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}


def _language_pages(name, queryset, request):
    """Cached per language and host until the next publish (menus then cost no query)."""
    from django.core.cache import cache

    from cms_pages.cache import pages_cache_version

    code = get_language() or settings.LANGUAGE_CODE
    host = request.get_host() if request is not None else ""
    key = f"cms:nav:{name}:{pages_cache_version(request)}:{code}:{host}"
    items = cache.get(key)
    if items is None:
        pages = queryset.live().filter(locale__language_code=code).order_by("path")
        items = [{"title": page.title, "url": page.get_url(request=request)} for page in pages]
        cache.set(key, items, 3600)
    return items


@register.simple_tag(takes_context=True)
def cms_menu_items(context):
    """The visitor's-language home page's children marked "show in menus" (one query)."""
    from wagtail.models import Page

    return _language_pages("menu", Page.objects.filter(depth=3, show_in_menus=True), context.get("request"))


@register.simple_tag(takes_context=True)
def cms_footer_items(context):
    """Links to the contact page and the standard pages (terms of use) in the visitor's language."""
    from wagtail.models import Page

    from cms_pages.models import ContactPage, StandardPage

    return _language_pages(
        "footer", Page.objects.filter(depth=3).type(ContactPage, StandardPage), context.get("request")
    )
