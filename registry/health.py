from django.conf import settings


def registry_health() -> str:
    """Raise when the registry does not answer; return a short description when it does."""
    if not settings.REGISTRY_URL:
        return "embedded simulator"
    from registry.client import RegistryClient

    RegistryClient().health()
    return "ok"
