"""Every public form and POST endpoint fed malformed, oversized and hostile input (hypothesis).

For each: never a 500, and input the form refuses changes nothing (row counts and the objects concerned).
SECURITY_HYPOTHESIS_EXAMPLES=300 explores further than the suite's modest default.
"""

import os
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SECURITY_HYPOTHESIS_EXAMPLES", "12"))
hostile_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=EXAMPLES <= 50,
    suppress_health_check=list(HealthCheck),
)

SNIPPETS = [
    "",
    " ",
    "\x00",
    "1\x00",
    "a\x00b",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x1F",
    "１２",
    "٣",
    "9" * 40,
    "-" + "9" * 40,
    "1" + "0" * 400,
    "' OR '1'='1",
    "1; DROP TABLE auth_user; --",
    "1 UNION SELECT username, password FROM auth_user",
    '" onmouseover="alert(1)',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% debug %}",
    "%s%n%x%(x)s",
    "../../../../etc/passwd",
    "\u202e\ufeff\u200b",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ 中文 عربى",
    "🙂" * 600,
    "x" * 100_000,
    "a@b",
    "@",
    "a" * 300 + "@example.org",
    "\r\nSet-Cookie: pwned=1",
    "null",
    "true",
    "[]",
    '{"a": 1}',
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
]
# Lone surrogates cannot be sent as UTF-8 form data at all; everything else can.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
hostile_text = st.one_of(
    st.sampled_from(SNIPPETS),
    any_text,
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(repr),
)
# Wrong types: a field sent several times, as a list.
hostile_value = st.one_of(hostile_text, hostile_text, hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def hostile_form(*fields: str, extra: bool = True):
    """A POST/GET body with every field hostile, sometimes missing, plus a few unexpected fields."""
    body = st.fixed_dictionaries({}, optional=dict.fromkeys(fields, hostile_value))
    if not extra:
        return body
    extras = st.dictionaries(
        st.sampled_from(["id", "pk", "user", "is_staff", "price", "csrfmiddlewaretoken"]), hostile_text, max_size=2
    )
    return st.tuples(body, extras).map(lambda pair: {**pair[1], **pair[0]})


def field_accepts(field: forms.Field, value) -> bool:
    try:
        field.clean(value[-1] if isinstance(value, list) else value)
    except forms.ValidationError:
        return False
    return True


def as_posted(body: dict) -> MultiValueDict:
    """The body as a view sees it in request.POST: a field sent several times keeps its last value."""
    return MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in body.items()})


def row_counts() -> dict[str, int]:
    # Sessions are where an anonymous visitor's messages and checkout steps live: they may change.
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.label != "sessions.Session"
    }


def assert_answered(response):
    assert response.status_code < 500, response.status_code


# ---------------------------------------------------------------------------
# Basket
# ---------------------------------------------------------------------------


@pytest.fixture
def offer(db):
    from tests.factories.shop import make_offer

    return make_offer(quantity=100, price=Decimal("10.00"))


def test_basket_add_refuses_hostile_quantities(client, offer):
    url = reverse("basket:add", kwargs={"pk": offer.pk})
    quantity_field = forms.IntegerField(min_value=1, max_value=100)

    @hostile_settings
    @given(body=hostile_form("quantity"))
    def attempt(body):
        before = row_counts()
        response = client.post(url, body)
        assert_answered(response)
        if not field_accepts(quantity_field, body.get("quantity", "")):
            assert row_counts() == before

    attempt()


def test_basket_update_refuses_hostile_quantities(client, offer):
    client.post(reverse("basket:add", kwargs={"pk": offer.pk}), {"quantity": 2})
    line = apps.get_model("basket", "Line").objects.get()
    quantity_field = forms.IntegerField(min_value=0, max_value=100)

    @hostile_settings
    @given(
        quantity=hostile_value,
        management=hostile_form(
            "form-TOTAL_FORMS", "form-INITIAL_FORMS", "form-MAX_NUM_FORMS", "form-0-id", extra=False
        ),
    )
    def attempt(quantity, management):
        line.refresh_from_db()
        before, quantity_before = row_counts(), line.quantity
        body = {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(line.pk),
            "form-0-quantity": quantity,
        }
        body.update(management)
        note(f"body={body!r}")
        response = client.post(reverse("basket:summary"), body)
        assert_answered(response)
        if not field_accepts(quantity_field, quantity):
            line.refresh_from_db()
            assert line.quantity == quantity_before
            assert row_counts() == before

    attempt()


# ---------------------------------------------------------------------------
# Checkout: gateway (guest email) and the buyer and certificate details
# ---------------------------------------------------------------------------

DETAILS_FIELDS = (
    "buyer_kind",
    "organization_name",
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line4",
    "postcode",
    "country",
    "certificate_name",
    "reason",
    "reason_own_text",
    "show_beneficiary_publicly",
    "confirm_adult",
    "accept_terms",
)


def test_checkout_gateway_and_details_refuse_hostile_input(client, offer):
    client.post(reverse("basket:add", kwargs={"pk": offer.pk}), {"quantity": 1})
    Order = apps.get_model("order", "Order")

    @hostile_settings
    @given(gateway=hostile_form("username", "password", "options"), details=hostile_form(*DETAILS_FIELDS))
    def attempt(gateway, details):
        assert_answered(client.post(reverse("checkout:index"), gateway))
        # A well-formed guest email, so the details step is reached whatever the gateway made of its input.
        client.post(reverse("checkout:index"), {"username": "guest@example.org", "options": "anonymous"})
        assert_answered(client.post(reverse("checkout:details"), details))
        assert_answered(client.get(reverse("checkout:preview")))
        assert Order.objects.count() == 0

    attempt()


# ---------------------------------------------------------------------------
# CMS pages: contact form, footprint calculator, site search
# ---------------------------------------------------------------------------


@pytest.fixture
def contact_page(home_page):
    from tests.factories.cms import ContactPageFactory

    page = ContactPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


@pytest.fixture
def calculator_page(home_page):
    from tests.factories.cms import FootprintCalculatorPageFactory

    page = FootprintCalculatorPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


def test_contact_form_refuses_hostile_input(client, contact_page):
    page = contact_page
    names = [field.clean_name for field in page.get_form_fields()]
    email_name = next(field.clean_name for field in page.get_form_fields() if field.field_type == "email")
    FormSubmission = page.get_submission_class()

    @hostile_settings
    @given(body=hostile_form(*names))
    def attempt(body):
        before = FormSubmission.objects.count()
        response = client.post(page.url, body)
        assert_answered(response)
        if not field_accepts(forms.EmailField(), body.get(email_name, "")):
            assert FormSubmission.objects.count() == before

    attempt()


def test_footprint_calculator_refuses_hostile_input(client, calculator_page, offer):
    from cms_pages.models.footprint_calculator_page import FootprintForm

    page = calculator_page
    Line = apps.get_model("basket", "Line")

    @hostile_settings
    @given(params=hostile_form(*FootprintForm.base_fields), offset=hostile_form("tonnes", "back"))
    def attempt(params, offset):
        lines = Line.objects.count()
        assert_answered(client.get(page.url, params))
        response = client.post(page.url, offset)
        assert_answered(response)
        if response.status_code in (301, 302):
            assert "\n" not in response["Location"]
        if not field_accepts(forms.IntegerField(min_value=1, max_value=100_000), offset.get("tonnes", "")):
            assert Line.objects.count() == lines

    attempt()


def test_search_and_catalogue_filters_refuse_hostile_input(client, home_page, offer):
    from shop.catalogue.forms import OfferFilterForm

    catalogue = reverse("catalogue:index")
    before = row_counts()

    @hostile_settings
    @given(
        search=hostile_form("q", "page"),
        filters=hostile_form(*OfferFilterForm.base_fields, "page", "q"),
        language=st.sampled_from(["en", "fr", "es"]),
    )
    def attempt(search, filters, language):
        assert_answered(client.get(f"/{language}/search/", search))
        assert_answered(client.get(catalogue.replace("/en/", f"/{language}/", 1), filters))
        assert row_counts() == before

    attempt()


# ---------------------------------------------------------------------------
# Accounts: registration and sign-in
# ---------------------------------------------------------------------------


def test_registration_and_login_refuse_hostile_input(client, django_user_model):
    django_user_model.objects.create_user(username="known", email="known@example.org", password="pw-known-1")
    url = reverse("customer:register")
    users = django_user_model.objects.count()

    @hostile_settings
    @given(
        register=hostile_form("email", "password1", "password2", "redirect_url"),
        login=hostile_form("login-username", "login-password", "login-redirect_url"),
    )
    def attempt(register, login):
        response = client.post(url, {**register, "registration_submit": "Register"})
        assert_answered(response)
        if not field_accepts(forms.EmailField(), register.get("email", "")):
            assert django_user_model.objects.count() == users
        response = client.post(url, {**login, "login_submit": "Log In"})
        assert_answered(response)
        assert "_auth_user_id" not in client.session

    attempt()


# ---------------------------------------------------------------------------
# Provider workspace: publish an offer, settings
# ---------------------------------------------------------------------------


@pytest.fixture
def provider_client(client, offer):
    from tests.factories.banktransfer import make_provider_user

    partner = offer.stockrecords.get().partner
    client.force_login(make_provider_user(partner))
    client.partner = partner
    return client


def test_provider_offer_publish_refuses_hostile_input(provider_client):
    from registry.models import UnitBlock
    from shop.views import ProviderOfferForm

    block = UnitBlock.objects.get()
    url = reverse("provider-offer-publish", kwargs={"block_id": block.pk})

    @hostile_settings
    @given(body=hostile_form("quantity", "price"))
    def attempt(body):
        before = row_counts()
        response = provider_client.post(url, body)
        assert_answered(response)
        if not ProviderOfferForm(as_posted(body)).is_valid():
            assert row_counts() == before

    attempt()


def test_provider_settings_refuse_hostile_input(provider_client):
    from shop.provider_workspace.forms import PartnerSettingsForm

    partner = provider_client.partner
    url = reverse("provider-settings", kwargs={"partner_id": partner.pk})
    fields = list(PartnerSettingsForm.base_fields)
    Partner = type(partner)

    def snapshot():
        return Partner.objects.filter(pk=partner.pk).values(*fields).get()

    @hostile_settings
    @given(body=hostile_form(*fields))
    def attempt(body):
        before = snapshot()
        response = provider_client.post(url, body)
        assert_answered(response)
        if not PartnerSettingsForm(as_posted(body), instance=Partner.objects.get(pk=partner.pk)).is_valid():
            assert snapshot() == before

    attempt()


# ---------------------------------------------------------------------------
# Bank transfer: the buyer's choice, the provider's "paid" and notes
# ---------------------------------------------------------------------------


def test_bank_transfer_forms_refuse_hostile_input(client, django_capture_on_commit_callbacks):
    from shop.banktransfer.forms import MarkPaidForm, NoteForm
    from shop.banktransfer.models import BankTransferPart
    from shop.banktransfer.services import bank_transfer_parts_create
    from tests.factories.banktransfer import bank_transfer_enable, make_provider_user
    from tests.factories.fulfilment import make_order
    from tests.factories.shop import make_offer

    offer = make_offer(quantity=100, price=Decimal("10.00"))
    partner = bank_transfer_enable(offer.stockrecords.get().partner)
    order = make_order(items=[(offer, 6)])
    with django_capture_on_commit_callbacks(execute=True):
        (part,) = bank_transfer_parts_create(order=order)
    provider = make_provider_user(partner)

    def snapshot():
        return BankTransferPart.objects.filter(pk=part.pk).values().get()

    # The buyer's choice reads nothing but the session: hostile fields are ignored.
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    assert_answered(client.post(reverse("banktransfer:choose"), {"order": "1 OR 1=1", "amount": "-1"}))

    client.force_login(provider)
    client.get(reverse("banktransfer:part_list"))  # the signed-in provider's basket is created on a first visit

    @hostile_settings
    @given(paid=hostile_form("paid_on", "reference"), note=hostile_form("text", "send_to_buyer"))
    def attempt(paid, note):
        before = snapshot()
        response = client.post(reverse("banktransfer:part_mark_paid", kwargs={"pk": part.pk}), paid)
        assert_answered(response)
        if not MarkPaidForm(as_posted(paid)).is_valid():
            assert snapshot() == before
        notes = row_counts()
        response = client.post(reverse("banktransfer:part_note_add", kwargs={"pk": part.pk}), note)
        assert_answered(response)
        if not NoteForm(as_posted(note)).is_valid():
            assert row_counts() == notes

    attempt()


# ---------------------------------------------------------------------------
# The public API: hostile query and path parameters (schemathesis covers schema-shaped input)
# ---------------------------------------------------------------------------


def test_api_refuses_hostile_parameters_with_json_errors(client, api_unthrottled, offer):
    from api.api import api

    schema = api.get_openapi_schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        parameters = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        endpoints.append((path, parameters))

    @hostile_settings
    @given(data=st.data())
    def attempt(data):
        path, parameters = data.draw(st.sampled_from(endpoints))
        query = data.draw(hostile_form(*parameters, "page", "page_size"))
        segment = data.draw(st.one_of(st.sampled_from(SNIPPETS[:30]), any_text.filter(lambda s: "/" not in s and s)))
        url = path.replace("{reference}", segment).replace("{code}", segment)
        response = client.get(url, query)
        assert_answered(response)
        assert response["Content-Type"].startswith("application/json")

    attempt()


def test_basket_update_without_optional_management_fields_is_answered(client, offer):
    """Found by hypothesis: an empty INITIAL_FORMS and no MIN/MAX_NUM_FORMS made Oscar's basket view answer 500."""
    client.post(reverse("basket:add", kwargs={"pk": offer.pk}), {"quantity": 2})
    line = apps.get_model("basket", "Line").objects.get()
    body = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "", "form-0-id": str(line.pk), "form-0-quantity": ""}

    response = client.post(reverse("basket:summary"), body)

    assert response.status_code in (200, 302)
    assert apps.get_model("basket", "Line").objects.filter(pk=line.pk, quantity=2).exists()


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/en/search/", {"q": "wind\x00farm"}),
        ("get", "/fr/shop/", {"country": "\x00"}),
        ("post", "/en/shop/accounts/login/", {"login-username": "a\x00@example.org", "login_submit": "1"}),
    ],
)
def test_nul_characters_are_refused_with_400(client, home_page, method, url, data):
    """Found by hypothesis on PostgreSQL: a NUL in the site search answered 500 (PostgreSQL refuses NUL in text)."""
    response = getattr(client, method)(url, data)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_nul_characters_in_api_parameters_get_a_json_400(client, api_unthrottled):
    response = client.get("/api/v1/projects/", {"lang": "e\x00n"})
    assert response.status_code == 400
    assert response.json()["detail"]
