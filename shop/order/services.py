"""Writes for the buyer's view of an order: the order confirmation email."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from shop.order import selectors


def order_confirmation_send(*, order) -> None:
    """Email the buyer, in their language, that `order` is placed, with the signed link to its status page.

    Sent once, when the order is placed, whatever the payment path; rendered now, sent once committed.
    """
    if not order.email:
        return
    language = selectors.order_language(order)
    context = {
        "order": order,
        "lines": list(order.lines.order_by("pk")),
        "status_url": selectors.order_status_url(order=order, language=language, absolute=True),
    }
    with translation.override(language):
        subject = " ".join(render_to_string("email/order/confirmation_subject.txt", context).split())
        body = render_to_string("email/order/confirmation_body.txt", context)
    recipients = [order.email]
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
