"""A provider publishes an offer and confirms a buyer's bank transfer; the buyer receives the certificate."""

import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from shop.banktransfer.models import BankTransferPart
from shop.fulfilment.models import Certificate
from shop.order.models import LineStatus, Order
from tests.browser.data import COOKSTOVES_BLOCK, html_body, outbox_to, site_with_holdings_load

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

PROVIDER_LOGIN = ("provider@example.org", "demo-provider-pass")
BUYER_EMAIL = "accounts@green-bakery.example"
REFERENCE = "TRX-2026-0042"


def sign_in(page, email, password):
    page.goto("/en/shop/accounts/login/")
    page.locator("input[name=login-username]").fill(email)
    page.locator("input[name=login-password]").fill(password)
    page.locator("#login_form").get_by_role("button").click()
    expect(page.get_by_role("link", name="My account")).to_be_visible()


def test_provider_publishes_an_offer_confirms_the_bank_transfer_and_the_buyer_gets_the_certificate(
    journey, registry_simulator
):
    site_with_holdings_load(registry_simulator, block_ids=[COOKSTOVES_BLOCK])
    provider = journey.page

    # The provider signs in and accepts bank transfers from 50 USD.
    sign_in(provider, *PROVIDER_LOGIN)
    provider.goto("/en/shop/provider/offers/")
    workspace = provider.get_by_role("navigation", name="Provider workspace")
    workspace.get_by_role("link", name="Settings").click()
    provider.locator("input[name=bank_transfer_enabled]").check()
    provider.locator("input[name=bank_transfer_minimum]").fill("50.00")
    journey.step("provider settings", provider)
    provider.get_by_role("button", name="Save settings").click()
    expect(provider.locator("input[name=bank_transfer_enabled]")).to_be_checked()
    journey.accessible("provider settings", provider)

    # Its holdings come from the registry; it offers 500 of the cookstove CERs at 8.50 USD each.
    provider.get_by_role("navigation", name="Provider workspace").get_by_role("link", name="CERs and offers").click()
    provider.get_by_role("button", name=re.compile("Refresh my holdings")).click()
    block_row = provider.get_by_role("row").filter(has_text=COOKSTOVES_BLOCK)
    expect(block_row).to_have_count(1)
    journey.step("provider holdings", provider)
    journey.accessible("provider offers", provider)
    block_row.get_by_label("Quantity (CERs)").fill("500")
    block_row.get_by_label(re.compile("Price per CER")).fill("8.50")
    block_row.get_by_role("button", name="Publish offer").click()
    expect(provider.get_by_role("row").filter(has_text=COOKSTOVES_BLOCK)).to_contain_text("500 CERs at")
    journey.step("offer published", provider)

    # A buyer (another browser) finds the offer in the catalogue, checks out as a guest and picks bank transfer.
    buyer = journey.new_page(locale="en-GB")
    buyer.goto("/en/shop/")
    offer_row = buyer.get_by_role("row").filter(has_text="Ecosur Carbon Partners")
    expect(offer_row).to_contain_text("$8.50")
    offer_row.get_by_role("spinbutton").fill("10")
    offer_row.get_by_role("button", name="Add to the basket").click()
    buyer.get_by_role("link", name=re.compile("^Basket")).click()
    buyer.get_by_role("link", name="Proceed to checkout").click()
    buyer.locator("input[name=username]").fill(BUYER_EMAIL)
    buyer.locator("input[name=options][value=anonymous]").check()
    buyer.get_by_role("button", name="Continue", exact=True).click()
    buyer.locator("input[name=buyer_kind][value=organization]").check()
    buyer.locator("input[name=organization_name]").fill("Green Bakery Ltd")
    buyer.locator("input[name=confirm_adult]").check()
    buyer.locator("input[name=line1]").fill("Ada Lovelace")
    buyer.locator("input[name=first_name]").fill("Ada")
    buyer.locator("input[name=last_name]").fill("Lovelace")
    buyer.locator("input[name=line4]").fill("Bonn")
    buyer.locator("select[name=country]").select_option("DE")
    buyer.locator("input[name=reason][value=own]").check()
    buyer.locator("textarea[name=reason_own_text]").fill("Our 2026 deliveries")
    buyer.locator("input[name=accept_terms]").check()
    buyer.get_by_role("button", name="Continue to the review").click()
    expect(buyer.get_by_text("Green Bakery Ltd")).to_be_visible()
    journey.step("buyer review", buyer)
    buyer.get_by_role("button", name="Place order").click()
    buyer.get_by_role("button", name="Pay by bank transfer").click()
    expect(buyer.get_by_text("each provider emails you its bank details")).to_be_visible()
    journey.step("buyer chose bank transfer", buyer)
    journey.accessible("checkout: bank transfer chosen", buyer)
    order = Order.objects.get(guest_email=BUYER_EMAIL)
    part = BankTransferPart.objects.get(order=order)
    assert part.amount == 85
    assert outbox_to("payments@ecosur.example"), "the provider is asked for its bank details"

    # The provider sees the transfer, marks it in progress, then paid with the date and the bank's reference.
    provider.get_by_role("navigation", name="Provider workspace").get_by_role("link", name="Bank transfers").click()
    provider.get_by_role("link", name=str(order.number)).click()
    status = provider.locator(".banktransfer-status")
    expect(status).to_have_text(str(BankTransferPart.Status.AWAITING_TRANSFER.label))
    journey.step("bank transfer awaiting", provider)
    journey.accessible("bank transfer part", provider)
    provider.get_by_role("button", name="Mark in progress").click()
    expect(status).to_have_text(str(BankTransferPart.Status.IN_PROGRESS.label))
    journey.step("bank transfer in progress", provider)
    paid_on = timezone.localdate()
    provider.get_by_label("Date the money arrived").fill(paid_on.isoformat())
    provider.get_by_label("Payment reference").fill(REFERENCE)
    provider.get_by_role("button", name="Mark paid").click()
    expect(status).to_have_text(str(BankTransferPart.Status.PAID.label))
    paid_row = provider.get_by_role("row", name=re.compile("Paid on"))
    expect(paid_row).to_contain_text(date_format(paid_on, "DATE_FORMAT"))
    expect(paid_row).to_contain_text(REFERENCE)
    journey.step("bank transfer paid", provider)

    # Fulfilment ran: the units are cancelled in the registry and the buyer has the certificate by email.
    line = order.lines.get()
    assert line.status == LineStatus.CANCELLED
    certificate = Certificate.objects.get(line=line)
    (email,) = [message for message in outbox_to(BUYER_EMAIL) if certificate.number in message.subject]
    mail_page = journey.new_page(locale="en-GB")
    mail_page.set_content(html_body(email))
    journey.step("certificate email", mail_page)
    mail_page.get_by_role("link", name=f"/en/certificates/{certificate.verification_code}/").click()
    table = mail_page.get_by_role("table")
    expect(table).to_contain_text("Green Bakery Ltd")
    for serial_range in certificate.serial_ranges:
        expect(table).to_contain_text(serial_range["start"])
        expect(table).to_contain_text(serial_range["end"])
    journey.step("certificate verification", mail_page)
    journey.accessible("certificate verification", mail_page)

    journey.assert_accessible()
    journey.assert_no_console_errors()
