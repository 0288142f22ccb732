"""Reads the public API needs beyond the shop's and fulfilment's own selectors, in a fixed number of queries.

Offers come from shop.selectors (the catalogue's filters), the ledger and certificates from
shop.fulfilment.selectors (the public history's privacy rule); only what they lack is here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from registry.models import Cancellation, RegistryProject
from shop.fulfilment.selectors import HistoryFilters, cancellation_history
from shop.selectors import offers_live, project_pages_by_project


@dataclass(frozen=True)
class ProjectFilters:
    """The project list's filters; None means "any"."""

    country: str | None = None
    scope: int | None = None
    mechanism: str | None = None
    co_benefit: str | None = None


def _live_page_with_co_benefit(code: str):
    from cms_pages.models import ProjectPageCoBenefit

    return Exists(
        ProjectPageCoBenefit.objects.filter(
            page__registry_project_id=OuterRef("pk"), page__live=True, co_benefit_type__code=code
        )
    )


def projects_public() -> QuerySet[RegistryProject]:
    """Projects the platform shows: those with a live project page or a live offer with units left."""
    from cms_pages.models import ProjectPage

    has_page = Exists(ProjectPage.objects.live().filter(registry_project_id=OuterRef("pk")))
    has_offer = Exists(offers_live().filter(product__unit_block__project_id=OuterRef("pk")))
    return RegistryProject.objects.filter(has_page | has_offer)


def projects_filter(*, filters: ProjectFilters) -> QuerySet[RegistryProject]:
    projects = projects_public()
    if filters.country:
        projects = projects.filter(host_country=filters.country)
    if filters.mechanism:
        projects = projects.filter(mechanism=filters.mechanism)
    if filters.scope:
        # Exists rather than a join: a project in several scopes must appear once.
        projects = projects.filter(
            Exists(
                RegistryProject.sectoral_scopes.through.objects.filter(
                    registryproject_id=OuterRef("pk"), sectoralscope_id=filters.scope
                )
            )
        )
    if filters.co_benefit:
        projects = projects.filter(_live_page_with_co_benefit(filters.co_benefit))
    return projects.order_by("reference", "pk")


def project_by_reference(*, reference: str) -> RegistryProject | None:
    if not reference or len(reference) > 64:
        return None
    return projects_public().filter(reference=reference).first()


@dataclass
class ProjectSummary:
    project: RegistryProject
    page: object | None
    offers_available: int
    tonnes_available: int
    tonnes_cancelled: int

    @property
    def title(self) -> str:
        return self.page.title if self.page else self.project.title

    @property
    def co_benefits(self) -> list:
        return [item.co_benefit_type for item in self.page.co_benefits.all()] if self.page else []


def project_summaries(*, projects: list[RegistryProject], language: str) -> list[ProjectSummary]:
    """Each project with its page in the visitor's language, its live offers and its cancelled tonnes.

    The numbers are those the catalogue (live offers) and the project page (completed cancellations) show.
    """
    ids = [project.pk for project in projects]
    if not ids:
        return []
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(projects, "sectoral_scopes")
    pages = project_pages_by_project(project_ids=ids, language=language)
    offer_stats = {
        row["project_id"]: row
        for row in offers_live()
        .filter(product__unit_block__project_id__in=ids)
        .order_by()
        .values(project_id=F("product__unit_block__project_id"))
        .annotate(
            offers=Count("pk"),
            tonnes=Sum(F("num_in_stock") - Coalesce(F("num_allocated"), Value(0))),
        )
    }
    cancelled = dict(
        Cancellation.objects.filter(block__project_id__in=ids, status=Cancellation.Status.COMPLETED)
        .order_by()
        .values_list("block__project_id")
        .annotate(total=Sum("quantity"))
    )
    return [
        ProjectSummary(
            project=project,
            page=pages.get(project.pk),
            offers_available=offer_stats.get(project.pk, {}).get("offers", 0),
            tonnes_available=offer_stats.get(project.pk, {}).get("tonnes", 0) or 0,
            tonnes_cancelled=cancelled.get(project.pk, 0) or 0,
        )
        for project in projects
    ]


ANONYMOUS = "anonymous"


def cancellations_public(*, filters: HistoryFilters, beneficiary: str = "") -> QuerySet:
    """The public history's rows (same privacy rule), optionally narrowed to one public beneficiary.

    "anonymous" selects the rows of buyers who did not agree to be named; a private name matches nothing.
    """
    rows = cancellation_history(filters=filters)
    beneficiary = beneficiary.strip()
    if beneficiary.lower() == ANONYMOUS:
        rows = rows.filter(public_beneficiary="")
    elif beneficiary:
        rows = rows.filter(Q(public_beneficiary__iexact=beneficiary) & ~Q(public_beneficiary=""))
    return rows


def cancellations_public_totals(*, rows: QuerySet) -> dict:
    totals = rows.order_by().aggregate(tonnes=Sum("quantity"), certificates=Count("pk"))
    return {"certificates": totals["certificates"] or 0, "tonnes": totals["tonnes"] or 0}
