"""The CMS roles hold no money: the communications editor and the translator, signed in (even with is_staff ticked),
reach no provider, bank-transfer, staff or Oscar dashboard page, nor the shop's data in the Django admin.

Platform staff is its own permission (shop/access.py). The URLs come from the URL resolver, as in
test_provider_security_sweep.py: a new provider, bank-transfer, staff or dashboard URL is swept automatically.
"""

import re
import uuid

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RegexPattern
from oscar.core.loading import get_model

from cms_pages.demo import demo_users_load
from cms_pages.roles import ADMINISTRATORS, EDITORS, TRANSLATORS
from registry.models import UnitBlock
from shop.access import PLATFORM_STAFF_PERMISSION, user_is_platform_staff
from shop.banktransfer.models import BankTransferNote, BankTransferPart
from tests.integration import test_provider_security_sweep as provider_sweep
from tests.integration.test_provider_security_sweep import POST_DATA, SECRET_EMAIL, swept_urls, url_for

pytestmark = pytest.mark.django_db

Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
ShippingEvent = get_model("order", "ShippingEvent")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

# The provider sweep's fixture: two providers with offers, orders, bank transfers, a failed line, and their ids.
world = provider_sweep.world
CMS_ROLES = ["editor", "translator"]
BUYER_EMAILS = (SECRET_EMAIL, "beta-buyer@example.org")
# Oscar's dashboard pages that must stay open to anyone: signing in (and out, a POST).
DASHBOARD_OPEN = {"dashboard:login", "dashboard:logout"}


def dashboard_urls() -> list[tuple[str, dict]]:
    """(qualified name, kwargs) of every Oscar dashboard URL, from the resolver; ids are placeholders."""
    found = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name and namespace == "dashboard":
                if isinstance(entry.pattern, RegexPattern):
                    kwargs = dict.fromkeys(entry.pattern.regex.groupindex, "1")
                else:
                    kwargs = {}
                    for param, converter in entry.pattern.converters.items():
                        if isinstance(converter, IntConverter):
                            kwargs[param] = 1
                        elif isinstance(converter, UUIDConverter):
                            kwargs[param] = uuid.uuid4()
                        else:
                            kwargs[param] = "1"
                found.append((f"dashboard:{entry.name}", kwargs))

    walk(get_resolver().url_patterns, None)
    return sorted(found, key=lambda item: item[0])


def shop_state() -> tuple:
    """Everything of the shop a request could change: offers, stock, providers, orders, transfers, users, mail."""
    return (
        list(Line.objects.order_by("pk").values_list("pk", "status", "quantity", "partner_id")),
        list(StockRecord.objects.order_by("pk").values_list("pk", "price", "num_in_stock", "num_allocated")),
        list(
            Partner.objects.order_by("pk").values_list(
                "pk",
                "name",
                "paypal_email",
                "paypal_merchant_id",
                "bank_transfer_enabled",
                "bank_transfer_minimum",
                "notification_email",
            )
        ),
        list(
            BankTransferPart.objects.order_by("pk").values_list(
                "pk", "status", "in_progress_at", "paid_on", "payment_reference"
            )
        ),
        list(Product.objects.order_by("pk").values_list("pk", "title", "is_public", "withdrawn_at")),
        list(UnitBlock.objects.order_by("pk").values_list("pk", "units_held", "synced_at")),
        list(Order.objects.order_by("pk").values_list("pk", "status", "guest_email")),
        list(get_user_model().objects.order_by("pk").values_list("pk", "email", "is_staff", "is_superuser")),
        BankTransferNote.objects.count(),
        OrderNote.objects.count(),
        ShippingEvent.objects.count(),
        len(mail.outbox),
    )


def refused(response) -> bool:
    """403/404, or sent to a login page (the dashboard's and the Django admin's own included)."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and re.search(r"/login/", response["Location"]) is not None


@pytest.fixture
def cms_user(request, world):
    """The demo editor or translator, with is_staff ticked (as an administrator might, thinking Wagtail needs it)."""
    demo_users_load()
    user = get_user_model().objects.get(username=request.param)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def assert_nothing_shown_or_changed(response, what, before):
    body = response.content.decode(errors="replace")
    for email in BUYER_EMAILS:
        assert email not in body, f"{what} shows the buyer's {email}"
    assert shop_state() == before, f"{what} changed the shop"


@pytest.mark.parametrize("cms_user", CMS_ROLES, indirect=True)
def test_cms_roles_reach_no_provider_bank_transfer_or_staff_page(client, world, cms_user):
    before = shop_state()
    checked = []
    for name, params in swept_urls():
        url = url_for(name, params, world["ids"])
        statuses = {}
        for method in ("get", "post"):
            client.force_login(cms_user)
            response = getattr(client, method)(url, POST_DATA if method == "post" else None)
            statuses[method] = response.status_code
            assert refused(response) or response.status_code == 405, f"{method.upper()} {url}: {response.status_code}"
            assert_nothing_shown_or_changed(response, f"{cms_user} {method.upper()} {url}", before)
        assert set(statuses.values()) - {405}, f"{url}: {statuses}"
        checked.append(url)
    # The searches and the CSV export, aimed at a buyer.
    client.force_login(cms_user)
    for query in ("", "?format=csv", f"?buyer={SECRET_EMAIL}", f"?format=csv&buyer={SECRET_EMAIL}"):
        response = client.get(reverse("provider-orders") + query)
        assert refused(response), query
        assert_nothing_shown_or_changed(response, query, before)
    assert len(checked) >= 10


@pytest.mark.parametrize("cms_user", CMS_ROLES, indirect=True)
def test_cms_roles_are_kept_out_of_the_oscar_dashboard(client, world, cms_user):
    before = shop_state()
    urls = dashboard_urls()
    assert {"dashboard:index", "dashboard:order-list", "dashboard:partner-list"} <= {name for name, _ in urls}
    for name, kwargs in urls:
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            client.force_login(cms_user)
            response = getattr(client, method)(url, POST_DATA if method == "post" else None)
            if name not in DASHBOARD_OPEN:
                assert refused(response), f"{cms_user} {method.upper()} {url}: {response.status_code}"
            assert_nothing_shown_or_changed(response, f"{cms_user} {method.upper()} {url}", before)
    client.force_login(cms_user)
    assert refused(client.get(reverse("dashboard:order-list") + "?response_format=csv"))


@pytest.mark.parametrize("cms_user", CMS_ROLES, indirect=True)
def test_cms_roles_see_no_shop_data_in_the_django_admin(client, world, cms_user):
    before = shop_state()
    client.force_login(cms_user)
    assert refused(client.get(reverse("admin:index")))
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_add".format(*info))]
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[instance.pk]))
        for url in urls:
            for method in ("get", "post"):
                client.force_login(cms_user)
                response = getattr(client, method)(url, POST_DATA if method == "post" else None)
                assert refused(response), f"{cms_user} {method.upper()} {url}: {response.status_code}"
                assert_nothing_shown_or_changed(response, f"{cms_user} {method.upper()} {url}", before)


def test_demo_editor_and_translator_keep_the_wagtail_admin_without_being_staff(client, db):
    demo_users_load()
    for username in CMS_ROLES:
        user = get_user_model().objects.get(username=username)
        assert not user.is_staff
        assert not user_is_platform_staff(user)
        client.force_login(user)
        assert client.get("/cms/").status_code == 200
        assert refused(client.get(reverse("provider-orders")))


def test_platform_staff_is_a_permission_of_administrators_only(db, django_user_model):
    demo_users_load()
    users = django_user_model.objects.in_bulk(["admin", "editor", "translator", "provider"], field_name="username")
    assert user_is_platform_staff(users["admin"])
    assert not any(user_is_platform_staff(users[name]) for name in ("editor", "translator", "provider"))
    app_label, codename = PLATFORM_STAFF_PERMISSION.split(".")
    assert Group.objects.get(name=ADMINISTRATORS).permissions.filter(codename=codename).exists()
    for name in (EDITORS, TRANSLATORS):
        assert not Group.objects.get(name=name).permissions.filter(codename=codename).exists()
    # is_staff alone is not platform staff; an administrator without is_staff is (for the shop's own pages).
    ticked = django_user_model.objects.create_user("ticked", "ticked@example.org", "pw", is_staff=True)
    assert not user_is_platform_staff(ticked)
    member = django_user_model.objects.create_user("member", "member@example.org", "pw")
    member.groups.add(Group.objects.get(name=ADMINISTRATORS))
    assert user_is_platform_staff(django_user_model.objects.get(pk=member.pk))
    member.is_active = False
    member.save()
    assert not user_is_platform_staff(django_user_model.objects.get(pk=member.pk))


def test_platform_staff_keep_the_oscar_dashboard_and_the_django_admin(client, world):
    demo_users_load()
    client.force_login(get_user_model().objects.get(username="admin"))

    dashboard = client.get(reverse("dashboard:index"))
    assert dashboard.status_code == 200
    assert "no-store" in dashboard["Cache-Control"]
    orders_csv = client.get(reverse("dashboard:order-list"), {"response_format": "csv"})
    assert orders_csv.status_code == 200 and "no-store" in orders_csv["Cache-Control"]
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:partner_partner_changelist")).status_code == 200
