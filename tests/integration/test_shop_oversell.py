import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories.shop import (
    BUYER_ADDRESS,
    BUYER_CERTIFICATE,
    ensure_country,
    make_basket,
    make_offer,
    make_provider,
)

BUYERS = 12
UNITS_PER_BUYER = 3
UNITS_ON_OFFER = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_buyers_never_oversell():
    from oscar.core.loading import get_class, get_model

    from shop.services import order_place

    Basket = get_model("basket", "Basket")
    StockRecord = get_model("partner", "StockRecord")
    Order = get_model("order", "Order")
    ensure_country()
    # Two offers in each basket, added in opposite orders: the fixed lock order must prevent deadlocks.
    first = make_offer(provider=make_provider(), quantity=UNITS_ON_OFFER, price=Decimal("10"))
    second = make_offer(provider=make_provider(), quantity=UNITS_ON_OFFER, price=Decimal("7"))
    basket_ids = []
    for index in range(BUYERS):
        items = [(first, UNITS_PER_BUYER), (second, UNITS_PER_BUYER)]
        basket_ids.append(make_basket(items=items if index % 2 else items[::-1]).pk)

    barrier = threading.Barrier(BUYERS)
    placed, refused, crashed = [], [], []

    def buy(basket_id):
        try:
            basket = Basket.objects.get(pk=basket_id)
            basket.strategy = get_class("partner.strategy", "Selector")().strategy()
            barrier.wait(timeout=30)
            order = order_place(
                basket=basket,
                guest_email=f"buyer{basket_id}@example.org",
                billing_address=dict(BUYER_ADDRESS),
                certificate=dict(BUYER_CERTIFICATE),
            )
            placed.append(order.pk)
        except ValidationError:
            refused.append(basket_id)
        except Exception as error:  # noqa: BLE001 - reported below
            crashed.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(basket_id,)) for basket_id in basket_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert crashed == []
    expected_orders = UNITS_ON_OFFER // UNITS_PER_BUYER
    assert len(placed) == expected_orders
    assert len(refused) == BUYERS - expected_orders
    for product in (first, second):
        record = StockRecord.objects.get(product=product)
        assert record.num_allocated == expected_orders * UNITS_PER_BUYER <= record.num_in_stock
    assert Order.objects.count() == expected_orders
