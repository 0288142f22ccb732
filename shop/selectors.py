"""Reads of the shop: the catalogue of live offers, in a fixed number of queries whatever its size."""

from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from oscar.core.loading import get_model

from core.countries import country_name
from registry.models import RegistryProject
from shop.content import content_cache_version, shop_content
from shop.order.models import LineStatus

StockRecord = get_model("partner", "StockRecord")

CATALOGUE_PAGE_SIZE = 20
SORT_ORDERS = {
    "": ("product__unit_block__project__reference", "product__unit_block__vintage", "price", "pk"),
    "price": ("price", "product__unit_block__vintage", "pk"),
    "-price": ("-price", "product__unit_block__vintage", "pk"),
    "vintage": ("product__unit_block__vintage", "price", "pk"),
    "-vintage": ("-product__unit_block__vintage", "price", "pk"),
}


@dataclass(frozen=True)
class OfferFilters:
    """What a buyer narrowed the catalogue to; None means "any"."""

    country: str | None = None
    scope: int | None = None
    vintage_min: int | None = None
    vintage_max: int | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    co_benefit: str | None = None
    mechanism: str | None = None
    sort: str = ""


def offers_live() -> QuerySet:
    """Stock records of live offers with units left to buy, one row per offer."""
    return (
        StockRecord.objects.filter(
            product__unit_block__isnull=False,
            product__withdrawn_at__isnull=True,
            product__suspended_at__isnull=True,  # the registry made the block ineligible
            product__is_public=True,
        )
        .annotate(num_available=F("num_in_stock") - Coalesce(F("num_allocated"), Value(0)))
        .filter(num_available__gt=0)
    )


def project_offers_live(*, registry_project_id: int) -> list:
    """Live offers of one registry project with units left, cheapest first, with block and provider, in 1 query."""
    return list(
        offers_live()
        .filter(product__unit_block__project_id=registry_project_id)
        .select_related("product", "product__unit_block", "partner")
        .order_by("price", "product__unit_block__vintage", "pk")
    )


def offers_filter(*, filters: OfferFilters) -> QuerySet:
    offers = offers_live()
    if filters.country:
        offers = offers.filter(product__unit_block__project__host_country=filters.country)
    if filters.mechanism:
        offers = offers.filter(product__unit_block__project__mechanism=filters.mechanism)
    if filters.scope:
        # Exists rather than a join: a project in several scopes must not repeat its offers.
        offers = offers.filter(
            Exists(
                RegistryProject.sectoral_scopes.through.objects.filter(
                    registryproject_id=OuterRef("product__unit_block__project_id"), sectoralscope_id=filters.scope
                )
            )
        )
    if filters.vintage_min is not None:
        offers = offers.filter(product__unit_block__vintage__gte=filters.vintage_min)
    if filters.vintage_max is not None:
        offers = offers.filter(product__unit_block__vintage__lte=filters.vintage_max)
    if filters.price_min is not None:
        offers = offers.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        offers = offers.filter(price__lte=filters.price_max)
    if filters.co_benefit:
        offers = offers.filter(
            product__unit_block__project_id__in=shop_content().co_benefit_project_ids(code=filters.co_benefit)
        )
    return offers.select_related("product", "product__unit_block", "product__unit_block__project", "partner").order_by(
        *SORT_ORDERS.get(filters.sort, SORT_ORDERS[""])
    )


def project_pages_by_project(*, project_ids, language: str) -> dict:
    """The live project page of each registry project in the visitor's language, else in the default language
    (written in the CMS: read through shop.content)."""
    return shop_content().project_pages(project_ids=project_ids, language=language)


@dataclass
class CatalogueProject:
    project: RegistryProject
    page: object | None
    offers: list

    @property
    def title(self) -> str:
        return self.page.title if self.page else self.project.title

    @property
    def picture(self):
        pictures = list(self.page.pictures.all()) if self.page else []
        return pictures[0] if pictures else None

    @property
    def co_benefits(self) -> list:
        return [item.co_benefit_type for item in self.page.co_benefits.all()] if self.page else []

    @property
    def country_name(self) -> str:
        return country_name(self.project.host_country)


def catalogue_group(*, offers: list, language: str) -> list[CatalogueProject]:
    """One page of offers grouped by project (in order of first appearance), with the project's page and scopes."""
    projects = OrderedDict()
    for offer in offers:
        project = offer.product.unit_block.project
        projects.setdefault(project.pk, (project, []))[1].append(offer)
    prefetch_related_objects([project for project, _items in projects.values()], "sectoral_scopes")
    pages = project_pages_by_project(project_ids=list(projects), language=language)
    return [
        CatalogueProject(project=project, page=pages.get(pk), offers=items) for pk, (project, items) in projects.items()
    ]


def catalogue_facets(*, language: str) -> dict:
    """The choices the filter form offers: host countries with live offers and co-benefit types."""
    codes = offers_live().values_list("product__unit_block__project__host_country", flat=True).distinct()
    countries = sorted(((code, country_name(code, language)) for code in set(codes)), key=lambda item: item[1])
    return {"countries": countries, "co_benefits": shop_content().co_benefit_choices(language=language)}


@dataclass
class ProviderTotal:
    partner: object
    tonnes: int
    total: Decimal
    currency: str


def basket_summary(*, basket) -> dict:
    """Total tonnes and the amount due to each provider (each is paid directly), in 2 queries."""
    lines = list(basket.all_lines())
    prefetch_related_objects(lines, "stockrecord__partner", "product__unit_block__project")
    providers: OrderedDict = OrderedDict()
    for line in lines:
        partner = line.stockrecord.partner
        entry = providers.setdefault(
            partner.pk, ProviderTotal(partner=partner, tonnes=0, total=Decimal("0.00"), currency=line.price_currency)
        )
        entry.tonnes += line.quantity
        entry.total += line.line_price_incl_tax or Decimal("0.00")
    return {
        "lines": lines,
        "total_tonnes": sum(line.quantity for line in lines),
        "provider_totals": list(providers.values()),
    }


def terms_of_use_url(*, language: str) -> str | None:
    """The Wagtail "terms-of-use" page in the visitor's language, else in the default language; cached until the
    next publish (every checkout page links to it)."""
    from django.core.cache import cache

    key = f"shop:terms-url:{content_cache_version()}:{language}"
    url = cache.get(key)
    if url is None:
        url = _terms_of_use_url(language=language) or ""
        cache.set(key, url, 3600)
    return url or None


def _terms_of_use_url(*, language: str) -> str | None:
    from wagtail.models import Page

    pages = {
        page.locale.language_code: page
        for page in Page.objects.live()
        .filter(slug="terms-of-use", locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
    }
    page = pages.get(language) or pages.get(settings.LANGUAGE_CODE)
    return page.get_url() if page else None


def certificate_preview_data(*, basket, certificate: dict):
    """What the certificate of the basket's first line will print, before anything is cancelled."""
    from shop.certificates.rendering import CertificateData

    lines = list(basket.all_lines())
    line = lines[0]
    block = line.product.unit_block
    project = block.project
    title = project.title
    pages = project_pages_by_project(project_ids=[project.pk], language=get_language() or settings.LANGUAGE_CODE)
    if project.pk in pages:
        title = pages[project.pk].title
    return CertificateData(
        number="PREVIEW",
        presented_to=certificate["certificate_name"],
        reason=certificate["reason_text"],
        project_title=title,
        project_reference=project.reference,
        host_country=project.host_country,
        mechanism=project.get_mechanism_display(),
        quantity=line.quantity,
        vintage=str(block.vintage),
        commitment_period=f"CP{block.applicable_commitment_period}",
    )


def provider_partners(*, user) -> list:
    """The providers a signed-in user represents."""
    Partner = get_model("partner", "Partner")
    return list(Partner.objects.filter(users=user).order_by("name"))


def provider_holdings(*, partner) -> list:
    """The partner's mapped registry blocks, each with its live offer (or None), units sold and units reserved by
    live holds, in 5 queries."""
    from django.db.models import Sum

    from registry.models import UnitBlock
    from shop.order.models import LineStatus

    Product = get_model("catalogue", "Product")
    blocks = list(
        UnitBlock.objects.filter(account_number__in=partner.registry_accounts.values("account_number"))
        .select_related("project")
        .order_by("project__reference", "vintage", "pk")
    )
    offers = {
        product.unit_block_id: product
        for product in Product.objects.filter(unit_block__in=blocks, withdrawn_at__isnull=True).prefetch_related(
            "stockrecords"
        )
    }
    # Sold: paid for, on every offer the block ever had (withdrawn ones too).
    sold = dict(
        get_model("order", "Line")
        .objects.filter(
            unit_block__in=blocks, status__in=[LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLED]
        )
        .order_by()
        .values_list("unit_block_id")
        .annotate(total=Sum("quantity"))
    )
    # Holds past PAYMENT_HOLD_MINUTES are released at the next expiry run (or a withdrawal): not reserved any more.
    from shop.holds.selectors import product_overdue_hold_quantities

    overdue = product_overdue_hold_quantities(product_ids=[product.pk for product in offers.values()])
    for block in blocks:
        block.units_sold = sold.get(block.pk, 0)
        block.live_offer = offers.get(block.pk)
        block.live_stockrecord = block.live_offer.stockrecords.all()[0] if block.live_offer else None
        block.units_reserved = (
            max((block.live_stockrecord.num_allocated or 0) - overdue.get(block.live_offer.pk, 0), 0)
            if block.live_stockrecord
            else 0
        )
    return blocks


# Once the money is in, the provider needs the buyer's contact details; before that they stay private.
CONTACT_VISIBLE_STATUSES = frozenset(
    {LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLED, LineStatus.CANCELLATION_FAILED}
)


@dataclass(frozen=True)
class ProviderOrderFilters:
    """What a provider narrowed its order lines to; None or "" means "any"."""

    number: str = ""
    buyer: str = ""
    date_from: object = None
    date_to: object = None
    project: str = ""


def provider_order_lines(*, partners, filters: ProviderOrderFilters, all_providers: bool = False) -> QuerySet:
    """Order lines on the given providers' offers (every provider's for staff), newest first, in one query."""
    Line = get_model("order", "Line")
    lines = Line.objects.select_related(
        "order",
        "order__user",
        "order__billing_address",
        "order__billing_address__country",
        "unit_block__project",
        "partner",
    )
    from shop.holds.selectors import orders_hold_overdue

    # A line awaiting payment whose hold time passed is as good as expired (released at the next expiry run).
    lines = lines.annotate(hold_overdue=Exists(orders_hold_overdue().filter(pk=OuterRef("order_id"))))
    if not all_providers:
        lines = lines.filter(partner__in=[partner.pk for partner in partners])
    if filters.number:
        lines = lines.filter(order__number__icontains=filters.number.strip())
    if filters.buyer:
        term = filters.buyer.strip()
        # Only where the page shows the buyer: a search must not reveal a contact the provider may not see yet.
        lines = lines.filter(status__in=CONTACT_VISIBLE_STATUSES).filter(
            Q(order__guest_email__icontains=term)
            | Q(order__user__email__icontains=term)
            | Q(order__billing_address__first_name__icontains=term)
            | Q(order__billing_address__last_name__icontains=term)
            | Q(order__user__first_name__icontains=term)
            | Q(order__user__last_name__icontains=term)
        )
    if filters.date_from:
        lines = lines.filter(order__date_placed__date__gte=filters.date_from)
    if filters.date_to:
        lines = lines.filter(order__date_placed__date__lte=filters.date_to)
    if filters.project:
        term = filters.project.strip()
        lines = lines.filter(
            Q(unit_block__project__reference__icontains=term) | Q(unit_block__project__title__icontains=term)
        )
    return lines.order_by("-order__date_placed", "-pk")
