"""Provider workspace: refresh from the registry, holdings columns, price change, settings, staff resolution."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from registry.models import UnitBlock
from registry.services import registry_sync
from shop.order.models import LineStatus
from tests.factories.banktransfer import make_provider_user
from tests.factories.registry import simulator_block_seed
from tests.factories.shop import make_block, make_offer, make_pending_order, make_provider

pytestmark = pytest.mark.django_db

ACCOUNT_A = "CDM-300-7001"
ACCOUNT_B = "CDM-300-7002"


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.fixture
def staff(db):
    from tests.factories.shop import make_platform_staff

    return make_platform_staff(username="staffer", email="staff@example.org")


# --- 1. refresh ------------------------------------------------------------------------------------------------


@pytest.fixture
def two_synced_providers(registry_simulator):
    provider_a = make_provider(name="Andes Hydro", accounts=(ACCOUNT_A,))
    provider_b = make_provider(name="Coastal Wind", accounts=(ACCOUNT_B,))
    block_a = simulator_block_seed(registry_simulator, account=ACCOUNT_A, units=100)
    block_b = simulator_block_seed(registry_simulator, account=ACCOUNT_B, units=100)
    registry_sync(accounts=[ACCOUNT_A, ACCOUNT_B])
    return provider_a, provider_b, block_a, block_b


def test_refresh_syncs_only_the_providers_own_accounts(client, registry_simulator, two_synced_providers):
    provider_a, _provider_b, block_a, block_b = two_synced_providers
    user_a = make_provider_user(provider_a)
    # The registry changes for both providers: units leave each block, and each account receives a new block.
    registry_simulator.registry.block_transfer_out(block_id=block_a, quantity=30)
    registry_simulator.registry.block_transfer_out(block_id=block_b, quantity=40)
    new_a = simulator_block_seed(registry_simulator, account=ACCOUNT_A, units=10)
    new_b = simulator_block_seed(registry_simulator, account=ACCOUNT_B, units=10)
    client.force_login(user_a)

    response = client.post(reverse("provider-holdings-refresh"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("provider-offers")
    assert "Holdings refreshed from the registry: 1 new blocks, 1 updated" in messages_of(response)
    assert UnitBlock.objects.get(registry_block_id=block_a).units_held == 70
    assert UnitBlock.objects.filter(registry_block_id=new_a).exists()
    # Provider B's blocks are exactly as before.
    assert UnitBlock.objects.get(registry_block_id=block_b).units_held == 100
    assert not UnitBlock.objects.filter(registry_block_id=new_b).exists()
    page = response.content.decode()
    assert new_a in page and block_b not in page


def test_refresh_when_registry_is_down_changes_nothing_and_says_so(client, registry_simulator, two_synced_providers):
    provider_a, _provider_b, block_a, _block_b = two_synced_providers
    user_a = make_provider_user(provider_a)
    registry_simulator.registry.block_transfer_out(block_id=block_a, quantity=30)
    registry_simulator.faults.fail_next(10, status=503)
    client.force_login(user_a)

    response = client.post(reverse("provider-holdings-refresh"), follow=True)

    assert "The registry could not provide the holdings of CDM-300-7001" in messages_of(response)
    assert "try again" in messages_of(response)
    assert UnitBlock.objects.get(registry_block_id=block_a).units_held == 100


def test_refresh_without_any_registry_configured_says_so(client, settings, two_synced_providers):
    provider_a, _provider_b, block_a, _block_b = two_synced_providers
    settings.REGISTRY_URL = ""
    settings.REGISTRY_SIMULATOR_ALLOWED = False
    client.force_login(make_provider_user(provider_a))

    response = client.post(reverse("provider-holdings-refresh"), follow=True)

    assert response.status_code == 200
    assert "The registry could not provide the holdings of CDM-300-7001" in messages_of(response)
    assert UnitBlock.objects.get(registry_block_id=block_a).units_held == 100


def test_refresh_message_is_in_the_users_language(client, registry_simulator, two_synced_providers):
    provider_a, *_ = two_synced_providers
    client.force_login(make_provider_user(provider_a))
    registry_simulator.faults.fail_next(10, status=503)

    response = client.post("/fr" + reverse("provider-holdings-refresh")[3:], follow=True)

    assert response.status_code == 200
    assert "CDM-300-7001" in messages_of(response)
    assert response.redirect_chain[-1][0].startswith("/fr/")


def test_staff_refresh_syncs_every_provider(client, registry_simulator, two_synced_providers, staff):
    _provider_a, _provider_b, block_a, block_b = two_synced_providers
    registry_simulator.registry.block_transfer_out(block_id=block_a, quantity=1)
    registry_simulator.registry.block_transfer_out(block_id=block_b, quantity=2)
    client.force_login(staff)

    client.post(reverse("provider-holdings-refresh"))

    assert UnitBlock.objects.get(registry_block_id=block_a).units_held == 99
    assert UnitBlock.objects.get(registry_block_id=block_b).units_held == 98


def test_refresh_is_post_only(client, two_synced_providers):
    client.force_login(make_provider_user(two_synced_providers[0]))
    assert client.get(reverse("provider-holdings-refresh")).status_code == 405


# --- 2. holdings and price change ------------------------------------------------------------------------------


def test_holdings_show_every_block_detail(client):
    provider = make_provider(name="Andes Hydro", accounts=("CDM-300-P1",))
    user = make_provider_user(provider)
    block = make_block(account_number="CDM-300-P1", account_kind="permanent_holding", units_held=500, vintage=2011)
    offer = make_offer(block=block, quantity=200, price=Decimal("9.00"))
    order = make_pending_order(product=offer, quantity=7)
    order.lines.update(status=LineStatus.CANCELLED)
    provider.registry_projects.add(block.project)
    client.force_login(user)

    page = client.get(reverse("provider-offers")).content.decode()

    assert re.search(rf"Mapped projects:\s+{block.project.reference} {block.project.title}", page)
    for text in (
        block.first_serial,
        block.last_serial,
        "2011",
        "CP1",
        "Permanent holding account",
        "Share of proceeds",
        "Paid",
        ">500<",
        ">200<",
        ">7<",
    ):
        assert text in page, text


def test_price_change_is_withdraw_then_publish_anew(client):
    provider = make_provider(name="Andes Hydro", accounts=("CDM-250-P1",))
    user = make_provider_user(provider)
    block = make_block(account_number="CDM-250-P1", units_held=500)
    client.force_login(user)
    client.post(reverse("provider-offer-publish", kwargs={"block_id": block.pk}), {"quantity": "100", "price": "9"})
    first = block.offer_products.get(withdrawn_at__isnull=True)

    page = client.get(reverse("provider-offers")).content.decode()
    assert "To change the price, withdraw this offer" in page
    refused = client.post(
        reverse("provider-offer-publish", kwargs={"block_id": block.pk}),
        {"quantity": "100", "price": "11"},
        follow=True,
    )
    assert "already has a live offer" in refused.content.decode()

    client.post(reverse("provider-offer-withdraw", kwargs={"product_id": first.pk}))
    client.post(reverse("provider-offer-publish", kwargs={"block_id": block.pk}), {"quantity": "100", "price": "11"})

    live = block.offer_products.get(withdrawn_at__isnull=True)
    assert live.pk != first.pk
    assert live.stockrecords.get().price == Decimal("11.00")


def test_staff_see_every_providers_holdings(client, staff):
    make_provider(name="Andes Hydro", accounts=("CDM-250-S1",))
    make_provider(name="Coastal Wind", accounts=("CDM-250-S2",))
    block_1 = make_block(account_number="CDM-250-S1")
    block_2 = make_block(account_number="CDM-250-S2")
    client.force_login(staff)

    page = client.get(reverse("provider-offers")).content.decode()

    assert block_1.registry_block_id in page and block_2.registry_block_id in page


# --- 3. settings -----------------------------------------------------------------------------------------------


@pytest.fixture
def provider_with_user():
    provider = make_provider(name="Andes Hydro", accounts=("CDM-250-P1",))
    return provider, make_provider_user(provider)


VALID_SETTINGS = {
    "paypal_merchant_id": "7xj8m2qlp4kza",
    "paypal_email": "",
    "bank_transfer_enabled": "on",
    "bank_transfer_minimum": "250.00",
    "notification_email": "orders@andes.example",
}


def test_provider_saves_its_settings(client, provider_with_user):
    provider, user = provider_with_user
    client.force_login(user)

    response = client.post(
        reverse("provider-settings", kwargs={"partner_id": provider.pk}), VALID_SETTINGS, follow=True
    )

    assert "Your settings are saved." in messages_of(response)
    provider.refresh_from_db()
    assert provider.paypal_merchant_id == "7XJ8M2QLP4KZA"
    assert provider.paypal_payee == {"merchant_id": "7XJ8M2QLP4KZA"}
    assert provider.bank_transfer_enabled is True
    assert provider.bank_transfer_minimum == Decimal("250.00")
    assert provider.notification_email == "orders@andes.example"


def test_settings_are_linked_from_the_provider_navigation(client, provider_with_user):
    provider, user = provider_with_user
    client.force_login(user)

    page = client.get(reverse("provider-offers")).content.decode()
    assert reverse("provider-settings-mine") in page
    response = client.get(reverse("provider-settings-mine"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("provider-settings", kwargs={"partner_id": provider.pk})
    assert "PayPal merchant id" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"paypal_merchant_id": "", "paypal_email": ""}, "Give your PayPal merchant id or PayPal email"),
        ({"paypal_merchant_id": "ABC"}, "A PayPal merchant id has 13 letters and digits"),
        ({"paypal_email": "not-an-email", "paypal_merchant_id": ""}, "Enter a valid email address for your PayPal"),
        ({"bank_transfer_minimum": "-5"}, "The minimum amount cannot be negative."),
        ({"bank_transfer_minimum": "lots"}, "Enter the minimum amount as a number"),
        ({"bank_transfer_minimum": "1.234"}, "at most 2 decimal places"),
        ({"notification_email": "nope"}, "Enter a valid email address for notifications."),
    ],
)
def test_invalid_settings_are_explained_and_change_nothing(client, provider_with_user, change, message):
    provider, user = provider_with_user
    before = (provider.paypal_email, provider.paypal_merchant_id, provider.bank_transfer_minimum)
    client.force_login(user)

    response = client.post(
        reverse("provider-settings", kwargs={"partner_id": provider.pk}), {**VALID_SETTINGS, **change}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    provider.refresh_from_db()
    assert (provider.paypal_email, provider.paypal_merchant_id, provider.bank_transfer_minimum) == before
    assert provider.bank_transfer_enabled is False


def test_settings_page_answers_in_the_users_language(client, provider_with_user):
    from django.utils import translation

    provider, user = provider_with_user
    client.force_login(user)
    with translation.override("fr"):
        url = reverse("provider-settings", kwargs={"partner_id": provider.pk})
    assert url.startswith("/fr/")

    response = client.post(url, {**VALID_SETTINGS, "notification_email": "nope"})

    assert response.status_code == 400
    assert 'lang="fr"' in response.content.decode()


def test_provider_cannot_edit_another_providers_settings(client, provider_with_user):
    _provider, user = provider_with_user
    other = make_provider(name="Coastal Wind")
    client.force_login(user)

    assert client.get(reverse("provider-settings", kwargs={"partner_id": other.pk})).status_code == 404
    response = client.post(reverse("provider-settings", kwargs={"partner_id": other.pk}), VALID_SETTINGS)

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.paypal_merchant_id == "" and other.bank_transfer_enabled is False


# --- 4. staff resolution of failed cancellations ---------------------------------------------------------------


def make_failed_line(simulator, *, cause: str):
    """A paid line the registry refused to cancel: its units were forwarded away, or their SoP is unpaid there."""
    from shop.fulfilment.services import line_fulfil

    provider = make_provider(name="Andes Hydro", accounts=(ACCOUNT_A,))
    block_id = simulator_block_seed(simulator, account=ACCOUNT_A, units=100)
    registry_sync(accounts=[ACCOUNT_A])
    block = UnitBlock.objects.get(registry_block_id=block_id)
    offer = make_offer(block=block, quantity=50, price=Decimal("10.00"))
    order = make_pending_order(product=offer, quantity=5)
    if cause == "forwarded":
        simulator.registry.block_transfer_out(block_id=block_id, quantity=98)
    else:
        simulator.registry.block_update(block_id=block_id, share_of_proceeds_paid=False)
    order.lines.update(status=LineStatus.PAID)
    line = order.lines.get()
    line_fulfil(line_id=line.pk)
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLATION_FAILED
    return line, provider, block_id


@pytest.fixture
def failed_line(registry_simulator):
    return make_failed_line(registry_simulator, cause="forwarded")


def test_staff_see_failed_lines_with_registry_error_and_age(client, staff, failed_line):
    line, _provider, _block_id = failed_line
    client.force_login(staff)

    page = client.get(reverse("provider-staff-failures")).content.decode()

    assert line.order.number in page
    assert "insufficient_units" in page
    assert " ago" in page
    assert "Retry cancellation" in page and "Mark resolved" in page


def test_staff_retry_requeues_the_line_and_records_it(client, staff, failed_line, django_capture_on_commit_callbacks):
    line, _provider, _block_id = failed_line
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("provider-staff-failure-retry", kwargs={"line_id": line.pk}), follow=True)

    assert callbacks, "the retry queues the line once the status change commits"
    assert f"Line {line.pk} is queued for cancellation again." in messages_of(response)
    note = line.order.notes.get()
    assert "retried by staffer" in note.message and note.user == staff
    line.refresh_from_db()
    # Still too few units in the block, so the line fails again, and the staff are alerted again.
    assert line.status == LineStatus.CANCELLATION_FAILED
    assert line.fulfilment.failure_alerted_at is not None
    assert line.fulfilment.attempts == 2


def test_staff_retry_fulfils_the_line_once_the_registry_accepts(
    client, staff, registry_simulator, django_capture_on_commit_callbacks
):
    line, _provider, block_id = make_failed_line(registry_simulator, cause="sop_unpaid")
    client.force_login(staff)
    # The cause is fixed in the registry: the share of proceeds is paid now.
    registry_simulator.registry.block_update(block_id=block_id, share_of_proceeds_paid=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("provider-staff-failure-retry", kwargs={"line_id": line.pk}))

    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLED
    assert line.certificate.quantity == 5
    assert registry_simulator.registry.units_held(block_id) == 95
    assert line.order.number not in client.get(reverse("provider-staff-failures")).content.decode()


def test_staff_mark_resolved_with_a_note(client, staff, failed_line):
    line, _provider, _block_id = failed_line
    stockrecord = line.stockrecord
    stockrecord.refresh_from_db()
    allocated_before = stockrecord.num_allocated
    client.force_login(staff)

    refused = client.post(
        reverse("provider-staff-failure-resolve", kwargs={"line_id": line.pk}), {"note": ""}, follow=True
    )
    assert "Say how the failure was resolved" in messages_of(refused)
    assert not line.order.shipping_events.exists()

    response = client.post(
        reverse("provider-staff-failure-resolve", kwargs={"line_id": line.pk}),
        {"note": "Refunded outside the platform on 2026-11-20"},
        follow=True,
    )

    assert f"Line {line.pk} is marked resolved." in messages_of(response)
    event = line.order.shipping_events.get()
    assert event.event_type.code == "cancellation-resolved"
    assert event.notes == "Refunded outside the platform on 2026-11-20"
    assert list(event.lines.all()) == [line]
    assert "Refunded outside the platform" in line.order.notes.get().message
    stockrecord.refresh_from_db()
    assert stockrecord.num_allocated == allocated_before - line.quantity
    # It leaves the list of lines awaiting a decision and shows among the resolved ones.
    assert line.order.number not in client.get(reverse("provider-staff-failures")).content.decode()
    assert line.order.number in client.get(reverse("provider-staff-failures") + "?resolved=1").content.decode()
    # A second decision on the same line is refused.
    again = client.post(reverse("provider-staff-failure-retry", kwargs={"line_id": line.pk}), follow=True)
    assert "no longer awaiting a decision" in messages_of(again)


def test_providers_and_anonymous_cannot_resolve(client, failed_line):
    line, provider, _block_id = failed_line
    client.force_login(make_provider_user(provider))
    for name in ("provider-staff-failure-retry", "provider-staff-failure-resolve"):
        assert client.post(reverse(name, kwargs={"line_id": line.pk}), {"note": "x"}).status_code == 403
    assert client.get(reverse("provider-staff-failures")).status_code == 403
    client.logout()
    response = client.get(reverse("provider-staff-failures"))
    assert response.status_code == 302 and "login" in response["Location"]
    line.refresh_from_db()
    assert line.status == LineStatus.CANCELLATION_FAILED
    assert not line.order.notes.exists()


# --- the "done when": publish, sell, confirm the bank transfer, certificate goes out ------------------


def test_provider_publishes_sells_confirms_bank_transfer_and_the_certificate_goes_out(
    client, registry_simulator, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.utils import timezone

    from shop.banktransfer.models import BankTransferPart
    from shop.banktransfer.services import bank_transfer_parts_create
    from tests.factories.fulfilment import make_order
    from tests.factories.shop import ensure_country

    ensure_country()
    provider = make_provider(name="Andes Hydro", accounts=(ACCOUNT_A,))
    user = make_provider_user(provider)
    block_id = simulator_block_seed(registry_simulator, account=ACCOUNT_A, units=100)
    client.force_login(user)
    # The provider pulls its holdings, sets up bank transfers and publishes an offer, all from its pages.
    client.post(reverse("provider-holdings-refresh"))
    block = UnitBlock.objects.get(registry_block_id=block_id)
    client.post(
        reverse("provider-settings", kwargs={"partner_id": provider.pk}),
        {**VALID_SETTINGS, "bank_transfer_minimum": "10.00"},
    )
    client.post(reverse("provider-offer-publish", kwargs={"block_id": block.pk}), {"quantity": "40", "price": "12.00"})
    offer = block.offer_products.get(withdrawn_at__isnull=True)
    # A buyer orders 4 CERs and pays by bank transfer.
    order = make_order(items=[(offer, 4)], email="kyoto-buyer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        (part,) = bank_transfer_parts_create(order=order)
    assert "kyoto-buyer@example.org" not in client.get(reverse("provider-orders")).content.decode()

    client.post(reverse("banktransfer:part_mark_in_progress", kwargs={"pk": part.pk}))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("banktransfer:part_mark_paid", kwargs={"pk": part.pk}),
            {"paid_on": timezone.localdate().isoformat(), "reference": "TRF-2026-11"},
        )

    part.refresh_from_db()
    assert part.status == BankTransferPart.Status.PAID
    line = order.lines.get()
    assert line.status == LineStatus.CANCELLED
    assert registry_simulator.registry.units_held(block_id) == 96
    certificate_mails = [m for m in mail.outbox if "kyoto-buyer@example.org" in m.to and m.attachments]
    assert certificate_mails, [m.subject for m in mail.outbox]
    # Paid: the provider now sees the buyer's contacts, and the block shows the units sold.
    assert "kyoto-buyer@example.org" in client.get(reverse("provider-orders")).content.decode()
    assert ">4<" in client.get(reverse("provider-offers")).content.decode()


def test_holdings_page_queries_do_not_grow_with_the_blocks(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    provider = make_provider(name="Andes Hydro", accounts=("CDM-250-Q1",))
    user = make_provider_user(provider)
    client.force_login(user)
    make_offer(block=make_block(account_number="CDM-250-Q1"), quantity=10)
    client.get(reverse("provider-offers"))  # the first visit also sets up the session and basket
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("provider-offers"))
    for _ in range(15):
        make_offer(block=make_block(account_number="CDM-250-Q1"), quantity=10)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("provider-offers")).content.decode()

    assert page.count("Withdraw offer") == 16
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
