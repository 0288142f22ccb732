"""Issue 15: production never falls back to the PayPal simulator and its public secret."""

from tests.integration.test_settings import run_manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k2#Lq9vR!xW4zT7pN0sB6mF3hJ8cD5gY1aE-uV_oI@eQ%rZ+tests-only-8Hs2Kd",
    "ALLOWED_HOSTS": "offset.example.org",
}
PAYPAL = {
    "PAYPAL_MODE": "live",
    "PAYPAL_CLIENT_ID": "AaBbCc-live-client",
    "PAYPAL_CLIENT_SECRET": "EeFfGg-live-secret",
    "PAYPAL_WEBHOOK_ID": "8PT597110X687430LKGECATA",
}


def clean_env(**overrides):
    """The production environment without any PAYPAL_* variable the developer's shell may hold."""
    return {**dict.fromkeys(PAYPAL, ""), **PRODUCTION, **overrides}


def test_production_refuses_to_start_without_paypal_mode():
    result = run_manage("check", **clean_env())
    assert result.returncode != 0
    assert "PAYPAL_MODE" in result.stderr


def test_production_refuses_the_simulator_mode_and_its_secret():
    result = run_manage("check", **clean_env(**{**PAYPAL, "PAYPAL_MODE": "simulator"}))
    assert result.returncode != 0 and "PAYPAL_MODE" in result.stderr
    result = run_manage("check", **clean_env(**{**PAYPAL, "PAYPAL_CLIENT_SECRET": "simulator-secret"}))
    assert result.returncode != 0 and "PAYPAL_CLIENT_SECRET" in result.stderr


def test_production_refuses_a_missing_webhook_id():
    result = run_manage("check", **clean_env(**{**PAYPAL, "PAYPAL_WEBHOOK_ID": ""}))
    assert result.returncode != 0 and "PAYPAL_WEBHOOK_ID" in result.stderr


def test_production_with_real_paypal_settings_passes_check_deploy():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **clean_env(**{**PAYPAL, "PAYPAL_MODE": "sandbox"})
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_reports_the_simulator(settings):
    from shop.paypal.checks import paypal_deploy_check

    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_CLIENT_SECRET = "simulator-secret"
    errors = paypal_deploy_check(None)
    assert {error.id for error in errors} == {"paypal.E001"}
    assert any("PAYPAL_MODE" in error.msg for error in errors)
    assert any("PAYPAL_CLIENT_SECRET" in error.msg for error in errors)


def test_the_gateway_refuses_the_simulator_where_it_is_not_allowed(settings):
    import pytest

    from shop.paypal import gateway

    settings.PAYPAL_MODE = "simulator"
    settings.PAYPAL_SIMULATOR_ALLOWED = False
    with pytest.raises(ValueError, match="not allowed"):
        gateway.api_base_url()
