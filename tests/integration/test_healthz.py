import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_reports_every_dependency_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "registry"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client):
    # Nothing listens on port 1: the broker check must fail fast and say so.
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_down(client):
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@pytest.mark.django_db
@pytest.mark.redis
def test_healthz_is_healthy_with_real_redis_cache_and_broker(client):
    redis_cache = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    with override_settings(CACHES=redis_cache, CELERY_BROKER_URL="redis://127.0.0.1:6379/15"):
        response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["broker"]["detail"] == "ok"


# What a load balancer or a visitor from outside sees: a bare answer, nothing about the platform.
OUTSIDE = {"REMOTE_ADDR": "203.0.113.7"}
# Through nginx (API_TRUSTED_PROXY_COUNT=1): nginx connects from loopback and puts the client in X-Forwarded-For.
THROUGH_NGINX_FROM_OUTSIDE = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}


@pytest.mark.django_db
@pytest.mark.parametrize("meta", [OUTSIDE, THROUGH_NGINX_FROM_OUTSIDE], ids=["direct", "through-nginx"])
def test_healthz_from_outside_is_a_bare_ok_without_platform_details(client, settings, meta):
    settings.API_TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", **meta)
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    for detail in (b"database", b"sqlite", b"postgresql", b"broker", b"registry"):
        assert detail not in response.content


@pytest.mark.django_db
def test_healthz_loopback_behind_nginx_sees_the_details(client, settings):
    settings.API_TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.json()["checks"]["database"]["detail"] in ("sqlite", "postgresql")


@pytest.mark.django_db
def test_healthz_spoofed_loopback_forwarded_for_without_a_proxy_gets_no_details(client, settings):
    settings.API_TRUSTED_PROXY_COUNT = 0
    response = client.get("/healthz", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_shows_superusers_the_details_from_anywhere(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    response = client.get("/healthz", **OUTSIDE)
    assert set(response.json()["checks"]) == {"database", "cache", "broker", "registry"}


@pytest.mark.django_db
def test_healthz_staff_who_are_not_superusers_get_the_bare_answer(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", "staff@example.org", "x", is_staff=True))
    assert client.get("/healthz", **OUTSIDE).content == b"ok"


@pytest.mark.django_db
def test_healthz_bare_answer_is_503_when_the_cache_is_down(client):
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=down):
        response = client.get("/healthz", **OUTSIDE)
    assert response.status_code == 503
    assert response.content == b"unavailable"


@pytest.mark.django_db
def test_healthz_bare_answer_keeps_the_node_in_rotation_while_broker_and_registry_are_down(client, settings):
    # Every node shares them and the shop keeps selling (fulfilment retries): no node must leave the balancer.
    settings.REGISTRY_URL = "http://127.0.0.1:1"
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz", **OUTSIDE)
    assert response.status_code == 200


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_nginx_one(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc123def456").headers["X-Request-ID"] == "abc123def456"
    made_up = client.get("/healthz", HTTP_X_REQUEST_ID='bad "id"\nnext').headers["X-Request-ID"]
    assert len(made_up) == 32 and '"' not in made_up


@pytest.mark.django_db
def test_one_log_line_per_request_with_its_request_id(client, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="cnn.request"):
        client.get("/healthz", HTTP_X_REQUEST_ID="req-42")
    (record,) = [record for record in caplog.records if record.name == "cnn.request"]
    assert (record.request_id, record.method, record.path, record.status) == ("req-42", "GET", "/healthz", 200)
