"""In a real browser (chromium): the Content-Security-Policy blocks nothing the site, the Wagtail admin,
Oscar's dashboard, Django's admin or the API docs need. Chromium reports every refusal on the console."""

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, NAVIGATION_TIMEOUT_MS, browser  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]

PUBLIC = ["/en/", "/fr/shop/", "/es/search/?q=wind", "/api/v1/docs/", "/en/shop/basket/"]
ADMIN = ["/cms/", "/cms/pages/", "/en/shop/dashboard/", "/django-admin/", "/django-admin/auth/user/"]


def test_policy_blocks_nothing_the_pages_need(browser, live_server, home_page, django_user_model):  # noqa: F811
    from tests.factories.cms import FootprintCalculatorPageFactory, StatisticsPageFactory

    django_user_model.objects.create_superuser("csp-admin", "csp@example.org", "csp-admin-pass-42")
    calculator = FootprintCalculatorPageFactory(parent=home_page)
    statistics = StatisticsPageFactory(parent=home_page)
    for extra in (calculator, statistics):
        extra.save_revision().publish()
    context = browser.new_context()
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )

    for path in [*PUBLIC, calculator.url + "?electricity_kwh=3000&car_km=12000", statistics.url]:
        response = page.goto(live_server.url + path)
        assert response.status < 400, path
        assert "script-src 'self'" in response.headers["content-security-policy"]

    page.goto(live_server.url + "/cms/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", "csp-admin-pass-42")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/cms/")
    for path in [*ADMIN, f"/cms/pages/{home_page.pk}/edit/"]:
        response = page.goto(live_server.url + path)
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")

    # The Wagtail editor's live preview: its panel frames the preview of the page being edited.
    page.goto(live_server.url + f"/cms/pages/{home_page.pk}/edit/")
    with page.expect_response(lambda r: "/edit/preview/" in r.url and r.request.method == "GET") as shown:
        page.click("[data-side-panel-toggle=preview]")
    assert shown.value.status == 200
    assert "frame-ancestors 'self'" in shown.value.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # the frame's own scripts and styles load
    context.close()
    assert refused == [], "\n".join(refused)
