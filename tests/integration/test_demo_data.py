import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_data_is_idempotent():
    call_command("load_demo_data", verbosity=0)
    counts = (get_user_model().objects.count(), Page.objects.count(), Page.objects.filter(live=True).count())
    call_command("load_demo_data", verbosity=0)
    assert (get_user_model().objects.count(), Page.objects.count(), Page.objects.filter(live=True).count()) == counts
    assert Page.objects.filter(depth=2, live=True).count() == 3


@pytest.mark.django_db
def test_demo_users_can_sign_in(client):
    from cms_pages.demo import DEMO_USERS

    call_command("load_demo_data", verbosity=0)
    for username, _email, password, *_ in DEMO_USERS:
        assert client.login(username=username, password=password), username
        client.logout()
