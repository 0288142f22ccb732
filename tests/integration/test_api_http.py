"""The public API over HTTP: read-only, CORS, HEAD and OPTIONS, JSON errors, rate limit, schema and docs page."""

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/projects/", "/api/v1/offers/", "/api/v1/cancellations/"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", [*ENDPOINTS, "/api/v1/certificates/some-code/", "/api/v1/projects/1234/"])
def test_writes_are_not_allowed(client, api_unthrottled, method, path):
    response = getattr(client, method)(path, data={}, content_type="application/json")

    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_post_without_csrf_token_is_405_not_403(api_unthrottled):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/v1/offers/", data={})

    assert response.status_code == 405


@pytest.mark.parametrize("path", ENDPOINTS)
def test_get_is_open_to_any_origin(client, api_unthrottled, path):
    response = client.get(path, HTTP_ORIGIN="https://example.org")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    assert "public" in response["Cache-Control"]


def test_errors_are_json_and_cors_too(client, api_unthrottled):
    response = client.get("/api/v1/offers/", {"vintage_min": "soon"}, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["errors"][0]["field"] == "vintage_min"


def test_preflight_allows_get_only(client, api_unthrottled):
    response = client.options(
        "/api/v1/offers/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_head_answers_like_get_without_a_body(client, api_unthrottled):
    response = client.head("/api/v1/offers/")

    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"].startswith("application/json")


def test_unknown_endpoint_is_a_json_404_not_a_redirect(client, api_unthrottled):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_rate_limit_per_client_address(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_THROTTLE_RATE = "3/min"
    for _attempt in range(3):
        assert client.get("/api/v1/offers/", REMOTE_ADDR="203.0.113.7").status_code == 200

    refused = client.get("/api/v1/offers/", REMOTE_ADDR="203.0.113.7")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"]
    assert refused["Access-Control-Allow-Origin"] == "*"
    # Another address has its own allowance.
    assert client.get("/api/v1/offers/", REMOTE_ADDR="203.0.113.8").status_code == 200
    cache.clear()


def test_rate_limit_trusts_forwarded_address_only_behind_a_configured_proxy(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_THROTTLE_RATE = "1/min"
    # No trusted proxy: a forged X-Forwarded-For does not buy a fresh allowance.
    assert client.get("/api/v1/offers/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get("/api/v1/offers/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    settings.API_TRUSTED_PROXY_COUNT = 1
    assert client.get("/api/v1/offers/", HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 200
    assert client.get("/api/v1/offers/", HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 429
    cache.clear()


def test_openapi_schema_is_served(client, api_unthrottled):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/offers/" in schema["paths"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_docs_page_documents_every_endpoint_without_a_cdn(client, api_unthrottled):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    for path in [*ENDPOINTS, "/api/v1/projects/{reference}/", "/api/v1/certificates/{code}/"]:
        assert path in html, path
    for parameter in ["vintage_min", "price_max", "co_benefit", "beneficiary", "ordering"]:
        assert f"<code>{parameter}</code>" in html, parameter
    assert 'href="/api/v1/openapi.json"' in html
    assert 'src="http' not in html and "cdn" not in html.lower()


def test_certificate_answers_are_not_kept_by_shared_caches(client, api_unthrottled, shop_offer):
    from tests.factories.api import make_ledger_certificate

    certificate = make_ledger_certificate(offer=shop_offer, beneficiary="Private Person", public=False)

    response = client.get(f"/api/v1/certificates/{certificate.verification_code}/")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
