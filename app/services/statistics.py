"""Aggregated statistics for national partners, with statistical disclosure control.

A fixed catalogue of measures (:data:`MEASURES`), each counted by area (country, region,
municipality) and month, some also by a category (pathway status, match stage) or by
occupation group (DISCO-08 major group). Nothing here returns or identifies a person.

Disclosure control (:func:`suppress`): every count from 1 to 4 is hidden (primary
suppression), and more cells are hidden where totals would give one away (secondary
suppression). A cell's value and whether it is hidden never depend on how it was asked
for: for each measure and month the whole table (every municipality, region, the country,
every category and occupation group with their totals) is counted and suppressed, and a
request only picks cells out of it. Months are never added up, so months stay apart.

One statement reads the dimensions' members (areas, categories, occupation groups) and one
counts, aggregated by PostgreSQL with ``ROLLUP`` and ``CUBE``.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import product
from typing import Any

from tortoise import connections

from app.models import CodeList, MatchStage
from app.services.audit import DANISH_TIME

SMALLEST_SHOWN = 5
"""Counts from 1 to SMALLEST_SHOWN - 1 are never shown; 0 is."""

MAX_MONTHS = 36
MAX_CELLS = 20_000
"""About 4 seconds of GraphQL execution when every field of every cell is asked for."""
EARLIEST_YEAR = 2000

TOTAL = "_T"
"""The key of a total, as in SDMX: the category or occupation group "all of them". No
code list key (``^[a-z][a-z0-9_]*$``) or DISCO-08 code can be one."""

Key = tuple[str, ...]
"""A cell of a table: one member of each dimension."""


# -- Disclosure control ------------------------------------------------------------------


@dataclass(frozen=True)
class _Equation:
    """``total`` is the sum of ``parts`` (the non-zero cells of one dimension under it)."""

    total: Key
    parts: tuple[Key, ...]


def suppress(
    counts: Mapping[Key, int],
    parents: Sequence[Mapping[str, str]],
    *,
    smallest_shown: int = SMALLEST_SHOWN,
) -> set[Key]:
    """The cells of a table to hide: every count from 1 to ``smallest_shown - 1``, and as
    many more as it takes to keep them from being worked out from the totals.

    ``counts`` holds a table's cells, totals included (a missing key counts 0);
    ``parents[d]`` maps a member of dimension ``d`` to the total it adds up to (a
    municipality to its region, a region to the country, a status to the total status).
    So each total with the cells under it in one dimension makes an equation
    ``total = part + part + ...``; a two-way table has one per row and one per column.

    Zeros are shown, so anyone knows a hidden cell is at least 1. An equation gives a
    hidden cell away when it is the only hidden member, or when its total is shown and the
    hidden parts add up to so little that one of them cannot be anything from 1 to
    ``smallest_shown - 1`` (two hidden parts that add up to 2 are both 1). Such an equation
    gets one more cell hidden: its smallest non-zero shown part, or else its total. That
    may expose another equation, which is fixed in turn, until none is exposed.

    Equations are fixed in a fixed order, and a cell's outcome depends only on the cells
    it is linked to through equations: cells of months that are not added up, or of
    separate match stages, are suppressed as if each stood alone.
    """
    equations = _equations(counts, parents)
    linked: dict[Key, list[int]] = defaultdict(list)
    for index, equation in enumerate(equations):
        for key in (equation.total, *equation.parts):
            linked[key].append(index)

    hidden = {key for key, count in counts.items() if 0 < count < smallest_shown}
    queue = deque(sorted({index for key in hidden for index in linked[key]}))
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        extra = _complement(equations[index], counts, hidden, smallest_shown)
        if extra is None:
            continue
        hidden.add(extra)
        for other in linked[extra]:
            if other not in queued:
                queue.append(other)
                queued.add(other)
    return hidden


def _equations(counts: Mapping[Key, int], parents: Sequence[Mapping[str, str]]) -> list[_Equation]:
    """Every equation with a non-zero total, in a fixed order; ValueError if a total is
    not the sum of its parts."""
    parts: dict[tuple[int, Key], list[Key]] = defaultdict(list)
    for key, count in counts.items():
        if len(key) != len(parents):
            raise ValueError(f"cell {key} does not have {len(parents)} dimensions")
        if count < 0:
            raise ValueError(f"cell {key} is negative")
        if count == 0:
            continue
        for dimension, member in enumerate(key):
            parent = parents[dimension].get(member)
            if parent is not None:
                total = (*key[:dimension], parent, *key[dimension + 1 :])
                parts[(dimension, total)].append(key)
    equations = []
    for (_, total), members in sorted(parts.items()):
        if counts.get(total, 0) != sum(counts[key] for key in members):
            raise ValueError(f"cell {total} is not the sum of the cells under it")
        equations.append(_Equation(total, tuple(sorted(members))))
    return equations


def _complement(
    equation: _Equation, counts: Mapping[Key, int], hidden: set[Key], smallest_shown: int
) -> Key | None:
    """The cell to hide so that ``equation`` gives no hidden cell away; None if it does not."""
    hidden_members = [key for key in (equation.total, *equation.parts) if key in hidden]
    if not hidden_members:
        return None
    if len(hidden_members) > 1:
        if equation.total in hidden:
            return None  # with the total unknown, the hidden parts have no upper bound here
        # Each hidden part is at least 1, so one of them is at most (sum - the others).
        largest_possible = sum(counts[key] for key in hidden_members) - len(hidden_members) + 1
        if largest_possible >= smallest_shown - 1:
            return None
    shown = [key for key in equation.parts if key not in hidden]
    if shown:
        return min(shown, key=lambda key: (counts[key], key))
    return equation.total


# -- The catalogue -----------------------------------------------------------------------


class Measure(StrEnum):
    YOUNG_PEOPLE_BY_PATHWAY_STATUS = "young_people_by_pathway_status"
    NEW_PATHWAYS = "new_pathways"
    MATCHES_BY_STAGE = "matches_by_stage"
    STARTS = "starts"
    RETAINED_3M = "retained_3m"
    FIRST_STARTS = "first_starts"
    MEDIAN_DAYS_TO_FIRST_START = "median_days_to_first_start"
    OPENINGS_PLEDGED = "openings_pledged"
    OPENINGS_POSTED = "openings_posted"
    OPENINGS_FILLED = "openings_filled"


class AreaLevel(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    MUNICIPALITY = "municipality"


class Unit(StrEnum):
    YOUNG_PEOPLE = "young_people"
    PATHWAYS = "pathways"
    MATCHES = "matches"
    OPENINGS = "openings"
    DAYS = "days"


class AreaOf(StrEnum):
    """Whose municipality a measure is counted in."""

    YOUNG_PERSON = "young_person"
    OPENING = "opening"
    COMPANY = "company"


class CategoryKind(StrEnum):
    """The code list a measure is broken down by; the values are code list names."""

    PATHWAY_STATUS = CodeList.PATHWAY_STATUS.value
    MATCH_STAGE = CodeList.MATCH_STAGE.value


# Each measure's rows ("facts"), one per thing counted, after a ``months`` CTE with the
# columns month (its first day), month_end (its last day), starts_at and ends_at (its
# first moment and the next month's, Danish time); $3 is the time zone, $4 match stages.
# The columns: month, municipality_id, weight (what it adds), and where the measure has
# them category, occupation_group (the DISCO-08 major group: an occupation's parent, or
# itself when it is one) and days.

PATHWAY_STATUS_AT_MONTH_END = """
spans AS (
    SELECT p.id AS pathway_id, p.young_person_id, p.started_on, p.ended_on, c.status_id,
           c.changed_on,
           lead(c.changed_on) OVER (PARTITION BY c.pathway_id ORDER BY c.changed_on, c.id)
               AS next_change_on
    FROM pathway p
    JOIN pathway_status_change c ON c.pathway_id = p.id
    WHERE p.started_on < $2::date + interval '1 month'
      AND (p.ended_on IS NULL OR p.ended_on > $1::date)
),
facts AS (
    -- One pathway per young person: the latest started of those open at the month's end.
    SELECT DISTINCT ON (s.young_person_id, mo.month)
           mo.month, y.municipality_id, v.key AS category, 1 AS weight
    FROM months mo
    JOIN spans s
      ON s.started_on <= mo.month_end AND (s.ended_on IS NULL OR s.ended_on > mo.month_end)
     AND s.changed_on <= mo.month_end
     AND (s.next_change_on IS NULL OR s.next_change_on > mo.month_end)
    JOIN young_person y ON y.id = s.young_person_id
    JOIN code_value v ON v.id = s.status_id
    ORDER BY s.young_person_id, mo.month, s.started_on DESC, s.pathway_id DESC
)"""

PATHWAYS_STARTED = """
facts AS (
    SELECT mo.month, y.municipality_id, 1 AS weight
    FROM months mo
    JOIN pathway p ON p.started_on BETWEEN mo.month AND mo.month_end
    JOIN young_person y ON y.id = p.young_person_id
)"""

MATCHES_REACHING_STAGES = """
facts AS (
    -- A match counts once per stage and month, however often it got there.
    SELECT DISTINCT mo.month, me.match_id, me.stage AS category, y.municipality_id,
           coalesce(g.code, o.code) AS occupation_group, 1 AS weight
    FROM months mo
    JOIN match_event me ON me.at >= mo.starts_at AND me.at < mo.ends_at
    JOIN match ma ON ma.id = me.match_id
    JOIN young_person y ON y.id = ma.young_person_id
    JOIN job_opening jo ON jo.id = ma.opening_id
    JOIN occupation o ON o.id = jo.occupation_id
    LEFT JOIN occupation g ON g.id = o.parent_id
    WHERE me.stage = ANY($4::text[])
)"""

FIRST_STARTS = """
first_starts AS (
    SELECT ma.young_person_id, min(me.at) AS at
    FROM match_event me
    JOIN match ma ON ma.id = me.match_id
    WHERE me.stage = ANY($4::text[])
    GROUP BY ma.young_person_id
),
facts AS (
    -- Days from the start of the pathway the young person was in on that day.
    SELECT DISTINCT ON (fs.young_person_id)
           mo.month, y.municipality_id, 1 AS weight,
           (fs.at AT TIME ZONE $3)::date - p.started_on AS days
    FROM months mo
    JOIN first_starts fs ON fs.at >= mo.starts_at AND fs.at < mo.ends_at
    JOIN young_person y ON y.id = fs.young_person_id
    JOIN pathway p
      ON p.young_person_id = fs.young_person_id
     AND p.started_on <= (fs.at AT TIME ZONE $3)::date
     AND (p.ended_on IS NULL OR p.ended_on >= (fs.at AT TIME ZONE $3)::date)
    ORDER BY fs.young_person_id, p.started_on DESC, p.id DESC
)"""

PLEDGES_MADE = """
facts AS (
    SELECT mo.month, c.municipality_id, pl.openings_promised AS weight
    FROM months mo
    JOIN pledge pl ON pl.joined_on BETWEEN mo.month AND mo.month_end
    JOIN company c ON c.id = pl.company_id
    WHERE c.status = 'verified'
)"""

OPENINGS_PUBLISHED = """
facts AS (
    SELECT mo.month, jo.municipality_id, coalesce(g.code, o.code) AS occupation_group,
           1 AS weight
    FROM months mo
    JOIN job_opening jo ON jo.posted_on BETWEEN mo.month AND mo.month_end
    JOIN occupation o ON o.id = jo.occupation_id
    LEFT JOIN occupation g ON g.id = o.parent_id
    WHERE jo.status <> 'draft'
)"""

OPENINGS_MARKED_FILLED = """
facts AS (
    SELECT mo.month, jo.municipality_id, coalesce(g.code, o.code) AS occupation_group,
           1 AS weight
    FROM months mo
    JOIN job_opening jo ON jo.closed_at >= mo.starts_at AND jo.closed_at < mo.ends_at
    JOIN occupation o ON o.id = jo.occupation_id
    LEFT JOIN occupation g ON g.id = o.parent_id
    WHERE jo.status = 'filled'
)"""


@dataclass(frozen=True)
class MeasureSpec:
    """What a measure counts, in which unit, and by which dimensions."""

    description: str
    unit: Unit
    area_of: AreaOf
    facts: str = field(repr=False)
    categories: CategoryKind | None = None
    category_total: bool = False
    by_occupation_group: bool = False
    median: bool = False
    """A median over people: the table's counts are its base, and are what is suppressed."""
    stages: tuple[MatchStage, ...] = ()


MEASURES: dict[Measure, MeasureSpec] = {
    Measure.YOUNG_PEOPLE_BY_PATHWAY_STATUS: MeasureSpec(
        "Young people in a pathway at the end of the month, by the pathway's status then.",
        Unit.YOUNG_PEOPLE,
        AreaOf.YOUNG_PERSON,
        PATHWAY_STATUS_AT_MONTH_END,
        categories=CategoryKind.PATHWAY_STATUS,
        category_total=True,
    ),
    Measure.NEW_PATHWAYS: MeasureSpec(
        "Pathways started in the month.", Unit.PATHWAYS, AreaOf.YOUNG_PERSON, PATHWAYS_STARTED
    ),
    Measure.MATCHES_BY_STAGE: MeasureSpec(
        "Matches that reached each stage in the month. A match reaches several stages, so"
        " the stages are not added up.",
        Unit.MATCHES,
        AreaOf.YOUNG_PERSON,
        MATCHES_REACHING_STAGES,
        categories=CategoryKind.MATCH_STAGE,
        by_occupation_group=True,
        stages=tuple(MatchStage),
    ),
    Measure.STARTS: MeasureSpec(
        "Matches where the young person started in the job in the month.",
        Unit.MATCHES,
        AreaOf.YOUNG_PERSON,
        MATCHES_REACHING_STAGES,
        by_occupation_group=True,
        stages=(MatchStage.STARTED,),
    ),
    Measure.RETAINED_3M: MeasureSpec(
        "Matches where the young person was still employed 3 months after starting,"
        " recorded in the month.",
        Unit.MATCHES,
        AreaOf.YOUNG_PERSON,
        MATCHES_REACHING_STAGES,
        by_occupation_group=True,
        stages=(MatchStage.RETAINED_3M,),
    ),
    Measure.FIRST_STARTS: MeasureSpec(
        "Young people in a pathway who started their first job through a match in the"
        " month: the base of MEDIAN_DAYS_TO_FIRST_START.",
        Unit.YOUNG_PEOPLE,
        AreaOf.YOUNG_PERSON,
        FIRST_STARTS,
        stages=(MatchStage.STARTED,),
    ),
    Measure.MEDIAN_DAYS_TO_FIRST_START: MeasureSpec(
        "Median days from the start of the pathway to the first job start through a match,"
        " over the young people of FIRST_STARTS (whole days, rounded).",
        Unit.DAYS,
        AreaOf.YOUNG_PERSON,
        FIRST_STARTS,
        median=True,
        stages=(MatchStage.STARTED,),
    ),
    Measure.OPENINGS_PLEDGED: MeasureSpec(
        "Openings promised in pledges by verified companies that joined in the month.",
        Unit.OPENINGS,
        AreaOf.COMPANY,
        PLEDGES_MADE,
    ),
    Measure.OPENINGS_POSTED: MeasureSpec(
        "Openings published in the month.",
        Unit.OPENINGS,
        AreaOf.OPENING,
        OPENINGS_PUBLISHED,
        by_occupation_group=True,
    ),
    Measure.OPENINGS_FILLED: MeasureSpec(
        "Openings marked filled in the month.",
        Unit.OPENINGS,
        AreaOf.OPENING,
        OPENINGS_MARKED_FILLED,
        by_occupation_group=True,
    ),
}


# -- Requests ----------------------------------------------------------------------------


class InvalidStatisticsRequest(ValueError):
    """A request that makes no table; ``argument`` names the culprit."""

    def __init__(self, message: str, argument: str) -> None:
        super().__init__(message)
        self.argument = argument


MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def parse_month(text: str, argument: str) -> date:
    """The first day of the month ``text`` ("YYYY-MM")."""
    found = MONTH.fullmatch(text)
    if found is None:
        raise InvalidStatisticsRequest(f"`{argument}` must be a month as YYYY-MM", argument)
    year, month = int(found[1]), int(found[2])
    if year < EARLIEST_YEAR:
        raise InvalidStatisticsRequest(
            f"`{argument}` must be {EARLIEST_YEAR}-01 or later", argument
        )
    return date(year, month, 1)


def month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_range(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    """The first and last month asked for (first days). ``last`` defaults to the last
    whole month before ``today``, ``first`` to 11 months before ``last``."""
    this_month = today.replace(day=1)
    end = parse_month(last, "to") if last is not None else add_months(this_month, -1)
    start = parse_month(first, "from") if first is not None else add_months(end, -11)
    for argument, month in (("from", start), ("to", end)):
        if month > this_month:
            raise InvalidStatisticsRequest(
                f"`{argument}` is in the future: the last month is {month_text(this_month)}",
                argument,
            )
    if start > end:
        raise InvalidStatisticsRequest("`from` is after `to`", "from")
    if add_months(start, MAX_MONTHS) <= end:
        raise InvalidStatisticsRequest(
            f"at most {MAX_MONTHS} months at a time: {month_text(start)} to"
            f" {month_text(end)} is more",
            "from",
        )
    return start, end


@dataclass(frozen=True)
class TableRequest:
    measure: Measure
    level: AreaLevel = AreaLevel.COUNTRY
    first_month: str | None = None
    last_month: str | None = None
    by_occupation_group: bool = False
    region_code: int | None = None
    municipality_code: int | None = None

    def check(self) -> None:
        """Refuses the combinations of dimensions that make no table."""
        spec = MEASURES[self.measure]
        if self.by_occupation_group and not spec.by_occupation_group:
            raise InvalidStatisticsRequest(
                f"{self.measure.name} is not counted by occupation group: only measures of"
                " matches and openings are",
                "byOccupationGroup",
            )
        if self.region_code is not None and self.municipality_code is not None:
            raise InvalidStatisticsRequest("give `region` or `municipality`, not both", "region")
        if self.region_code is not None and self.level is AreaLevel.COUNTRY:
            raise InvalidStatisticsRequest(
                "`region` needs `area: REGION` or `area: MUNICIPALITY`", "region"
            )
        if self.municipality_code is not None and self.level is not AreaLevel.MUNICIPALITY:
            raise InvalidStatisticsRequest(
                "`municipality` needs `area: MUNICIPALITY`", "municipality"
            )


# -- Tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    level: AreaLevel
    code: int
    """The municipality or region code; 0 for the whole country (Statistics Denmark's 000)."""
    name: str


@dataclass(frozen=True)
class Label:
    """A category (status or stage key) or occupation group (DISCO-08 code), or TOTAL."""

    key: str
    label_da: str
    label_en: str

    @property
    def is_total(self) -> bool:
        return self.key == TOTAL


@dataclass(frozen=True)
class Cell:
    area: Area
    month: str
    category: Label | None
    """None when the measure has no categories."""
    occupation_group: Label | None
    """None unless the table is by occupation group."""
    is_total: bool
    """An area above the level asked for, or the total of the categories or groups."""
    value: int | None
    suppressed: bool


@dataclass(frozen=True)
class Table:
    measure: Measure
    level: AreaLevel
    first_month: str
    last_month: str
    cells: list[Cell]


COUNTRY = Area(AreaLevel.COUNTRY, 0, "Hele landet")
TOTAL_LABEL = Label(TOTAL, "I alt", "Total")


@dataclass(frozen=True)
class _Members:
    """Each dimension's members: areas by key (see :func:`_area_key`), with the total each
    adds up to, categories and occupation groups in their order."""

    areas: dict[str, Area]
    area_parent: dict[str, str]
    regions: list[str]
    municipalities_in: dict[str, list[str]]
    categories: list[Label]
    occupation_groups: list[Label]


def _area_key(region_code: int | None, municipality_code: int | None) -> str:
    if municipality_code is not None:
        return f"M{municipality_code}"
    return f"R{region_code}" if region_code is not None else "DK"


MEMBERS_SQL = """
SELECT 'municipality' AS dimension, m.code::text AS code, r.code::text AS parent,
       m.name AS label_da, m.name AS label_en, m.code AS sort_order
FROM municipality m
JOIN region r ON r.id = m.region_id
UNION ALL
SELECT DISTINCT 'region', r.code::text, NULL, r.official_name, r.official_name, r.code
FROM region r
JOIN municipality m ON m.region_id = r.id
UNION ALL
(SELECT DISTINCT ON (v.key) 'category', v.key, NULL, v.label_da, v.label_en, v.sort_order
 FROM code_value v
 WHERE v.list = $1
 ORDER BY v.key, v.valid_from DESC)
UNION ALL
SELECT 'occupation', o.code, NULL, o.title_da, o.title_en, 0
FROM occupation o
WHERE o.level = 1 AND $2::boolean
ORDER BY dimension, sort_order, code
"""

MONTHS = """
months AS (
    SELECT month::date AS month,
           (month + interval '1 month' - interval '1 day')::date AS month_end,
           month::timestamp AT TIME ZONE $3 AS starts_at,
           (month + interval '1 month')::timestamp AT TIME ZONE $3 AS ends_at
    FROM generate_series($1::date, $2::date, interval '1 month') AS month
)"""


def counting_sql(spec: MeasureSpec) -> str:
    """One statement that counts ``spec`` for every area (municipalities, regions and the
    country, by ``ROLLUP``), month, category and occupation group, with their totals (by
    ``CUBE``). Totals come back with NULL in the dimension they add up."""
    columns = ["to_char(f.month, 'YYYY-MM') AS month", "r.code AS region", "m.code AS municipality"]
    groups = ["f.month", "ROLLUP (r.code, m.code)"]
    if spec.categories is None:
        columns.append("NULL AS category")
    else:
        columns.append("f.category")
        groups.append("CUBE (f.category)" if spec.category_total else "f.category")
    if spec.by_occupation_group:
        columns.append("f.occupation_group")
        groups.append("CUBE (f.occupation_group)")
    else:
        columns.append("NULL AS occupation_group")
    columns.append("sum(f.weight)::int AS count")
    columns.append(
        "round(percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days))::int AS median"
        if spec.median
        else "NULL::int AS median"
    )
    return (
        f"WITH {MONTHS},{spec.facts}\n"
        f"SELECT {', '.join(columns)}\n"
        "FROM facts f\n"
        "JOIN municipality m ON m.id = f.municipality_id\n"
        "JOIN region r ON r.id = m.region_id\n"
        f"GROUP BY {', '.join(groups)}"
    )


async def _members(categories: CategoryKind | None, occupation_groups: bool) -> _Members:
    rows = await connections.get("default").execute_query_dict(
        MEMBERS_SQL, [categories.value if categories else None, occupation_groups]
    )
    members = _Members({"DK": COUNTRY}, {}, [], defaultdict(list), [], [])
    for row in rows:
        dimension, code = row["dimension"], row["code"]
        if dimension == "region":
            key = _area_key(int(code), None)
            members.areas[key] = Area(AreaLevel.REGION, int(code), row["label_da"])
            members.area_parent[key] = "DK"
            members.regions.append(key)
        elif dimension == "municipality":
            key, region = _area_key(None, int(code)), _area_key(int(row["parent"]), None)
            members.areas[key] = Area(AreaLevel.MUNICIPALITY, int(code), row["label_da"])
            members.area_parent[key] = region
            members.municipalities_in[region].append(key)
        elif dimension == "category":
            members.categories.append(Label(code, row["label_da"], row["label_en"]))
        else:
            members.occupation_groups.append(Label(code, row["label_da"], row["label_en"]))
    return members


def _areas_asked(request: TableRequest, members: _Members) -> list[tuple[str, bool]]:
    """The areas of the table asked for, each with whether it is a total, in order: every
    total before the areas it adds up."""
    region = _area_key(request.region_code, None)
    municipality = _area_key(None, request.municipality_code)
    if request.region_code is not None and region not in members.areas:
        raise InvalidStatisticsRequest(f"no region has the code {request.region_code}", "region")
    if request.municipality_code is not None and municipality not in members.areas:
        raise InvalidStatisticsRequest(
            f"no municipality has the code {request.municipality_code}", "municipality"
        )
    if request.level is AreaLevel.COUNTRY:
        return [("DK", False)]
    if request.level is AreaLevel.REGION:
        if request.region_code is not None:
            return [(region, False)]
        return [("DK", True), *((key, False) for key in members.regions)]
    if request.municipality_code is not None:
        return [(municipality, False)]
    regions = [region] if request.region_code is not None else members.regions
    areas = [] if request.region_code is not None else [("DK", True)]
    for key in regions:
        areas.append((key, True))
        areas.extend((m, False) for m in members.municipalities_in[key])
    return areas


async def _count(
    spec: MeasureSpec, first: date, last: date
) -> tuple[dict[Key, int], dict[Key, int]]:
    """The counts of the whole table, and its medians for a median measure; each keyed
    (area, month, category, occupation group), with TOTAL where a dimension is added up
    or absent."""
    params: list[Any] = [first, last, DANISH_TIME.key]
    if spec.stages:
        params.append([stage.value for stage in spec.stages])
    rows = await connections.get("default").execute_query_dict(counting_sql(spec), params)
    counts: dict[Key, int] = {}
    medians: dict[Key, int] = {}
    for row in rows:
        key = (
            _area_key(row["region"], row["municipality"]),
            row["month"],
            TOTAL if row["category"] is None else row["category"],
            TOTAL if row["occupation_group"] is None else row["occupation_group"],
        )
        counts[key] = row["count"]
        if row["median"] is not None:
            medians[key] = row["median"]
    return counts, medians


def _parents(
    spec: MeasureSpec, counts: Mapping[Key, int], members: _Members
) -> list[dict[str, str]]:
    """What each dimension's members add up to: areas to their region and the country,
    categories and occupation groups to their total; months are not added up."""
    categories = {key[2]: TOTAL for key in counts if key[2] != TOTAL} if spec.category_total else {}
    groups = {key[3]: TOTAL for key in counts if key[3] != TOTAL}
    return [members.area_parent, {}, categories, groups]


async def table(request: TableRequest, today: date) -> Table:
    """The table asked for, with disclosure control; InvalidStatisticsRequest if it makes
    none. ``today`` (Danish time) decides which months are in the future."""
    request.check()
    first, last = month_range(request.first_month, request.last_month, today)
    spec = MEASURES[request.measure]
    members = await _members(spec.categories, request.by_occupation_group)
    areas = _areas_asked(request, members)
    months = [month_text(month) for month in _months(first, last)]
    categories: list[Label | None] = [None]
    if spec.categories is not None:
        categories = [*([TOTAL_LABEL] if spec.category_total else []), *members.categories]
    groups: list[Label | None] = [None]
    if request.by_occupation_group:
        groups = [TOTAL_LABEL, *members.occupation_groups]
    size = len(areas) * len(months) * len(categories) * len(groups)
    if size > MAX_CELLS:
        raise InvalidStatisticsRequest(
            f"the table would have {size} cells, more than {MAX_CELLS}: ask for fewer months,"
            " one region, or no occupation groups",
            "from",
        )

    counts, medians = await _count(spec, first, last)
    hidden = suppress(counts, _parents(spec, counts, members))
    cells = []
    for (area, area_is_total), month, group, category in product(areas, months, groups, categories):
        key = (area, month, category.key if category else TOTAL, group.key if group else TOTAL)
        suppressed = key in hidden
        value = medians.get(key) if spec.median else counts.get(key, 0)
        is_total = area_is_total or any(label and label.is_total for label in (category, group))
        cells.append(
            Cell(
                members.areas[area],
                month,
                category,
                group,
                is_total,
                None if suppressed else value,
                suppressed,
            )
        )
    return Table(request.measure, request.level, months[0], months[-1], cells)


def _months(first: date, last: date) -> list[date]:
    months = [first]
    while months[-1] < last:
        months.append(add_months(months[-1], 1))
    return months
