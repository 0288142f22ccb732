import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.factories.shop import make_offer, make_pending_order

pytestmark = pytest.mark.django_db


def register(client, email):
    return client.post(
        reverse("customer:register"),
        {"email": email, "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"},
    )


def test_registration_creates_account(client):
    response = register(client, "new@example.org")

    assert response.status_code == 302
    assert get_user_model().objects.filter(email="new@example.org").exists()


def test_registration_refuses_email_already_used(client, django_user_model):
    django_user_model.objects.create_user(username="taken", email="taken@example.org", password="x")

    response = register(client, "Taken@Example.org")

    assert response.status_code == 200
    assert "A user with that email address already exists" in response.content.decode()
    assert django_user_model.objects.filter(email__iexact="taken@example.org").count() == 1


def test_account_page_lists_orders_with_line_status(client, django_user_model):
    user = django_user_model.objects.create_user(username="buyer", email="buyer@example.org", password="pw")
    order = make_pending_order(product=make_offer(quantity=10), quantity=2, user=user)
    client.force_login(user)

    html = client.get(reverse("customer:order-list")).content.decode()

    assert str(order.number) in html
    assert "Awaiting payment" in html


@pytest.mark.parametrize("orders", [1, 4])
def test_order_list_query_count_is_constant(client, django_user_model, django_assert_max_num_queries, orders):
    user = django_user_model.objects.create_user(username="many", email="many@example.org", password="pw")
    start = timezone.now() - datetime.timedelta(hours=2 * orders)
    for index in range(orders):
        # Placed hours apart: one buyer holds at most MAX_OPEN_UNPAID_ORDERS unpaid orders at a time.
        with time_machine.travel(start + datetime.timedelta(hours=2 * index), tick=False):
            make_pending_order(product=make_offer(quantity=10), quantity=1, user=user)
    client.force_login(user)

    with django_assert_max_num_queries(16):
        assert client.get(reverse("customer:order-list")).status_code == 200


def test_closing_account_anonymises_user_and_keeps_orders(client, django_user_model):
    from oscar.core.loading import get_model

    user = django_user_model.objects.create_user(
        username="leaving", email="leaving@example.org", password="pw", first_name="Lea", last_name="Ving"
    )
    order = make_pending_order(product=make_offer(quantity=10), quantity=2, user=user)
    client.force_login(user)

    assert client.post(reverse("account-close"), {}).status_code == 200  # confirmation required
    response = client.post(reverse("account-close"), {"confirm": "on"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active is False
    assert "leaving" not in user.email and user.first_name == "" and user.last_name == ""
    assert not user.has_usable_password()
    assert get_model("order", "Order").objects.filter(pk=order.pk, user=user).exists()
    assert "_auth_user_id" not in client.session
    # The address is free again for a new account.
    assert register(client, "leaving@example.org").status_code == 302


def test_account_pages_render(client, django_user_model):
    user = django_user_model.objects.create_user(username="reader", email="reader@example.org", password="pw")
    order = make_pending_order(product=make_offer(quantity=10), quantity=2, user=user)
    assert client.get(reverse("customer:login")).status_code == 200
    client.force_login(user)

    for url in (
        reverse("customer:profile-view"),
        reverse("customer:order", kwargs={"order_number": order.number}),
        reverse("account-close"),
    ):
        assert client.get(url).status_code == 200, url


def test_order_list_links_issued_certificate(client, django_user_model):
    from django.utils import timezone

    from registry.models import Cancellation
    from shop.fulfilment.models import Certificate

    user = django_user_model.objects.create_user(username="certified", email="c@example.org", password="pw")
    order = make_pending_order(product=make_offer(quantity=10), quantity=2, user=user)
    line = order.lines.get()
    line.status = "cancelled"
    line.save()
    cancellation = Cancellation.objects.create(
        block=line.unit_block,
        quantity=2,
        idempotency_key="acct-test",
        beneficiary="Ada",
        purpose="Flights",
        status="completed",
    )
    Certificate.objects.create(
        line=line,
        cancellation=cancellation,
        year=2026,
        sequence=7,
        number="VC-000007/2026",
        verification_code="ACCT7CODE",
        language="en",
        presented_to="Ada",
        reason="Flights",
        project=line.unit_block.project,
        mechanism="CDM",
        host_country="BR",
        quantity=2,
        transaction_id="TX-7",
        cancelled_at=timezone.now(),
    )
    client.force_login(user)

    html = client.get(reverse("customer:order-list")).content.decode()

    assert "Certificate VC-000007/2026 (PDF)" in html
    assert "/certificates/ACCT7CODE/pdf/" in html
