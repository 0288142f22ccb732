from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from shop.services import offer_holding_reduce, offer_publish, offer_withdraw
from tests.factories.shop import make_block, make_provider

pytestmark = pytest.mark.django_db


def test_publish_creates_cer_offer_product_with_one_stock_record(shop_block, shop_provider):
    product = offer_publish(block=shop_block, quantity=250, price=Decimal("12.5"), user=None)

    assert product.product_class.name == "CER offer"
    assert product.product_class.requires_shipping is False
    assert product.product_class.track_stock is True
    assert product.unit_block == shop_block
    (record,) = product.stockrecords.all()
    assert record.partner == shop_provider
    assert record.price == Decimal("12.50")
    assert record.price_currency == "USD"
    assert record.num_in_stock == 250


@pytest.mark.parametrize(
    ("block_kwargs", "message"),
    [
        ({"issued": False}, "not issued"),
        ({"share_of_proceeds_paid": False}, "share of proceeds"),
        ({"account_kind": "other"}, "pending account or a permanent holding account"),
    ],
)
def test_publish_refuses_ineligible_block(shop_provider, block_kwargs, message):
    block = make_block(account_number="CDM-250-9001", **block_kwargs)

    with pytest.raises(ValidationError, match=message):
        offer_publish(block=block, quantity=10, price=Decimal("5"), user=None)
    assert not block.offer_products.exists()


def test_publish_accepts_permanent_holding_account(shop_provider):
    block = make_block(account_number="CDM-300-9001", account_kind="permanent_holding")

    assert offer_publish(block=block, quantity=10, price=Decimal("5"), user=None).unit_block == block


def test_publish_refuses_quantity_above_units_held(shop_block):
    with pytest.raises(ValidationError, match="at most 1000"):
        offer_publish(block=shop_block, quantity=1001, price=Decimal("5"), user=None)
    assert not shop_block.offer_products.exists()


@pytest.mark.parametrize("quantity", [0, -3, 2.5, "10"])
def test_publish_refuses_quantity_not_a_positive_whole_number(shop_block, quantity):
    with pytest.raises(ValidationError):
        offer_publish(block=shop_block, quantity=quantity, price=Decimal("5"), user=None)
    assert not shop_block.offer_products.exists()


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("-1.00"), "abc", Decimal("NaN")])
def test_publish_refuses_price_zero_or_less_or_not_a_number(shop_block, price):
    with pytest.raises(ValidationError, match="price per CER"):
        offer_publish(block=shop_block, quantity=10, price=price, user=None)
    assert not shop_block.offer_products.exists()


def test_publish_refuses_second_live_offer_on_same_block(shop_offer, shop_block):
    with pytest.raises(ValidationError, match="already has a live offer"):
        offer_publish(block=shop_block, quantity=10, price=Decimal("9"), user=None)
    assert shop_block.offer_products.count() == 1


def test_publish_refuses_block_of_unmapped_account(db):
    block = make_block(account_number="CDM-250-UNMAPPED")

    with pytest.raises(ValidationError, match="not mapped to any provider"):
        offer_publish(block=block, quantity=10, price=Decimal("9"), user=None)


def test_publish_refuses_user_of_another_provider(shop_block, django_user_model):
    outsider = django_user_model.objects.create_user(username="other", email="other@example.org", password="x")
    make_provider(accounts=("CDM-250-7777",), users=(outsider,))

    with pytest.raises(ValidationError, match="provider you represent"):
        offer_publish(block=shop_block, quantity=10, price=Decimal("9"), user=outsider)


def test_price_change_is_withdrawal_and_new_offer(shop_offer, shop_block):
    offer_withdraw(product=shop_offer, user=None)
    new_offer = offer_publish(block=shop_block, quantity=100, price=Decimal("15.00"), user=None)

    shop_offer.refresh_from_db()
    assert shop_offer.withdrawn_at is not None and shop_offer.is_public is False
    assert new_offer.stockrecords.get().price == Decimal("15.00")


def test_withdraw_refused_while_order_in_progress(shop_offer):
    from tests.factories.shop import make_pending_order

    make_pending_order(product=shop_offer, quantity=3)

    with pytest.raises(ValidationError, match="orders in progress"):
        offer_withdraw(product=shop_offer, user=None)
    shop_offer.refresh_from_db()
    assert shop_offer.withdrawn_at is None


def test_withdraw_allowed_once_orders_are_finished(shop_offer):
    from shop.order.models import LineStatus
    from tests.factories.shop import make_pending_order

    order = make_pending_order(product=shop_offer, quantity=3)
    order.lines.update(status=LineStatus.CANCELLED)

    assert offer_withdraw(product=shop_offer, user=None).withdrawn_at is not None


def test_holding_reduced_shrinks_offer_and_alerts_staff(shop_offer, shop_block, django_capture_on_commit_callbacks):
    shop_block.units_held = 40
    shop_block.save()

    with django_capture_on_commit_callbacks(execute=True):  # staff alerts leave on commit (core.alerts)
        offer_holding_reduce(block=shop_block)

    assert shop_offer.stockrecords.get().num_in_stock == 40
    assert len(mail.outbox) == 1
    assert "BLK" in mail.outbox[0].subject


def test_holding_above_offer_changes_nothing(shop_offer, shop_block, django_capture_on_commit_callbacks):
    shop_block.units_held = 500
    shop_block.save()

    with django_capture_on_commit_callbacks(execute=True):
        offer_holding_reduce(block=shop_block)

    assert shop_offer.stockrecords.get().num_in_stock == 100
    assert mail.outbox == []


@pytest.mark.parametrize("status", ["payment_failed", "expired"])
def test_order_release_puts_reserved_cers_back_on_offer(shop_offer, status):
    from shop.services import order_release
    from tests.factories.shop import make_pending_order

    order = make_pending_order(product=shop_offer, quantity=30)
    assert shop_offer.stockrecords.get().num_allocated == 30

    assert order_release(order=order, status=status) == 1

    assert shop_offer.stockrecords.get().num_allocated == 0
    assert order.lines.get().status == status
    # Released twice changes nothing more.
    assert order_release(order=order, status=status) == 0
    assert shop_offer.stockrecords.get().num_allocated == 0


def test_registry_signal_reduces_offer(shop_offer, shop_block):
    from registry.models import UnitBlock
    from registry.signals import block_holding_reduced

    shop_block.units_held = 25
    shop_block.save()
    block_holding_reduced.send(sender=UnitBlock, block=shop_block, units_held=25, units_before=1000)

    assert shop_offer.stockrecords.get().num_in_stock == 25
