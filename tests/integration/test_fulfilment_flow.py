"""A paid line ends cancelled once in the registry, with a certificate in the buyer's inbox, in their language."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from registry.models import Cancellation
from registry.services import cancellation_idempotency_key, cancellation_request
from shop.fulfilment.models import Certificate, LineFulfilment
from shop.fulfilment.services import (
    fulfilment_overdue_alert,
    fulfilment_requeue,
    line_fulfil,
    line_fulfilment_enqueue,
)
from shop.order.models import Line, LineStatus
from tests.factories.fulfilment import make_order, make_paid_order

pytestmark = pytest.mark.django_db


def simulator_transactions(simulator) -> list[dict]:
    return list(simulator.registry.store.read()["transactions"].values())


def pdf_reader(certificate) -> PdfReader:
    with certificate.pdf.open("rb") as pdf:
        return PdfReader(io.BytesIO(pdf.read()))


def pdf_text(certificate) -> str:
    return " ".join(" ".join(page.extract_text() for page in pdf_reader(certificate).pages).split())


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_paid_line_is_cancelled_certified_and_emailed_in_the_buyers_language(fulfilment_offer, registry_simulator):
    order = make_paid_order(
        product=fulfilment_offer,
        quantity=3,
        language="fr",
        certificate_name="Société Générale d'Énergie",
        reason_text="Compenser nos vols de 2026",
    )
    line = order.lines.get()
    line_fulfilment_enqueue(line_ids=[line.pk])

    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLED
    certificate = Certificate.objects.get(line=line)
    year = timezone.localdate().year
    assert certificate.number.startswith("VC-") and certificate.number.endswith(f"/{year}")
    assert len(certificate.verification_code) >= 16
    # Exactly the serials the registry cancelled, once.
    (transaction,) = simulator_transactions(registry_simulator)
    assert transaction["quantity"] == 3
    assert transaction["idempotency_key"] == cancellation_idempotency_key(order_number=order.number, line_id=line.pk)
    (cancelled,) = registry_simulator.registry.cancelled_ranges()
    assert certificate.serial_ranges[0]["start"] == str(cancelled.first)
    assert certificate.serial_ranges[0]["end"] == str(cancelled.last)
    assert certificate.cancellation.transaction_id == transaction["transaction_id"]
    # Stock consumed: 3 fewer in stock, nothing left allocated.
    stockrecord = fulfilment_offer.stockrecords.get()
    assert (stockrecord.num_in_stock, stockrecord.num_allocated) == (97, 0)

    text = pdf_text(certificate)
    # The document language (from <html lang>) and the country name in French (CLDR) show the buyer's language.
    assert pdf_reader(certificate).trailer["/Root"]["/Lang"] == "fr"
    for expected in [
        certificate.number,
        "Société Générale d'Énergie",
        "Compenser nos vols de 2026",
        str(cancelled.first),
        str(cancelled.last),
        "Brésil",
        transaction["transaction_id"],
        certificate.verification_code,
    ]:
        assert expected in text, expected
    # The link may wrap across lines in the PDF.
    assert f"/fr/certificates/{certificate.verification_code}/" in text.replace(" ", "")

    (buyer_mail,) = mails_to("buyer@example.org")
    assert certificate.number in buyer_mail.subject
    (attachment,) = buyer_mail.attachments
    assert attachment[2] == "application/pdf"
    assert f"/fr/certificates/{certificate.verification_code}/" in buyer_mail.body
    assert certificate.emailed_at is not None
    assert LineFulfilment.objects.get(line=line).completed_at is not None


def test_provider_gets_buyer_contact_details_only_after_payment(fulfilment_offer):
    order = make_order(items=[(fulfilment_offer, 2)])
    line = order.lines.get()
    # Not paid: fulfilment does nothing, and the provider hears nothing.
    assert line_fulfil(line_id=line.pk) is None
    assert mails_to("provider@example.org") == []
    assert not Cancellation.objects.exists()

    order.lines.update(status=LineStatus.PAID)
    line_fulfil(line_id=line.pk)
    (provider_mail,) = mails_to("provider@example.org")
    assert str(order.number) in provider_mail.subject
    for expected in ["Ada", "Lovelace", "buyer@example.org", "Bonn", "Offsetting my flights in 2026"]:
        assert expected in provider_mail.body, expected


def test_task_delivered_twice_cancels_once_and_emails_once(fulfilment_offer, registry_simulator):
    order = make_paid_order(product=fulfilment_offer, quantity=5)
    line = order.lines.get()
    first = line_fulfil(line_id=line.pk)
    second = line_fulfil(line_id=line.pk)

    assert first.pk == second.pk
    assert len(simulator_transactions(registry_simulator)) == 1
    assert Certificate.objects.filter(line=line).count() == 1
    assert len(mails_to("buyer@example.org")) == 1
    assert len(mails_to("provider@example.org")) == 1
    assert registry_simulator.registry.units_held(line.unit_block.registry_block_id) == 95
    stockrecord = fulfilment_offer.stockrecords.get()
    assert (stockrecord.num_in_stock, stockrecord.num_allocated) == (95, 0)


def test_worker_killed_after_the_registry_call_resumes_without_a_second_cancellation(
    fulfilment_offer, registry_simulator
):
    order = make_paid_order(product=fulfilment_offer, quantity=4)
    line = order.lines.get()
    # The killed worker got this far: line claimed, units cancelled in the registry, nothing recorded on our side.
    order.lines.update(status=LineStatus.CANCELLING)
    details = order.certificate_details
    cancellation_request(
        block=line.unit_block,
        quantity=4,
        beneficiary=details.certificate_name,
        purpose=details.reason_text,
        idempotency_key=cancellation_idempotency_key(order_number=order.number, line_id=line.pk),
    )

    certificate = line_fulfil(line_id=line.pk)

    assert len(simulator_transactions(registry_simulator)) == 1
    assert certificate.quantity == 4
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLED


def test_reply_lost_after_the_registry_cancelled_is_not_cancelled_twice(fulfilment_offer, registry_simulator):
    order = make_paid_order(product=fulfilment_offer, quantity=2)
    line = order.lines.get()
    # The registry processes the request, then the connection drops before the reply arrives.
    registry_simulator.faults.drop_next(1, after_processing=True)

    line_fulfil(line_id=line.pk)

    assert len(simulator_transactions(registry_simulator)) == 1
    assert Certificate.objects.get(line=line).quantity == 2


def test_registry_outage_then_recovery_loses_nothing_and_doubles_nothing(fulfilment_offer, registry_simulator):
    orders = [make_paid_order(product=fulfilment_offer, quantity=quantity) for quantity in (1, 2, 3)]
    line_ids = [order.lines.get().pk for order in orders]
    registry_simulator.faults.fail_next(1000)

    line_fulfilment_enqueue(line_ids=line_ids)  # the payment request is not failed by the outage

    statuses = Line.objects.filter(pk__in=line_ids).values_list("status", flat=True)
    assert set(statuses) == {LineStatus.CANCELLING}
    assert not Certificate.objects.exists()
    assert mail.outbox == []
    assert all(LineFulfilment.objects.get(line_id=pk).last_error for pk in line_ids)

    registry_simulator.faults.clear()
    # Within 15 minutes nothing is re-queued; after that the sweeper picks every line up again.
    assert fulfilment_requeue(now=timezone.now() + timedelta(minutes=5)) == []
    assert fulfilment_requeue(now=timezone.now() + timedelta(minutes=16)) == line_ids
    assert fulfilment_requeue(now=timezone.now() + timedelta(minutes=32)) == []

    assert len(simulator_transactions(registry_simulator)) == 3
    assert Certificate.objects.count() == 3
    assert sorted(c.quantity for c in Certificate.objects.all()) == [1, 2, 3]
    assert len(mails_to("buyer@example.org")) == 3
    assert registry_simulator.registry.units_held(orders[0].lines.get().unit_block.registry_block_id) == 94


def test_registry_refusal_fails_the_line_and_alerts_staff_once(
    fulfilment_offer, registry_simulator, settings, admin_client, django_capture_on_commit_callbacks
):
    settings.STAFF_ALERT_EMAILS = ["staff@example.org"]
    order = make_paid_order(product=fulfilment_offer, quantity=10)
    line = order.lines.get()
    # The provider moved the units elsewhere: the registry now holds fewer than were sold.
    registry_simulator.registry.block_transfer_out(block_id=line.unit_block.registry_block_id, quantity=95)

    # Staff alerts leave once the transaction commits (core.alerts).
    with django_capture_on_commit_callbacks(execute=True):
        assert line_fulfil(line_id=line.pk) is None
        assert line_fulfil(line_id=line.pk) is None

    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLATION_FAILED
    (alert,) = mails_to("staff@example.org")
    assert str(order.number) in alert.subject
    assert "insufficient_units" in alert.body
    assert not Certificate.objects.exists()
    assert mails_to("buyer@example.org") == []
    # Not re-queued by the sweeper: it needs an administrator, who finds it in the admin's failed-lines filter.
    assert fulfilment_requeue(now=timezone.now() + timedelta(hours=1)) == []
    page = admin_client.get("/django-admin/fulfilment/linefulfilment/", {"line__status__exact": "cancellation_failed"})
    assert page.status_code == 200
    assert str(order.number) in page.content.decode()
    assert "insufficient_units" in page.content.decode()


def test_a_line_cancelled_outside_fulfilment_is_left_alone(fulfilment_offer, registry_simulator):
    order = make_paid_order(product=fulfilment_offer, quantity=1)
    order.lines.update(status=LineStatus.CANCELLED)

    assert line_fulfil(line_id=order.lines.get().pk) is None
    assert fulfilment_requeue(now=timezone.now() + timedelta(hours=1)) == []
    assert simulator_transactions(registry_simulator) == []


def test_staff_alerted_once_about_paid_lines_without_a_certificate_after_48_hours(
    fulfilment_offer, registry_simulator, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_ALERT_EMAILS = ["staff@example.org"]
    order = make_paid_order(product=fulfilment_offer, quantity=1)
    line = order.lines.get()
    registry_simulator.faults.fail_next(1000)
    line_fulfilment_enqueue(line_ids=[line.pk])

    # Staff alerts leave once the transaction commits (core.alerts).
    with django_capture_on_commit_callbacks(execute=True):
        assert fulfilment_overdue_alert(now=timezone.now() + timedelta(hours=47)) == []
        assert fulfilment_overdue_alert(now=timezone.now() + timedelta(hours=49)) == [line.pk]
        assert fulfilment_overdue_alert(now=timezone.now() + timedelta(hours=50)) == []
    (alert,) = mails_to("staff@example.org")
    assert str(order.number) in alert.body


def test_sweeper_picks_up_paid_lines_nobody_queued(fulfilment_offer):
    order = make_paid_order(product=fulfilment_offer, quantity=1)
    line = order.lines.get()

    assert fulfilment_requeue() == [line.pk]

    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLED
