"""Bank transfer: the buyer pays each provider directly; the provider reports "in progress" then "paid".

- bank_transfer_eligible / bank_transfer_parts_create: the buyer chooses bank transfer for a placed order.
- bank_transfer_mark_in_progress / bank_transfer_mark_paid / bank_transfer_note_add: the provider's steps.
- bank_transfer_expire_overdue: the daily job that releases the CERs of transfers unpaid after
  BANK_TRANSFER_EXPIRY_DAYS.
"""

import datetime
import logging
from collections import OrderedDict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from core.alerts import staff_alert
from shop.access import user_is_platform_staff
from shop.order import lifecycle
from shop.order.selectors import order_status_url

from .models import BankTransferNote, BankTransferPart

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
EventHandler = get_class("order.processing", "EventHandler")

# The provider promises its bank details within this many working days (seed 001, "Making payments").
BANK_DETAILS_WORKING_DAYS = 2


class BankTransferRefused(ValidationError):
    """This step cannot be taken now (not eligible, already expired, bad input); nothing changed."""


def bank_transfer_eligible(*, partner, amount: Decimal) -> bool:
    """The provider takes bank transfers and `amount` reaches its minimum."""
    if partner is None or not partner.bank_transfer_enabled:
        return False
    return Decimal(amount) >= (partner.bank_transfer_minimum or Decimal("0.00"))


def _unpaid_lines_by_provider(order) -> "OrderedDict[int | None, list]":
    from shop.order.models import LineStatus

    grouped: OrderedDict[int | None, list] = OrderedDict()
    lines = order.lines.filter(status=LineStatus.PENDING_PAYMENT).select_related("partner").order_by("partner_id", "pk")
    for line in lines:
        grouped.setdefault(line.partner_id, []).append(line)
    return grouped


def _lines_total(lines) -> Decimal:
    return sum((line.line_price_incl_tax for line in lines), Decimal("0.00"))


def _order_language(order) -> str:
    details = getattr(order, "certificate_details", None)
    return getattr(details, "language", None) or settings.LANGUAGE_CODE


def _provider_recipients(partner) -> list[str]:
    if partner.notification_email:
        return [partner.notification_email]
    return sorted({user.email for user in partner.users.all() if user.email})


def _mail_on_commit(*, template: str, context: dict, recipients: list[str], language: str) -> None:
    """Render `email/banktransfer/<template>_{subject,body}.txt` in `language` now, send once committed."""
    if not recipients:
        logger.warning("bank transfer email %s has no recipient (order %s)", template, context.get("order"))
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"email/banktransfer/{template}_subject.txt", context).split())
        body = render_to_string(f"email/banktransfer/{template}_body.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))


def _context(part: BankTransferPart, **extra) -> dict:
    order = part.order
    lines = list(order.lines.filter(partner_id=part.partner_id).select_related("unit_block__project").order_by("pk"))
    return {
        "part": part,
        "order": order,
        "partner": part.partner,
        "lines": lines,
        "address": order.billing_address,
        "details": getattr(order, "certificate_details", None),
        "buyer_email": order.email,
        "site_url": settings.SITE_URL,
        "working_days": BANK_DETAILS_WORKING_DAYS,
        "expiry_days": settings.BANK_TRANSFER_EXPIRY_DAYS,
        "status_url": order_status_url(order=order, language=_order_language(order), absolute=True),
        **extra,
    }


def _buyer_mail(part: BankTransferPart, template: str, **extra) -> None:
    recipients = [part.order.email] if part.order.email else []
    _mail_on_commit(
        template=template,
        context=_context(part, **extra),
        recipients=recipients,
        language=_order_language(part.order),
    )


def _provider_mail(part: BankTransferPart, template: str, **extra) -> None:
    # Providers get the site's default language, as the fulfilment emails do.
    _mail_on_commit(
        template=template,
        context=_context(part, **extra),
        recipients=_provider_recipients(part.partner),
        language=settings.LANGUAGE_CODE,
    )


def bank_transfer_parts_create(*, order) -> list[BankTransferPart]:
    """The buyer pays `order` by bank transfer: one part per provider, each provider asked for its bank details.

    All or nothing: refused (nothing created) when a provider of the unpaid lines does not take bank transfers
    or its share is below its minimum. Choosing again returns the existing parts without emailing anyone twice.
    """
    with transaction.atomic():
        existing = list(BankTransferPart.objects.select_for_update().filter(order=order).order_by("pk"))
        if existing:
            return existing
        grouped = _unpaid_lines_by_provider(order)
        if not grouped:
            raise BankTransferRefused(_("This order has nothing left to pay."))
        # A PayPal capture (possibly an eCheck still clearing) already pays these lines: never charge twice.
        if order.paypal_orders.filter(status="CAPTURED").exists():
            raise BankTransferRefused(_("This order is already being paid through PayPal."))
        refusals = []
        for lines in grouped.values():
            partner, owed = lines[0].partner, _lines_total(lines)
            if partner is None or not partner.bank_transfer_enabled:
                refusals.append(
                    _("%(provider)s does not accept bank transfers; please pay with PayPal or a card.")
                    % {"provider": lines[0].partner_name}
                )
            elif not bank_transfer_eligible(partner=partner, amount=owed):
                refusals.append(
                    _(
                        "%(provider)s accepts bank transfers from %(minimum)s %(currency)s; "
                        "your order owes it %(amount)s %(currency)s. Please pay with PayPal or a card."
                    )
                    % {
                        "provider": lines[0].partner_name,
                        "minimum": partner.bank_transfer_minimum,
                        "amount": owed,
                        "currency": order.currency,
                    }
                )
        if refusals:
            raise BankTransferRefused(refusals)
        now = timezone.now()
        parts = []
        for lines in grouped.values():
            part = BankTransferPart.objects.create(
                order=order,
                partner=lines[0].partner,
                amount=_lines_total(lines),
                currency=order.currency,
                provider_notified_at=now,
            )
            _provider_mail(part, "provider_requested")
            parts.append(part)
        for part in parts:
            _buyer_mail(part, "buyer_instructions")
    return parts


def _check_provider(*, part: BankTransferPart, user) -> None:
    """Only the provider's own users (or staff) act on its transfers."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Please sign in as the provider."))
    if user_is_platform_staff(user) or part.partner.users.filter(pk=user.pk).exists():
        return
    raise PermissionDenied(_("This bank transfer belongs to another provider."))


def _locked(part: BankTransferPart) -> BankTransferPart:
    return BankTransferPart.objects.select_for_update().select_related("order", "partner").get(pk=part.pk)


def bank_transfer_mark_in_progress(*, part: BankTransferPart, user) -> BankTransferPart:
    """The provider has sent its bank details / sees the transfer coming: the buyer is told. Idempotent."""
    _check_provider(part=part, user=user)
    with transaction.atomic():
        part = _locked(part)
        if part.status == BankTransferPart.Status.IN_PROGRESS:
            return part
        if part.status != BankTransferPart.Status.AWAITING_TRANSFER:
            raise BankTransferRefused(
                _("This bank transfer is already %(status)s.") % {"status": part.get_status_display().lower()}
            )
        part.status = BankTransferPart.Status.IN_PROGRESS
        part.in_progress_at = timezone.now()
        part.save(update_fields=["status", "in_progress_at", "updated"])
        _buyer_mail(part, "buyer_in_progress")
    return part


def bank_transfer_mark_paid(
    *, part: BankTransferPart, user, paid_on: datetime.date, reference: str
) -> BankTransferPart:
    """The provider received the money: its lines of the order become paid and enter fulfilment. Idempotent."""
    from shop.order.models import LineStatus

    _check_provider(part=part, user=user)
    reference = (reference or "").strip()
    if not reference:
        raise BankTransferRefused(_("Enter the payment reference of the transfer."))
    if paid_on is None or paid_on > timezone.localdate():
        raise BankTransferRefused(_("The payment date cannot be in the future."))
    with transaction.atomic():
        part = _locked(part)
        if part.status == BankTransferPart.Status.PAID:
            return part
        if part.status == BankTransferPart.Status.EXPIRED:
            raise BankTransferRefused(
                _(
                    "This bank transfer expired and its CERs were released; contact the platform staff to refund the buyer."
                )
            )
        if paid_on < part.created.date():
            raise BankTransferRefused(_("The payment date cannot be before the order was placed."))
        lines = list(
            Line.objects.select_for_update()
            .filter(order_id=part.order_id, partner_id=part.partner_id, status=LineStatus.PENDING_PAYMENT)
            .order_by("pk")
        )
        paid = lifecycle.lines_pay(lines=lines)
        part.status = BankTransferPart.Status.PAID
        part.paid_on = paid_on
        part.payment_reference = reference
        part.paid_recorded_at = timezone.now()
        part.paid_by = user
        part.save(update_fields=["status", "paid_on", "payment_reference", "paid_recorded_at", "paid_by", "updated"])
        if not paid:
            # Money arrived for lines no longer awaiting it (paid by PayPal meanwhile, released): staff settle it.
            _staff_alert(part)
        _buyer_mail(part, "buyer_paid")
    return part


def bank_transfer_note_add(*, part: BankTransferPart, user, text: str, send_to_buyer: bool = False) -> BankTransferNote:
    """Keep a note on the transfer; with `send_to_buyer` the buyer gets it by email."""
    _check_provider(part=part, user=user)
    text = (text or "").strip()
    if not text:
        raise BankTransferRefused(_("The note is empty."))
    with transaction.atomic():
        note = BankTransferNote.objects.create(part=part, author=user, text=text, sent_to_buyer=send_to_buyer)
        if send_to_buyer:
            _buyer_mail(part, "buyer_note", note=note)
    return note


def bank_transfer_line_refund_record(*, part: BankTransferPart, line_id: int, user, note: str) -> None:
    """The provider sent a failed line's price back to the buyer: the line is refunded, its CERs back on offer.

    Only for a `cancellation_failed` line of this paid transfer that no one retried, resolved or refunded yet.
    """
    from shop.provider_workspace.selectors import cancellation_failures

    _check_provider(part=part, user=user)
    note = (note or "").strip()
    if not note:
        raise BankTransferRefused(_("Say how the money was sent back, for example the date and reference."))
    with transaction.atomic():
        part = _locked(part)
        if part.status != BankTransferPart.Status.PAID:
            raise BankTransferRefused(_("This bank transfer was not paid: there is nothing to refund."))
        line = (
            cancellation_failures()
            .select_for_update(of=("self",))
            .filter(pk=line_id, order_id=part.order_id, partner_id=part.partner_id, paypal_refunds__isnull=True)
            .first()
        )
        if line is None:
            raise BankTransferRefused(
                _("This line is no longer awaiting a decision: it was retried, resolved or refunded already.")
            )
        lifecycle.line_refund(line=line)
        text = _("Refund of line %(line)s (%(amount)s %(currency)s) sent back to the buyer: %(note)s") % {
            "line": line.pk,
            "amount": line.line_price_incl_tax,
            "currency": part.currency,
            "note": note,
        }
        BankTransferNote.objects.create(part=part, author=user, text=text, sent_to_buyer=True)
        EventHandler(user=user).create_note(part.order, text, note_type="Refund")
        _buyer_mail(part, "buyer_refunded", refunded_line=line, refund_note=note)


def bank_transfer_expire_overdue(*, now: datetime.datetime | None = None) -> list[int]:
    """Transfers still unpaid BANK_TRANSFER_EXPIRY_DAYS after they were chosen: lines expired, CERs released.

    Each part is expired in its own transaction so one failure does not hold back the others; returns their ids.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.BANK_TRANSFER_EXPIRY_DAYS)
    overdue = list(
        BankTransferPart.objects.filter(status__in=BankTransferPart.UNPAID_STATUSES, created__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    expired = []
    for part_id in overdue:
        if _part_expire(part_id=part_id, now=now):
            expired.append(part_id)
    return expired


def _part_expire(*, part_id: int, now: datetime.datetime) -> bool:
    from shop.order.models import LineStatus

    with transaction.atomic():
        part = (
            BankTransferPart.objects.select_for_update()
            .select_related("order", "partner")
            .filter(pk=part_id, status__in=BankTransferPart.UNPAID_STATUSES)
            .first()
        )
        if part is None:  # paid meanwhile
            return False
        lines = list(
            Line.objects.select_for_update()
            .filter(order_id=part.order_id, partner_id=part.partner_id, status=LineStatus.PENDING_PAYMENT)
            .order_by("stockrecord_id", "pk")
        )
        lines = lifecycle.lines_release(lines=lines, status=LineStatus.EXPIRED)
        part.status = BankTransferPart.Status.EXPIRED
        part.expired_at = now
        part.save(update_fields=["status", "expired_at", "updated"])
        if lines:  # nothing released (the lines were paid another way): nobody to tell
            _provider_mail(part, "provider_expired", expired_lines=lines)
            _buyer_mail(part, "buyer_expired", expired_lines=lines)
    return True


def _staff_alert(part: BankTransferPart) -> None:
    statuses = ", ".join(
        f"{line.pk}={line.status}" for line in Line.objects.filter(order_id=part.order_id, partner_id=part.partner_id)
    )
    message = (
        f"{part.partner} recorded a bank transfer of {part.amount} {part.currency} (reference {part.payment_reference}) "
        f"for order {part.order.number}, but none of its lines was awaiting payment ({statuses}). "
        "Refund the buyer or reopen the lines."
    )
    staff_alert(f"[CNN bank transfer] Money for closed lines of order {part.order.number}", message)
