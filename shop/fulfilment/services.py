"""Writes of fulfilment: a paid order line is cancelled in the registry once, certified, and emailed.

line_fulfil() is safe to run any number of times, concurrently or after a crash at any point:
- the registry call carries an idempotency key per line (a replay returns the same transaction);
- the line moves paid -> cancelling -> cancelled under a row lock, and the certificate is one per line;
- each email is sent under a row lock and stamped, so it goes out once.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.alerts import staff_alert
from registry.client import RegistryRejected, RegistryUnavailable
from registry.models import Cancellation
from registry.services import cancellation_idempotency_key, cancellation_request
from shop.certificates.rendering import CertificateData, certificate_pdf_render
from shop.fulfilment.models import Certificate, CertificateSequence, LineFulfilment, ProviderNotification
from shop.order import lifecycle
from shop.order.models import LineStatus

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

# The states fulfilment may pick a line up in; anything else is not ours to touch.
FULFILLABLE_STATUSES = (LineStatus.PAID, LineStatus.CANCELLING, LineStatus.CANCELLED)


class CancellationPending(RegistryUnavailable):
    """The registry accepted the cancellation but has not completed it yet: ask again later."""


def line_fulfilment_enqueue(*, line_ids: list[int]) -> None:
    """THE entry point for payments: call it in transaction.on_commit once these lines are `paid`.

    Queues one fulfilment task per line. Lines that are not paid (yet) are skipped by the task;
    the sweeper re-queues anything paid that is not finished after 15 minutes.
    """
    from shop.fulfilment.tasks import line_fulfil_task

    line_ids = sorted({int(line_id) for line_id in line_ids})
    if not line_ids:
        return
    _fulfilments_touch(line_ids=line_ids)
    for line_id in line_ids:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # No broker (dev, tests): run here, and never let a registry hiccup fail the payment that called us.
            try:
                line_fulfil(line_id=line_id)
            except RegistryUnavailable as error:
                logger.warning("fulfilment of line %s deferred: %s", line_id, error)
            except DatabaseError:
                # A busy database (SQLite's one writer) must not fail the payment either: the requeue job retries.
                logger.exception("fulfilment of line %s deferred: database error", line_id)
        else:
            line_fulfil_task.delay(line_id)


def _fulfilments_touch(*, line_ids: list[int]) -> None:
    LineFulfilment.objects.bulk_create([LineFulfilment(line_id=line_id) for line_id in line_ids], ignore_conflicts=True)
    LineFulfilment.objects.filter(line_id__in=line_ids).update(last_enqueued_at=timezone.now())


def line_fulfil(*, line_id: int) -> Certificate | None:
    """Cancel the line's units in the registry, issue its certificate, email buyer and provider.

    Returns the certificate, or None when the line is not in a state to fulfil (not paid, or failed).
    Raises RegistryUnavailable (including CancellationPending) when it should be tried again later.
    Call it outside any transaction.
    """
    line = _line_claim(line_id=line_id)
    if line is None:
        return None
    certificate = getattr(line, "certificate", None) if line.status == LineStatus.CANCELLED else None
    if certificate is None:
        try:
            cancellation = _line_cancel_in_registry(line=line)
        except RegistryUnavailable as error:
            LineFulfilment.objects.filter(line_id=line.pk).update(last_error=str(error)[:2000])
            raise
        except (RegistryRejected, ValidationError) as error:
            line_cancellation_fail(line_id=line.pk, error=error)
            return None
        certificate = _certificate_issue(line=line, cancellation=cancellation)
        if certificate is None:
            return None
    certificate_email(certificate=certificate)
    # The line is complete once both emails are out; stamped with the provider's email when that one goes now.
    if not provider_notify(order_id=line.order_id, partner_id=line.partner_id, completing_line_id=line.pk):
        _line_complete(line_id=line.pk)
    return certificate


def _line_complete(*, line_id: int) -> None:
    LineFulfilment.objects.filter(line_id=line_id, completed_at__isnull=True).update(
        completed_at=timezone.now(), last_error=""
    )


def _line_claim(*, line_id: int):
    """Move a paid line to `cancelling` (under a row lock); None if it is not ours to fulfil."""
    with transaction.atomic():
        # One round trip: the lock and everything fulfilment reads (only the line's row is locked).
        line = (
            Line.objects.select_for_update(of=("self",))
            .select_related(
                "order", "order__certificate_details", "partner", "unit_block", "unit_block__project", "certificate"
            )
            .filter(pk=line_id)
            .first()
        )
        if line is None or line.status not in FULFILLABLE_STATUSES:
            return None
        if line.status == LineStatus.CANCELLED and getattr(line, "certificate", None) is None:
            # Only fulfilment marks a line cancelled, together with its certificate: someone else did this one.
            logger.error("line %s is cancelled without a certificate; not touching it", line_id)
            return None
        # An attempt counts as activity: the sweeper leaves lines alone that were tried recently.
        touched = {"attempts": F("attempts") + 1, "last_enqueued_at": timezone.now()}
        if not LineFulfilment.objects.filter(line_id=line_id).update(**touched):
            LineFulfilment.objects.bulk_create([LineFulfilment(line_id=line_id)], ignore_conflicts=True)
            LineFulfilment.objects.filter(line_id=line_id).update(**touched)
        lifecycle.line_cancelling(line=line)
    return line


def _line_cancel_in_registry(*, line) -> Cancellation:
    if line.unit_block is None:
        raise ValidationError(_("The order line is not linked to a registry block."))
    try:
        details = line.order.certificate_details
    except ObjectDoesNotExist:
        raise ValidationError(_("The order has no certificate details (name and reason).")) from None
    cancellation = cancellation_request(
        block=line.unit_block,
        quantity=line.quantity,
        beneficiary=details.certificate_name,
        purpose=details.reason_text,
        idempotency_key=cancellation_idempotency_key(order_number=line.order.number, line_id=line.pk),
    )
    if cancellation.status != Cancellation.Status.COMPLETED:
        raise CancellationPending(_("The registry has not completed the cancellation yet."))
    return cancellation


def certificate_number_next(*, year: int) -> int:
    """The next number of the year; the row lock taken by the upsert makes concurrent workers queue here.

    Call inside the transaction that saves the certificate, so a rollback gives the number back.
    """
    table = connection.ops.quote_name(CertificateSequence._meta.db_table)
    with connection.cursor() as cursor:
        # One round trip (PostgreSQL and SQLite >= 3.35 both speak INSERT ... ON CONFLICT ... RETURNING).
        cursor.execute(
            f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 - the table name is ours
            f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 RETURNING last_number",
            [year],
        )
        return cursor.fetchone()[0]


def _commitment_period(block) -> str:
    if block.unit_type == 0:  # A6.4ERs have no Kyoto commitment period.
        return ""
    first, applicable = block.original_commitment_period, block.applicable_commitment_period
    return f"CP{first}" if first == applicable else f"CP{first} / CP{applicable}"


def certificate_verification_url(*, code: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("fulfilment:certificate_verify", kwargs={"code": code})


def certificate_data(*, certificate: Certificate) -> CertificateData:
    """What the PDF prints, from the certificate's own record."""
    return CertificateData(
        number=certificate.number,
        presented_to=certificate.presented_to,
        reason=certificate.reason,
        project_title=certificate.project.title,
        project_reference=certificate.project.reference,
        host_country=certificate.host_country,
        mechanism=certificate.mechanism,
        quantity=certificate.quantity,
        serial_ranges=certificate.serial_range_labels,
        vintage=certificate.vintage,
        commitment_period=certificate.commitment_period,
        cancelled_on=timezone.localdate(certificate.cancelled_at),
        transaction_id=certificate.transaction_id,
        verification_code=certificate.verification_code,
        verification_url=certificate_verification_url(
            code=certificate.verification_code, language=certificate.language
        ),
    )


def _certificate_issue(*, line, cancellation: Cancellation) -> Certificate | None:
    """In one transaction: consume the stock, number and render the certificate, mark the line cancelled.

    `line` comes from _line_claim with its order, details and block; only its status is read again, under the lock.
    """
    line_id = line.pk
    with transaction.atomic():
        # Only the status is read again, under the row lock.
        line.refresh_from_db(fields=["status"], from_queryset=Line.objects.select_for_update())
        if line.status == LineStatus.CANCELLED:
            return Certificate.objects.select_related("project").filter(line_id=line_id).first()
        if line.status != LineStatus.CANCELLING:
            return None
        details = line.order.certificate_details
        block = line.unit_block
        cancelled_at = cancellation.completed_at or timezone.now()
        year = timezone.localdate(cancelled_at).year
        sequence = certificate_number_next(year=year)
        language = details.language if details.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        certificate = Certificate(
            line=line,
            cancellation=cancellation,
            year=year,
            sequence=sequence,
            number=f"VC-{sequence:06d}/{year}",
            verification_code=secrets.token_urlsafe(16),
            language=language,
            presented_to=details.certificate_name,
            reason=details.reason_text,
            show_beneficiary_publicly=details.show_beneficiary_publicly,
            project=block.project,
            mechanism=block.project.mechanism,
            host_country=block.project.host_country,
            quantity=cancellation.quantity,
            serial_ranges=cancellation.serial_ranges,
            vintage=str(block.vintage),
            commitment_period=_commitment_period(block),
            transaction_id=cancellation.transaction_id,
            cancelled_at=cancelled_at,
        )
        pdf = certificate_pdf_render(data=certificate_data(certificate=certificate), language=language)
        certificate.pdf.save(f"{certificate.number.replace('/', '-')}.pdf", ContentFile(pdf), save=False)
        certificate.save()
        lifecycle.line_cancelled(line=line)
    return certificate


def certificate_email(*, certificate: Certificate) -> bool:
    """Send the certificate to the buyer in their language, once; True if sent now."""
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update()
            .filter(pk=certificate.pk, emailed_at__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
        if locked is None:
            return False
        order = certificate.line.order
        recipient = order.email
        if not recipient:
            logger.warning("certificate %s: order %s has no email address", certificate.number, order.number)
            return False
        with translation.override(certificate.language):
            context = {
                "certificate": certificate,
                "order": order,
                "verification_url": certificate_verification_url(
                    code=certificate.verification_code, language=certificate.language
                ),
                "site_url": settings.SITE_URL,
            }
            subject = " ".join(render_to_string("email/fulfilment/certificate_subject.txt", context).split())
            body = render_to_string("email/fulfilment/certificate_body.txt", context)
            html = render_to_string("email/fulfilment/certificate_body.html", context)
        message = EmailMultiAlternatives(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient]
        )
        message.attach_alternative(html, "text/html")
        with certificate.pdf.open("rb") as pdf:
            message.attach(f"{certificate.number.replace('/', '-')}.pdf", pdf.read(), "application/pdf")
        message.send()
        Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())
    return True


def _provider_recipients(partner) -> list[str]:
    if partner.notification_email:
        return [partner.notification_email]
    return sorted({user.email for user in partner.users.all() if user.email})


def provider_notify(*, order_id: int, partner_id: int | None, completing_line_id: int | None = None) -> bool:
    """Send the provider the order summary with the buyer's contact details, once per order, after payment.

    `completing_line_id`: a line whose fulfilment this email completes, stamped in the same transaction.
    """
    if partner_id is None:
        return False
    with transaction.atomic():
        # Inside the transaction: a concurrent line of the same order waits here, then finds the row sent.
        ProviderNotification.objects.bulk_create(
            [ProviderNotification(order_id=order_id, partner_id=partner_id)], ignore_conflicts=True
        )
        notification = (
            ProviderNotification.objects.select_for_update(of=("self",))
            .select_related("partner", "order", "order__billing_address__country", "order__certificate_details")
            .filter(order_id=order_id, partner_id=partner_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        recipients = _provider_recipients(notification.partner)
        if not recipients:
            logger.warning("provider %s has no notification email; order %s", partner_id, order_id)
            return False
        order = notification.order
        lines = list(order.lines.filter(partner_id=partner_id).select_related("unit_block__project").order_by("pk"))
        context = {
            "order": order,
            "partner": notification.partner,
            "lines": lines,
            "address": order.billing_address,
            "details": order.certificate_details,
            "buyer_email": order.email,
            "provider_total": sum((line.line_price_incl_tax for line in lines), Decimal("0.00")),
        }
        # Providers get the site's default language; the buyer's own language is stated in the summary.
        with translation.override(settings.LANGUAGE_CODE):
            subject = " ".join(render_to_string("email/fulfilment/provider_order_subject.txt", context).split())
            body = render_to_string("email/fulfilment/provider_order_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
        if completing_line_id is not None:
            _line_complete(line_id=completing_line_id)
    return True


def _error_text(error: Exception) -> str:
    code = getattr(error, "code", "")
    return f"{code}: {error}" if code else str(error)


def line_cancellation_fail(*, line_id: int, error: Exception) -> None:
    """The registry refused: the line needs an administrator. Staff are told once."""
    error_text = _error_text(error)
    with transaction.atomic():
        line = Line.objects.select_for_update(of=("self",)).select_related("order", "unit_block").get(pk=line_id)
        if not lifecycle.line_cancellation_fail(line=line):
            return
        fulfilment, _created = LineFulfilment.objects.get_or_create(line_id=line_id)
        fulfilment.last_error = error_text[:2000]
        fulfilment.save(update_fields=["last_error"])
    with transaction.atomic():
        fulfilment = LineFulfilment.objects.select_for_update().get(line_id=line_id)
        if fulfilment.failure_alerted_at is not None:
            return
        context = {"line": line, "order": line.order, "error": error_text, "site_url": settings.SITE_URL}
        with translation.override(settings.LANGUAGE_CODE):
            subject = " ".join(render_to_string("email/fulfilment/staff_failure_subject.txt", context).split())
            body = render_to_string("email/fulfilment/staff_failure_body.txt", context)
        staff_alert(subject, body)
        fulfilment.failure_alerted_at = timezone.now()
        fulfilment.save(update_fields=["failure_alerted_at"])
    logger.error("fulfilment of line %s failed: %s", line_id, error)


def fulfilment_requeue(*, now=None) -> list[int]:
    """Re-queue paid lines not finished within FULFILMENT_REQUEUE_AFTER_MINUTES; returns their ids."""
    from shop.fulfilment.selectors import lines_to_requeue

    now = now or timezone.now()
    line_ids = lines_to_requeue(before=now - timedelta(minutes=settings.FULFILMENT_REQUEUE_AFTER_MINUTES))
    line_fulfilment_enqueue(line_ids=line_ids)
    return line_ids


def fulfilment_overdue_alert(*, now=None) -> list[int]:
    """Tell staff, once per line, about paid lines still without a certificate after 48 hours."""
    from shop.fulfilment.selectors import lines_overdue

    now = now or timezone.now()
    with transaction.atomic():
        lines = lines_overdue(before=now - timedelta(hours=settings.FULFILMENT_OVERDUE_AFTER_HOURS), lock=True)
        if not lines:
            return []
        context = {"lines": lines, "hours": settings.FULFILMENT_OVERDUE_AFTER_HOURS, "site_url": settings.SITE_URL}
        with translation.override(settings.LANGUAGE_CODE):
            subject = " ".join(render_to_string("email/fulfilment/staff_overdue_subject.txt", context).split())
            body = render_to_string("email/fulfilment/staff_overdue_body.txt", context)
        staff_alert(subject, body)
        line_ids = [line.pk for line in lines]
        LineFulfilment.objects.bulk_create([LineFulfilment(line_id=pk) for pk in line_ids], ignore_conflicts=True)
        LineFulfilment.objects.filter(line_id__in=line_ids).update(overdue_alerted_at=now)
    return line_ids
