import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.serials import (
    A64Serial,
    KyotoSerial,
    SerialError,
    SerialRange,
    count_units,
    parse_range,
    parse_serial,
    split_range,
)

DESIGN_START = "BR-5-85316059-1-1-0-8"
DESIGN_END = "BR-5-85448545-1-1-0-8"


def test_design_example_serial_parses_into_its_parts():
    serial = parse_serial(DESIGN_START)
    assert serial == KyotoSerial(
        party="BR", unit_type=5, number=85316059, original_period=1, applicable_period=1, lulucf_activity=0, project=8
    )
    assert str(serial) == DESIGN_START


def test_design_example_block_counts_its_units():
    assert count_units(DESIGN_START, DESIGN_END) == 85448545 - 85316059 + 1 == 132487


def test_range_text_forms_agree():
    two_serials = parse_range(DESIGN_START, DESIGN_END)
    assert parse_range(f"{DESIGN_START} to {DESIGN_END}") == two_serials
    assert parse_range("BR-5-85316059-85448545-1-1-0-8") == two_serials
    assert two_serials.block_form() == "BR-5-85316059-85448545-1-1-0-8"
    assert two_serials.as_dict() == {"start": DESIGN_START, "end": DESIGN_END}


def test_cp1_units_carried_over_to_cp2():
    serial = parse_serial("IN-5-1000-1-2-0-1234")
    assert (serial.original_period, serial.applicable_period) == (1, 2)


def test_a64er_identifier_parses_host_activity_and_vintage():
    serial = parse_serial("A6.4ER-GH-12-2025-1001")
    assert serial == A64Serial(party="GH", activity=12, vintage=2025, number=1001)
    assert str(serial) == "A6.4ER-GH-12-2025-1001"
    block = parse_range("A6.4ER-GH-12-2025-1001 to A6.4ER-GH-12-2025-1100")
    assert block.quantity == 100
    assert block.block_form() == "A6.4ER-GH-12-2025-1001-1100"
    assert parse_range(block.block_form()) == block


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "seven parts"),
        ("BR-5-85316059-1-1-0", "seven parts"),
        ("br-5-85316059-1-1-0-8", "seven parts"),
        ("BRA-5-85316059-1-1-0-8", "seven parts"),
        ("BR-5-085316059-1-1-0-8", "seven parts"),  # leading zero: not canonical
        ("BR-5-85316059-1-1-0-8 ", None),  # surrounding space is tolerated
        ("BR-9-85316059-1-1-0-8", "unit type"),
        ("BR-5-0-1-1-0-8", "unit number"),
        ("BR-5-85316059-3-3-0-8", "commitment period"),
        ("BR-5-85316059-2-1-0-8", "cannot precede"),
        ("BR-5-85316059-1-1-100-8", "LULUCF"),
        ("BR-5-1234567890123456-1-1-0-8", "unit number"),
        ("A6.4ER-GH-12-25-1001", "A6.4ER"),
        ("A6.4ER-GH-12-2019-1001", "vintage"),
        ("A6.4ER-GH-0-2025-1001", "activity"),
    ],
)
def test_malformed_serials_are_rejected_with_a_reason(text, why):
    if why is None:
        assert str(parse_serial(text)) == text.strip()
        return
    with pytest.raises(SerialError) as excinfo:
        parse_serial(text)
    assert why in str(excinfo.value)


def test_non_text_serial_is_rejected():
    with pytest.raises(SerialError):
        parse_serial(85316059)


@pytest.mark.parametrize(
    ("start", "end", "why"),
    [
        (DESIGN_END, DESIGN_START, "cannot end before"),
        (DESIGN_START, "CN-5-85448545-1-1-0-8", "only in the unit number"),
        (DESIGN_START, "BR-5-85448545-1-2-0-8", "only in the unit number"),
        (DESIGN_START, "BR-5-85448545-1-1-0-9", "only in the unit number"),
        (DESIGN_START, "A6.4ER-BR-8-2025-85448545", "only in the unit number"),
    ],
)
def test_malformed_ranges_are_rejected(start, end, why):
    with pytest.raises(SerialError, match=why):
        parse_range(start, end)


def test_garbage_range_text_is_rejected():
    with pytest.raises(SerialError, match="Not a serial range"):
        parse_range("BR-5-1-2")


def test_split_takes_the_lowest_serials_first():
    block = parse_range(DESIGN_START, DESIGN_END)
    taken, rest = block.split(10)
    assert taken.as_dict() == {"start": DESIGN_START, "end": "BR-5-85316068-1-1-0-8"}
    assert rest.as_dict() == {"start": "BR-5-85316069-1-1-0-8", "end": DESIGN_END}
    assert not taken.overlaps(rest)
    whole, nothing = block.split(block.quantity)
    assert whole == block and nothing is None


@pytest.mark.parametrize("quantity", [0, -1, 132488, 1.5, True])
def test_split_refuses_impossible_quantities(quantity):
    with pytest.raises(SerialError):
        parse_range(DESIGN_START, DESIGN_END).split(quantity)


def test_membership_and_overlap():
    block = parse_range(DESIGN_START, DESIGN_END)
    assert parse_serial("BR-5-85400000-1-1-0-8") in block
    assert parse_serial("BR-5-85400000-1-1-0-9") not in block
    assert parse_serial("BR-5-85448546-1-1-0-8") not in block
    assert block.overlaps(parse_range("BR-5-85448545-1-1-0-8", "BR-5-85448600-1-1-0-8"))
    assert not block.overlaps(parse_range("BR-5-85448546-1-1-0-8", "BR-5-85448600-1-1-0-8"))


# Property tests: canonical text round-trips, and splitting never creates or loses a unit.

parties = st.sampled_from(["BR", "CN", "IN", "MX", "GH", "KE", "VN", "ZA"])
unit_numbers = st.integers(min_value=1, max_value=999_999_999_999_999)
periods = st.sampled_from([(1, 1), (1, 2), (2, 2)])

kyoto_serials = st.builds(
    lambda party, unit_type, number, cps, lulucf, project: KyotoSerial(
        party, unit_type, number, cps[0], cps[1], lulucf, project
    ),
    parties,
    st.integers(1, 7),
    unit_numbers,
    periods,
    st.integers(0, 99),
    st.integers(0, 99_999),
)
a64_serials = st.builds(A64Serial, parties, st.integers(1, 99_999), st.integers(2021, 2060), unit_numbers)


@given(st.one_of(kyoto_serials, a64_serials))
def test_format_of_parse_is_identity(serial):
    text = str(serial)
    assert str(parse_serial(text)) == text
    assert parse_serial(text) == serial


@st.composite
def ranges_and_cuts(draw):
    serial = draw(st.one_of(kyoto_serials, a64_serials))
    length = draw(st.integers(1, 10_000))
    start = min(serial.number, 999_999_999_999_999 - length + 1)
    block = SerialRange.from_numbers(serial, start, start + length - 1)
    cuts = sorted(draw(st.sets(st.integers(1, length - 1), max_size=8))) if length > 1 else []
    bounds = [0, *cuts, length]
    return block, [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@given(ranges_and_cuts())
def test_splitting_a_range_conserves_units(case):
    block, quantities = case
    pieces = split_range(block, quantities)
    assert sum(p.quantity for p in pieces) == block.quantity
    assert [p.quantity for p in pieces] == quantities
    assert pieces[0].first == block.first and pieces[-1].last == block.last
    for left, right in zip(pieces, pieces[1:], strict=False):
        assert right.start == left.end + 1  # contiguous: no unit lost, none duplicated
    assert parse_range(block.block_form()) == block
    assert count_units(str(block.first), str(block.last)) == block.quantity


@given(ranges_and_cuts(), st.integers(1, 10))
def test_split_pieces_that_do_not_add_up_are_refused(case, extra):
    block, quantities = case
    with pytest.raises(SerialError):
        split_range(block, [*quantities, extra])
