"""Demo shop data for `load_demo_data`: two providers mapped to the registry demo accounts, with live offers."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from oscar.core.loading import get_model

from registry.demo import DEMO_ACCOUNT_HOLDERS, DEMO_PROVIDER_ACCOUNTS
from registry.models import RegistryProject, UnitBlock
from shop.services import offer_publish

Partner = get_model("partner", "Partner")
PartnerRegistryAccount = get_model("partner", "PartnerRegistryAccount")
Product = get_model("catalogue", "Product")

# (key in DEMO_PROVIDER_ACCOUNTS, PayPal payee email, bank transfer enabled, bank transfer minimum in USD)
DEMO_PROVIDERS = [
    ("provider-a", "payments@ecosur.example", False, Decimal("0.00")),
    ("provider-b", "treasury@andes-clean.example", True, Decimal("500.00")),
]
# The demo user who represents the first provider (cms_pages.demo.DEMO_USERS).
DEMO_PROVIDER_USERNAME = "provider"
# Offer at most this many CERs of a demo block, so the catalogue shows partial offers too.
DEMO_OFFER_MAX_QUANTITY = 50_000


def demo_offer_price(block: UnitBlock) -> Decimal:
    """A plausible, stable price per CER in USD for a demo block."""
    return Decimal(4 + (block.vintage * 7 + block.pk) % 11) + Decimal("0.50")


@transaction.atomic
def demo_shop_load():
    provider_user = get_user_model().objects.filter(username=DEMO_PROVIDER_USERNAME).first()
    for index, (key, payee, bank_transfer, minimum) in enumerate(DEMO_PROVIDERS):
        accounts = DEMO_PROVIDER_ACCOUNTS[key]
        # The PHA holder's name (the second account) names the provider.
        name = DEMO_ACCOUNT_HOLDERS.get(accounts[-1], key)
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
