"""An order awaiting a PayPal or card payment holds its CERs for PAYMENT_HOLD_MINUTES, then expires; one visitor holds
at most MAX_OPEN_UNPAID_ORDERS such orders at once."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from shop.banktransfer.services import bank_transfer_parts_create
from shop.holds.services import orders_expire_unpaid
from shop.order.models import LineStatus
from shop.paypal.models import PayPalOrder
from shop.services import OrderPlacementRefused, offer_withdraw
from shop.tasks import orders_expire_unpaid_task
from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
from tests.factories.fulfilment import make_order
from tests.factories.shop import ensure_country, make_offer

pytestmark = pytest.mark.django_db

PLACED = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def at(minutes):
    return PLACED + datetime.timedelta(minutes=minutes)


@pytest.fixture
def offer(db):
    ensure_country()
    return make_offer(quantity=100, price=Decimal("10.00"))


def place(offer, quantity=10, *, minutes=0, **kwargs):
    with time_machine.travel(at(minutes), tick=False):
        return make_order(items=[(offer, quantity)], **kwargs)


def allocated(offer):
    return offer.stockrecords.get().num_allocated or 0


def expire(capture, *, minutes):
    with capture(execute=True), time_machine.travel(at(minutes), tick=False):
        return orders_expire_unpaid()


def test_the_hold_lasts_sixty_minutes_by_default():
    assert settings.PAYMENT_HOLD_MINUTES == 60
    assert settings.MAX_OPEN_UNPAID_ORDERS == 3


def test_an_unpaid_order_expires_after_the_hold_time_and_not_before(offer, django_capture_on_commit_callbacks):
    order = place(offer, 10, language="fr")
    assert allocated(offer) == 10

    assert expire(django_capture_on_commit_callbacks, minutes=59) == []
    assert order.lines.get().status == LineStatus.PENDING_PAYMENT
    assert allocated(offer) == 10 and mail.outbox == []

    assert expire(django_capture_on_commit_callbacks, minutes=60) == [order.pk]

    assert order.lines.get().status == LineStatus.EXPIRED
    assert allocated(offer) == 0  # the 10 CERs are back on offer
    (message,) = mail.outbox
    assert message.to == ["buyer@example.org"]
    assert str(order.number) in message.subject
    # In the buyer's language: the link to order again is the French catalogue.
    with translation.override("fr"):
        assert settings.SITE_URL + reverse("catalogue:index") in message.body
    assert "/fr/" in message.body and "10 t CO2e" in message.body


def test_the_buyer_is_emailed_once_and_can_order_the_cers_again(offer, django_capture_on_commit_callbacks):
    order = place(offer, 100)
    expire(django_capture_on_commit_callbacks, minutes=61)

    assert expire(django_capture_on_commit_callbacks, minutes=120) == []
    assert len(mail.outbox) == 1

    again = place(offer, 100, minutes=121)  # the whole offer, which the expired order had reserved
    assert again.pk != order.pk and again.lines.get().status == LineStatus.PENDING_PAYMENT
    assert allocated(offer) == 100


def test_the_periodic_task_expires_overdue_holds_and_is_in_the_beat_schedule(offer, django_capture_on_commit_callbacks):
    order = place(offer, 5)
    entry = settings.CELERY_BEAT_SCHEDULE["payment-hold-expiry"]
    assert entry["task"] == orders_expire_unpaid_task.name == "shop.tasks.orders_expire_unpaid_task"

    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at(65), tick=False):
        assert orders_expire_unpaid_task.delay().get() == 1

    assert order.lines.get().status == LineStatus.EXPIRED


def test_expiry_works_through_many_holds_in_batches(offer, django_capture_on_commit_callbacks):
    orders = [place(offer, 1, email=f"buyer{number}@example.org") for number in range(5)]

    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at(60), tick=False):
        expired = orders_expire_unpaid(batch_size=2)

    assert expired == [order.pk for order in orders]
    assert allocated(offer) == 0 and len(mail.outbox) == 5


def test_a_bank_transfer_order_keeps_its_cers_past_the_hold_time(offer, django_capture_on_commit_callbacks):
    bank_transfer_enable(offer.stockrecords.get().partner)
    order = place(offer, 10)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at(5), tick=False):
        bank_transfer_parts_create(order=order)
    mail.outbox.clear()

    assert expire(django_capture_on_commit_callbacks, minutes=24 * 60) == []

    assert order.lines.get().status == LineStatus.PENDING_PAYMENT
    assert allocated(offer) == 10 and mail.outbox == []


def test_a_paypal_payment_still_clearing_keeps_its_cers(offer, django_capture_on_commit_callbacks):
    order = place(offer, 10)
    # Captured, the capture PENDING (an eCheck): the money is on its way, the lines still await it.
    PayPalOrder.objects.create(
        order=order, paypal_order_id="PP-ECHECK", status=PayPalOrder.Status.CAPTURED, amounts={}, currency="USD"
    )

    assert expire(django_capture_on_commit_callbacks, minutes=3 * 24 * 60) == []
    assert order.lines.get().status == LineStatus.PENDING_PAYMENT


def test_provider_cannot_withdraw_while_the_hold_is_live(offer):
    provider_user = make_provider_user(offer.stockrecords.get().partner)
    order = place(offer, 10)

    with time_machine.travel(at(59), tick=False), pytest.raises(ValidationError) as refused:
        offer_withdraw(product=offer, user=provider_user)

    assert "orders in progress" in refused.value.messages[0]
    offer.refresh_from_db()
    assert offer.withdrawn_at is None
    assert order.lines.get().status == LineStatus.PENDING_PAYMENT and allocated(offer) == 10


def test_provider_can_withdraw_once_the_hold_expired_even_before_the_periodic_run(
    offer, django_capture_on_commit_callbacks
):
    provider_user = make_provider_user(offer.stockrecords.get().partner)
    order = place(offer, 10)

    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(at(61), tick=False):
        offer_withdraw(product=offer, user=provider_user)

    offer.refresh_from_db()
    assert offer.withdrawn_at is not None
    assert order.lines.get().status == LineStatus.EXPIRED and allocated(offer) == 0
    assert [message.to for message in mail.outbox] == [["buyer@example.org"]]


def test_provider_workspace_no_longer_counts_an_expired_hold_as_reserved(client, offer):
    partner = offer.stockrecords.get().partner
    provider_user = make_provider_user(partner)
    order = place(offer, 10)
    client.force_login(provider_user)

    with time_machine.travel(at(30), tick=False):
        live = client.get(reverse("provider-offers")).content.decode()
        lines_live = client.get(reverse("provider-orders")).content.decode()
    with time_machine.travel(at(61), tick=False):
        lapsed = client.get(reverse("provider-offers")).content.decode()
        lines_lapsed = client.get(reverse("provider-orders")).content.decode()

    assert "(10 reserved by orders)" in live and "(0 reserved by orders)" in lapsed
    assert str(order.number) in lines_live and "Awaiting payment" in lines_live
    assert "Awaiting payment" not in lines_lapsed and "Expired" in lines_lapsed


def test_a_fourth_unpaid_order_of_one_guest_email_is_refused_and_nothing_changes(offer):
    for minutes in (0, 10, 20):
        place(offer, 1, minutes=minutes)
    from shop.order.models import Order

    with time_machine.travel(at(30), tick=False), pytest.raises(OrderPlacementRefused) as refused:
        make_order(items=[(offer, 1)], email="BUYER@example.org")

    assert "You already have 3 orders awaiting payment" in refused.value.messages[0]
    assert Order.objects.count() == 3 and allocated(offer) == 3

    # Once the first hold has expired, there is room for one more.
    place(offer, 1, minutes=61)
    assert Order.objects.count() == 4


def test_orders_paid_or_by_bank_transfer_do_not_count_towards_the_limit(offer, django_capture_on_commit_callbacks):
    from tests.factories.fulfilment import lines_mark_paid

    bank_transfer_enable(offer.stockrecords.get().partner)
    lines_mark_paid(place(offer, 1))
    with django_capture_on_commit_callbacks(execute=True):
        bank_transfer_parts_create(order=place(offer, 1))
    place(offer, 1)
    place(offer, 1)

    place(offer, 1)  # the third order awaiting PayPal or card
    with pytest.raises(OrderPlacementRefused):
        place(offer, 1)


def test_a_signed_in_buyer_is_counted_by_account_whatever_the_email(offer):
    from django.contrib.auth import get_user_model

    from shop.services import order_place
    from tests.factories.shop import BUYER_ADDRESS, BUYER_CERTIFICATE, make_basket

    user = get_user_model().objects.create_user(username="ada", email="ada@example.org", password="pw-buyer-123")

    def place_as_user():
        return order_place(
            basket=make_basket(items=[(offer, 1)], user=user),
            user=user,
            billing_address=dict(BUYER_ADDRESS),
            certificate=dict(BUYER_CERTIFICATE),
        )

    for _number in range(3):
        place_as_user()
    with pytest.raises(OrderPlacementRefused):
        place_as_user()


def checkout(client, offer, email):
    from tests.integration.test_shop_checkout import DETAILS

    client.post(reverse("basket:add", kwargs={"pk": offer.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    client.post(reverse("checkout:details"), DETAILS)
    return client.post(reverse("checkout:preview"), follow=True)


def test_checkout_refuses_a_fourth_unpaid_order_from_one_session_with_a_clear_message(client, offer):
    from shop.order.models import Order

    now = timezone.now()
    with time_machine.travel(now, tick=False):
        for number in range(3):  # a new guest email each time: the session still counts
            response = checkout(client, offer, f"guest{number}@example.org")
            assert response.redirect_chain[-1][0].endswith(reverse("checkout:thank-you"))
        response = checkout(client, offer, "guest4@example.org")

    assert response.redirect_chain[-1][0].endswith(reverse("basket:summary"))
    assert "You already have 3 orders awaiting payment" in response.content.decode()
    assert Order.objects.count() == 3 and allocated(offer) == 3
    assert response.context["basket"].num_lines == 1  # the basket is kept to place later
