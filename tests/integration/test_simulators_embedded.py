"""Issue 20: the simulators start inside the process only in development and tests, never in production."""

import pytest

from registry.client import RegistryClient, RegistryUnavailable
from tests.integration.test_settings import run_manage
from tests.security.test_paypal_production_mode import PAYPAL, clean_env

FALLBACKS = (
    "from core.service_urls import PAYPAL, REGISTRY, service_fallback_url; "
    "print(repr(service_fallback_url(REGISTRY)), repr(service_fallback_url(PAYPAL)))"
)


def test_production_starts_no_simulator_inside_its_processes():
    result = run_manage("shell", "-c", FALLBACKS, **clean_env(**PAYPAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "'' ''"


def test_production_can_still_run_the_simulators_as_their_own_processes():
    """`make production` runs them under the production settings."""
    for command in ("run_registry_simulator", "run_paypal_simulator"):
        result = run_manage(command, "--help", **clean_env(**PAYPAL))
        assert result.returncode == 0, result.stderr
        assert "--port" in result.stdout


def test_without_a_registry_url_the_client_reaches_the_embedded_simulator(settings):
    settings.REGISTRY_URL = ""
    client = RegistryClient(retries=0)
    assert client.base_url.startswith("http://127.0.0.1:")
    assert client.health()["status"] == "ok"


def test_where_the_embedded_registry_is_not_allowed_the_registry_is_unavailable(settings):
    settings.REGISTRY_URL = ""
    settings.REGISTRY_SIMULATOR_ALLOWED = False
    with pytest.raises(RegistryUnavailable, match="REGISTRY_URL is not set"):
        RegistryClient()
