"""Reads of fulfilment: certificates, the public cancellation history, and lines the sweeper must look at.

The public pages and the public API use these; every function runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear
from oscar.core.loading import get_model

from registry.models import RegistryProject
from shop.fulfilment.models import Certificate
from shop.order.models import LineStatus

Line = get_model("order", "Line")


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this verification code, or None (the caller answers 404)."""
    if not code or len(code) > 64:
        return None
    return Certificate.objects.select_related("project").filter(verification_code=code).first()


@dataclass(frozen=True)
class HistoryFilters:
    """The public history's filters, as given in the query string; blank means no filter."""

    project: str = ""  # registry project reference
    country: str = ""  # ISO 3166-1 alpha-2
    year: int | None = None

    @classmethod
    def from_query(cls, query) -> HistoryFilters:
        year = query.get("year", "")
        return cls(
            project=query.get("project", "").strip()[:64],
            country=query.get("country", "").strip().upper()[:2],
            # isascii: str.isdigit() also accepts "²", which int() refuses.
            year=int(year) if year.isascii() and year.isdigit() and 1990 <= int(year) <= 2200 else None,
        )

    def as_query(self) -> dict:
        values = {"project": self.project, "country": self.country, "year": self.year or ""}
        return {key: value for key, value in values.items() if value}


def cancellation_history(*, filters: HistoryFilters | None = None) -> QuerySet[Certificate]:
    """Every issued certificate, newest first, with the beneficiary's name only where the buyer agreed.

    Each row has `public_beneficiary` and `public_reason` ("" for anonymous: the buyer's reason, which may be
    their own words, is published under the same consent as their name); the project comes in the same query.
    """
    filters = filters or HistoryFilters()
    queryset = Certificate.objects.select_related("project").annotate(
        public_beneficiary=Case(
            When(show_beneficiary_publicly=True, then=F("presented_to")),
            default=Value(""),
            output_field=CharField(),
        ),
        public_reason=Case(
            When(show_beneficiary_publicly=True, then=F("reason")),
            default=Value(""),
            output_field=CharField(),
        ),
    )
    if filters.project:
        queryset = queryset.filter(project__reference=filters.project)
    if filters.country:
        queryset = queryset.filter(host_country=filters.country)
    if filters.year:
        queryset = queryset.filter(cancelled_at__year=filters.year)
    # The private name and reason must never reach a public page: only the annotations are read there.
    return queryset.defer("presented_to", "reason", "line", "pdf").order_by("-cancelled_at", "-pk")


def cancellation_totals_by_beneficiary(*, filters: HistoryFilters | None = None) -> list[dict]:
    """Tonnes cancelled per public beneficiary (anonymous buyers together, as ""), largest first."""
    rows = (
        cancellation_history(filters=filters)
        .order_by()
        .values("public_beneficiary")
        .annotate(tonnes=Sum("quantity"), certificates=Count("pk"))
        .order_by("-tonnes", "public_beneficiary")
    )
    return list(rows)


def cancellation_history_totals(*, filters: HistoryFilters | None = None) -> dict:
    return cancellation_history(filters=filters).order_by().aggregate(tonnes=Sum("quantity"), certificates=Count("pk"))


def cancellation_history_choices() -> dict:
    """What the filters can be set to: projects, host countries and years that have cancellations."""
    projects = list(
        RegistryProject.objects.filter(certificates__isnull=False)
        .distinct()
        .order_by("reference")
        .values("reference", "title")
    )
    countries = list(Certificate.objects.order_by("host_country").values_list("host_country", flat=True).distinct())
    years = list(
        Certificate.objects.annotate(year_cancelled=ExtractYear("cancelled_at"))
        .order_by("-year_cancelled")
        .values_list("year_cancelled", flat=True)
        .distinct()
    )
    return {"projects": projects, "countries": countries, "years": years}


def lines_to_requeue(*, before: datetime) -> list[int]:
    """Paid lines not finished and not queued or tried since `before` (or never queued)."""
    unfinished = Q(status__in=[LineStatus.PAID, LineStatus.CANCELLING]) | Q(
        status=LineStatus.CANCELLED, fulfilment__isnull=False, fulfilment__completed_at__isnull=True
    )
    idle = (
        Q(fulfilment__isnull=True)
        | Q(fulfilment__last_enqueued_at__isnull=True)
        | Q(fulfilment__last_enqueued_at__lt=before)
    )
    return list(Line.objects.filter(unfinished & idle).order_by("pk").values_list("pk", flat=True))


def lines_overdue(*, before: datetime, lock: bool = False) -> list:
    """Paid lines seen paid before `before` that still have no certificate in the buyer's inbox, not yet alerted."""
    queryset = Line.objects.filter(
        status__in=[LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLED, LineStatus.CANCELLATION_FAILED],
        fulfilment__paid_seen_at__lt=before,
        fulfilment__completed_at__isnull=True,
        fulfilment__overdue_alerted_at__isnull=True,
    ).order_by("pk")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return list(queryset.select_related("order", "partner"))
