"""Oscar's dashboard, where staff manage the shop, runs its own scripts (jQuery, Bootstrap, oscar.dashboard)."""

import pytest

from tests.browser.conftest import NAVIGATION_TIMEOUT_MS

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("serialized_data_restored"),
]


def test_dashboard_pages_run_their_scripts_without_errors(browser, live_server, django_user_model):
    django_user_model.objects.create_superuser("dash-admin", "dash@example.org", "dash-admin-pass-42")
    context = browser.new_context()
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    page.goto(live_server.url + "/en/shop/accounts/login/")
    page.fill("input[name=login-username]", "dash@example.org")
    page.fill("input[name=login-password]", "dash-admin-pass-42")
    page.click("button[name=login_submit]")
    for path in ["/en/shop/dashboard/", "/en/shop/dashboard/orders/", "/en/shop/dashboard/partners/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.jQuery") == "function", path
        assert page.evaluate("typeof window.oscar === 'object' && typeof window.oscar.dashboard === 'object'"), path
    context.close()

    assert errors == [], "\n".join(errors)
