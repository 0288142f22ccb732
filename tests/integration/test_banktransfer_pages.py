"""The buyer's "pay by bank transfer" choice and the provider's bank-transfer pages."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.banktransfer.models import BankTransferPart
from shop.banktransfer.services import bank_transfer_parts_create
from shop.order.models import LineStatus
from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
from tests.factories.fulfilment import make_order
from tests.factories.shop import make_offer

pytestmark = pytest.mark.django_db

BUYER = "buyer@example.org"


def _buyer_session(client, order):
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _part(order, capture):
    with capture(execute=True):
        (part,) = bank_transfer_parts_create(order=order)
    return part


def test_buyer_chooses_bank_transfer_for_the_order_just_placed(client, bank_offer, django_capture_on_commit_callbacks):
    order = make_order(items=[(bank_offer, 6)])
    _buyer_session(client, order)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("banktransfer:choose"))

    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    assert "2 working days" in " ".join(_messages(response))
    part = BankTransferPart.objects.get(order=order)
    assert part.amount == Decimal("60.00")
    assert len([message for message in mail.outbox if BUYER in message.to]) == 1


def test_choice_refused_below_the_minimum_with_a_clear_message(client, bank_offer):
    order = make_order(items=[(bank_offer, 2)])  # 20.00 < 50.00
    _buyer_session(client, order)

    response = client.post(reverse("banktransfer:choose"))

    assert response.status_code == 302
    (message,) = _messages(response)
    assert "from 50.00" in message and "20.00" in message
    assert not BankTransferPart.objects.exists()


def test_choice_refused_when_the_provider_does_not_take_bank_transfers(client):
    order = make_order(items=[(make_offer(quantity=10), 2)])
    _buyer_session(client, order)

    response = client.post(reverse("banktransfer:choose"))

    assert "does not accept bank transfers" in " ".join(_messages(response))
    assert not BankTransferPart.objects.exists()


def test_choice_without_an_order_in_the_session_changes_nothing(client, bank_offer):
    response = client.post(reverse("banktransfer:choose"))

    assert response.status_code == 302 and response["Location"] == reverse("basket:summary")
    assert not BankTransferPart.objects.exists()


def test_choice_needs_a_post_with_csrf(bank_offer):
    order = make_order(items=[(bank_offer, 6)])
    client = Client(enforce_csrf_checks=True)
    _buyer_session(client, order)

    assert client.get(reverse("banktransfer:choose")).status_code == 405
    assert client.post(reverse("banktransfer:choose")).status_code == 403
    assert not BankTransferPart.objects.exists()


def test_choose_button_renders_a_csrf_protected_form(rf):
    from django.template.loader import render_to_string

    html = render_to_string("banktransfer/choose_button.html", request=rf.get("/"))
    assert reverse("banktransfer:choose") in html and "csrfmiddlewaretoken" in html


def test_provider_pages_need_a_login(client, bank_offer, django_capture_on_commit_callbacks):
    part = _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)

    for url in [reverse("banktransfer:part_list"), reverse("banktransfer:part_detail", kwargs={"pk": part.pk})]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_provider_lists_only_its_own_transfers(
    client, bank_offer, bank_provider_user, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    own = _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)
    other_offer = make_offer(quantity=50, price=Decimal("9.00"))
    bank_transfer_enable(other_offer.stockrecords.get().partner, email="other@example.org")
    theirs = _part(make_order(items=[(other_offer, 7)]), django_capture_on_commit_callbacks)
    for _ in range(3):
        _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)
    client.force_login(bank_provider_user)

    # The layout's own queries (session, user, basket, navigation) plus one for the parts, whatever their number.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("banktransfer:part_list"))

    html = response.content.decode()
    assert reverse("banktransfer:part_detail", kwargs={"pk": own.pk}) in html
    assert reverse("banktransfer:part_detail", kwargs={"pk": theirs.pk}) not in html


def test_another_providers_part_is_not_found(client, bank_offer, django_capture_on_commit_callbacks):
    part = _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)
    stranger = make_provider_user(make_offer(quantity=5).stockrecords.get().partner)
    client.force_login(stranger)

    assert client.get(reverse("banktransfer:part_detail", kwargs={"pk": part.pk})).status_code == 404
    paid = client.post(
        reverse("banktransfer:part_mark_paid", kwargs={"pk": part.pk}),
        {"paid_on": timezone.localdate().isoformat(), "reference": "STOLEN"},
    )
    assert paid.status_code == 404
    assert client.post(reverse("banktransfer:part_mark_in_progress", kwargs={"pk": part.pk})).status_code == 404
    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.AWAITING_TRANSFER


def test_staff_see_every_providers_transfers(client, bank_offer, django_capture_on_commit_callbacks):
    part = _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)
    from tests.factories.shop import make_platform_staff

    staff = make_platform_staff(username="staff", email="staff@example.org")
    client.force_login(staff)

    assert client.get(reverse("banktransfer:part_detail", kwargs={"pk": part.pk})).status_code == 200


def test_provider_marks_in_progress_then_paid_and_adds_a_note(
    client, bank_offer, bank_provider_user, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])
    part = _part(order, django_capture_on_commit_callbacks)
    client.force_login(bank_provider_user)
    detail = reverse("banktransfer:part_detail", kwargs={"pk": part.pk})
    page = client.get(detail).content.decode()
    assert "Ada" in page and BUYER in page and "60.00" in page
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("banktransfer:part_mark_in_progress", kwargs={"pk": part.pk}))
    assert response["Location"] == detail
    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.IN_PROGRESS

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("banktransfer:part_note_add", kwargs={"pk": part.pk}), {"text": "Details sent by email."})
    assert "Details sent by email." in client.get(detail).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("banktransfer:part_mark_paid", kwargs={"pk": part.pk}),
            {"paid_on": timezone.localdate().isoformat(), "reference": "SEPA-778"},
        )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.PAID and part.payment_reference == "SEPA-778"
    assert set(order.lines.values_list("status", flat=True)) != {LineStatus.PENDING_PAYMENT}
    # The buyer heard of each step (the internal note was not sent).
    subjects = [message.subject for message in mail.outbox if BUYER in message.to]
    assert len(subjects) == 2
    assert any("in progress" in subject for subject in subjects)
    assert any("payment received" in subject for subject in subjects)


def test_mark_paid_with_a_bad_form_changes_nothing(
    client, bank_offer, bank_provider_user, django_capture_on_commit_callbacks
):
    order = make_order(items=[(bank_offer, 6)])
    part = _part(order, django_capture_on_commit_callbacks)
    client.force_login(bank_provider_user)

    response = client.post(
        reverse("banktransfer:part_mark_paid", kwargs={"pk": part.pk}), {"paid_on": "", "reference": ""}
    )

    assert response.status_code == 400
    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.AWAITING_TRANSFER
    assert set(order.lines.values_list("status", flat=True)) == {LineStatus.PENDING_PAYMENT}


def test_provider_pages_in_french(client, bank_offer, bank_provider_user, django_capture_on_commit_callbacks):
    part = _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)
    client.force_login(bank_provider_user)

    response = client.get(f"/fr/bank-transfer/parts/{part.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count('name="csrfmiddlewaretoken"') == 3


def test_provider_transfer_pages_are_never_stored_by_browsers_or_proxies(
    client, bank_offer, bank_provider_user, django_capture_on_commit_callbacks
):
    part = _part(make_order(items=[(bank_offer, 6)]), django_capture_on_commit_callbacks)
    client.force_login(bank_provider_user)

    responses = [
        client.get(reverse("banktransfer:part_list")),
        client.get(reverse("banktransfer:part_detail", kwargs={"pk": part.pk})),
        # An invalid form re-renders the detail page, with the buyer's address.
        client.post(reverse("banktransfer:part_mark_paid", kwargs={"pk": part.pk}), {"paid_on": "", "reference": ""}),
    ]

    for response in responses:
        assert response.status_code in (200, 400)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
