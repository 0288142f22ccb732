"""Every provider-workspace URL, requested by another provider with provider A's ids, finds nothing and changes nothing.

The URLs come from the URL resolver (not a hand list): a new workspace, bank-transfer or staff URL is swept
automatically, and one whose id parameter the sweep does not know fails the test until an id is added here.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from oscar.core.loading import get_model

from registry.models import UnitBlock
from shop.banktransfer.models import BankTransferNote, BankTransferPart
from shop.banktransfer.services import bank_transfer_note_add, bank_transfer_parts_create
from shop.order.models import LineStatus
from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
from tests.factories.fulfilment import make_order
from tests.factories.shop import make_block, make_offer, make_project, make_provider

pytestmark = pytest.mark.django_db

Line = get_model("order", "Line")
OrderNote = get_model("order", "OrderNote")
ShippingEvent = get_model("order", "ShippingEvent")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

# Namespaces and URL-name prefixes of the provider workspace and the staff pages beside it.
SWEPT_NAMESPACES = {"provider", "workspace", "banktransfer", "staff"}
SWEPT_NAME_PREFIXES = ("provider-",)
# Buyer-facing pages that live among them; each says why it is not a provider page.
NOT_PROVIDER_PAGES = {
    # The buyer's "pay by bank transfer" choice acts on the order in the buyer's own session, never on an id.
    "banktransfer:choose",
}
SECRET_TITLE = "Alpha Secret Hydro"
SECRET_EMAIL = "alpha-buyer@example.org"
SECRET_NAME = "Alphonse Confidential"
SECRET_PROVIDER = "Alpha Provider"


def swept_urls() -> list[tuple[str, list[str]]]:
    """(qualified URL name, its parameter names) of every swept URL, from the resolver."""
    found = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                qualified = f"{namespace}:{entry.name}" if namespace else entry.name
                swept = namespace in SWEPT_NAMESPACES or (not namespace and entry.name.startswith(SWEPT_NAME_PREFIXES))
                if swept and qualified not in NOT_PROVIDER_PAGES:
                    if isinstance(entry.pattern, RegexPattern):
                        params = list(entry.pattern.regex.groupindex)
                    else:
                        params = list(entry.pattern.converters)
                    found.append((qualified, params))

    walk(get_resolver().url_patterns, None)
    return sorted({(name, tuple(params)) for name, params in found})


def is_staff_only(name: str) -> bool:
    return "staff" in name


@pytest.fixture
def world(registry_simulator, django_user_model, django_capture_on_commit_callbacks):
    """Provider A with a block, offers, orders in several states, a bank transfer with a note, a failed line;
    provider B with its own data; and a staff user."""
    provider_a = make_provider(name=SECRET_PROVIDER, accounts=("CDM-250-A1",))
    bank_transfer_enable(provider_a, email="alpha-notify@example.org")
    user_a = make_provider_user(provider_a, email="alpha-rep@provider.example")
    project_a = make_project(reference="ALPHA-77", title=SECRET_TITLE)
    block_a = make_block(project=project_a, account_number="CDM-250-A1", units_held=1000)
    spare_block_a = make_block(project=project_a, account_number="CDM-250-A1", units_held=500)
    offer_a = make_offer(block=block_a, quantity=500, price=Decimal("10.00"))
    with django_capture_on_commit_callbacks(execute=True):
        order_a = make_order(items=[(offer_a, 10)], email=SECRET_EMAIL, certificate_name=SECRET_NAME)
        (part_a,) = bank_transfer_parts_create(order=order_a)
        note_a = bank_transfer_note_add(part=part_a, user=user_a, text="Alpha bank details sent")
    failed_order_a = make_order(items=[(offer_a, 3)], email=SECRET_EMAIL, certificate_name=SECRET_NAME)
    failed_order_a.lines.update(status=LineStatus.CANCELLATION_FAILED)

    provider_b = make_provider(name="Beta Provider", accounts=("CDM-250-B1",))
    bank_transfer_enable(provider_b, email="beta-notify@example.org")
    user_b = make_provider_user(provider_b, email="beta-rep@provider.example")
    block_b = make_block(account_number="CDM-250-B1", units_held=300)
    offer_b = make_offer(block=block_b, quantity=100, price=Decimal("8.00"))
    with django_capture_on_commit_callbacks(execute=True):
        order_b = make_order(items=[(offer_b, 2)], email="beta-buyer@example.org")
        bank_transfer_parts_create(order=order_b)
    mail.outbox.clear()

    from tests.factories.shop import make_platform_staff

    staff = make_platform_staff(username="staffer", email="staff@example.org")
    ids = {
        "block_id": block_a.pk,
        "product_id": offer_a.pk,
        "partner_id": provider_a.pk,
        "line_id": failed_order_a.lines.get().pk,
        "pk": part_a.pk,
        "note_id": note_a.pk,
        "order_id": order_a.pk,
        "number": str(order_a.number),
    }
    failed_number = str(failed_order_a.number)
    return {
        "provider_a": provider_a,
        "user_a": user_a,
        "user_b": user_b,
        "staff": staff,
        "ids": ids,
        "spare_block_a": spare_block_a,
        "failed_number": failed_number,
    }


def provider_a_state(provider_a) -> tuple:
    """Everything of provider A a request could change."""
    partner = Partner.objects.get(pk=provider_a.pk)
    accounts = list(provider_a.registry_accounts.values_list("account_number", flat=True))
    return (
        (partner.name, partner.paypal_email, partner.paypal_merchant_id, partner.bank_transfer_enabled),
        (partner.bank_transfer_minimum, partner.notification_email),
        list(
            UnitBlock.objects.filter(account_number__in=accounts).order_by("pk").values_list("units_held", "synced_at")
        ),
        list(Product.objects.filter(stockrecords__partner=partner).order_by("pk").values_list("pk", "withdrawn_at")),
        list(
            StockRecord.objects.filter(partner=partner)
            .order_by("pk")
            .values_list("price", "num_in_stock", "num_allocated")
        ),
        list(Line.objects.filter(partner=partner).order_by("pk").values_list("status", "quantity")),
        list(
            BankTransferPart.objects.filter(partner=partner)
            .order_by("pk")
            .values_list("status", "in_progress_at", "paid_on", "payment_reference")
        ),
        BankTransferNote.objects.filter(part__partner=partner).count(),
        OrderNote.objects.filter(order__lines__partner=partner).count(),
        ShippingEvent.objects.filter(order__lines__partner=partner).count(),
        len(mail.outbox),
    )


# What a POST carries: valid input for every form, so only the ownership check can refuse it.
POST_DATA = {
    "quantity": "5",
    "price": "99.00",
    "paid_on": "2026-11-20",
    "reference": "REF-STOLEN",
    "text": "Hijacked",
    "send_to_buyer": "on",
    "note": "Resolved by someone else",
    "paypal_email": "thief@example.org",
    "paypal_merchant_id": "",
    "bank_transfer_minimum": "1.00",
    "notification_email": "thief@example.org",
}


def url_for(name: str, params: tuple, ids: dict) -> str:
    unknown = [param for param in params if param not in ids]
    assert not unknown, f"{name}: the sweep has no provider A id for {unknown}; add one to the world fixture"
    return reverse(name, kwargs={param: ids[param] for param in params})


def test_the_sweep_finds_the_workspace_urls():
    names = {name for name, _params in swept_urls()}
    # A few known ones, so a broken walk cannot pass by sweeping nothing.
    assert {
        "provider-offers",
        "provider-orders",
        "provider-offer-publish",
        "provider-offer-withdraw",
        "provider-holdings-refresh",
        "provider-settings",
        "provider-staff-failures",
        "banktransfer:part_detail",
        "banktransfer:part_mark_paid",
        "banktransfer:part_note_add",
    } <= names


def test_another_provider_cannot_see_or_change_provider_a_anything(client, world):
    client.force_login(world["user_b"])
    before = provider_a_state(world["provider_a"])
    checked = []
    for name, params in swept_urls():
        url = url_for(name, params, world["ids"])
        statuses = {}
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA if method == "post" else None)
            statuses[method] = response.status_code
            body = response.content.decode(errors="replace")
            for secret in (SECRET_TITLE, SECRET_EMAIL, SECRET_NAME, SECRET_PROVIDER, "alpha-notify@example.org"):
                assert secret not in body, f"{method.upper()} {url} shows provider A's {secret!r}"
            if params or is_staff_only(name):
                # A's ids (or a staff page): not found or forbidden; a method the view never answers is 405.
                assert response.status_code in (403, 404, 405), f"{method.upper()} {url}: {response.status_code}"
            else:
                # B's own list pages answer B, without A's data (checked above).
                assert response.status_code in (200, 302, 400, 405), f"{method.upper()} {url}: {response.status_code}"
        if params or is_staff_only(name):
            assert set(statuses.values()) & {403, 404}, f"{url}: {statuses}"
        assert provider_a_state(world["provider_a"]) == before, f"{url} changed provider A's data"
        checked.append(url)
    # The searches and the CSV export, aimed at A's order number and buyer.
    for query in (f"?number={world['ids']['number']}", f"?buyer={SECRET_EMAIL}", "?project=ALPHA"):
        body = client.get(reverse("provider-orders") + query).content.decode()
        assert "0 order lines" in body and SECRET_TITLE not in body and SECRET_NAME not in body, query
    for query in ("?format=csv", f"?format=csv&buyer={SECRET_EMAIL}", f"?format=csv&number={world['ids']['number']}"):
        body = client.get(reverse("provider-orders") + query).content.decode()
        assert SECRET_EMAIL not in body and SECRET_TITLE not in body and world["ids"]["number"] not in body, query
    assert len(checked) >= 10


def test_provider_b_refresh_does_not_touch_provider_a(client, world, registry_simulator):
    from tests.factories.registry import simulator_block_seed

    # A's spare block changed in the registry; only A (or staff) may pull that in.
    simulator_block_seed(registry_simulator, account="CDM-250-A1", units=5)
    client.force_login(world["user_b"])
    before = provider_a_state(world["provider_a"])

    client.post(reverse("provider-holdings-refresh"))

    assert provider_a_state(world["provider_a"]) == before
    assert not UnitBlock.objects.filter(account_number="CDM-250-A1", units_held=5).exists()


def test_staff_only_pages_refuse_every_provider(client, world):
    for user in (world["user_a"], world["user_b"]):
        client.force_login(user)
        for name, params in swept_urls():
            if not is_staff_only(name):
                continue
            url = url_for(name, params, world["ids"])
            for method in ("get", "post"):
                status = getattr(client, method)(url, POST_DATA if method == "post" else None).status_code
                assert status in (403, 404, 405), f"{user} {method.upper()} {url}: {status}"
    line = Line.objects.get(pk=world["ids"]["line_id"])
    assert line.status == LineStatus.CANCELLATION_FAILED
    assert not OrderNote.objects.filter(order=line.order).exists()


def test_anonymous_users_are_sent_to_log_in(client, world):
    before = provider_a_state(world["provider_a"])
    for name, params in swept_urls():
        url = url_for(name, params, world["ids"])
        redirected = False
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA if method == "post" else None)
            if response.status_code == 405:
                continue
            assert response.status_code == 302, f"anonymous {method.upper()} {url}: {response.status_code}"
            assert re.search(r"/accounts/login/\?next=", response["Location"]), response["Location"]
            redirected = True
        assert redirected, f"{url} never sent an anonymous visitor to log in"
    assert provider_a_state(world["provider_a"]) == before


def test_staff_see_every_providers_data(client, world):
    client.force_login(world["staff"])
    ids = world["ids"]

    assert SECRET_TITLE in client.get(reverse("provider-offers")).content.decode()
    assert ids["number"] in client.get(reverse("provider-orders")).content.decode()
    assert client.get(reverse("banktransfer:part_detail", kwargs={"pk": ids["pk"]})).status_code == 200
    assert client.get(reverse("provider-settings", kwargs={"partner_id": ids["partner_id"]})).status_code == 200
    assert world["failed_number"] in client.get(reverse("provider-staff-failures")).content.decode()


def test_provider_a_itself_reaches_its_own_pages(client, world):
    client.force_login(world["user_a"])
    ids = world["ids"]

    assert SECRET_TITLE in client.get(reverse("provider-offers")).content.decode()
    assert client.get(reverse("banktransfer:part_detail", kwargs={"pk": ids["pk"]})).status_code == 200
    assert client.get(reverse("provider-settings", kwargs={"partner_id": ids["partner_id"]})).status_code == 200


def test_providers_cannot_use_the_oscar_dashboard(client, world):
    client.force_login(world["user_b"])
    response = client.get("/en/shop/dashboard/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]
