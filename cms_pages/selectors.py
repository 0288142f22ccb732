"""Reads for the CMS pages; each keeps its page's query count fixed whatever the catalogue size."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum

from cms_pages.models import CoBenefitCategory, ProjectPage, ProjectPagePicture

PICTURE_RENDITIONS = ("fill-800x600", "fill-400x300")


def _pictures_prefetch() -> Prefetch:
    return Prefetch(
        "pictures",
        queryset=ProjectPagePicture.objects.select_related("image").prefetch_related("image__renditions"),
    )


def project_cancelled_total(*, registry_project_id: int) -> int:
    """CERs of one registry project cancelled for good (completed registry transactions)."""
    from registry.models import Cancellation

    total = Cancellation.objects.filter(
        block__project_id=registry_project_id, status=Cancellation.Status.COMPLETED
    ).aggregate(total=Sum("quantity"))["total"]
    return total or 0


def project_page_for_route(*, parent, slug: str) -> ProjectPage | None:
    """The child project page with its registry project and cancelled total, in one query."""
    from registry.models import Cancellation

    cancelled = (
        Cancellation.objects.filter(
            block__project_id=OuterRef("registry_project_id"), status=Cancellation.Status.COMPLETED
        )
        .values("block__project_id")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return (
        ProjectPage.objects.child_of(parent)
        .filter(slug=slug)
        .select_related("registry_project", "locale")
        .annotate(cancelled_total=Subquery(cancelled))
        .first()
    )


def project_page_context(*, page: ProjectPage) -> dict:
    """Pictures, co-benefits grouped by category, the registry facts, the live offers and the cancellation total."""
    from shop.selectors import project_offers_live

    pictures = list(page.pictures.select_related("image").prefetch_related("image__renditions"))
    co_benefits = list(page.co_benefits.select_related("co_benefit_type"))
    groups = []
    for category, label in CoBenefitCategory.choices:
        items = [item for item in co_benefits if item.co_benefit_type.category == category]
        if items:
            groups.append({"category": category, "label": label, "items": items})
    registry_project = page.registry_project
    return {
        "pictures": pictures,
        "co_benefit_groups": groups,
        "registry_project": registry_project,
        "sectoral_scopes": list(registry_project.sectoral_scopes.all()),
        "offers": project_offers_live(registry_project_id=registry_project.pk),
        "cancelled_total": (
            page.cancelled_total or 0
            if hasattr(page, "cancelled_total")
            else project_cancelled_total(registry_project_id=registry_project.pk)
        ),
    }


def project_pages_for_listing(*, parent=None, locale=None, translation_keys=None, limit: int | None = None):
    """Live project pages with their first picture ready to render, in a fixed number of queries."""
    pages = (
        ProjectPage.objects.live().select_related("registry_project", "locale").prefetch_related(_pictures_prefetch())
    )
    if parent is not None:
        pages = pages.child_of(parent)
    if locale is not None:
        pages = pages.filter(locale=locale)
    if translation_keys is not None:
        pages = pages.filter(translation_key__in=translation_keys)
    pages = pages.order_by("title")
    return list(pages[:limit] if limit else pages)


def site_counters() -> dict:
    """The home page's live counters: CERs cancelled, projects and host countries with a project page."""
    from registry.models import Cancellation, RegistryProject

    cancelled = Cancellation.objects.filter(status=Cancellation.Status.COMPLETED).aggregate(total=Sum("quantity"))
    projects = RegistryProject.objects.aggregate(
        projects=Count("pk", filter=Q(project_pages__live=True), distinct=True),
        countries=Count("host_country", filter=Q(project_pages__live=True), distinct=True),
    )
    return {
        "cers_cancelled": cancelled["total"] or 0,
        "projects": projects["projects"],
        "host_countries": projects["countries"],
    }


def featured_project_pages(*, page, limit: int = 3) -> list:
    """The home page's chosen projects in the page's language (else the first ones published), in 2 queries."""
    chosen_keys = [item.project_page.translation_key for item in page.featured_projects.select_related("project_page")]
    if chosen_keys:
        pages = project_pages_for_listing(locale=page.locale, translation_keys=chosen_keys)
        by_key = {project.translation_key: project for project in pages}
        return [by_key[key] for key in chosen_keys if key in by_key][:limit]
    return project_pages_for_listing(locale=page.locale, limit=limit)


def home_page_context(*, page) -> dict:
    return {"counters": site_counters(), "featured_projects": featured_project_pages(page=page)}


def pages_search(*, query: str, language: str, limit: int = 20) -> list:
    """Live public pages (campaign, FAQ, projects...) in the visitor's language matching the query."""
    from wagtail.models import Locale, Page

    locale = Locale.objects.filter(language_code=language).first()
    if not query.strip() or locale is None:
        return []
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1)
    return list(pages.search(query, operator="and")[:limit])


def page_route_prime(request, path: str) -> None:
    """Route the request the way Page.route_for_request does (site root in the visitor's language, then down the
    path) but find the home page in one query instead of three (Locale, its translation, the specific page).

    The result goes where Wagtail caches its own (request._wagtail_route_for_request), so wagtail.views.serve uses it.
    Sites whose root is not our HomePage are left to Wagtail.
    """
    from django.http import Http404
    from django.utils import translation
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Site

    from cms_pages.models import HomePage

    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None or site.root_page.specific_class is not HomePage:
        return
    root = site.root_page
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = None
    # Like Page.localized: the translation only when it is live, else the root page itself.
    home = None
    if language:
        home = HomePage.objects.filter(
            translation_key=root.translation_key, locale__language_code=language, live=True
        ).first()
    home = home or root.specific
    try:
        request._wagtail_route_for_request = home.route(request, [part for part in path.split("/") if part])
    except Http404:
        request._wagtail_route_for_request = None
