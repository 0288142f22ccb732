"""What the public API accepts (query parameters) and answers (JSON bodies); the OpenAPI schema comes from these."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
CODE_PATTERN = r"^[-a-zA-Z0-9_]{1,40}$"
PRICE_PATTERN = r"^[0-9]{1,10}(\.[0-9]{1,2})?$"
MAX_PAGE_SIZE = 100

Language = Literal["en", "fr", "es"]
MechanismCode = Literal["CDM", "A6.4"]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 100).")


class ProjectQuery(PageQuery):
    country: str | None = Field(None, pattern=COUNTRY_PATTERN, description="Host country, ISO 3166-1 alpha-2.")
    scope: int | None = Field(None, ge=1, le=15, description="UNFCCC sectoral scope number (1-15).")
    mechanism: MechanismCode | None = Field(None, description="Crediting mechanism.")
    co_benefit: str | None = Field(
        None, pattern=CODE_PATTERN, description="Sustainable-development co-benefit code, e.g. `air`."
    )
    lang: Language | None = Field(None, description="Language of titles and names (else Accept-Language).")


class ProjectDetailQuery(Schema):
    lang: Language | None = Field(None, description="Language of titles and names (else Accept-Language).")


class OfferQuery(PageQuery):
    country: str | None = Field(None, pattern=COUNTRY_PATTERN, description="Host country, ISO 3166-1 alpha-2.")
    scope: int | None = Field(None, ge=1, le=15, description="UNFCCC sectoral scope number (1-15).")
    vintage_min: int | None = Field(None, ge=1990, le=2100, description="First vintage (year), inclusive.")
    vintage_max: int | None = Field(
        None, ge=1990, le=2100, description="Last vintage (year), inclusive; not before vintage_min (else 400)."
    )
    price_min: str | None = Field(
        None, pattern=PRICE_PATTERN, description="Lowest price per CER, a decimal such as `5` or `12.50`."
    )
    price_max: str | None = Field(
        None,
        pattern=PRICE_PATTERN,
        description="Highest price per CER, a decimal such as `5` or `12.50`; not below price_min (else 400).",
    )
    co_benefit: str | None = Field(
        None, pattern=CODE_PATTERN, description="Sustainable-development co-benefit code, e.g. `air`."
    )
    mechanism: MechanismCode | None = Field(None, description="Crediting mechanism.")
    ordering: Literal["price", "-price", "vintage", "-vintage"] | None = Field(
        None, description="Sort order; `-` for descending. Default: by project, then vintage, then price."
    )
    lang: Language | None = Field(None, description="Language of titles and names (else Accept-Language).")


class CancellationQuery(PageQuery):
    project: str | None = Field(None, min_length=1, max_length=64, description="Registry project reference.")
    country: str | None = Field(None, pattern=COUNTRY_PATTERN, description="Host country, ISO 3166-1 alpha-2.")
    year: int | None = Field(None, ge=1990, le=2200, description="Year of cancellation.")
    beneficiary: str | None = Field(
        None,
        min_length=1,
        max_length=255,
        description="A beneficiary's public name (case-insensitive), or `anonymous`.",
    )


class ErrorDetail(Schema):
    field: str = Field(description="The query parameter at fault.")
    message: str


class Error(Schema):
    detail: str
    errors: list[ErrorDetail] = Field(default_factory=list)


class Money(Schema):
    amount: str = Field(description="Decimal string, e.g. `12.50`.", examples=["12.50"])
    currency: str = Field(description="ISO 4217 code.", examples=["USD"])


class SectoralScopeOut(Schema):
    number: int
    name: str


class CoBenefitOut(Schema):
    code: str
    name: str
    category: str


class ProjectOut(Schema):
    reference: str
    mechanism: MechanismCode
    title: str = Field(description="The project page's title in the requested language, else the registry title.")
    registry_title: str
    host_country: str
    host_country_name: str
    methodology: str
    sectoral_scopes: list[SectoralScopeOut]
    co_benefits: list[CoBenefitOut]
    other_certifications: str
    page_url: str | None = Field(description="The public project page, if there is one.")
    offers_available: int = Field(description="Live offers with units left.")
    tonnes_available: int = Field(description="CERs (tonnes CO2e) on offer and not yet reserved.")
    tonnes_cancelled: int = Field(description="CERs of this project cancelled through the platform.")


class ProjectRef(Schema):
    reference: str
    title: str
    mechanism: MechanismCode
    host_country: str
    host_country_name: str


class OfferOut(Schema):
    id: int
    project: ProjectRef
    provider: str
    vintage: int
    commitment_period: str
    price: Money = Field(description="Price per CER (one tonne CO2e).")
    quantity_available: int = Field(description="Whole CERs that can be bought now.")
    serial_first: str
    serial_last: str
    sectoral_scopes: list[SectoralScopeOut]
    co_benefits: list[CoBenefitOut]


class SerialRangeOut(Schema):
    start: str
    end: str
    quantity: int | None = None


class CancellationOut(Schema):
    cancelled_at: datetime
    project: ProjectRef
    quantity: int = Field(description="Tonnes CO2e cancelled.")
    serial_ranges: list[SerialRangeOut]
    vintage: str
    beneficiary: str = Field(description="The beneficiary's name if the buyer agreed to show it, else `anonymous`.")
    reason: str


class Totals(Schema):
    certificates: int
    tonnes: int


class CertificateOut(Schema):
    number: str
    verification_code: str
    presented_to: str
    reason: str
    project: ProjectRef
    quantity: int
    serial_ranges: list[SerialRangeOut]
    vintage: str
    commitment_period: str
    cancelled_at: datetime
    transaction_id: str
    verification_url: str
    pdf_url: str


class PageOut(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None


class ProjectPage(PageOut):
    results: list[ProjectOut]


class OfferPage(PageOut):
    results: list[OfferOut]


class CancellationPage(PageOut):
    totals: Totals = Field(description="Certificates and tonnes over every page of this filter.")
    results: list[CancellationOut]
