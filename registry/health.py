from django.conf import settings


def registry_health() -> str:
    """Raise when the registry does not answer GET /v1/health; return a short description when it does."""
    from registry.client import RegistryClient

    # One quick attempt: /healthz must answer fast even when the registry is down.
    client = RegistryClient(timeout=min(settings.REGISTRY_TIMEOUT, 3.0), retries=0)
    client.health()
    return "ok" if settings.REGISTRY_URL else "ok (embedded simulator)"
