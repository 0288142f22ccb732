"""Cancellation statistics for the statistics page: aggregate reads of the certificates, and SVG bar charts.

Every certificate is one completed cancellation of one order line, so summing certificate quantities counts
the CERs cancelled through the platform. Four aggregate queries, whatever the number of certificates.
"""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.translation import gettext as _

from core.countries import country_name
from registry.models import SECTORAL_SCOPES
from shop.order.models import BuyerKind

# Geometry of the bar charts (SVG user units; the SVG scales to its container).
CHART_WIDTH = 640
ROW_HEIGHT = 44
LABEL_HEIGHT = 16
BAR_HEIGHT = 18
VALUE_SPACE = 90


@dataclass
class ChartRow:
    label: str
    value: int
    label_y: int = 0
    bar_y: int = 0
    bar_width: int = 0
    value_x: int = 0


@dataclass
class BarChart:
    slug: str
    title: str
    label_heading: str
    rows: list[ChartRow] = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = 0
    bar_height: int = BAR_HEIGHT

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)

    @property
    def description(self) -> str:
        if not self.rows:
            return _("No CERs have been cancelled yet.")
        largest = max(self.rows, key=lambda row: row.value)
        return _(
            "Horizontal bar chart, %(count)s bars, %(total)s tonnes CO2e in all; the largest is %(label)s with "
            "%(value)s tonnes CO2e. The table next to the chart gives every number."
        ) % {"count": len(self.rows), "total": self.total, "label": largest.label, "value": largest.value}


def bar_chart_build(*, slug: str, title: str, label_heading: str, rows: list[tuple[str, int]]) -> BarChart:
    """Lay out one horizontal bar per row: its label above it, its value at its end."""
    chart = BarChart(slug=slug, title=title, label_heading=label_heading)
    largest = max((value for _label, value in rows), default=0)
    scale = (CHART_WIDTH - VALUE_SPACE) / largest if largest else 0
    for position, (label, value) in enumerate(rows):
        top = position * ROW_HEIGHT
        width = max(round(value * scale), 1 if value else 0)
        chart.rows.append(
            ChartRow(
                label=label,
                value=value,
                label_y=top + LABEL_HEIGHT - 2,
                bar_y=top + LABEL_HEIGHT + 2,
                bar_width=width,
                value_x=width + 6,
            )
        )
    chart.height = max(len(rows), 1) * ROW_HEIGHT
    return chart


def _certificates():
    from shop.fulfilment.models import Certificate

    # Sorting by the model's default ordering would split the groups.
    return Certificate.objects.order_by()


def cancellations_by_quarter() -> list[tuple[int, int, int]]:
    """(year, quarter, tonnes) for every quarter with cancellations, oldest first."""
    rows = (
        _certificates()
        .annotate(y=ExtractYear("cancelled_at"), q=ExtractQuarter("cancelled_at"))
        .values("y", "q")
        .annotate(total=Sum("quantity"))
        .order_by("y", "q")
    )
    return [(row["y"], row["q"], row["total"]) for row in rows]


def cancellations_by_buyer_kind() -> dict[str, int]:
    rows = (
        _certificates()
        .values("line__order__certificate_details__buyer_kind")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    return {row["line__order__certificate_details__buyer_kind"] or "": row["total"] for row in rows}


def cancellations_by_sectoral_scope() -> dict[int | None, int]:
    """Tonnes per sectoral scope; a project in several scopes counts in each of them."""
    rows = _certificates().values("project__sectoral_scopes__number").annotate(total=Sum("quantity")).order_by()
    return {row["project__sectoral_scopes__number"]: row["total"] for row in rows}


def cancellations_by_host_country() -> dict[str, int]:
    rows = _certificates().values("host_country").annotate(total=Sum("quantity")).order_by()
    return {row["host_country"]: row["total"] for row in rows}


def statistics_charts() -> list[BarChart]:
    """The charts of the statistics page, labelled in the active language."""
    quarters = cancellations_by_quarter()
    years: dict[int, int] = {}
    for year, _quarter, total in quarters:
        years[year] = years.get(year, 0) + total

    kinds = cancellations_by_buyer_kind()
    kind_labels = {BuyerKind.INDIVIDUAL: _("Individuals"), BuyerKind.ORGANIZATION: _("Organizations")}
    kind_rows = [(label, kinds.get(kind, 0)) for kind, label in kind_labels.items()]
    unknown = sum(total for kind, total in kinds.items() if kind not in kind_labels)
    if unknown:
        kind_rows.append((_("Not stated"), unknown))

    scopes = cancellations_by_sectoral_scope()
    scope_names = dict(SECTORAL_SCOPES)
    scope_rows = [
        (f"{number}. {scope_names[number]}", total)
        for number, total in sorted((n, t) for n, t in scopes.items() if n is not None)
    ]
    if scopes.get(None):
        scope_rows.append((_("No sectoral scope recorded"), scopes[None]))

    countries = cancellations_by_host_country()
    country_rows = sorted(
        ((country_name(code), total) for code, total in countries.items()), key=lambda row: (-row[1], row[0])
    )

    return [
        bar_chart_build(
            slug="by-year",
            title=_("CERs cancelled by year"),
            label_heading=_("Year"),
            rows=[(str(year), total) for year, total in years.items()],
        ),
        bar_chart_build(
            slug="by-quarter",
            title=_("CERs cancelled by quarter"),
            label_heading=_("Quarter"),
            rows=[
                (_("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}, total)
                for year, quarter, total in quarters
            ],
        ),
        bar_chart_build(
            slug="by-purchaser",
            title=_("CERs cancelled by type of purchaser"),
            label_heading=_("Purchaser"),
            rows=kind_rows,
        ),
        bar_chart_build(
            slug="by-sectoral-scope",
            title=_("CERs cancelled by sectoral scope"),
            label_heading=_("Sectoral scope"),
            rows=scope_rows,
        ),
        bar_chart_build(
            slug="by-host-country",
            title=_("CERs cancelled by host country"),
            label_heading=_("Host country"),
            rows=country_rows,
        ),
    ]
