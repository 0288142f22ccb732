import pytest
from django.utils import translation

pytest_plugins = [
    "tests.factories.cms",
    "tests.factories.shop",
    "tests.factories.registry",
    "tests.factories.paypal",
    "tests.factories.fulfilment",
    "tests.factories.api",
    "tests.factories.banktransfer",
]


@pytest.fixture(autouse=True)
def _reset_language():
    """A test that visits /fr/ must not leak French into the next one."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached pages and listings of one test (its data rolled back) must not be served in the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home_page(db, django_capture_on_commit_callbacks):
    """The site's home page in English, French and Spanish, as load_demo_data builds it."""
    from cms_pages.demo import demo_site_load

    # wagtail-localize publishes translations on commit, which a test transaction never reaches.
    with django_capture_on_commit_callbacks(execute=True):
        return demo_site_load()


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass of make test)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
