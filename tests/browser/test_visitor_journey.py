"""A new visitor, in French, finds a project, buys CERs as a guest, pays at PayPal and verifies the certificate."""

import re

import pytest
from playwright.sync_api import expect

from shop.fulfilment.models import Certificate
from shop.order.models import LineStatus, Order
from tests.browser.conftest import PHONE
from tests.browser.data import WIND_BLOCK, html_body, outbox_to, site_with_offers_load

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

BUYER_EMAIL = "camille.martin@example.fr"


@pytest.fixture
def journey_locale():
    return "fr-FR"


@pytest.fixture
def journey_viewport():
    """A new visitor on a phone."""
    return PHONE


def test_french_visitor_buys_cers_as_guest_pays_with_paypal_and_verifies_the_certificate(
    journey, registry_simulator, paypal_simulator
):
    site_with_offers_load(registry_simulator, block_ids=[WIND_BLOCK])
    page = journey.page

    # A browser asking for French lands on the French home page.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    journey.step("home")
    journey.accessible("home")

    # The menu leads to the projects, and the project index to the wind farm's story.
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Projets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projets")
    journey.step("project index")
    journey.accessible("project index")
    page.get_by_role("link", name=re.compile("Parc éolien de Yumen")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parc éolien de Yumen (Gansu)")
    journey.step("project page")
    journey.accessible("project")

    # The project's live offer: the visitor adds 3 CERs to the basket from the project page.
    offer_row = page.get_by_role("row").filter(has_text="Ecosur Carbon Partners")
    offer_row.get_by_role("spinbutton").fill("3")
    offer_row.get_by_role("button", name="Ajouter au panier").click()
    expect(page.locator(".basket-link .badge")).to_have_text("3")
    journey.step("added to the basket")

    # The catalogue of all offers ("Compenser") lists the same offer.
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Compenser").click()
    expect(page).to_have_url(re.compile(r"/fr/shop/"))
    expect(page.get_by_role("row").filter(has_text="Ecosur Carbon Partners")).to_have_count(1)
    journey.step("catalogue")
    journey.accessible("catalogue")

    # The basket shows 3 CERs from the provider; on to the checkout as a guest.
    page.get_by_role("link", name=re.compile("Panier")).click()
    expect(page.locator("input[name$='-quantity']")).to_have_value("3")
    journey.step("basket")
    journey.accessible("basket")
    page.get_by_role("link", name="Passer au paiement").click()
    page.locator("input[name=username]").fill(BUYER_EMAIL)
    page.locator("input[name=options][value=anonymous]").check()
    journey.step("checkout: who are you")
    journey.accessible("checkout: gateway")
    page.get_by_role("button", name="Continuer", exact=True).click()

    # Details: an individual, billing address, the name and the reason for the certificate.
    expect(page).to_have_url(re.compile(r"/fr/shop/checkout/"))
    page.locator("input[name=buyer_kind][value=individual]").check()
    page.locator("input[name=confirm_adult]").check()
    page.locator("input[name=line1]").fill("Camille Martin")
    page.locator("input[name=first_name]").fill("Camille")
    page.locator("input[name=last_name]").fill("Martin")
    page.locator("input[name=line2]").fill("12 rue du Climat")
    page.locator("input[name=postcode]").fill("75011")
    page.locator("input[name=line4]").fill("Paris")
    page.locator("select[name=country]").select_option("FR")
    page.locator("input[name=reason][value=own]").check()
    page.locator("textarea[name=reason_own_text]").fill("Compenser mes vols de 2026")
    page.locator("input[name=show_beneficiary_publicly]").check()
    page.locator("input[name=accept_terms]").check()
    journey.step("checkout: details")
    journey.accessible("checkout: details")
    page.get_by_role("button", name="Continuer vers le récapitulatif").click()

    # The review shows the certificate's name and reason; the attestation preview is a PDF.
    expect(page.get_by_text("Compenser mes vols de 2026")).to_be_visible()
    journey.step("checkout: review")
    journey.accessible("checkout: review")
    preview_link = page.get_by_role("link", name=re.compile("aperçu de l'attestation"))
    preview = page.context.request.get(preview_link.get_attribute("href"))
    assert preview.ok and preview.headers["content-type"] == "application/pdf"
    assert preview.body().startswith(b"%PDF")
    page.get_by_role("button", name="Passer la commande").click()

    # Order placed: pay with PayPal, on the simulator's approval page served over HTTP.
    expect(page.get_by_role("button", name="Payer avec PayPal")).to_be_visible()
    journey.step("order placed")
    journey.accessible("checkout: order placed")
    order = Order.objects.get(guest_email=BUYER_EMAIL)
    assert order.lines.get().quantity == 3
    page.get_by_role("button", name="Payer avec PayPal").click()
    expect(page).to_have_url(re.compile("^" + re.escape(paypal_simulator.url)))
    journey.step("paypal approval")
    page.get_by_role("button", name=re.compile("Approve|Approuver")).click()

    # Back on the site: captured, and fulfilment (eager Celery) cancelled the units and issued the certificate.
    expect(page.get_by_text("Merci : votre paiement est terminé.")).to_be_visible()
    journey.step("payment complete")
    line = order.lines.get()
    assert line.status == LineStatus.CANCELLED
    certificate = Certificate.objects.get(line=line)

    # The certificate email, in French, links to the verification page, which shows the serials and the name.
    (email,) = [message for message in outbox_to(BUYER_EMAIL) if certificate.number in message.subject]
    assert f"/fr/certificates/{certificate.verification_code}/" in email.body
    mail_page = journey.new_page(locale="fr-FR", viewport=PHONE)
    mail_page.set_content(html_body(email))
    journey.step("certificate email", mail_page)
    mail_page.get_by_role("link", name=f"/fr/certificates/{certificate.verification_code}/").click()
    expect(mail_page.get_by_role("heading", level=1)).to_be_visible()
    table = mail_page.get_by_role("table")
    expect(table).to_contain_text("Camille Martin")
    expect(table).to_contain_text("Compenser mes vols de 2026")
    for serial_range in certificate.serial_ranges:
        expect(table).to_contain_text(serial_range["start"])
        expect(table).to_contain_text(serial_range["end"])
    journey.step("certificate verification", mail_page)
    journey.accessible("certificate verification", mail_page)

    journey.assert_accessible()
    journey.assert_no_console_errors()
