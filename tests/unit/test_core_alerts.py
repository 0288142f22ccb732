"""Staff alerts (core.alerts): one email to STAFF_ALERT_EMAILS, sent only for work that was committed."""

import pytest
from django.core import mail
from django.db import transaction

from core.alerts import staff_alert

pytestmark = pytest.mark.django_db


def test_staff_get_the_alert_once_the_work_is_committed(settings, django_capture_on_commit_callbacks):
    settings.STAFF_ALERT_EMAILS = ["staff-one@example.org", "staff-two@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        staff_alert("[CNN shop] Offer B-1 suspended", "Block B-1 is no longer eligible.")
        assert mail.outbox == []  # not before the commit

    (alert,) = mail.outbox
    assert alert.to == ["staff-one@example.org", "staff-two@example.org"]
    assert alert.subject == "[CNN shop] Offer B-1 suspended"
    assert alert.body == "Block B-1 is no longer eligible."


def test_no_alert_for_work_that_rolled_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        staff_alert("[CNN PayPal] Capture for no order", "...")
        raise RuntimeError("the work failed")

    assert mail.outbox == []


def test_a_mail_server_that_is_down_does_not_break_the_work(settings, django_capture_on_commit_callbacks, caplog):
    settings.EMAIL_BACKEND = "tests.unit.test_core_alerts.RefusingBackend"

    with django_capture_on_commit_callbacks(execute=True):
        staff_alert("[CNN bank transfer] Money for closed lines", "Refund the buyer.")

    assert "Money for closed lines" in caplog.text  # the alert is still in the logs


class RefusingBackend:
    def __init__(self, fail_silently=False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages):
        if not self.fail_silently:
            raise ConnectionRefusedError("no mail server")
        return 0
