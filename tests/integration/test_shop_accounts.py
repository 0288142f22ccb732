import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

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
