"""Demo fulfilment for `load_demo_data`: a few paid orders cancelled in the simulator, so the history is not empty."""

import logging

from django.db import transaction
from oscar.core.loading import get_class, get_model

from registry.client import RegistryUnavailable
from shop.fulfilment.models import Certificate
from shop.fulfilment.services import line_fulfil
from shop.order import lifecycle

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Basket = get_model("basket", "Basket")

DEMO_BUYER_EMAIL = "demo-buyer@climateneutralnow.example"
# (certificate name, reason, shown publicly, language, quantity)
DEMO_PURCHASES = [
    ("Ada Lovelace", "Offsetting my flights in 2026", True, "en", 3),
    ("Association Les Amis du Climat", "Compensation de notre congrès annuel", True, "fr", 12),
    ("Lucía Fernández", "Compensar mi huella de carbono de 2025", False, "es", 5),
]


def demo_fulfilment_load():
    """Idempotent: does nothing once the demo buyer has certificates."""
    from shop.services import order_place

    if Certificate.objects.filter(line__order__guest_email=DEMO_BUYER_EMAIL).exists():
        return
    offers = list(
        Product.objects.filter(withdrawn_at__isnull=True, is_public=True).order_by("pk")[: len(DEMO_PURCHASES)]
    )
    strategy = get_class("partner.strategy", "Selector")().strategy()
    for offer, (name, reason, public, language, quantity) in zip(offers, DEMO_PURCHASES, strict=False):
        basket = Basket.objects.create()
        basket.strategy = strategy
        basket.add_product(offer, quantity)
        order = order_place(
            basket=basket,
            guest_email=DEMO_BUYER_EMAIL,
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
                "reason_text": reason,
                "show_beneficiary_publicly": public,
                "confirmed_adult": True,
            },
            language=language,
        )
        # Stands in for the payment step: the payment services mark lines paid the same way.
        with transaction.atomic():
            lifecycle.lines_pay(lines=list(order.lines.select_for_update()))
        for line_id in order.lines.values_list("pk", flat=True):
            try:
                line_fulfil(line_id=line_id)
            except RegistryUnavailable as error:
                # Demo data must load without the registry; the sweeper fulfils the line later.
                logger.warning("demo fulfilment of line %s deferred: %s", line_id, error)
