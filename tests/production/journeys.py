"""What a buyer and a provider do over HTTPS through nginx, shared by the smoke and the two-instance tests."""

import datetime
import re
import uuid

from tests.production.conftest import message_text, wait_until

DETAILS = {
    "buyer_kind": "individual",
    "organization_name": "",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "line1": "Ada Lovelace",
    "line2": "1 Climate Street",
    "line4": "Bonn",
    "postcode": "53113",
    "country": "DE",
    "certificate_name": "",
    "reason": "own",
    "reason_own_text": "Offsetting my flights",
    "confirm_adult": "on",
    "accept_terms": "on",
}


def _location(response, expected_status=302) -> str:
    assert response.status_code == expected_status, f"{response.url} answered {response.status_code}"
    return response.headers["Location"]


def paypal_purchase(browser, stack) -> dict:
    """A guest buys 1 CER of the first offer, pays at the PayPal simulator, and is back on the thank-you page.

    Returns the buyer's email and the request id of the PayPal return (the request that queues fulfilment)."""
    buyer = f"buyer-{uuid.uuid4().hex[:10]}@example.org"
    catalogue = browser.get("/en/shop/")
    assert catalogue.status_code == 200
    add_path = re.search(r'action="(/en/shop/basket/add/\d+/)"', catalogue.text).group(1)
    _location(browser.post(add_path, {"quantity": 1}))
    basket = browser.get("/en/shop/basket/")
    assert "1 CER" in basket.text or 'value="1"' in basket.text, "the basket lost the CER added on another instance"
    assert _location(browser.post("/en/shop/checkout/", {"username": buyer, "options": "anonymous"})).endswith(
        "/en/shop/checkout/details/"
    )
    assert _location(browser.post("/en/shop/checkout/details/", DETAILS)).endswith("/en/shop/checkout/preview/")
    assert _location(browser.post("/en/shop/checkout/preview/", {})).endswith("/en/shop/checkout/thank-you/")
    thank_you = browser.get("/en/shop/checkout/thank-you/")
    assert 'action="/paypal/pay/"' in thank_you.text
    approval = _location(browser.post("/paypal/pay/", {"funding": "paypal"}))
    assert approval.startswith("http://127.0.0.1:"), approval  # the simulator's approval page, like PayPal's site
    token = re.search(r"token=([A-Z0-9]+)", approval).group(1)
    # The buyer approves at "PayPal" (the simulator, its own process), which sends them back to the site.
    back = browser.http.post(
        approval.split("?")[0],
        data={"token": token, "funding": "paypal", "outcome": "completed"},
        allow_redirects=False,
        timeout=30,
    )
    return_url = _location(back, 303)
    assert return_url.startswith(stack.url + "/paypal/return/"), return_url
    returned = browser.get(return_url, allow_redirects=False)
    return_request_id = returned.headers["X-Request-ID"]
    assert _location(returned).endswith("/en/shop/checkout/thank-you/")
    paid = browser.get("/en/shop/checkout/thank-you/")
    assert "payment is complete" in paid.text.lower() or "payment complete" in paid.text.lower(), paid.text[:3000]
    return {"buyer": buyer, "return_request_id": return_request_id, "token": token}


def certificate_code_by_email(stack, buyer: str) -> str:
    """The worker cancels the CERs in the registry and emails the certificate: its verification link."""

    def code():
        for message in stack.mails_to(buyer):
            match = re.search(r"/en/certificates/([A-Za-z0-9_-]+)/", message_text(message))
            if match:
                return match.group(1)
        return None

    return wait_until(code, timeout=90, what=f"the certificate email to {buyer}")


def provider_marks_a_bank_transfer_paid(browser) -> str:
    """The second demo provider (bank transfers enabled) signs in and marks an awaited transfer paid."""
    login = browser.get("/en/shop/accounts/login/")
    assert login.status_code == 200
    signed_in = browser.post(
        "/en/shop/accounts/login/",
        {"login-username": "provider2@example.org", "login-password": "demo-provider-pass", "login_submit": "Log in"},
    )
    assert signed_in.status_code == 302, "the provider could not sign in over HTTPS (secure cookies?)"
    parts = browser.get("/en/bank-transfer/parts/")
    assert parts.status_code == 200
    for pk in dict.fromkeys(re.findall(r'href="/en/bank-transfer/parts/(\d+)/"', parts.text)):
        detail = browser.get(f"/en/bank-transfer/parts/{pk}/")
        if f'action="/en/bank-transfer/parts/{pk}/paid/"' not in detail.text:
            continue
        reference = f"TRX-{uuid.uuid4().hex[:8]}"
        marked = browser.post(
            f"/en/bank-transfer/parts/{pk}/paid/",
            {"paid_on": datetime.date.today().isoformat(), "reference": reference},
        )
        assert _location(marked).endswith(f"/en/bank-transfer/parts/{pk}/")
        page = browser.get(f"/en/bank-transfer/parts/{pk}/")
        assert "Marked paid" in page.text and reference in page.text
        return pk
    raise AssertionError("no bank transfer awaiting payment among the demo provider's parts")
