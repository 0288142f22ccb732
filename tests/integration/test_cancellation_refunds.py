"""Staff refund a paid line the registry refused to cancel: through PayPal, or recorded as sent back by transfer."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from registry.models import UnitBlock
from registry.services import registry_sync
from shop.order.models import LineStatus
from shop.paypal import gateway
from shop.paypal.facade import paypal_order_capture, paypal_order_create
from shop.paypal.models import PayPalRefund
from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
from tests.factories.paypal import SimulatorControl
from tests.factories.registry import simulator_block_seed
from tests.factories.shop import make_offer, make_pending_order, make_platform_staff, make_provider

pytestmark = pytest.mark.django_db

ACCOUNT = "CDM-300-7101"


@pytest.fixture
def staff(db):
    return make_platform_staff()


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def _failed_line(registry_simulator, pay):
    """Two lines of one provider, paid (by `pay`), the first refused by the registry (its units were forwarded)."""
    from shop.fulfilment.services import line_fulfil

    provider = make_provider(name="Andes Hydro", accounts=(ACCOUNT,))
    block_id = simulator_block_seed(registry_simulator, account=ACCOUNT, units=100)
    registry_sync(accounts=[ACCOUNT])
    offer = make_offer(block=UnitBlock.objects.get(registry_block_id=block_id), quantity=50, price=Decimal("10.00"))
    order = make_pending_order(product=offer, quantity=5)
    pay(order, provider)
    registry_simulator.registry.block_transfer_out(block_id=block_id, quantity=98)
    line = order.lines.get()
    line_fulfil(line_id=line.pk)
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLATION_FAILED
    return line


def _pay_by_paypal(order, provider):
    url = paypal_order_create(order=order, return_url="http://testserver/r/", cancel_url="http://testserver/c/")
    token = url.split("token=")[1]
    SimulatorControl(settings.PAYPAL_SIMULATOR_URL).approve(token)
    assert paypal_order_capture(order=order, token=token).status == "paid"


def _pay_by_bank_transfer(order, provider):
    from shop.banktransfer.services import bank_transfer_mark_paid, bank_transfer_parts_create

    bank_transfer_enable(provider)
    [part] = bank_transfer_parts_create(order=order)
    bank_transfer_mark_paid(part=part, user=make_provider_user(provider), paid_on=timezone.localdate(), reference="T1")


def _allocated(line) -> int:
    line.stockrecord.refresh_from_db()
    return line.stockrecord.num_allocated


def test_staff_refund_a_failed_paypal_line_through_paypal_once(
    client, staff, registry_simulator, paypal_simulator, django_capture_on_commit_callbacks
):
    line = _failed_line(registry_simulator, _pay_by_paypal)
    allocated = _allocated(line)
    client.force_login(staff)
    mail.outbox.clear()
    refund_url = reverse("provider-staff-failure-refund", kwargs={"line_id": line.pk})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(refund_url, follow=True)

    assert "sent to PayPal" in _messages(response)
    line.refresh_from_db()
    assert line.status == LineStatus.REFUNDED
    assert _allocated(line) == allocated - line.quantity
    refund = PayPalRefund.objects.get()
    assert (refund.status, refund.amount, refund.reason) == ("COMPLETED", Decimal("50.00"), "cancellation_failed")
    capture = gateway.order_get(paypal_order_id=refund.capture.paypal_order_id)["purchase_units"][0]["payments"]
    assert capture["captures"][0]["status"] == "REFUNDED"
    [buyer] = [m for m in mail.outbox if m.to == [line.order.email]]
    assert "50.00" in buyer.body and "refunded" in buyer.body

    # A second refund, a retry or a resolution of the refunded line is refused and changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(refund_url, follow=True)
        client.post(reverse("provider-staff-failure-resolve", kwargs={"line_id": line.pk}), {"note": "x"})
    assert "no longer awaiting a decision" in _messages(again)
    assert PayPalRefund.objects.count() == 1
    assert _allocated(line) == allocated - line.quantity
    line.refresh_from_db()
    assert line.status == LineStatus.REFUNDED


def test_staff_record_a_failed_bank_transfer_line_refunded_by_the_provider(
    client, staff, registry_simulator, django_capture_on_commit_callbacks
):
    line = _failed_line(registry_simulator, _pay_by_bank_transfer)
    allocated = _allocated(line)
    client.force_login(staff)
    mail.outbox.clear()
    refund_url = reverse("provider-staff-failure-refund", kwargs={"line_id": line.pk})

    without_note = client.post(refund_url, follow=True)
    assert "Say how the provider sent the money back" in _messages(without_note)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(refund_url, {"note": "Transfer back on 2026-11-20, ref R-77"}, follow=True)

    assert "recorded as refunded by bank transfer" in _messages(response)
    line.refresh_from_db()
    assert line.status == LineStatus.REFUNDED
    assert _allocated(line) == allocated - line.quantity
    [buyer] = [m for m in mail.outbox if m.to == [line.order.email]]
    assert "R-77" in buyer.body and "50.00" in buyer.subject
    assert "R-77" in line.order.bank_transfer_parts.get().notes.get().text
    again = client.post(refund_url, {"note": "again"}, follow=True)
    assert "no longer awaiting a decision" in _messages(again)
    assert _allocated(line) == allocated - line.quantity


def test_a_line_resolved_by_hand_cannot_then_be_refunded(client, staff, registry_simulator):
    line = _failed_line(registry_simulator, _pay_by_bank_transfer)
    client.force_login(staff)
    client.post(reverse("provider-staff-failure-resolve", kwargs={"line_id": line.pk}), {"note": "settled"})
    allocated = _allocated(line)

    response = client.post(
        reverse("provider-staff-failure-refund", kwargs={"line_id": line.pk}), {"note": "again"}, follow=True
    )

    assert "no longer awaiting a decision" in _messages(response)
    assert _allocated(line) == allocated
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLATION_FAILED


def test_the_provider_records_its_refund_on_its_bank_transfer_page(
    client, registry_simulator, django_capture_on_commit_callbacks
):
    line = _failed_line(registry_simulator, _pay_by_bank_transfer)
    part = line.order.bank_transfer_parts.get()
    client.force_login(part.partner.users.first())
    page = client.get(reverse("banktransfer:part_detail", kwargs={"pk": part.pk})).content.decode()
    assert "I sent the money back" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("banktransfer:part_line_refund", kwargs={"pk": part.pk, "line_id": line.pk}), {"note": "ref R-9"}
        )

    line.refresh_from_db()
    assert line.status == LineStatus.REFUNDED


def test_providers_cannot_use_the_staff_refund(client, registry_simulator):
    line = _failed_line(registry_simulator, _pay_by_bank_transfer)
    client.force_login(line.order.bank_transfer_parts.get().partner.users.first())

    response = client.post(reverse("provider-staff-failure-refund", kwargs={"line_id": line.pk}), {"note": "x"})

    assert response.status_code == 403
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLATION_FAILED
