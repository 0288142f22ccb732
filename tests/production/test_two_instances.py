"""The web tier is stateless: a buyer's requests alternate between the two gunicorn instances behind nginx
(sessions, basket, checkout, PayPal return, webhook) and the purchase and a provider's work still succeed."""

from tests.production.journeys import certificate_code_by_email, paypal_purchase, provider_marks_a_bank_transfer_paid


def test_a_purchase_alternating_between_two_gunicorn_instances(stack, browser):
    purchase = paypal_purchase(browser, stack)
    upstreams = browser.upstreams()
    instances = {f"127.0.0.1:{port}" for port in stack.web_ports}
    assert set(upstreams) == instances, upstreams
    # nginx's round robin: the session, basket and order a step left on one instance are read by the other.
    switches = sum(1 for before, after in zip(upstreams, upstreams[1:], strict=False) if before != after)
    assert switches >= len(upstreams) // 2, upstreams
    assert certificate_code_by_email(stack, purchase["buyer"])


def test_a_provider_signed_in_on_one_instance_works_on_the_other(stack, browser):
    provider_marks_a_bank_transfer_paid(browser)
    upstreams = browser.upstreams()
    assert set(upstreams) == {f"127.0.0.1:{port}" for port in stack.web_ports}, upstreams
