"""Statistics: the disclosure control algorithm (a pure function), the request rules, and
the tables counted from the demo data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.demo import REFERENCE_DATE, seed_demo
from app.services import statistics
from app.services.statistics import (
    SMALLEST_SHOWN,
    TOTAL,
    AreaLevel,
    InvalidStatisticsRequest,
    Key,
    Measure,
    TableRequest,
    month_range,
    suppress,
)

TODAY = date(2026, 12, 3)
PROPERTY = settings(max_examples=300, deadline=None, database=None)

# -- A checker that knows nothing of the algorithm: what can be worked out from one total?


def equations(
    counts: Mapping[Key, int], parents: Sequence[Mapping[str, str]]
) -> list[tuple[Key, list[Key]]]:
    """Every (total, the cells under it in one dimension), zeros included."""
    members = [sorted({key[d] for key in counts}) for d in range(len(parents))]
    found = []
    for dimension, mapping in enumerate(parents):
        children: dict[str, list[str]] = defaultdict(list)
        for child, parent in mapping.items():
            children[parent].append(child)
        for parent, under in children.items():
            others = [m if d != dimension else [parent] for d, m in enumerate(members)]
            for total in product(*others):
                parts = [(*total[:dimension], c, *total[dimension + 1 :]) for c in under]
                found.append((tuple(total), parts))
    return found


def disclosures(
    counts: Mapping[Key, int], parents: Sequence[Mapping[str, str]], hidden: set[Key]
) -> list[str]:
    """How a reader of the shown cells could narrow a hidden cell down through one total,
    knowing that zeros are shown (so a hidden cell is at least 1)."""
    found = []
    for total, parts in equations(counts, parents):
        hidden_parts = [key for key in parts if key in hidden]
        if total in hidden:
            if not hidden_parts:
                found.append(f"{total} is the sum of shown cells")
            continue
        if not hidden_parts:
            continue
        rest = counts.get(total, 0) - sum(counts.get(key, 0) for key in parts if key not in hidden)
        if len(hidden_parts) == 1:
            found.append(f"{hidden_parts[0]} = {total} minus the shown cells")
        elif rest - (len(hidden_parts) - 1) < SMALLEST_SHOWN - 1:
            found.append(
                f"{hidden_parts} add up to {rest}: each is at most {rest - len(hidden_parts) + 1}"
            )
    return found


# -- Tables to test with ------------------------------------------------------------------

REGIONS = {"M1": "R1", "M2": "R1", "M3": "R1", "M4": "R2", "M5": "R2", "R1": "DK", "R2": "DK"}


def full_table(
    leaves: Mapping[tuple[str, ...], int], parents: Sequence[Mapping[str, str]]
) -> dict[Key, int]:
    """``leaves`` with every total added: each leaf counts in each of its ancestors."""
    counts: dict[Key, int] = defaultdict(int)
    for leaf, count in leaves.items():
        chains = []
        for member, mapping in zip(leaf, parents, strict=True):
            chain = [member]
            while chain[-1] in mapping:
                chain.append(mapping[chain[-1]])
            chains.append(chain)
        for key in product(*chains):
            counts[key] += count
    return dict(counts)


def statuses_by_area(
    cells: Mapping[tuple[str, str], int],
) -> tuple[dict[Key, int], list[dict[str, str]]]:
    """Municipalities (in regions, in the country) x one month x statuses with a total."""
    parents: list[dict[str, str]] = [REGIONS, {}, {"a": TOTAL, "b": TOTAL, "c": TOTAL}]
    leaves: dict[Key, int] = {(area, "2026-01", status): n for (area, status), n in cells.items()}
    return full_table(leaves, parents), parents


small_counts = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40))


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[Key, int], list[dict[str, str]]]:
    """Municipalities in regions x months (not added up) x statuses (with or without a
    total) x occupation groups (with a total or absent)."""
    municipalities = draw(st.integers(1, 5))
    areas = {f"M{i}": f"R{i % 2}" for i in range(municipalities)}
    areas.update(dict.fromkeys(set(areas.values()), "DK"))
    statuses = draw(st.integers(1, 4))
    status_parents = {f"s{i}": TOTAL for i in range(statuses)} if draw(st.booleans()) else {}
    groups = draw(st.integers(0, 3))
    group_parents = {f"g{i}": TOTAL for i in range(groups)}
    months = draw(st.integers(1, 2))
    parents = [areas, {}, status_parents, group_parents]
    leaves: dict[Key, int] = {
        key: draw(small_counts)
        for key in product(
            [f"M{i}" for i in range(municipalities)],
            [f"2026-0{i + 1}" for i in range(months)],
            [f"s{i}" for i in range(statuses)],
            list(group_parents) or [TOTAL],
        )
    }
    return full_table(leaves, parents), parents


# -- Disclosure control -------------------------------------------------------------------


def test_counts_from_1_to_4_are_hidden_and_0_is_shown() -> None:
    counts: dict[Key, int] = {
        (name,): n for name, n in zip("abcdefg", (0, 1, 2, 3, 4, 5, 60), strict=True)
    }
    assert suppress(counts, [{}]) == {("b",), ("c",), ("d",), ("e",)}


def test_a_single_hidden_cell_takes_its_smallest_non_zero_sibling_with_it() -> None:
    counts, parents = statuses_by_area({("M1", "a"): 2, ("M1", "b"): 0, ("M1", "c"): 9})
    hidden = suppress(counts, parents)
    assert ("M1", "2026-01", "a") in hidden
    assert ("M1", "2026-01", "c") in hidden  # 9: the only non-zero sibling
    assert ("M1", "2026-01", "b") not in hidden  # zeros give nothing away
    assert ("M1", "2026-01", TOTAL) not in hidden  # a + c = 11: each could be 1 to 10
    assert disclosures(counts, parents, hidden) == []


def test_the_smallest_sibling_is_the_one_hidden() -> None:
    counts: dict[Key, int] = {("a",): 3, ("b",): 7, ("c",): 6, ("d",): 20, (TOTAL,): 36}
    parents = [{"a": TOTAL, "b": TOTAL, "c": TOTAL, "d": TOTAL}]
    assert suppress(counts, parents) == {("a",), ("c",)}


def test_two_ones_under_a_shown_total_are_not_enough() -> None:
    """1 + 1 = 2 gives both away, as hidden cells are at least 1: a third is hidden."""
    counts: dict[Key, int] = {("a",): 1, ("b",): 1, ("c",): 8, (TOTAL,): 10}
    parents = [{"a": TOTAL, "b": TOTAL, "c": TOTAL}]
    assert suppress(counts, parents) == {("a",), ("b",), ("c",)}


def test_without_a_sibling_to_hide_the_total_goes_and_the_hiding_climbs_the_areas() -> None:
    """M4 is the only non-zero municipality of R2, so R2 is hidden with it; then R1 (the
    only other non-zero region) must go, or the country total would give R2 away, and with
    R1 hidden its smallest municipality goes too, or R1 would be the sum of shown cells."""
    counts, _ = statuses_by_area({("M1", "a"): 6, ("M2", "a"): 9, ("M4", "a"): 2})
    counts = {key: n for key, n in counts.items() if key[2] == "a"}
    parents: list[dict[str, str]] = [REGIONS, {}, {}]
    hidden = suppress(counts, parents)
    assert hidden == {
        ("M4", "2026-01", "a"),
        ("R2", "2026-01", "a"),
        ("R1", "2026-01", "a"),
        ("M1", "2026-01", "a"),
    }
    assert disclosures(counts, parents, hidden) == []


def test_a_complement_in_a_row_is_protected_in_its_column_too() -> None:
    """Statuses x municipalities with row and column totals: hiding M1's `b` to protect
    M1's `a` leaves the `a` and `b` columns of R1 with one hidden cell each, so M2's go."""
    counts, parents = statuses_by_area(
        {
            ("M1", "a"): 3, ("M1", "b"): 7, ("M1", "c"): 30,
            ("M2", "a"): 12, ("M2", "b"): 8, ("M2", "c"): 40,
        }
    )  # fmt: skip
    hidden = suppress(counts, parents)
    assert hidden == {("M1", "2026-01", "a"), ("M1", "2026-01", "b")} | {
        ("M2", "2026-01", "a"),
        ("M2", "2026-01", "b"),
    }
    assert disclosures(counts, parents, hidden) == []


def test_totals_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(ValueError, match="not the sum"):
        suppress({("a",): 2, (TOTAL,): 3}, [{"a": TOTAL}])


@PROPERTY
@given(tables())
def test_no_hidden_cell_can_be_worked_out_from_a_shown_total(
    table: tuple[dict[Key, int], list[dict[str, str]]],
) -> None:
    counts, parents = table
    hidden = suppress(counts, parents)
    assert {key for key, n in counts.items() if 0 < n < SMALLEST_SHOWN} <= hidden
    assert all(counts[key] > 0 for key in hidden)
    assert disclosures(counts, parents, hidden) == []


@PROPERTY
@given(tables())
def test_each_month_is_suppressed_as_if_alone(
    table: tuple[dict[Key, int], list[dict[str, str]]],
) -> None:
    """Months are not added up, so what is hidden in one does not depend on the others."""
    counts, parents = table
    hidden = suppress(counts, parents)
    for month in {key[1] for key in counts}:
        alone = {key: n for key, n in counts.items() if key[1] == month}
        assert suppress(alone, parents) == {key for key in hidden if key[1] == month}


# -- Requests -----------------------------------------------------------------------------


def test_months_default_to_the_twelve_months_before_this_one() -> None:
    assert month_range(None, None, TODAY) == (date(2025, 12, 1), date(2026, 11, 1))
    assert month_range(None, "2026-03", TODAY) == (date(2025, 4, 1), date(2026, 3, 1))
    assert month_range("2026-12", "2026-12", TODAY) == (date(2026, 12, 1), date(2026, 12, 1))
    assert month_range("2023-12", "2026-11", TODAY) == (date(2023, 12, 1), date(2026, 11, 1))


@pytest.mark.parametrize(
    ("first", "last", "argument", "message"),
    [
        ("2026-13", None, "from", "YYYY-MM"),
        ("2026-1", None, "from", "YYYY-MM"),
        ("٢٠٢٦-٠١", None, "from", "YYYY-MM"),
        (None, "november", "to", "YYYY-MM"),
        ("1999-12", "2000-01", "from", "2000-01 or later"),
        ("2026-01", "2027-01", "to", "future"),
        ("2027-01", "2027-02", "from", "future"),
        ("2026-05", "2026-04", "from", "after"),
        ("2023-11", "2026-11", "from", "at most 36 months"),
    ],
)
def test_bad_month_ranges_are_refused(
    first: str | None, last: str | None, argument: str, message: str
) -> None:
    with pytest.raises(InvalidStatisticsRequest, match=message) as refused:
        month_range(first, last, TODAY)
    assert refused.value.argument == argument


@pytest.mark.parametrize(
    ("request_", "argument"),
    [
        (TableRequest(Measure.NEW_PATHWAYS, by_occupation_group=True), "byOccupationGroup"),
        (TableRequest(Measure.MEDIAN_DAYS_TO_FIRST_START, by_occupation_group=True), "byOccupationGroup"),
        (TableRequest(Measure.STARTS, AreaLevel.COUNTRY, region_code=1084), "region"),
        (TableRequest(Measure.STARTS, AreaLevel.REGION, municipality_code=101), "municipality"),
        (TableRequest(Measure.STARTS, AreaLevel.MUNICIPALITY, region_code=1084, municipality_code=101), "region"),
    ],
)  # fmt: skip
def test_dimensions_a_measure_lacks_are_refused(request_: TableRequest, argument: str) -> None:
    with pytest.raises(InvalidStatisticsRequest) as refused:
        request_.check()
    assert refused.value.argument == argument


async def test_unknown_areas_and_oversized_tables_are_refused() -> None:
    for request, argument in [
        (TableRequest(Measure.STARTS, AreaLevel.REGION, region_code=1090), "region"),
        (TableRequest(Measure.STARTS, AreaLevel.MUNICIPALITY, municipality_code=100), "municipality"),
        (TableRequest(Measure.MATCHES_BY_STAGE, AreaLevel.MUNICIPALITY, "2024-01", "2026-10", True), "from"),
    ]:  # fmt: skip
        with pytest.raises(InvalidStatisticsRequest) as refused:
            await statistics.table(request, TODAY)
        assert refused.value.argument == argument


# -- Tables of the demo data ----------------------------------------------------------------

DEMO_TODAY = REFERENCE_DATE
Cells = dict[tuple[AreaLevel, int, str, str, str], tuple[int | None, bool]]


async def cells_of(request: TableRequest) -> Cells:
    """(area level, area code, month, category key, group key) -> (value, suppressed)."""
    table = await statistics.table(request, DEMO_TODAY)
    return {
        (
            cell.area.level,
            cell.area.code,
            cell.month,
            cell.category.key if cell.category else TOTAL,
            cell.occupation_group.key if cell.occupation_group else TOTAL,
        ): (cell.value, cell.suppressed)
        for cell in table.cells
    }


@pytest.mark.parametrize(
    ("measure", "by_group"),
    [(Measure.YOUNG_PEOPLE_BY_PATHWAY_STATUS, False), (Measure.STARTS, True)],
)
async def test_a_cell_is_the_same_however_it_is_asked_for(measure: Measure, by_group: bool) -> None:
    """Whatever the level, area filter, months or breakdown, a cell has one value and is
    hidden or not: no two answers can be combined to uncover what one of them hides."""
    await seed_demo()
    whole = await cells_of(
        TableRequest(measure, AreaLevel.MUNICIPALITY, "2026-01", "2026-10", by_group)
    )
    assert any(suppressed for _, suppressed in whole.values())
    views = [
        TableRequest(measure, AreaLevel.COUNTRY, "2026-03", "2026-05", by_group),
        TableRequest(measure, AreaLevel.REGION, "2026-01", "2026-10", False),
        TableRequest(measure, AreaLevel.REGION, "2026-09", "2026-10", by_group, region_code=1082),
        TableRequest(measure, AreaLevel.MUNICIPALITY, "2026-10", "2026-10", by_group, 1084),
        TableRequest(measure, AreaLevel.MUNICIPALITY, "2025-10", "2026-02", False, None, 101),
    ]
    for view in views:
        cells = await cells_of(view)
        shared = cells.keys() & whole.keys()
        assert shared
        assert {key: cells[key] for key in shared} == {key: whole[key] for key in shared}


async def test_starts_and_medians_agree_with_the_tables_they_come_from() -> None:
    """STARTS is the `started` stage of MATCHES_BY_STAGE, cell for cell; a median is shown
    exactly where its base, FIRST_STARTS, is."""
    await seed_demo()
    months = ("2026-05", "2026-10")
    starts = await cells_of(TableRequest(Measure.STARTS, AreaLevel.MUNICIPALITY, *months))
    stages = await cells_of(TableRequest(Measure.MATCHES_BY_STAGE, AreaLevel.MUNICIPALITY, *months))
    assert starts == {
        (*key[:3], TOTAL, key[4]): cell for key, cell in stages.items() if key[3] == "started"
    }
    base = await cells_of(TableRequest(Measure.FIRST_STARTS, AreaLevel.MUNICIPALITY, *months))
    medians = await cells_of(
        TableRequest(Measure.MEDIAN_DAYS_TO_FIRST_START, AreaLevel.MUNICIPALITY, *months)
    )
    assert medians.keys() == base.keys()
    for key, (count, suppressed) in base.items():
        median, median_suppressed = medians[key]
        assert median_suppressed == suppressed
        assert (median is not None) == (count is not None and count > 0)
