"""Seed data for the web benchmark (`make bench`): 500 projects, 5,000 live offers, 20,000 past cancellations.

Run inside a configured Django process (web_bench.py does it). Idempotent: a database that already holds the
500 bench projects is only topped up with what the benchmark needs each run (its basket and session).
Everything it creates is marked with the reference prefix "WB-" so the fulfilment benchmark's data is untouched.
"""

from __future__ import annotations

import random
import secrets
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

PROJECTS = 500
OFFERS_PER_PROJECT = 10
CANCELLATIONS = 20_000
PARTNERS = 10
PREFIX = "WB-"
BATCH = 2_000
COUNTRIES = [
    "BR", "CN", "IN", "MX", "VN", "KE", "UY", "ZA", "TH", "CO", "EG", "PE", "GH", "ID", "PH", "MA", "CL", "AR",
    "NG", "ET", "UG", "TZ", "RW", "SN", "CI", "BD", "PK", "LK", "KH", "LA", "MY", "TR", "GT", "HN", "NI", "BO",
]  # fmt: skip
KINDS = ["wind farm", "solar park", "hydropower plant", "landfill gas capture", "cookstove programme", "biogas plant"]
BUYERS = ["Acme Logistics", "Jane Doe", "Société Verte", "Ayuntamiento de Sevilla", "Kim Lee", "Globex Ltd"]
REASONS = ["Offsetting our 2024 business travel", "Climate-neutral wedding", "Neutralising our annual footprint"]


def _log(message: str, start: float) -> None:
    print(f"  seed: {message} ({time.perf_counter() - start:.1f} s)", flush=True)


def demo_pages_load() -> None:
    """The demo campaign site (home, campaign, FAQ, contact, terms, statistics) in three languages."""
    from cms_pages.demo import demo_content_load, demo_site_load, demo_users_load
    from cms_pages.models import HomePage, StatisticsPage

    if StatisticsPage.objects.exists() and HomePage.objects.filter(depth=2).count() >= 3:
        return
    demo_users_load()
    demo_site_load()
    demo_content_load()


def project_index():
    from django.conf import settings
    from wagtail.models import Locale

    from cms_pages.demo import _child_by_slug
    from cms_pages.demo_data.site import PROJECT_INDEX
    from cms_pages.models import HomePage, ProjectIndexPage

    home = HomePage.objects.get(locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE), depth=2)
    index = _child_by_slug(home, PROJECT_INDEX["slug"])
    if index is None:
        index = home.add_child(
            instance=ProjectIndexPage(
                title=PROJECT_INDEX["title"],
                slug=PROJECT_INDEX["slug"],
                intro=PROJECT_INDEX["intro"],
                show_in_menus=True,
            )
        )
        index.save_revision().publish()
    return index


def catalogue_load(start: float) -> None:
    """500 registry projects, 10 blocks each, each block on sale: 5,000 live offers from 10 providers."""
    from django.conf import settings
    from oscar.core.loading import get_model

    from registry.models import AccountKind, RegistryProject, SectoralScope, UnitBlock
    from shop.services import offer_product_class

    Partner = get_model("partner", "Partner")
    PartnerRegistryAccount = get_model("partner", "PartnerRegistryAccount")
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    rng = random.Random(10)

    partners = []
    for number in range(PARTNERS):
        partner, _created = Partner.objects.get_or_create(
            name=f"{PREFIX}Provider {number:02d}",
            defaults={"paypal_email": f"wb-provider-{number}@example.org", "notification_email": "p@example.org"},
        )
        PartnerRegistryAccount.objects.get_or_create(
            account_number=f"{PREFIX}ACC-{number:02d}", defaults={"partner": partner}
        )
        partners.append(partner)

    projects = RegistryProject.objects.bulk_create(
        [
            RegistryProject(
                mechanism="A6.4" if number % 25 == 0 else "CDM",
                reference=f"{PREFIX}{number:04d}",
                title=f"{KINDS[number % len(KINDS)].capitalize()} number {number} in {COUNTRIES[number % len(COUNTRIES)]}",
                host_country=COUNTRIES[number % len(COUNTRIES)],
                methodology="ACM0002",
            )
            for number in range(PROJECTS)
        ],
        batch_size=BATCH,
    )
    scopes = list(SectoralScope.objects.values_list("number", flat=True))
    Through = RegistryProject.sectoral_scopes.through
    Through.objects.bulk_create(
        [
            Through(registryproject_id=project.pk, sectoralscope_id=scope)
            for project in projects
            for scope in rng.sample(scopes, 1 + project.pk % 2)
        ],
        batch_size=BATCH,
    )
    for partner in partners:
        partner.registry_projects.add(*projects[partners.index(partner) :: PARTNERS])
    _log(f"{len(projects)} projects", start)

    blocks = []
    for position, project in enumerate(projects):
        partner_number = position % PARTNERS
        for number in range(OFFERS_PER_PROJECT):
            first = 1_000_000 * (number + 1)
            blocks.append(
                UnitBlock(
                    registry_block_id=f"{project.reference}-{number}",
                    project=project,
                    account_number=f"{PREFIX}ACC-{partner_number:02d}",
                    account_kind=AccountKind.PERMANENT_HOLDING,
                    originating_party=project.host_country,
                    serial_start=first,
                    serial_end=first + 99_999,
                    original_commitment_period=2,
                    applicable_commitment_period=2,
                    project_number=position + 1,
                    vintage=2008 + (position + number) % 17,
                    units_held=100_000,
                )
            )
    blocks = UnitBlock.objects.bulk_create(blocks, batch_size=BATCH)
    product_class = offer_product_class()
    products = Product.objects.bulk_create(
        [
            Product(
                product_class=product_class,
                structure=Product.STANDALONE,
                title=f"{block.project.title} ({block.vintage})"[:255],
                slug=f"wb-{block.project.reference.lower()}-{block.vintage}",
                unit_block=block,
                is_public=True,
                is_discountable=False,
            )
            for block in blocks
        ],
        batch_size=BATCH,
    )
    by_account = {f"{PREFIX}ACC-{number:02d}": partner for number, partner in enumerate(partners)}
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner=by_account[block.account_number],
                partner_sku=f"{block.registry_block_id}/{product.pk}",
                price=Decimal(4 + (block.vintage * 7 + block.pk) % 11) + Decimal("0.50"),
                price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                num_in_stock=1_000 + rng.randrange(50_000),
                num_allocated=0,
            )
            for product, block in zip(products, blocks, strict=True)
        ],
        batch_size=BATCH,
    )
    _log(f"{len(products)} offers", start)


def cancellations_load(start: float) -> None:
    """20,000 fulfilled order lines of the past six years: orders, lines, registry cancellations, certificates."""
    from django.conf import settings
    from django.db.models import Max
    from oscar.core.loading import get_model

    from registry.models import Cancellation
    from shop.fulfilment.models import Certificate, CertificateSequence
    from shop.order.models import BuyerKind, LineStatus, OrderCertificateDetails

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    StockRecord = get_model("partner", "StockRecord")
    rng = random.Random(20)
    stockrecords = list(
        StockRecord.objects.filter(product__unit_block__project__reference__startswith=PREFIX).select_related(
            "partner", "product__unit_block__project"
        )
    )
    now = datetime.now(tz=UTC)
    # The years before this one, so the fulfilment benchmark's certificates (this year) never collide.
    first_day = datetime(now.year - 6, 1, 1, tzinfo=UTC)
    span = (datetime(now.year, 1, 1, tzinfo=UTC) - first_day).total_seconds()
    sequences = {
        row["year"]: row["last"] for row in Certificate.objects.values("year").annotate(last=Max("sequence")).order_by()
    }
    plan = []
    for number in range(CANCELLATIONS):
        stockrecord = rng.choice(stockrecords)
        when = first_day + timedelta(seconds=rng.random() * span)
        sequences[when.year] = sequences.get(when.year, 0) + 1
        plan.append((number, stockrecord, when, 1 + rng.randrange(40), sequences[when.year]))
    token = secrets.token_hex(3)

    for offset in range(0, CANCELLATIONS, BATCH):
        chunk = plan[offset : offset + BATCH]
        orders = Order.objects.bulk_create(
            [
                Order(
                    number=f"{PREFIX}{token}-{number:06d}",
                    site_id=settings.SITE_ID,
                    currency=settings.OSCAR_DEFAULT_CURRENCY,
                    total_incl_tax=stockrecord.price * quantity,
                    total_excl_tax=stockrecord.price * quantity,
                    status="Complete",
                    guest_email=f"buyer{number}@example.org",
                    date_placed=when - timedelta(hours=2),
                )
                for number, stockrecord, when, quantity, _sequence in chunk
            ]
        )
        OrderCertificateDetails.objects.bulk_create(
            [
                OrderCertificateDetails(
                    order=order,
                    buyer_kind=BuyerKind.ORGANIZATION if number % 3 else BuyerKind.INDIVIDUAL,
                    certificate_name=BUYERS[number % len(BUYERS)],
                    reason_text=REASONS[number % len(REASONS)],
                    show_beneficiary_publicly=number % 2 == 0,
                    confirmed_adult=True,
                    terms_accepted_at=when - timedelta(hours=2),
                    language=("en", "fr", "es")[number % 3],
                )
                for order, (number, _stockrecord, when, _quantity, _sequence) in zip(orders, chunk, strict=True)
            ]
        )
        lines = Line.objects.bulk_create(
            [
                Line(
                    order=order,
                    partner=stockrecord.partner,
                    partner_name=stockrecord.partner.name,
                    partner_sku=stockrecord.partner_sku,
                    stockrecord=stockrecord,
                    product=stockrecord.product,
                    title=stockrecord.product.title,
                    quantity=quantity,
                    line_price_incl_tax=stockrecord.price * quantity,
                    line_price_excl_tax=stockrecord.price * quantity,
                    line_price_before_discounts_incl_tax=stockrecord.price * quantity,
                    line_price_before_discounts_excl_tax=stockrecord.price * quantity,
                    unit_price_incl_tax=stockrecord.price,
                    unit_price_excl_tax=stockrecord.price,
                    status=LineStatus.CANCELLED,
                    num_allocated=quantity,
                    unit_block=stockrecord.product.unit_block,
                )
                for order, (_number, stockrecord, _when, quantity, _sequence) in zip(orders, chunk, strict=True)
            ]
        )
        cancellations = Cancellation.objects.bulk_create(
            [
                Cancellation(
                    block=stockrecord.product.unit_block,
                    quantity=quantity,
                    serial_ranges=[{"start": f"S{number}-1", "end": f"S{number}-{quantity}", "quantity": quantity}],
                    transaction_id=f"{PREFIX}TX-{token}-{number:06d}",
                    idempotency_key=f"{PREFIX}{token}-{number:06d}",
                    beneficiary=BUYERS[number % len(BUYERS)],
                    purpose=REASONS[number % len(REASONS)],
                    status=Cancellation.Status.COMPLETED,
                    completed_at=when,
                )
                for number, stockrecord, when, quantity, _sequence in chunk
            ]
        )
        Certificate.objects.bulk_create(
            [
                Certificate(
                    line=line,
                    cancellation=cancellation,
                    year=when.year,
                    sequence=sequence,
                    number=f"VC-{sequence:06d}/{when.year}",
                    verification_code=secrets.token_urlsafe(16),
                    language=("en", "fr", "es")[number % 3],
                    presented_to=BUYERS[number % len(BUYERS)],
                    reason=REASONS[number % len(REASONS)],
                    show_beneficiary_publicly=number % 2 == 0,
                    project=stockrecord.product.unit_block.project,
                    mechanism=stockrecord.product.unit_block.project.mechanism,
                    host_country=stockrecord.product.unit_block.project.host_country,
                    quantity=quantity,
                    serial_ranges=cancellation.serial_ranges,
                    vintage=str(stockrecord.product.unit_block.vintage),
                    commitment_period="CP2",
                    transaction_id=cancellation.transaction_id,
                    cancelled_at=when,
                    pdf="",
                    emailed_at=when,
                )
                for line, cancellation, (number, stockrecord, when, quantity, sequence) in zip(
                    lines, cancellations, chunk, strict=True
                )
            ]
        )
    for year, last in sequences.items():
        CertificateSequence.objects.update_or_create(year=year, defaults={"last_number": last})
    _log(f"{CANCELLATIONS} past cancellations", start)


def project_pages_load(start: float) -> None:
    """An English project page for every bench project (other languages fall back to it), with a picture."""
    from django.conf import settings
    from django.utils.text import slugify
    from wagtail.models import Locale

    from cms_pages.demo import _demo_image
    from cms_pages.models import CoBenefitType, ProjectPage, ProjectPageCoBenefit, ProjectPagePicture
    from registry.models import RegistryProject

    index = project_index()
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    picture = _demo_image(title="Bench: project picture", kind="wind", seed=1)
    co_benefits = list(CoBenefitType.objects.filter(locale=locale).order_by("sort_order", "pk"))
    done = set(
        ProjectPage.objects.filter(registry_project__reference__startswith=PREFIX).values_list(
            "registry_project_id", flat=True
        )
    )
    for position, project in enumerate(RegistryProject.objects.filter(reference__startswith=PREFIX).order_by("pk")):
        if project.pk in done:
            continue
        page = ProjectPage(
            title=project.title,
            slug=slugify(f"{project.reference} {project.title}")[:80],
            registry_project=project,
            description=f"<p>{project.title}: a bench project that cuts emissions and brings local benefits.</p>",
            other_certifications="Gold Standard" if position % 4 == 0 else "",
            search_description=project.title,
            locale=locale,
            live=True,
        )
        page.pictures.add(ProjectPagePicture(image=picture, caption=project.title, sort_order=0, locale=locale))
        for order, co_benefit in enumerate(co_benefits[position % 5 : position % 5 + 2]):
            page.co_benefits.add(
                ProjectPageCoBenefit(
                    co_benefit_type=co_benefit, text="What the project does for it.", sort_order=order, locale=locale
                )
            )
        index.add_child(instance=page)
    _log("project pages", start)


def visitor_load() -> dict:
    """An anonymous visitor with a session (checkout guest email given) and a basket of 3 offers."""
    from django.conf import settings
    from django.contrib.sessions.backends.base import SessionBase
    from django.core.signing import Signer
    from django.utils.module_loading import import_string
    from oscar.core.loading import get_class, get_model

    Basket = get_model("basket", "Basket")
    StockRecord = get_model("partner", "StockRecord")
    Selector = get_class("partner.strategy", "Selector")
    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    session: SessionBase = store_class()
    session["checkout_data"] = {"guest": {"email": "bench-visitor@example.org"}}
    session.save()
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    stockrecords = StockRecord.objects.filter(product__unit_block__project__reference__startswith=PREFIX).order_by(
        "pk"
    )[:3]
    for stockrecord in stockrecords:
        basket.add_product(stockrecord.product, quantity=2)
    return {
        "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "basket_cookie": f"{settings.OSCAR_BASKET_COOKIE_OPEN}={Signer().sign(basket.pk)}",
    }


def bench_paths() -> dict:
    """The URLs the benchmark loads."""
    from cms_pages.models import ProjectPage, StatisticsPage

    page = (
        ProjectPage.objects.live()
        .filter(registry_project__reference=f"{PREFIX}0007", locale__language_code="en")
        .select_related("registry_project")
        .get()
    )
    statistics = StatisticsPage.objects.live().filter(locale__language_code="en").get()
    return {
        "home": "/en/",
        "project": page.url,
        "project_country": page.registry_project.host_country,
        "statistics": statistics.url,
    }


def bench_seed() -> dict:
    """Everything the benchmark needs; the bulk data only once per database."""
    from django.db import connection, transaction

    from registry.models import RegistryProject

    start = time.perf_counter()
    demo_pages_load()
    _log("demo site pages", start)
    fresh = not RegistryProject.objects.filter(reference__startswith=PREFIX).exists()
    if fresh:
        with transaction.atomic():
            catalogue_load(start)
            cancellations_load(start)
    project_pages_load(start)
    if fresh:
        # Fresh planner statistics: right after a bulk load PostgreSQL would plan as if the tables were empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {**visitor_load(), **bench_paths()}
