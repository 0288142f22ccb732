import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.banktransfer import make_provider_user
from tests.factories.fulfilment import lines_mark_paid
from tests.factories.shop import make_basket, make_offer, make_pending_order, make_project, make_provider

pytestmark = pytest.mark.django_db

URL = "/en/shop/provider/orders/"


def place_order(*items, email="buyer@example.org"):
    """One order with [(product, quantity), ...] lines, possibly from several providers."""
    from shop.services import order_place
    from tests.factories.shop import BUYER_ADDRESS, BUYER_CERTIFICATE, ensure_country

    ensure_country()
    order = order_place(
        basket=make_basket(items=list(items)),
        user=None,
        guest_email=email,
        billing_address=dict(BUYER_ADDRESS),
        certificate=dict(BUYER_CERTIFICATE),
    )
    order.refresh_from_db()  # the number generator hands out an int; the stored number is text
    return order


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def two_providers():
    ours = make_provider(name="Andes Hydro")
    theirs = make_provider(name="Other Wind")
    our_offer = make_offer(provider=ours, project=make_project(reference="OURS-1", title="Andes run-of-river"))
    their_offer = make_offer(provider=theirs, project=make_project(reference="THEIRS-1", title="Coastal wind"))
    return ours, theirs, our_offer, their_offer


def test_url_is_the_documented_one():
    assert reverse("provider-orders") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_user_without_provider_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user(username="buyer", email="b@example.org", password="pw")
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "?format=csv").status_code == 403


def test_provider_sees_only_its_own_lines_of_a_shared_order(client, two_providers):
    ours, theirs, our_offer, their_offer = two_providers
    order = place_order((our_offer, 3), (their_offer, 7))
    user = make_provider_user(ours)
    client.force_login(user)

    page = client.get(URL).content.decode()

    assert order.number in page
    assert our_offer.unit_block.project.reference in page
    assert their_offer.unit_block.project.reference not in page
    assert "1 order line" in page
    # The other provider's filter values give nothing.
    their_page = client.get(URL, {"project": their_offer.unit_block.project.reference}).content.decode()
    assert "No order lines match." in their_page
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert len(rows) == 2
    assert rows[1][0] == order.number
    assert rows[1][2] == "Andes Hydro"
    assert rows[1][4] == "3"
    their_rows = csv_rows(client.get(URL, {"format": "csv", "project": their_offer.unit_block.project.reference}))
    assert len(their_rows) == 1


def test_buyer_contacts_are_shown_only_after_payment(client, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    order = make_pending_order(product=our_offer, quantity=2)
    client.force_login(make_provider_user(ours))

    page = client.get(URL).content.decode()
    assert "shown after payment" in page
    assert "buyer@example.org" not in page
    assert "Lovelace" not in page
    assert "Awaiting payment" in page
    assert "shown after payment" in csv_rows(client.get(URL, {"format": "csv"}))[1]

    lines_mark_paid(order)

    page = client.get(URL).content.decode()
    assert "shown after payment" not in page
    assert "buyer@example.org" in page
    assert "Ada Lovelace" in page
    assert "Bonn" in page
    row = csv_rows(client.get(URL, {"format": "csv"}))[1]
    assert row[7] == "Paid"
    assert row[8:10] == ["Ada Lovelace", "buyer@example.org"]
    assert "53113" in row[10]


def test_search_by_number_buyer_project_and_date(client, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    other_project_offer = make_offer(provider=ours, project=make_project(reference="PRJ-XYZ", title="Solar cookers"))
    first = place_order((our_offer, 1), email="alice@example.org")
    second = place_order((other_project_offer, 2), email="bob@example.org")
    type(first).objects.filter(pk=first.pk).update(date_placed=timezone.now() - timedelta(days=10))
    client.force_login(make_provider_user(ours))

    def numbers(**params):
        rows = csv_rows(client.get(URL, {"format": "csv", **params}))
        return sorted(row[0] for row in rows[1:])

    assert numbers() == sorted([first.number, second.number])
    assert numbers(number=second.number) == [second.number]
    # Contacts are hidden before payment, and so the search by buyer finds only paid orders.
    assert numbers(buyer="alice@") == []
    lines_mark_paid(first)
    lines_mark_paid(second)
    assert numbers(buyer="alice@") == [first.number]
    assert numbers(buyer="Lovelace") == sorted([first.number, second.number])
    assert numbers(project="PRJ-XYZ") == [second.number]
    assert numbers(project="solar") == [second.number]
    today = timezone.localdate().isoformat()
    assert numbers(date_from=today) == [second.number]
    assert numbers(date_to=(timezone.localdate() - timedelta(days=5)).isoformat()) == [first.number]
    # The page keeps the search in its links, so it can be bookmarked.
    page = client.get(URL, {"project": "PRJ-XYZ"}).content.decode()
    assert second.number in page and first.number not in page
    assert "project=PRJ-XYZ&amp;format=csv" in page


def test_an_unreadable_date_is_reported_and_not_applied(client, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    order = place_order((our_offer, 1))
    client.force_login(make_provider_user(ours))

    response = client.get(URL, {"date_from": "yesterday"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid date." in page
    assert order.number in page


def test_staff_see_every_providers_lines(client, django_user_model, two_providers):
    _ours, _theirs, our_offer, their_offer = two_providers
    order = place_order((our_offer, 3), (their_offer, 7))
    from tests.factories.shop import make_platform_staff

    staff = make_platform_staff(username="staff", email="s@example.org")
    client.force_login(staff)

    page = client.get(URL).content.decode()

    assert "2 order lines" in page
    assert "Andes Hydro" in page and "Other Wind" in page
    assert order.number in page


def test_pagination(client, two_providers, settings):
    ours, _theirs, our_offer, _their_offer = two_providers
    from shop.provider_orders import PAGE_SIZE

    for number in range(PAGE_SIZE + 1):  # one guest may hold only MAX_OPEN_UNPAID_ORDERS unpaid orders
        place_order((our_offer, 1), email=f"buyer{number}@example.org")
    client.force_login(make_provider_user(ours))

    first = client.get(URL, {"project": our_offer.unit_block.project.reference}).content.decode()
    assert "Page 1 of 2" in first
    assert f"project={our_offer.unit_block.project.reference}&amp;page=2" in first
    second = client.get(URL, {"project": our_offer.unit_block.project.reference, "page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert len(csv_rows(client.get(URL, {"format": "csv"}))) == PAGE_SIZE + 2


def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    client.force_login(make_provider_user(ours))
    client.get(URL)  # warm the per-process caches (site root, content types) the layout fills on first use

    def count_queries(orders):
        for _ in range(orders):
            lines_mark_paid(place_order((our_offer, 1)))
        # Session, user, partners, count, lines, then the site layout's own queries (basket, menus).
        with django_assert_max_num_queries(20) as captured:
            assert client.get(URL).status_code == 200
        page_queries = len(captured.captured_queries)
        # Session, user, the platform-staff permission (user's and groups'), partners, lines.
        with django_assert_max_num_queries(8) as captured:
            assert client.get(URL, {"format": "csv"}).status_code == 200
        return page_queries, len(captured.captured_queries)

    assert count_queries(2) == count_queries(8)


def test_the_buyer_search_cannot_reveal_an_unpaid_buyers_hidden_contacts(client, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    unpaid = place_order((our_offer, 1), email="hidden.buyer@example.org")
    client.force_login(make_provider_user(ours))

    # Guessing the email letter by letter (or the name) must find nothing while the page hides them.
    for term in ("hidden.buyer@example.org", "hidden", "h", "Lovelace"):
        page = client.get(URL, {"buyer": term}).content.decode()
        assert unpaid.number not in page, term
        assert "No order lines match." in page, term
        assert len(csv_rows(client.get(URL, {"format": "csv", "buyer": term}))) == 1, term
    # The order itself is still listed, without its buyer.
    assert unpaid.number in client.get(URL).content.decode()


def test_provider_orders_page_and_csv_are_never_stored_by_browsers_or_proxies(client, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    lines_mark_paid(place_order((our_offer, 1)))
    client.force_login(make_provider_user(ours))

    for params in ({}, {"format": "csv"}, {"buyer": "buyer@"}):
        cache_control = client.get(URL, params)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, (params, cache_control)


def test_provider_csv_starts_with_a_bom_and_keeps_formulas_as_text(client, two_providers):
    ours, _theirs, our_offer, _their_offer = two_providers
    order = place_order((our_offer, 1))
    order.billing_address.__class__.objects.filter(pk=order.billing_address_id).update(
        first_name="=HYPERLINK(", last_name="x)"
    )
    lines_mark_paid(order)
    client.force_login(make_provider_user(ours))

    content = client.get(URL, {"format": "csv"}).content
    assert content.startswith("\ufeff".encode())
    row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1]
    assert row[8].startswith("'=")
