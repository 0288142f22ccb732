"""Demo shop data for `load_demo_data`: two providers mapped to the registry demo accounts, with live offers."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from registry.demo import DEMO_ACCOUNT_HOLDERS, DEMO_PROVIDER_ACCOUNTS
from registry.models import RegistryProject, UnitBlock
from shop.order import lifecycle
from shop.services import offer_publish

Partner = get_model("partner", "Partner")
PartnerRegistryAccount = get_model("partner", "PartnerRegistryAccount")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

# (key in DEMO_PROVIDER_ACCOUNTS, PayPal payee email, bank transfer enabled, bank transfer minimum in USD)
DEMO_PROVIDERS = [
    ("provider-a", "payments@ecosur.example", False, Decimal("0.00")),
    ("provider-b", "treasury@andes-clean.example", True, Decimal("500.00")),
]
# The demo user who represents the first provider (cms_pages.demo.DEMO_USERS).
DEMO_PROVIDER_USERNAME = "provider"
# The demo user who represents the second provider: (username, email, password).
DEMO_PROVIDER2_LOGIN = ("provider2", "provider2@example.org", "demo-provider-pass")
# The buyer of the demo orders in every state, which also makes the step idempotent.
DEMO_ORDERS_BUYER_EMAIL = "demo-orders@climateneutralnow.example"
# Offer at most this many CERs of a demo block, so the catalogue shows partial offers too.
DEMO_OFFER_MAX_QUANTITY = 50_000


def demo_offer_price(block: UnitBlock) -> Decimal:
    """A plausible, stable price per CER in USD for a demo block."""
    return Decimal(4 + (block.vintage * 7 + block.pk) % 11) + Decimal("0.50")


def _demo_provider2_user():
    username, email, password = DEMO_PROVIDER2_LOGIN
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    if created:
        user.set_password(password)
        user.save()
    return user


@transaction.atomic
def demo_shop_load():
    """Two providers with holdings and live offers; the second one's representative is provider2."""
    provider_user = get_user_model().objects.filter(username=DEMO_PROVIDER_USERNAME).first()
    provider2_user = _demo_provider2_user()
    for index, (key, payee, bank_transfer, minimum) in enumerate(DEMO_PROVIDERS):
        accounts = DEMO_PROVIDER_ACCOUNTS[key]
        # The PHA holder's name (the second account) names the provider.
        name = _demo_provider_name(key)
        partner, _created = Partner.objects.get_or_create(name=name)
        partner.paypal_email = payee
        partner.bank_transfer_enabled = bank_transfer
        partner.bank_transfer_minimum = minimum
        partner.notification_email = payee
        partner.save()
        for account in accounts:
            PartnerRegistryAccount.objects.get_or_create(account_number=account, defaults={"partner": partner})
        partner.registry_projects.set(RegistryProject.objects.filter(blocks__account_number__in=accounts).distinct())
        if index == 0 and provider_user is not None:
            partner.users.add(provider_user)
        if index == 1:
            partner.users.add(provider2_user)
        for block in UnitBlock.objects.filter(account_number__in=accounts).order_by("pk"):
            if not block.is_eligible_for_sale or block.units_held <= 0:
                continue
            if Product.objects.filter(unit_block=block, withdrawn_at__isnull=True).exists():
                continue
            offer_publish(
                block=block,
                quantity=min(block.units_held, DEMO_OFFER_MAX_QUANTITY),
                price=demo_offer_price(block),
                user=None,
            )


def _demo_offer(partner, *, quantity: int):
    """The provider's first live offer with at least `quantity` CERs left."""
    for stockrecord in (
        StockRecord.objects.filter(partner=partner, product__withdrawn_at__isnull=True, product__is_public=True)
        .select_related("product")
        .order_by("pk")
    ):
        if stockrecord.num_in_stock - (stockrecord.num_allocated or 0) >= quantity:
            return stockrecord.product
    return None


def _demo_order(*, product, quantity: int, name: str, language: str):
    from oscar.core.loading import get_class

    from shop.services import order_place

    basket = Basket.objects.create()
    basket.strategy = get_class("partner.strategy", "Selector")().strategy()
    basket.add_product(product, quantity)
    return order_place(
        basket=basket,
        guest_email=DEMO_ORDERS_BUYER_EMAIL,
        billing_address={
            "first_name": name.split()[0],
            "last_name": name.split()[-1],
            "line1": name,
            "line4": "Bonn",
            "postcode": "53113",
            "country": "DE",
        },
        certificate={
            "buyer_kind": "individual",
            "certificate_name": name,
            "reason_text": "Climate Neutral Now demo order",
            "show_beneficiary_publicly": False,
            "confirmed_adult": True,
        },
        language=language,
    )


def demo_provider_orders_load():
    """load_demo_data step after the fulfilment demo: orders on both providers' offers in the states a provider
    meets (awaiting payment; bank transfer awaited, in progress, paid and fulfilled; expired; a cancellation the
    registry refused, for the staff page). Not atomic: fulfilment calls the registry once the payment is committed.
    Idempotent."""
    from shop.banktransfer.services import (
        bank_transfer_mark_in_progress,
        bank_transfer_mark_paid,
        bank_transfer_note_add,
        bank_transfer_parts_create,
    )
    from shop.fulfilment.models import LineFulfilment
    from shop.order.models import LineStatus
    from shop.services import order_release

    if Order.objects.filter(guest_email=DEMO_ORDERS_BUYER_EMAIL).exists():
        return
    partners = [Partner.objects.filter(name=_demo_provider_name(key)).first() for key, *_rest in DEMO_PROVIDERS]
    first, second = partners
    staff = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if first is not None and (offer := _demo_offer(first, quantity=20)) is not None:
        # Awaiting a PayPal payment: the buyer's contacts stay hidden from the provider.
        _demo_order(product=offer, quantity=4, name="Jonas Becker", language="en")
        # Never paid: expired, its CERs back on offer.
        order_release(
            order=_demo_order(product=offer, quantity=6, name="Marie Dubois", language="fr"), status=LineStatus.EXPIRED
        )
        # Paid, but the registry refused the cancellation: the staff resolve it on their page.
        failed = _demo_order(product=offer, quantity=2, name="Kwame Mensah", language="en")
        with transaction.atomic():
            for line in failed.lines.select_for_update():
                lifecycle.lines_pay(lines=[line])
                lifecycle.line_cancellation_fail(line=line)
        LineFulfilment.objects.bulk_create(
            [
                LineFulfilment(
                    line=line,
                    attempts=1,
                    last_error="units_not_eligible: The share of proceeds of these units is not paid (demo).",
                    failure_alerted_at=timezone.now(),
                )
                for line in failed.lines.all()
            ],
            ignore_conflicts=True,
        )
    if second is not None and second.bank_transfer_enabled:
        representative = second.users.order_by("pk").first() or staff
        # Enough CERs to pass the provider's bank-transfer minimum.
        quantity = max(1, int(second.bank_transfer_minimum // Decimal("4.00")) + 1)
        offer = _demo_offer(second, quantity=quantity * 3)
        if offer is not None and representative is not None:
            # Awaiting the transfer: the provider still has to send its bank details.
            bank_transfer_parts_create(
                order=_demo_order(product=offer, quantity=quantity, name="Lucía Fernández", language="es")
            )
            (in_progress,) = bank_transfer_parts_create(
                order=_demo_order(product=offer, quantity=quantity, name="Ada Lovelace", language="en")
            )
            bank_transfer_mark_in_progress(part=in_progress, user=representative)
            bank_transfer_note_add(part=in_progress, user=representative, text="Bank details sent by email.")
            (paid,) = bank_transfer_parts_create(
                order=_demo_order(product=offer, quantity=quantity, name="Association Climat", language="fr")
            )
            # Marking it paid sends its lines to fulfilment: cancelled in the registry, certificate emailed.
            bank_transfer_mark_paid(
                part=paid, user=representative, paid_on=timezone.localdate(), reference="DEMO-TRF-0001"
            )


def _demo_provider_name(key: str) -> str:
    return DEMO_ACCOUNT_HOLDERS.get(DEMO_PROVIDER_ACCOUNTS[key][-1], key)
