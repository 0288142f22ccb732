"""Unit serial numbers: Kyoto Data Exchange Standards (DES) serials and A6.4ER identifiers.

A Kyoto unit is named by seven parts joined with hyphens, e.g. ``BR-5-85316059-1-1-0-8``:
originating Party, unit type (5 = CER), unit number, original commitment period,
applicable commitment period, LULUCF activity (0 = none) and project number.
A block is every unit from a start serial to an end serial that agree on all parts
but the unit number, written ``BR-5-85316059-1-1-0-8 to BR-5-85448545-1-1-0-8``
or in the DES block form ``BR-5-85316059-85448545-1-1-0-8``.

An Article 6.4 emission reduction (A6.4ER) is named ``A6.4ER-GH-12-2025-1001``:
the ``A6.4ER`` prefix, host Party, activity number, vintage year and unit number.

Every text form here is canonical (upper-case Party, no leading zeros), so
``format(parse(text)) == text`` for anything ``parse`` accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

# Kyoto unit type codes of the DES (Annex H, Data Exchange Standards).
UNIT_TYPES = {1: "AAU", 2: "RMU", 3: "ERU (from AAU)", 4: "ERU (from RMU)", 5: "CER", 6: "tCER", 7: "lCER"}
UNIT_TYPE_CER = 5
# Not a Kyoto code: A6.4ERs are stored with unit type 0 and commitment periods 0.
UNIT_TYPE_A64ER = 0
A64ER_PREFIX = "A6.4ER"
COMMITMENT_PERIODS = (1, 2)
MAX_UNIT_NUMBER = 999_999_999_999_999  # 15 digits, as the DES allows
MAX_LULUCF_ACTIVITY = 99

_NUMBER = r"(0|[1-9][0-9]*)"
_KYOTO_SERIAL = re.compile(rf"^([A-Z]{{2}})-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}$")
_KYOTO_BLOCK = re.compile(rf"^([A-Z]{{2}})-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}-{_NUMBER}$")
_A64_SERIAL = re.compile(rf"^A6\.4ER-([A-Z]{{2}})-{_NUMBER}-([0-9]{{4}})-{_NUMBER}$")
_A64_BLOCK = re.compile(rf"^A6\.4ER-([A-Z]{{2}})-{_NUMBER}-([0-9]{{4}})-{_NUMBER}-{_NUMBER}$")
_RANGE_SEPARATOR = re.compile(r"\s+(?:to|-|–)\s+")


class SerialError(ValueError):
    """Input that is not a well-formed serial number, range or quantity; the message says why."""

    def __init__(self, message, value=None):
        self.value = value
        super().__init__(str(message) if value is None else f"{message} ({value!r})")


def _int(text: str) -> int:
    return int(text)


def _check_unit_number(number: int, value) -> None:
    if not 1 <= number <= MAX_UNIT_NUMBER:
        raise SerialError(_("A unit number must be between 1 and 999999999999999."), value)


@dataclass(frozen=True, order=True)
class KyotoSerial:
    """One Kyoto unit (AAU, RMU, ERU, CER, tCER or lCER) in the DES form."""

    party: str
    unit_type: int
    number: int
    original_period: int
    applicable_period: int
    lulucf_activity: int
    project: int

    def __post_init__(self):
        if not re.fullmatch(r"[A-Z]{2}", self.party or ""):
            raise SerialError(_("The originating Party must be two upper-case letters (ISO 3166)."), self.party)
        if self.unit_type not in UNIT_TYPES:
            raise SerialError(_("Unknown Kyoto unit type code; 5 is a CER."), self.unit_type)
        _check_unit_number(self.number, self.number)
        if self.original_period not in COMMITMENT_PERIODS or self.applicable_period not in COMMITMENT_PERIODS:
            raise SerialError(_("A commitment period must be 1 or 2."), (self.original_period, self.applicable_period))
        if self.applicable_period < self.original_period:
            raise SerialError(
                _("The applicable commitment period cannot precede the original one."),
                (self.original_period, self.applicable_period),
            )
        if not 0 <= self.lulucf_activity <= MAX_LULUCF_ACTIVITY:
            raise SerialError(_("The LULUCF activity code must be between 0 and 99."), self.lulucf_activity)
        if self.project < 0:
            raise SerialError(_("The project number cannot be negative."), self.project)

    @property
    def block_key(self) -> tuple:
        """Every part but the unit number: units of one block share it."""
        return (
            self.party,
            self.unit_type,
            self.original_period,
            self.applicable_period,
            self.lulucf_activity,
            self.project,
        )

    def with_number(self, number: int) -> KyotoSerial:
        return replace(self, number=number)

    def __str__(self) -> str:
        return (
            f"{self.party}-{self.unit_type}-{self.number}-{self.original_period}-"
            f"{self.applicable_period}-{self.lulucf_activity}-{self.project}"
        )


@dataclass(frozen=True, order=True)
class A64Serial:
    """One Article 6.4 emission reduction: host Party, activity, vintage and unit number."""

    party: str
    activity: int
    vintage: int
    number: int

    def __post_init__(self):
        if not re.fullmatch(r"[A-Z]{2}", self.party or ""):
            raise SerialError(_("The host Party must be two upper-case letters (ISO 3166)."), self.party)
        if self.activity < 1:
            raise SerialError(_("The activity number must be positive."), self.activity)
        if not 2021 <= self.vintage <= 9999:
            raise SerialError(_("An A6.4ER vintage is a year from 2021 on."), self.vintage)
        _check_unit_number(self.number, self.number)

    @property
    def block_key(self) -> tuple:
        return (A64ER_PREFIX, self.party, self.activity, self.vintage)

    def with_number(self, number: int) -> A64Serial:
        return replace(self, number=number)

    def __str__(self) -> str:
        return f"{A64ER_PREFIX}-{self.party}-{self.activity}-{self.vintage}-{self.number}"


Serial = KyotoSerial | A64Serial


def parse_serial(text: str) -> Serial:
    """Parse one serial number, Kyoto DES or A6.4ER; raise SerialError on anything else."""
    if not isinstance(text, str):
        raise SerialError(_("A serial number must be text."), text)
    value = text.strip()
    if value.startswith(A64ER_PREFIX):
        match = _A64_SERIAL.match(value)
        if not match:
            raise SerialError(
                _("Not an A6.4ER serial: expected A6.4ER-<host Party>-<activity>-<vintage>-<unit number>."), text
            )
        party, activity, vintage, number = match.groups()
        return A64Serial(party=party, activity=_int(activity), vintage=_int(vintage), number=_int(number))
    match = _KYOTO_SERIAL.match(value)
    if not match:
        raise SerialError(
            _(
                "Not a Kyoto serial number: expected seven parts such as BR-5-85316059-1-1-0-8 "
                "(Party, unit type, unit number, original and applicable commitment period, LULUCF activity, project)."
            ),
            text,
        )
    party, unit_type, number, original, applicable, lulucf, project = match.groups()
    return KyotoSerial(
        party=party,
        unit_type=_int(unit_type),
        number=_int(number),
        original_period=_int(original),
        applicable_period=_int(applicable),
        lulucf_activity=_int(lulucf),
        project=_int(project),
    )


def format_serial(serial: Serial) -> str:
    return str(serial)


@dataclass(frozen=True)
class SerialRange:
    """Consecutive units from ``first`` to ``last`` (both included) of one block."""

    first: Serial
    last: Serial

    def __post_init__(self):
        if type(self.first) is not type(self.last) or self.first.block_key != self.last.block_key:
            raise SerialError(
                _("The start and end of a range must differ only in the unit number."),
                (str(self.first), str(self.last)),
            )
        if self.last.number < self.first.number:
            raise SerialError(_("A range cannot end before it starts."), (str(self.first), str(self.last)))

    @classmethod
    def from_numbers(cls, template: Serial, start: int, end: int) -> SerialRange:
        return cls(template.with_number(start), template.with_number(end))

    @property
    def start(self) -> int:
        return self.first.number

    @property
    def end(self) -> int:
        return self.last.number

    @property
    def quantity(self) -> int:
        return self.last.number - self.first.number + 1

    def __len__(self) -> int:
        return self.quantity

    def __contains__(self, serial) -> bool:
        return (
            type(serial) is type(self.first)
            and serial.block_key == self.first.block_key
            and self.start <= serial.number <= self.end
        )

    def overlaps(self, other: SerialRange) -> bool:
        return (
            type(other.first) is type(self.first)
            and other.first.block_key == self.first.block_key
            and other.start <= self.end
            and self.start <= other.end
        )

    def split(self, quantity: int) -> tuple[SerialRange, SerialRange | None]:
        """The lowest ``quantity`` units, and the rest (None when nothing is left)."""
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise SerialError(_("A quantity of units must be a whole number."), quantity)
        if not 1 <= quantity <= self.quantity:
            raise SerialError(_("Cannot take that many units from this range."), (quantity, self.quantity))
        taken = SerialRange.from_numbers(self.first, self.start, self.start + quantity - 1)
        if quantity == self.quantity:
            return taken, None
        return taken, SerialRange.from_numbers(self.first, self.start + quantity, self.end)

    def as_dict(self) -> dict:
        """The registry protocol's shape: ``{"start": serial, "end": serial}``."""
        return {"start": str(self.first), "end": str(self.last)}

    def block_form(self) -> str:
        """The compact DES block form, e.g. ``BR-5-85316059-85448545-1-1-0-8``."""
        if isinstance(self.first, A64Serial):
            f = self.first
            return f"{A64ER_PREFIX}-{f.party}-{f.activity}-{f.vintage}-{self.start}-{self.end}"
        f = self.first
        return (
            f"{f.party}-{f.unit_type}-{self.start}-{self.end}-{f.original_period}-"
            f"{f.applicable_period}-{f.lulucf_activity}-{f.project}"
        )

    def __str__(self) -> str:
        return f"{self.first} to {self.last}"


def parse_range(start: str, end: str | None = None) -> SerialRange:
    """Parse a range: two serials, ``"<start> to <end>"``, or the compact DES block form."""
    if end is not None:
        return SerialRange(parse_serial(start), parse_serial(end))
    if not isinstance(start, str):
        raise SerialError(_("A serial range must be text."), start)
    text = start.strip()
    parts = _RANGE_SEPARATOR.split(text)
    if len(parts) == 2:
        return SerialRange(parse_serial(parts[0]), parse_serial(parts[1]))
    if text.startswith(A64ER_PREFIX):
        match = _A64_BLOCK.match(text)
        if match:
            party, activity, vintage, first, last = match.groups()
            template = A64Serial(party=party, activity=_int(activity), vintage=_int(vintage), number=_int(first))
            return SerialRange.from_numbers(template, _int(first), _int(last))
    else:
        match = _KYOTO_BLOCK.match(text)
        if match:
            party, unit_type, first, last, original, applicable, lulucf, project = match.groups()
            template = KyotoSerial(
                party=party,
                unit_type=_int(unit_type),
                number=_int(first),
                original_period=_int(original),
                applicable_period=_int(applicable),
                lulucf_activity=_int(lulucf),
                project=_int(project),
            )
            return SerialRange.from_numbers(template, _int(first), _int(last))
    raise SerialError(
        _("Not a serial range: give a start and an end serial, e.g. BR-5-85316059-1-1-0-8 to BR-5-85448545-1-1-0-8."),
        start,
    )


def count_units(start: str, end: str) -> int:
    """How many units the range from ``start`` to ``end`` (both included) holds."""
    return parse_range(start, end).quantity


def split_range(serial_range: SerialRange, quantities: list[int]) -> list[SerialRange]:
    """Cut a range into consecutive pieces of the given sizes, lowest serials first; they must add up."""
    if sum(quantities) != serial_range.quantity:
        raise SerialError(
            _("The pieces must add up to the units in the range."), (sum(quantities), serial_range.quantity)
        )
    pieces = []
    rest: SerialRange | None = serial_range
    for quantity in quantities:
        if rest is None:
            raise SerialError(_("The pieces must add up to the units in the range."), quantities)
        piece, rest = rest.split(quantity)
        pieces.append(piece)
    return pieces


def total_units(ranges: list[SerialRange]) -> int:
    return sum(r.quantity for r in ranges)
