"""Shop fixtures: registry projects and blocks, providers (Oscar partners) and live offers."""

import itertools
from decimal import Decimal

import pytest

_sequence = itertools.count(1)


def make_project(*, reference=None, title=None, host_country="BR", mechanism="CDM", scopes=(1,)):
    from registry.models import RegistryProject, SectoralScope

    number = next(_sequence)
    project = RegistryProject.objects.create(
        reference=reference or f"TEST-{number}",
        title=title or f"Test wind farm {number}",
        host_country=host_country,
        mechanism=mechanism,
    )
    for scope in scopes:
        SectoralScope.objects.get_or_create(number=scope)
    project.sectoral_scopes.set(scopes)
    return project


def make_block(
    *,
    project=None,
    account_number="CDM-250-9001",
    account_kind="pending",
    units_held=1000,
    vintage=2012,
    issued=True,
    share_of_proceeds_paid=True,
    commitment_period=1,
):
    from registry.models import UnitBlock

    number = next(_sequence)
    project = project or make_project()
    start = number * 1_000_000
    return UnitBlock.objects.create(
        registry_block_id=f"BLK-{number}",
        project=project,
        account_number=account_number,
        account_kind=account_kind,
        originating_party=project.host_country,
        serial_start=start,
        serial_end=start + units_held - 1,
        original_commitment_period=commitment_period,
        applicable_commitment_period=commitment_period,
        project_number=number,
        vintage=vintage,
        issued=issued,
        share_of_proceeds_paid=share_of_proceeds_paid,
        units_held=units_held,
    )


def make_provider(*, name=None, accounts=(), users=()):
    from shop.partner.models import Partner, PartnerRegistryAccount

    partner = Partner.objects.create(name=name or f"Provider {next(_sequence)}", paypal_email="payee@example.org")
    for account in accounts:
        PartnerRegistryAccount.objects.create(partner=partner, account_number=account)
    for user in users:
        partner.users.add(user)
    return partner


def make_platform_staff(*, username="staffer", email="staff@example.org", **fields):
    """A platform administrator: platform staff by the administrators' group (shop/access.py), not by is_staff."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from cms_pages.roles import ADMINISTRATORS

    user = get_user_model().objects.create_user(username=username, email=email, password="pw", **fields)  # noqa: S106
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return user


def make_offer(*, provider=None, block=None, quantity=100, price=Decimal("10.00"), **block_kwargs):
    from shop.services import offer_publish

    if block is None:
        account = f"CDM-250-{next(_sequence)}"
        block = make_block(account_number=account, **block_kwargs)
        if provider is None:
            provider = make_provider(accounts=(account,))
        else:
            from shop.partner.models import PartnerRegistryAccount

            PartnerRegistryAccount.objects.create(partner=provider, account_number=account)
    return offer_publish(block=block, quantity=quantity, price=Decimal(price), user=None)


@pytest.fixture
def shop_provider(db):
    return make_provider(accounts=("CDM-250-9001", "CDM-300-9001"))


@pytest.fixture
def shop_block(db, shop_provider):
    return make_block(account_number="CDM-250-9001")


@pytest.fixture
def shop_offer(db, shop_block):
    from shop.services import offer_publish

    return offer_publish(block=shop_block, quantity=100, price=Decimal("12.50"), user=None)


BUYER_ADDRESS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Ada Lovelace",
    "line2": "1 Climate Street",
    "line4": "Bonn",
    "postcode": "53113",
    "country": "DE",
}
BUYER_CERTIFICATE = {
    "buyer_kind": "individual",
    "organization_name": "",
    "certificate_name": "Ada Lovelace",
    "purchase_reason_code": "",
    "reason_text": "Offsetting my flights in 2026",
    "show_beneficiary_publicly": True,
    "confirmed_adult": True,
}


def make_basket(*, items, user=None):
    from oscar.core.loading import get_class, get_model

    Basket = get_model("basket", "Basket")
    basket = Basket.objects.create(owner=user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def ensure_country(code="DE", name="Germany"):
    """The billing countries come from a data migration, which a transactional test run may have flushed."""
    from oscar.core.loading import get_model

    get_model("address", "Country").objects.get_or_create(
        iso_3166_1_a2=code, defaults={"name": name, "printable_name": name, "is_shipping_country": True}
    )


def make_pending_order(*, product, quantity, user=None):
    from shop.services import order_place

    ensure_country()

    basket = make_basket(items=[(product, quantity)], user=user)
    return order_place(
        basket=basket,
        user=user,
        guest_email="buyer@example.org",
        billing_address=dict(BUYER_ADDRESS),
        certificate=dict(BUYER_CERTIFICATE),
    )


def ensure_co_benefit(code="air", name="Air quality"):
    """A co-benefit type as the CMS data migration creates it (a transactional test run may have flushed it)."""
    from wagtail.models import Locale

    from cms_pages.models import CoBenefitType

    locale, _created = Locale.objects.get_or_create(language_code="en")
    return CoBenefitType.objects.get_or_create(
        code=code, locale=locale, defaults={"name": name, "category": "environmental"}
    )[0]
