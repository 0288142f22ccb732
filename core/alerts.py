"""Emails to the platform's staff (settings.STAFF_ALERT_EMAILS): the one way any app tells a person something
needs them."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger("core.alerts")


def staff_alert(subject: str, message: str) -> None:
    """Email staff once the current transaction commits (at once outside one); nothing is sent for work that rolls
    back. The alert is logged too, so a mail server that is down loses nothing (the mail fails silently: the
    caller's work must not fail because staff could not be told)."""
    logger.error("staff alert: %s\n%s", subject, message)

    def send() -> None:
        sent = send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=list(settings.STAFF_ALERT_EMAILS),
            fail_silently=True,
        )
        if not sent:
            logger.error("staff alert not sent (mail server refused or no recipients): %s", subject)

    transaction.on_commit(send)


__all__ = ["staff_alert"]
