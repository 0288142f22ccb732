"""An operator's first look at the production stack, over HTTPS through nginx, as visitors and staff use it."""

import re

import requests

from tests.production.journeys import certificate_code_by_email, paypal_purchase, provider_marks_a_bank_transfer_paid


def test_home_page_in_three_languages_with_static_files_and_pictures(stack, browser):
    for language, marker in (("en", 'lang="en"'), ("fr", 'lang="fr"'), ("es", 'lang="es"')):
        page = browser.get(f"/{language}/")
        assert page.status_code == 200 and marker in page.text
    home = browser.get("/en/")
    # Static files: compressed by nginx, cached for a year when their name carries a hash.
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text).group(1)
    reply = browser.get(css, headers={"Accept-Encoding": "br, gzip"})
    assert reply.status_code == 200
    assert reply.headers["Content-Encoding"] in ("br", "gzip")
    assert "max-age=31536000" in reply.headers["Cache-Control"]
    # Project pictures come from /media/ (a 404 for every one of them before).
    picture = re.search(r'src="(/media/[^"]+\.(?:jpe?g|png|webp))"', home.text).group(1)
    image = browser.get(picture)
    assert image.status_code == 200 and image.headers["Content-Type"].startswith("image/")


def test_only_pictures_are_public_media_and_private_files_are_internal(stack, browser):
    assert browser.get("/media/certificates/anything.pdf").status_code == 404
    assert browser.get("/media/documents/anything.txt").status_code == 404
    assert browser.get("/_private/anything.pdf").status_code == 404


def test_plain_http_redirects_to_https(stack):
    reply = requests.get(f"{stack.http_url}/en/", allow_redirects=False, timeout=10)
    assert reply.status_code == 301 and reply.headers["Location"] == f"{stack.url}/en/"


def test_nginx_overwrites_a_forged_client_address(stack, browser):
    # A visitor claiming to be the server itself is still seen as who it is; from this machine, that is loopback,
    # so /healthz shows the details; a forged X-Forwarded-For does not add a hop the site would trust.
    reply = browser.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"})
    assert reply.status_code == 200
    assert reply.json()["checks"]["database"]["detail"] == "postgresql"
    assert reply.json()["checks"]["broker"]["detail"] == "ok"


def test_catalogue_paypal_purchase_webhook_certificate_and_request_id_in_the_worker(stack, browser):
    purchase = paypal_purchase(browser, stack)
    # PayPal's webhook reached the site through nginx over HTTPS.
    webhook_lines = [line for line in stack.log("nginx-access").splitlines() if '"uri":"/paypal/webhook/"' in line]
    assert any('"method":"POST"' in line and '"status":200' in line for line in webhook_lines)

    code = certificate_code_by_email(stack, purchase["buyer"])
    verification = browser.get(f"/en/certificates/{code}/")
    assert verification.status_code == 200
    pdf = browser.get(f"/en/certificates/{code}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Served from nginx's internal /_private/ location after Django's checks (X-Accel-Redirect): nginx's own file
    # serving adds Last-Modified, which Django's certificate view never sends; the location is closed to visitors.
    assert pdf.headers.get("Cache-Control") == "private, no-store"
    assert "Last-Modified" in pdf.headers
    assert browser.get("/_private/").status_code == 404

    # The request that captured the payment queued the fulfilment: the worker logged it under the same id.
    assert purchase["return_request_id"] in stack.log("worker")
    assert purchase["return_request_id"] in stack.log("nginx-access")


def test_provider_marks_a_bank_transfer_paid(stack, browser):
    provider_marks_a_bank_transfer_paid(browser)
