"""Writes of the provider workspace: refresh holdings, save provider settings, retry or resolve failed lines."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from registry.client import RegistryClient, RegistryUnavailable
from registry.selectors import accounts_to_sync
from registry.services import SyncReport, registry_sync
from shop.access import user_is_platform_staff
from shop.order import lifecycle
from shop.provider_workspace.selectors import RESOLVED_EVENT_CODE, partner_registry_accounts

Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")
ShippingEventType = get_model("order", "ShippingEventType")
EventHandler = get_class("order.processing", "EventHandler")

# What a provider may change itself; the registry mapping and the users stay with the platform staff.
PARTNER_SETTINGS_FIELDS = (
    "paypal_merchant_id",
    "paypal_email",
    "bank_transfer_enabled",
    "bank_transfer_minimum",
    "notification_email",
)
NOTE_TYPE = "Cancellation"


def provider_holdings_refresh(*, user, partners) -> SyncReport:
    """Run registry_sync for the registry accounts of these providers only; staff with no provider given: every account."""
    staff = user_is_platform_staff(user)
    if not staff and any(not partner.users.filter(pk=user.pk).exists() for partner in partners):
        raise PermissionDenied(_("You can only refresh the holdings of the provider you represent."))
    accounts = partner_registry_accounts(partners=partners)
    if staff and not partners:
        accounts = sorted(set(accounts_to_sync()) | set(partner_registry_accounts(partners=Partner.objects.all())))
    try:
        client = RegistryClient()
    except RegistryUnavailable as error:
        # No registry configured here at all: every account failed, nothing changed.
        return SyncReport(accounts=accounts, errors=dict.fromkeys(accounts, str(error)))
    return registry_sync(accounts=accounts, client=client)


def partner_settings_update(*, partner, user, values: dict):
    """Save a provider's payment and notification settings; `values` is already validated (PartnerSettingsForm)."""
    if not user_is_platform_staff(user) and not partner.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("You can only change the settings of the provider you represent."))
    unknown = set(values) - set(PARTNER_SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"not provider settings: {sorted(unknown)}")
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        for name, value in values.items():
            setattr(partner, name, value)
        partner.full_clean(exclude=[f.name for f in Partner._meta.get_fields() if f.name not in values])
        partner.save(update_fields=list(values))
    return partner


def _failed_line_lock(*, line_id: int):
    from shop.provider_workspace.selectors import cancellation_failures

    line = cancellation_failures().select_for_update(of=("self",)).filter(pk=line_id).first()
    if line is None:
        raise ValidationError(_("This line is no longer awaiting a decision: it was retried or resolved already."))
    if line.paypal_refunds.exists():
        # Its money is on its way back (or PayPal refused): retrying or resolving now would release its CERs twice.
        raise ValidationError(
            _("A PayPal refund of this line was already asked for; the staff were emailed about its progress.")
        )
    return line


def line_cancellation_retry(*, line_id: int, user) -> None:
    """Put a `cancellation_failed` line back to `paid` and queue it for fulfilment again, once the change commits."""
    from shop.fulfilment.models import LineFulfilment

    if not user_is_platform_staff(user):
        raise PermissionDenied(_("Only platform staff can retry a cancellation."))
    with transaction.atomic():
        line = _failed_line_lock(line_id=line_id)
        lifecycle.line_cancellation_retry(line=line)
        # A new failure must alert the staff again.
        LineFulfilment.objects.filter(line_id=line.pk).update(failure_alerted_at=None)
        EventHandler(user=user).create_note(
            line.order,
            _("Cancellation of line %(line)s retried by %(user)s.") % {"line": line.pk, "user": user.get_username()},
            note_type=NOTE_TYPE,
        )


def line_cancellation_resolve(*, line_id: int, user, note: str) -> None:
    """Close a `cancellation_failed` line by hand (e.g. refunded outside the platform), with the staff's note."""
    note = (note or "").strip()
    if not user_is_platform_staff(user):
        raise PermissionDenied(_("Only platform staff can resolve a failed cancellation."))
    if not note:
        raise ValidationError(_("Say how the failure was resolved, for example “refunded outside the platform”."))
    with transaction.atomic():
        line = _failed_line_lock(line_id=line_id)
        event_type, _created = ShippingEventType.objects.get_or_create(
            code=RESOLVED_EVENT_CODE, defaults={"name": "Cancellation failure resolved"}
        )
        # The units will not be cancelled for this order: they go back on offer.
        lifecycle.line_resolved_by_hand(line=line)
        handler = EventHandler(user=user)
        handler.create_shipping_event(line.order, event_type, [line], [line.quantity], reference=note)
        handler.create_note(
            line.order,
            _("Failed cancellation of line %(line)s resolved by %(user)s: %(note)s")
            % {"line": line.pk, "user": user.get_username(), "note": note},
            note_type=NOTE_TYPE,
        )


def line_cancellation_refund(*, line_id: int, user, note: str = "") -> str:
    """Give the buyer back a `cancellation_failed` line's price; its CERs go back on offer, once.

    PayPal-paid lines: the line's price is refunded from its provider's capture (the line becomes `refunded` once
    PayPal confirms). Bank-transfer-paid lines: the provider sent the money back itself; the staff record it with a
    note. Returns "paypal" or "bank_transfer".
    """
    from shop.banktransfer.models import BankTransferPart
    from shop.banktransfer.services import bank_transfer_line_refund_record
    from shop.paypal.models import PayPalRefund
    from shop.paypal.refunds import paypal_refund_request
    from shop.paypal.selectors import paypal_line_capture

    if not user_is_platform_staff(user):
        raise PermissionDenied(_("Only platform staff can refund a failed cancellation."))
    note = (note or "").strip()
    with transaction.atomic():
        line = _failed_line_lock(line_id=line_id)
        capture = paypal_line_capture(line=line)
        if capture is not None:
            paypal_refund_request(
                capture=capture,
                reason=PayPalRefund.Reason.CANCELLATION_FAILED,
                line=line,
                amount=line.line_price_incl_tax,
                user=user,
            )
            EventHandler(user=user).create_note(
                line.order,
                _("PayPal refund of line %(line)s (%(amount)s %(currency)s) asked for by %(user)s.")
                % {
                    "line": line.pk,
                    "amount": line.line_price_incl_tax,
                    "currency": line.order.currency,
                    "user": user.get_username(),
                },
                note_type=NOTE_TYPE,
            )
            return "paypal"
        part = BankTransferPart.objects.filter(
            order_id=line.order_id, partner_id=line.partner_id, status=BankTransferPart.Status.PAID
        ).first()
        if part is None:
            raise ValidationError(
                _("No PayPal or bank-transfer payment is recorded for this line: mark it resolved with a note.")
            )
        if not note:
            raise ValidationError(
                _("Say how the provider sent the money back, for example the date and reference of its transfer.")
            )
        bank_transfer_line_refund_record(part=part, line_id=line.pk, user=user, note=note)
        return "bank_transfer"
