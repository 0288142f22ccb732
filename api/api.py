"""The public JSON API v1: projects, offers, the cancellation ledger and certificate verification. Read-only.

django-ninja rather than REST framework: its typed query and response schemas are the validation and the
OpenAPI 3 document at once, with no extra schema package.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from api import schemas, selectors
from api.throttling import ClientAddressThrottle
from core.countries import country_name
from registry.models import SECTORAL_SCOPES
from shop import selectors as shop_selectors
from shop.catalogue.cache import CATALOGUE_CACHE_SECONDS, catalogue_cache_key
from shop.fulfilment import selectors as fulfilment_selectors

SCOPE_NAMES = dict(SECTORAL_SCOPES)
ERROR_RESPONSES = {400: schemas.Error, 429: schemas.Error}

api = NinjaAPI(
    title="Climate Neutral Now public API",
    version="1.0.0",
    description=(
        "Read-only data of the Climate Neutral Now platform: projects, CERs on offer, the public ledger of "
        "voluntary cancellations and certificate verification. Anonymous, rate-limited per client address."
    ),
    urls_namespace="api",
    docs_url=None,  # ninja's docs load Swagger UI from a CDN; api/views.py renders our own page instead.
    throttle=[ClientAddressThrottle()],
)


class FilterError(Exception):
    """A filter value that parses but makes no sense (e.g. a range upside down); answered with 400."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _error(request, status: int, detail: str, errors: list | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        errors.append({"field": location[-1] if location else "", "message": error.get("msg", "")})
    return _error(request, 400, _("Some parameters are not valid."), errors)


@api.exception_handler(FilterError)
def _filter_error(request, exc):
    return _error(request, 400, _("Some parameters are not valid."), [{"field": exc.field, "message": exc.message}])


@api.exception_handler(Throttled)
def _throttled(request, exc):
    return _error(request, 429, _("Too many requests from your address; wait before trying again."))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


def _language(lang: str | None) -> str:
    return lang or get_language() or settings.LANGUAGE_CODE


def _page_links(request, *, page: int, page_size: int, count: int) -> dict:
    def link(number):
        query = request.GET.copy()
        query["page"] = number
        query["page_size"] = page_size
        return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")

    last = max(1, -(-count // page_size))
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": link(page + 1) if page < last else None,
        "previous": link(min(page - 1, last)) if page > 1 else None,
    }


def _page_slice(queryset, query: schemas.PageQuery) -> list:
    start = (query.page - 1) * query.page_size
    return list(queryset[start : start + query.page_size])


def _scopes(project) -> list[dict]:
    return [
        {"number": scope.number, "name": str(SCOPE_NAMES.get(scope.number, ""))}
        for scope in project.sectoral_scopes.all()
    ]


def _co_benefits(types) -> list[dict]:
    return [{"code": item.code, "name": item.name, "category": item.category} for item in types]


def _project_ref(project, *, title: str, mechanism: str | None = None, host_country: str | None = None) -> dict:
    country = host_country or project.host_country
    return {
        "reference": project.reference,
        "title": title,
        "mechanism": mechanism or project.mechanism,
        "host_country": country,
        "host_country_name": country_name(country),
    }


def _money(amount: Decimal, currency: str) -> dict:
    return {"amount": str(Decimal(amount).quantize(Decimal("0.01"))), "currency": currency}


def _serial_ranges(ranges) -> list[dict]:
    return [{"start": item["start"], "end": item["end"], "quantity": item.get("quantity")} for item in ranges]


def _page_url(request, page) -> str | None:
    url = page.get_url(request=request) if page else None
    return request.build_absolute_uri(url) if url else None


def _project_out(request, summary: selectors.ProjectSummary) -> dict:
    project, page = summary.project, summary.page
    return {
        **_project_ref(project, title=summary.title),
        "registry_title": project.title,
        "methodology": project.methodology,
        "sectoral_scopes": _scopes(project),
        "co_benefits": _co_benefits(summary.co_benefits),
        "other_certifications": page.other_certifications if page else "",
        "page_url": _page_url(request, page),
        "offers_available": summary.offers_available,
        "tonnes_available": summary.tonnes_available,
        "tonnes_cancelled": summary.tonnes_cancelled,
    }


@api.get(
    "/projects/",
    response={200: schemas.ProjectPage, **ERROR_RESPONSES},
    summary="List projects",
    description="Projects with a public page or CERs on offer, by reference.",
    tags=["projects"],
)
def projects_list(request, query: Query[schemas.ProjectQuery]):
    language = _language(query.lang)
    with translation.override(language):
        filters = selectors.ProjectFilters(
            country=query.country.upper() if query.country else None,
            scope=query.scope,
            mechanism=query.mechanism,
            co_benefit=query.co_benefit,
        )
        projects = selectors.projects_filter(filters=filters)
        count = projects.count()
        summaries = selectors.project_summaries(projects=_page_slice(projects, query), language=language)
        return {
            **_page_links(request, page=query.page, page_size=query.page_size, count=count),
            "results": [_project_out(request, summary) for summary in summaries],
        }


@api.get(
    "/projects/{reference}/",
    response={200: schemas.ProjectOut, 404: schemas.Error, **ERROR_RESPONSES},
    summary="One project",
    tags=["projects"],
)
def project_detail(
    request,
    reference: str = Path(..., min_length=1, max_length=64, description="Registry project reference."),
    query: Query[schemas.ProjectDetailQuery] = None,
):
    language = _language(query.lang if query else None)
    with translation.override(language):
        project = selectors.project_by_reference(reference=reference)
        if project is None:
            raise HttpError(404, _("No project has this reference."))
        [summary] = selectors.project_summaries(projects=[project], language=language)
        return _project_out(request, summary)


@api.get(
    "/offers/",
    response={200: schemas.OfferPage, **ERROR_RESPONSES},
    summary="List CERs on offer",
    description="Live offers with units left, filtered and ordered as in the shop's catalogue.",
    tags=["offers"],
)
def offers_list(request, query: Query[schemas.OfferQuery]):
    if query.vintage_min is not None and query.vintage_max is not None and query.vintage_min > query.vintage_max:
        raise FilterError("vintage_max", _("The last vintage must not be before the first."))
    price_min = Decimal(query.price_min) if query.price_min is not None else None
    price_max = Decimal(query.price_max) if query.price_max is not None else None
    if price_min is not None and price_max is not None and price_min > price_max:
        raise FilterError("price_max", _("The highest price must not be below the lowest."))
    language = _language(query.lang)
    # The same answer as the catalogue's, cached under the same versions until an offer or a page changes.
    key = catalogue_cache_key(request=request, language=language, part=f"api-offers:{request.scheme}")
    cached = cache.get(key)
    if cached is not None:
        return cached
    with translation.override(language):
        filters = shop_selectors.OfferFilters(
            country=query.country.upper() if query.country else None,
            scope=query.scope,
            vintage_min=query.vintage_min,
            vintage_max=query.vintage_max,
            price_min=price_min,
            price_max=price_max,
            co_benefit=query.co_benefit,
            mechanism=query.mechanism,
            sort=query.ordering or "",
        )
        offers = shop_selectors.offers_filter(filters=filters)
        count = offers.count()
        page_offers = _page_slice(offers, query)
        groups = {
            group.project.pk: group for group in shop_selectors.catalogue_group(offers=page_offers, language=language)
        }
        results = []
        for offer in page_offers:
            block = offer.product.unit_block
            group = groups[block.project_id]
            results.append(
                {
                    "id": offer.product_id,
                    "project": _project_ref(group.project, title=group.title),
                    "provider": offer.partner.name,
                    "vintage": block.vintage,
                    "commitment_period": f"CP{block.applicable_commitment_period}",
                    "price": _money(offer.price, offer.price_currency),
                    "quantity_available": offer.num_available,
                    "serial_first": block.first_serial,
                    "serial_last": block.last_serial,
                    "sectoral_scopes": _scopes(group.project),
                    "co_benefits": _co_benefits(group.co_benefits),
                }
            )
        answer = {**_page_links(request, page=query.page, page_size=query.page_size, count=count), "results": results}
    cache.set(key, answer, CATALOGUE_CACHE_SECONDS)
    return answer


@api.get(
    "/cancellations/",
    response={200: schemas.CancellationPage, **ERROR_RESPONSES},
    summary="The public ledger of cancellations",
    description=(
        "Every certificate issued, newest first, as the public history page shows it: the beneficiary is named "
        "only where the buyer agreed, else `anonymous`."
    ),
    tags=["cancellations"],
)
def cancellations_list(request, query: Query[schemas.CancellationQuery]):
    filters = fulfilment_selectors.HistoryFilters(
        project=(query.project or "").strip(),
        country=(query.country or "").upper(),
        year=query.year,
    )
    rows = selectors.cancellations_public(filters=filters, beneficiary=query.beneficiary or "")
    count_totals = selectors.cancellations_public_totals(rows=rows)
    results = [
        {
            "cancelled_at": row.cancelled_at,
            "project": _project_ref(
                row.project, title=row.project.title, mechanism=row.mechanism, host_country=row.host_country
            ),
            "quantity": row.quantity,
            "serial_ranges": _serial_ranges(row.serial_ranges),
            "vintage": row.vintage,
            "beneficiary": row.public_beneficiary or selectors.ANONYMOUS,
            "reason": row.public_reason,
        }
        for row in _page_slice(rows, query)
    ]
    return {
        **_page_links(request, page=query.page, page_size=query.page_size, count=count_totals["certificates"]),
        "totals": count_totals,
        "results": results,
    }


@api.get(
    "/certificates/{code}/",
    response={200: schemas.CertificateOut, 404: schemas.Error, **ERROR_RESPONSES},
    summary="Verify a certificate",
    description="What the certificate with this verification code attests, as its verification page shows it.",
    tags=["certificates"],
)
def certificate_verify(
    request,
    response: HttpResponse,
    code: str = Path(..., min_length=1, max_length=64, description="The verification code on the certificate."),
):
    # It may name a buyer who keeps out of the public history: no shared caches.
    response["Cache-Control"] = "private, max-age=0"
    certificate = fulfilment_selectors.certificate_by_code(code=code)
    if certificate is None:
        raise HttpError(404, _("No certificate has this verification code."))
    project = certificate.project
    return {
        "number": certificate.number,
        "verification_code": certificate.verification_code,
        "presented_to": certificate.presented_to,
        # The reason may be the buyer's own words: published only with the name's consent.
        "reason": certificate.reason if certificate.show_beneficiary_publicly else "",
        "project": _project_ref(
            project, title=project.title, mechanism=certificate.mechanism, host_country=certificate.host_country
        ),
        "quantity": certificate.quantity,
        "serial_ranges": _serial_ranges(certificate.serial_ranges),
        "vintage": certificate.vintage,
        "commitment_period": certificate.commitment_period,
        "cancelled_at": certificate.cancelled_at,
        "transaction_id": certificate.transaction_id,
        "verification_url": request.build_absolute_uri(
            reverse("fulfilment:certificate_verify", kwargs={"code": certificate.verification_code})
        ),
        "pdf_url": request.build_absolute_uri(
            reverse("fulfilment:certificate_pdf", kwargs={"code": certificate.verification_code})
        ),
    }
