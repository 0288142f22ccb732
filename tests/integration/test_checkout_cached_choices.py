"""The checkout form's countries and standard reasons come from the cache, and follow changes at once."""

import pytest
from oscar.core.loading import get_class, get_model

pytestmark = pytest.mark.django_db

CertificateDetailsForm = get_class("checkout.forms", "CertificateDetailsForm")
Country = get_model("address", "Country")


def test_new_country_is_offered_at_once():
    str(CertificateDetailsForm(language="en")["country"])
    Country.objects.create(iso_3166_1_a2="XK", printable_name="Kosovo", name="Republic of Kosovo")

    assert '<option value="XK">Kosovo</option>' in str(CertificateDetailsForm(language="en")["country"])


def test_submitted_country_is_checked_against_the_table():
    Country.objects.create(iso_3166_1_a2="XK", printable_name="Kosovo", name="Republic of Kosovo")
    form = CertificateDetailsForm(data={"country": "QQ"}, language="en")
    assert "country" in form.errors


def test_edited_standard_reason_is_offered_at_once():
    from wagtail.models import Locale

    from cms_pages.models import PurchaseReason

    reason = PurchaseReason.objects.create(
        code="wedding", text="A climate-neutral wedding", locale=Locale.get_default(), sort_order=99
    )
    assert "A climate-neutral wedding" in str(CertificateDetailsForm(language="en")["reason"])
    reason.text = "Our climate-neutral wedding"
    reason.save()

    assert "Our climate-neutral wedding" in str(CertificateDetailsForm(language="en")["reason"])
