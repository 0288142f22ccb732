"""Paying a placed order by bank transfer: provider asked for bank details, in progress, paid, or expired."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from shop.banktransfer.models import BankTransferPart
from shop.banktransfer.services import (
    BankTransferRefused,
    bank_transfer_expire_overdue,
    bank_transfer_mark_in_progress,
    bank_transfer_mark_paid,
    bank_transfer_note_add,
    bank_transfer_parts_create,
)
from shop.banktransfer.tasks import bank_transfer_expire_overdue_task
from shop.fulfilment.models import Certificate
from shop.order.models import LineStatus
from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
from tests.factories.fulfilment import make_order
from tests.factories.shop import make_offer

pytestmark = pytest.mark.django_db

BUYER = "buyer@example.org"
PROVIDER = "provider@example.org"


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def _create(order, capture):
    with capture(execute=True):
        return bank_transfer_parts_create(order=order)


def test_choosing_bank_transfer_asks_the_provider_for_bank_details_and_tells_the_buyer(
    bank_offer, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])

    (part,) = _create(order, django_capture_on_commit_callbacks)

    assert part.amount == Decimal("60.00") and isinstance(part.amount, Decimal)
    assert part.currency == order.currency
    assert part.status == BankTransferPart.Status.AWAITING_TRANSFER
    assert part.provider_notified_at is not None
    (to_provider,) = mails_to(PROVIDER)
    # What the provider needs to send its bank details: the buyer's name and email, the amount, the deadline.
    assert str(order.number) in to_provider.subject
    for expected in ["Ada", "Lovelace", BUYER, "60.00", "2 working days"]:
        assert expected in to_provider.body
    (to_buyer,) = mails_to(BUYER)
    assert str(order.number) in to_buyer.subject
    assert "60.00" in to_buyer.body and "2 working days" in to_buyer.body


def test_choosing_twice_creates_nothing_new_and_emails_nobody_again(bank_offer, django_capture_on_commit_callbacks):
    order = make_order(items=[(bank_offer, 6)])
    first = _create(order, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    again = _create(order, django_capture_on_commit_callbacks)

    assert [part.pk for part in again] == [part.pk for part in first]
    assert mail.outbox == []


def test_below_the_providers_minimum_is_refused_and_nothing_changes(bank_offer, django_capture_on_commit_callbacks):
    order = make_order(items=[(bank_offer, 4)])  # 40.00, minimum 50.00

    with pytest.raises(BankTransferRefused) as refused:
        _create(order, django_capture_on_commit_callbacks)

    assert "50.00" in refused.value.messages[0] and "40.00" in refused.value.messages[0]
    assert not BankTransferPart.objects.exists()
    assert mail.outbox == []
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PENDING_PAYMENT}


def test_one_provider_without_bank_transfer_refuses_the_whole_order(bank_offer, django_capture_on_commit_callbacks):
    paypal_only = make_offer(quantity=10, price=Decimal("8.00"))
    order = make_order(items=[(bank_offer, 6), (paypal_only, 2)])

    with pytest.raises(BankTransferRefused) as refused:
        _create(order, django_capture_on_commit_callbacks)

    assert "does not accept bank transfers" in " ".join(refused.value.messages)
    assert not BankTransferPart.objects.exists()


def test_two_providers_get_one_part_each_with_their_own_amount(bank_offer, django_capture_on_commit_callbacks):
    other = make_offer(quantity=10, price=Decimal("7.25"))
    bank_transfer_enable(other.stockrecords.get().partner, email="other-provider@example.org")
    order = make_order(items=[(bank_offer, 6), (other, 3)])

    parts = _create(order, django_capture_on_commit_callbacks)

    assert sorted(part.amount for part in parts) == [Decimal("21.75"), Decimal("60.00")]
    assert len(mails_to("other-provider@example.org")) == 1
    assert len(mails_to(PROVIDER)) == 1


def test_bank_transfer_through_to_paid_cancels_the_units_and_tells_the_buyer_at_each_step(
    fulfilment_offer, django_capture_on_commit_callbacks
):
    partner = bank_transfer_enable(fulfilment_offer.stockrecords.get().partner, minimum=Decimal("10.00"))
    user = make_provider_user(partner)
    order = make_order(items=[(fulfilment_offer, 3)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        bank_transfer_mark_in_progress(part=part, user=user)
    (in_progress,) = mails_to(BUYER)
    assert "in progress" in in_progress.subject

    with django_capture_on_commit_callbacks(execute=True):
        bank_transfer_note_add(part=part, user=user, text="Bank details sent on Monday.", send_to_buyer=True)
    assert "Bank details sent on Monday." in mails_to(BUYER)[-1].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bank_transfer_mark_paid(part=part, user=user, paid_on=timezone.localdate(), reference="TRX-2026-0042")

    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.PAID
    assert part.payment_reference == "TRX-2026-0042" and part.paid_by == user
    paid_mails = [message for message in mails_to(BUYER) if "payment received" in message.subject]
    assert len(paid_mails) == 1 and "TRX-2026-0042" in paid_mails[0].body
    # Fulfilment ran (Celery eager) against the registry simulator: units cancelled, certificate issued.
    line = order.lines.get()
    assert line.status == LineStatus.CANCELLED
    assert Certificate.objects.filter(line=line).exists()


def test_mark_paid_twice_changes_nothing_the_second_time(
    bank_offer, bank_provider_user, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=today, reference="REF-1")
    order.lines.update(status=LineStatus.CANCELLED)  # fulfilment moved on
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=today, reference="REF-2")

    assert again.payment_reference == "REF-1"
    assert callbacks == [] and mail.outbox == []
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.CANCELLED}


def test_another_provider_cannot_act_on_the_part(bank_offer, django_capture_on_commit_callbacks):
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    stranger = make_provider_user(make_offer(quantity=5).stockrecords.get().partner)

    with pytest.raises(PermissionDenied):
        bank_transfer_mark_paid(part=part, user=stranger, paid_on=timezone.localdate(), reference="X")
    with pytest.raises(PermissionDenied):
        bank_transfer_mark_in_progress(part=part, user=stranger)

    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.AWAITING_TRANSFER
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PENDING_PAYMENT}


def test_mark_paid_refuses_a_future_date_or_no_reference(
    bank_offer, bank_provider_user, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(BankTransferRefused):
        bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=tomorrow, reference="REF")
    with pytest.raises(BankTransferRefused):
        bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=timezone.localdate(), reference="  ")

    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.AWAITING_TRANSFER


def test_unpaid_after_the_expiry_days_the_part_expires_stock_is_released_and_both_are_told(
    bank_offer, bank_provider_user, settings, django_capture_on_commit_callbacks
):
    settings.BANK_TRANSFER_EXPIRY_DAYS = 90
    stockrecord = bank_offer.stockrecords.get()
    start = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        order = make_order(items=[(bank_offer, 6)])
        (part,) = _create(order, django_capture_on_commit_callbacks)
        bank_transfer_mark_in_progress(part=part, user=bank_provider_user)
    stockrecord.refresh_from_db()
    assert stockrecord.num_allocated == 6
    mail.outbox.clear()

    with time_machine.travel(start + datetime.timedelta(days=89, hours=23), tick=False):
        assert bank_transfer_expire_overdue() == []
    with (
        time_machine.travel(start + datetime.timedelta(days=90, hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        bank_transfer_expire_overdue_task.delay()

    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.EXPIRED
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.EXPIRED}
    stockrecord.refresh_from_db()
    assert stockrecord.num_allocated == 0 and stockrecord.num_in_stock == 100
    assert len(mails_to(PROVIDER)) == 1 and "cancelled" in mails_to(PROVIDER)[0].subject
    assert len(mails_to(BUYER)) == 1 and "cancelled" in mails_to(BUYER)[0].subject
    # Run again the next day: nothing more happens, and a late "paid" is refused.
    mail.outbox.clear()
    assert bank_transfer_expire_overdue(now=start + datetime.timedelta(days=91)) == []
    assert mail.outbox == []
    with pytest.raises(BankTransferRefused):
        bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=timezone.localdate(), reference="LATE")


def test_expiry_days_are_configurable(bank_offer, settings, django_capture_on_commit_callbacks):
    settings.BANK_TRANSFER_EXPIRY_DAYS = 10
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)

    assert bank_transfer_expire_overdue(now=timezone.now() + datetime.timedelta(days=9)) == []
    assert bank_transfer_expire_overdue(now=timezone.now() + datetime.timedelta(days=10, minutes=1)) == [part.pk]


def test_expiry_leaves_a_paid_part_alone(bank_offer, bank_provider_user, django_capture_on_commit_callbacks):
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=timezone.localdate(), reference="R")

    assert bank_transfer_expire_overdue(now=timezone.now() + datetime.timedelta(days=365)) == []
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PAID}


def test_daily_expiry_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["bank-transfer-expiry"]
    assert entry["task"] == "shop.banktransfer.tasks.bank_transfer_expire_overdue_task"
    assert entry["schedule"] == 24 * 60 * 60


def test_buyer_emails_are_in_the_buyers_language(bank_offer, bank_provider_user, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime(2026, 11, 5, 9, 0, tzinfo=datetime.UTC), tick=False):
        order = make_order(items=[(bank_offer, 6)], language="fr")
        (part,) = _create(order, django_capture_on_commit_callbacks)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            bank_transfer_mark_paid(
                part=part, user=bank_provider_user, paid_on=datetime.date(2026, 11, 5), reference="VIR-12"
            )

    (paid,) = mails_to(BUYER)
    # The payment date is formatted in French: the email was rendered in the buyer's language.
    assert "5 novembre 2026" in paid.body


def test_transfer_recorded_for_lines_paid_another_way_alerts_the_staff(
    bank_offer, bank_provider_user, settings, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    order.lines.update(status=LineStatus.PAID)  # the buyer paid by PayPal after all
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bank_transfer_mark_paid(part=part, user=bank_provider_user, paid_on=timezone.localdate(), reference="DUP")

    (alert,) = mails_to(settings.STAFF_ALERT_EMAILS[0])
    assert str(order.number) in alert.subject and "DUP" in alert.body
    # No second fulfilment of the same lines: only the staff alert and the buyer's email were queued.
    assert len(callbacks) == 2
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PAID}


def test_expiry_of_a_part_whose_lines_were_paid_another_way_tells_nobody(
    bank_offer, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])
    (part,) = _create(order, django_capture_on_commit_callbacks)
    order.lines.update(status=LineStatus.PAID)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        bank_transfer_expire_overdue(now=timezone.now() + datetime.timedelta(days=91))

    assert mail.outbox == []
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PAID}
