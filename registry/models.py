"""Local mirror of what the carbon registry holds. The registry is the source of truth."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The 15 UNFCCC sectoral scopes; names are translated through locale/.
SECTORAL_SCOPES = [
    (1, _("Energy industries (renewable/non-renewable sources)")),
    (2, _("Energy distribution")),
    (3, _("Energy demand")),
    (4, _("Manufacturing industries")),
    (5, _("Chemical industries")),
    (6, _("Construction")),
    (7, _("Transport")),
    (8, _("Mining/mineral production")),
    (9, _("Metal production")),
    (10, _("Fugitive emissions from fuels (solid, oil and gas)")),
    (11, _("Fugitive emissions from production and consumption of halocarbons and sulphur hexafluoride")),
    (12, _("Solvent use")),
    (13, _("Waste handling and disposal")),
    (14, _("Afforestation and reforestation")),
    (15, _("Agriculture")),
]


class Mechanism(models.TextChoices):
    CDM = "CDM", _("Clean Development Mechanism")
    A64 = "A6.4", _("Article 6.4 mechanism")


class SectoralScope(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True, choices=SECTORAL_SCOPES)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sectoral scope")
        verbose_name_plural = _("sectoral scopes")

    def __str__(self):
        return f"{self.number}. {self.get_number_display()}"


class RegistryProject(models.Model):
    mechanism = models.CharField(_("mechanism"), max_length=8, choices=Mechanism.choices, default=Mechanism.CDM)
    reference = models.CharField(
        _("reference"), max_length=64, unique=True, help_text=_("CDM project or PoA number, or A6.4 activity id.")
    )
    title = models.CharField(_("title"), max_length=300)
    host_country = models.CharField(_("host country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code."))
    sectoral_scopes = models.ManyToManyField(SectoralScope, verbose_name=_("sectoral scopes"), blank=True)
    methodology = models.CharField(_("methodology"), max_length=200, blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("registry project")
        verbose_name_plural = _("registry projects")

    def __str__(self):
        return f"{self.reference} {self.title}"


class AccountKind(models.TextChoices):
    PENDING = "pending", _("Pending account")
    PERMANENT_HOLDING = "permanent_holding", _("Permanent holding account")
    OTHER = "other", _("Other account")


class UnitBlock(models.Model):
    """One block of units in one registry account, with its serials in the Kyoto DES form."""

    registry_block_id = models.CharField(_("registry block id"), max_length=64, unique=True)
    project = models.ForeignKey(
        RegistryProject, on_delete=models.PROTECT, related_name="blocks", verbose_name=_("project")
    )
    account_number = models.CharField(_("registry account"), max_length=64, db_index=True)
    account_kind = models.CharField(_("account kind"), max_length=32, choices=AccountKind.choices)
    # Kyoto Data Exchange Standards serial block: PARTY-TYPE-START-END... in its parts.
    originating_party = models.CharField(_("originating Party"), max_length=2)
    unit_type = models.PositiveSmallIntegerField(_("unit type code"), default=5, help_text=_("5 for CER."))
    serial_start = models.BigIntegerField(_("block start"))
    serial_end = models.BigIntegerField(_("block end"))
    original_commitment_period = models.PositiveSmallIntegerField(_("original commitment period"))
    applicable_commitment_period = models.PositiveSmallIntegerField(_("applicable commitment period"))
    lulucf_activity = models.PositiveSmallIntegerField(_("LULUCF activity code"), default=0)
    project_number = models.PositiveIntegerField(_("project number"))
    vintage = models.PositiveSmallIntegerField(_("vintage"), db_index=True)
    issued = models.BooleanField(_("issued"), default=True)
    share_of_proceeds_paid = models.BooleanField(_("share of proceeds paid"), default=True)
    units_held = models.PositiveIntegerField(_("units held"))
    synced_at = models.DateTimeField(_("last synced"), null=True, blank=True)

    class Meta:
        ordering = ["project__reference", "serial_start"]
        verbose_name = _("unit block")
        verbose_name_plural = _("unit blocks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(serial_end__gte=models.F("serial_start")), name="block_end_after_start"
            ),
        ]

    def __str__(self):
        return self.registry_block_id

    @property
    def is_eligible_for_sale(self) -> bool:
        """Issued, share of proceeds paid, and in a pending or permanent holding account (seed 001)."""
        return (
            self.issued
            and self.share_of_proceeds_paid
            and self.account_kind in (AccountKind.PENDING, AccountKind.PERMANENT_HOLDING)
        )

    @property
    def serial_range(self):
        """The block's serials as a registry.serials.SerialRange (Kyoto DES, or A6.4ER when unit_type is 0)."""
        from registry.serials import UNIT_TYPE_A64ER, A64Serial, KyotoSerial, SerialRange

        if self.unit_type == UNIT_TYPE_A64ER:
            first = A64Serial(
                party=self.originating_party,
                activity=self.project_number,
                vintage=self.vintage,
                number=self.serial_start,
            )
        else:
            first = KyotoSerial(
                party=self.originating_party,
                unit_type=self.unit_type,
                number=self.serial_start,
                original_period=self.original_commitment_period,
                applicable_period=self.applicable_commitment_period,
                lulucf_activity=self.lulucf_activity,
                project=self.project_number,
            )
        return SerialRange.from_numbers(first, self.serial_start, self.serial_end)

    @property
    def first_serial(self) -> str:
        return str(self.serial_range.first)

    @property
    def last_serial(self) -> str:
        return str(self.serial_range.last)


class Cancellation(models.Model):
    """One voluntary cancellation transaction in the registry, recorded before the registry is called."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")

    block = models.ForeignKey(
        UnitBlock, on_delete=models.PROTECT, related_name="cancellations", verbose_name=_("block")
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    serial_ranges = models.JSONField(_("serial ranges"), default=list, blank=True)
    transaction_id = models.CharField(_("registry transaction id"), max_length=64, blank=True, db_index=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=128, unique=True)
    beneficiary = models.CharField(_("beneficiary"), max_length=255)
    purpose = models.CharField(_("purpose"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("cancellation")
        verbose_name_plural = _("cancellations")

    def __str__(self):
        return f"{self.quantity} x {self.block} ({self.get_status_display()})"
