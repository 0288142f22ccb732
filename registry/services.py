"""Writes of the registry integration: mirror holdings (registry_sync) and cancel units (cancellation_request)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.client import CancellationReceipt, HoldingBlock, RegistryClient, RegistryRejected, RegistryUnavailable
from registry.models import AccountKind, Cancellation, Mechanism, RegistryProject, SectoralScope, UnitBlock
from registry.serials import UNIT_TYPE_A64ER, A64Serial
from registry.signals import block_eligibility_changed, block_holding_reduced

logger = logging.getLogger(__name__)

# The UnitBlock fields a sync compares to decide whether a block changed.
_SYNCED_FIELDS = (
    "project_id",
    "account_number",
    "account_kind",
    "originating_party",
    "unit_type",
    "serial_start",
    "serial_end",
    "original_commitment_period",
    "applicable_commitment_period",
    "lulucf_activity",
    "project_number",
    "vintage",
    "issued",
    "share_of_proceeds_paid",
    "units_held",
)


@dataclass
class BlockReduction:
    block_id: str
    account: str
    units_before: int
    units_held: int


@dataclass
class SyncReport:
    """What registry_sync changed: block ids created, updated, reduced, and accounts that failed."""

    accounts: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    reduced: list[BlockReduction] = field(default_factory=list)
    unchanged: int = 0
    projects_created: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return _(
            "%(accounts)s accounts: %(created)s blocks new, %(updated)s updated (%(reduced)s with fewer units), "
            "%(unchanged)s unchanged, %(errors)s accounts failed."
        ) % {
            "accounts": len(self.accounts),
            "created": len(self.created),
            "updated": len(self.updated),
            "reduced": len(self.reduced),
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


def _project_sync(holding: HoldingBlock, report: SyncReport, cache: dict[str, RegistryProject]) -> RegistryProject:
    data = holding.project
    if data.reference in cache:
        return cache[data.reference]
    mechanism = data.mechanism if data.mechanism in Mechanism.values else Mechanism.CDM
    project, created = RegistryProject.objects.update_or_create(
        reference=data.reference,
        defaults={
            "mechanism": mechanism,
            "title": data.title[:300],
            "host_country": data.host_country[:2].upper(),
            "methodology": data.methodology[:200],
        },
    )
    if created:
        report.projects_created.append(project.reference)
    wanted = set(data.sectoral_scopes)
    if created or set(project.sectoral_scopes.values_list("number", flat=True)) != wanted:
        # The 15 scopes come from a data migration; a flushed database must not lose a project's scopes.
        SectoralScope.objects.bulk_create([SectoralScope(number=n) for n in wanted], ignore_conflicts=True)
        project.sectoral_scopes.set(sorted(wanted))
    cache[data.reference] = project
    return project


def _block_values(holding: HoldingBlock, project: RegistryProject) -> dict:
    first, last = holding.first, holding.last
    kind = holding.account_kind if holding.account_kind in AccountKind.values else AccountKind.OTHER
    values = {
        "project_id": project.pk,
        "account_number": holding.account,
        "account_kind": kind,
        "originating_party": first.party,
        "serial_start": first.number,
        "serial_end": last.number,
        "vintage": holding.vintage,
        "issued": holding.issued,
        "share_of_proceeds_paid": holding.share_of_proceeds_paid,
        "units_held": holding.units_held,
    }
    if isinstance(first, A64Serial):
        values.update(
            unit_type=UNIT_TYPE_A64ER,
            original_commitment_period=0,
            applicable_commitment_period=0,
            lulucf_activity=0,
            project_number=first.activity,
        )
    else:
        values.update(
            unit_type=first.unit_type,
            original_commitment_period=first.original_period,
            applicable_commitment_period=first.applicable_period,
            lulucf_activity=first.lulucf_activity,
            project_number=first.project,
        )
    return values


def _reduction_record(block: UnitBlock, units_before: int, report: SyncReport) -> None:
    report.reduced.append(BlockReduction(block.registry_block_id, block.account_number, units_before, block.units_held))
    block_holding_reduced.send(sender=UnitBlock, block=block, units_held=block.units_held, units_before=units_before)


def _account_sync(account: str, client: RegistryClient, report: SyncReport, cache: dict) -> None:
    holdings = client.holdings(account)
    now = timezone.now()
    with transaction.atomic():
        existing = {
            block.registry_block_id: block
            for block in UnitBlock.objects.select_for_update().filter(
                registry_block_id__in=[h.block_id for h in holdings.blocks]
            )
        }
        for holding in holdings.blocks:
            project = _project_sync(holding, report, cache)
            values = _block_values(holding, project)
            block = existing.get(holding.block_id)
            if block is None:
                UnitBlock.objects.create(registry_block_id=holding.block_id, synced_at=now, **values)
                report.created.append(holding.block_id)
                continue
            units_before = block.units_held
            eligible_before = block.is_eligible_for_sale
            changed = [name for name in _SYNCED_FIELDS if getattr(block, name) != values[name]]
            for name, value in values.items():
                setattr(block, name, value)
            block.synced_at = now
            block.save(update_fields=[*values, "synced_at"])
            if changed:
                report.updated.append(block.registry_block_id)
            else:
                report.unchanged += 1
            if block.units_held < units_before:
                _reduction_record(block, units_before, report)
            if block.is_eligible_for_sale != eligible_before:
                block_eligibility_changed.send(sender=UnitBlock, block=block, eligible=block.is_eligible_for_sale)
        # A block the account no longer lists holds nothing there any more.
        gone = (
            UnitBlock.objects.select_for_update()
            .filter(account_number=account, units_held__gt=0)
            .exclude(registry_block_id__in=[h.block_id for h in holdings.blocks])
        )
        for block in gone:
            units_before = block.units_held
            block.units_held = 0
            block.synced_at = now
            block.save(update_fields=["units_held", "synced_at"])
            report.updated.append(block.registry_block_id)
            _reduction_record(block, units_before, report)


def registry_sync(
    *,
    accounts: list[str],
    client: RegistryClient | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncReport:
    """Pull the holdings of these registry accounts into UnitBlock and report what changed.

    Each account is mirrored in one database transaction; an account the registry refuses or
    cannot serve is reported in ``errors`` and the others still sync.
    """
    client = client or RegistryClient()
    report = SyncReport(accounts=list(dict.fromkeys(accounts)))
    project_cache: dict[str, RegistryProject] = {}
    for account in report.accounts:
        try:
            _account_sync(account, client, report, project_cache)
        except (RegistryUnavailable, RegistryRejected) as error:
            logger.warning("registry_sync: account %s failed: %s", account, error)
            report.errors[account] = str(error)
        if progress is not None:
            progress(account)
    return report


def cancellation_idempotency_key(*, order_number: str, line_id: int) -> str:
    """The key for cancelling one order line: stable, so a retry can never cancel twice."""
    return f"order-{order_number}-line-{line_id}"


def _cancellation_validate(*, block: UnitBlock, quantity: int, beneficiary: str, purpose: str, idempotency_key: str):
    errors = {}
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        errors["quantity"] = _("Enter a whole number of units, at least 1.")
    if not beneficiary or not beneficiary.strip() or len(beneficiary) > 255:
        errors["beneficiary"] = _("Name the beneficiary (at most 255 characters).")
    if not purpose or not purpose.strip() or len(purpose) > 500:
        errors["purpose"] = _("Give the purpose of the cancellation (at most 500 characters).")
    if not idempotency_key or len(idempotency_key) > 128:
        errors["idempotency_key"] = _("An idempotency key of 1 to 128 characters is required.")
    if block.pk is None:
        errors["block"] = _("The block is not known to this platform.")
    if errors:
        raise ValidationError(errors)


def cancellation_request(
    *,
    block: UnitBlock,
    quantity: int,
    beneficiary: str,
    purpose: str,
    idempotency_key: str,
    client: RegistryClient | None = None,
) -> Cancellation:
    """Cancel ``quantity`` units of ``block`` in the registry, exactly once per idempotency key.

    1. records the Cancellation (status requested) and commits, before any call;
    2. asks the registry to cancel, with the same key (a replay returns the same transaction);
    3. records the transaction id and the exact serial ranges, and lowers the block's units_held.
    A crash or outage anywhere in between is recovered by calling again with the same key.
    Raises RegistryUnavailable (retry later), InsufficientUnits / RegistryRejected (recorded as failed),
    ValidationError (bad input, or the key was used for another request: nothing changes).
    Call it outside any atomic block, so that step 1 is committed before step 2.
    """
    _cancellation_validate(
        block=block, quantity=quantity, beneficiary=beneficiary, purpose=purpose, idempotency_key=idempotency_key
    )
    with transaction.atomic():
        cancellation, created = Cancellation.objects.get_or_create(
            idempotency_key=idempotency_key,
            defaults={"block": block, "quantity": quantity, "beneficiary": beneficiary, "purpose": purpose},
        )
    if not created:
        if (cancellation.block_id, cancellation.quantity, cancellation.beneficiary, cancellation.purpose) != (
            block.pk,
            quantity,
            beneficiary,
            purpose,
        ):
            raise ValidationError(
                _("This idempotency key was already used to cancel other units: %(key)s") % {"key": idempotency_key},
                code="idempotency_key_reused",
            )
        if cancellation.status == Cancellation.Status.COMPLETED:
            return cancellation
    client = client or RegistryClient()
    try:
        receipt = client.cancellation_create(
            idempotency_key=idempotency_key,
            block_id=block.registry_block_id,
            quantity=quantity,
            beneficiary=beneficiary,
            purpose=purpose,
        )
    except RegistryUnavailable as error:
        Cancellation.objects.filter(pk=cancellation.pk).update(error=str(error)[:2000])
        raise
    except RegistryRejected as error:
        Cancellation.objects.filter(pk=cancellation.pk).update(
            status=Cancellation.Status.FAILED, error=f"{error.code}: {error}"[:2000]
        )
        raise
    return _cancellation_record(cancellation_id=cancellation.pk, receipt=receipt)


def _cancellation_record(*, cancellation_id: int, receipt: CancellationReceipt) -> Cancellation:
    with transaction.atomic():
        cancellation = Cancellation.objects.select_for_update().get(pk=cancellation_id)
        if cancellation.status == Cancellation.Status.COMPLETED:
            return cancellation
        cancellation.transaction_id = receipt.transaction_id
        cancellation.error = ""
        if receipt.status != "completed":
            # The registry queued it: calling cancellation_request again later picks up the serials.
            cancellation.status = Cancellation.Status.REQUESTED
            cancellation.save(update_fields=["transaction_id", "error", "status"])
            return cancellation
        cancellation.serial_ranges = receipt.serial_ranges_json()
        cancellation.status = Cancellation.Status.COMPLETED
        cancellation.completed_at = timezone.now()
        cancellation.save(update_fields=["transaction_id", "error", "serial_ranges", "status", "completed_at"])
        # Mirror the registry until the next sync; never below zero.
        UnitBlock.objects.filter(pk=cancellation.block_id).update(
            units_held=Greatest(F("units_held") - cancellation.quantity, Value(0))
        )
    return cancellation
