import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login failure counts and the page cache live in the cache: each test starts from none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
