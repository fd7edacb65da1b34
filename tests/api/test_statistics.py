"""`statistics` through GraphQL: exact values of a small hand-made data set, disclosure
control checked against direct counts of the demo data, scopes and refusals."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.demo import seed_demo
from app.models import (
    CodeList,
    CodeValue,
    JobOpening,
    Match,
    MatchEvent,
    MatchStage,
    Municipality,
    Occupation,
    OpeningStatus,
    Pathway,
    PathwayStatusChange,
    Pledge,
    Postcode,
    YoungPerson,
)
from app.services.audit import DANISH_TIME
from tests.factories import make_company
from tests.graphql_client import graphql, graphql_response

STATISTICS = """
query (
  $measure: StatisticMeasure!, $area: AreaLevel! = COUNTRY, $from: String, $to: String,
  $byOccupationGroup: Boolean! = false, $region: Int, $municipality: Int
) {
  statistics(
    measure: $measure, area: $area, from: $from, to: $to,
    byOccupationGroup: $byOccupationGroup, region: $region, municipality: $municipality
  ) {
    measure { measure unit areaOf categories categoryTotal byOccupationGroup median }
    areaLevel from to
    cells {
      area { level code name }
      month
      category { key labelDa isTotal }
      occupationGroup { code titleDa isTotal }
      isTotal value suppressed
    }
  }
}
"""

Cell = dict[str, Any]


async def table(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    data = await graphql(client, STATISTICS, variables, token=token)
    result: dict[str, Any] = data["statistics"]
    return result


def by_place(cells: list[Cell]) -> dict[tuple[int, str, str, str], Cell]:
    """(area code, month, category key, occupation group code) -> cell; `_T` for a
    dimension that is not there."""
    return {
        (
            cell["area"]["code"],
            cell["month"],
            cell["category"]["key"] if cell["category"] else "_T",
            cell["occupationGroup"]["code"] if cell["occupationGroup"] else "_T",
        ): cell
        for cell in cells
    }


def values(cells: list[Cell]) -> dict[tuple[int, str, str, str], int | None]:
    return {place: cell["value"] for place, cell in by_place(cells).items()}


# -- A small hand-made data set -------------------------------------------------------------


async def _code(code_list: CodeList, key: str) -> CodeValue:
    return await CodeValue.get(list=code_list, key=key)


async def person_with_pathway(
    municipality_code: int,
    history: list[tuple[str, date]],
    ended_on: date | None = None,
) -> YoungPerson:
    """A young person whose one pathway starts with the first status of ``history``."""
    municipality = await Municipality.get(code=municipality_code)
    person = await YoungPerson.create(municipality=municipality, birth_year=2004)
    last = await _code(CodeList.PATHWAY_STATUS, history[-1][0])
    pathway = await Pathway.create(
        young_person=person, started_on=history[0][1], ended_on=ended_on, status=last
    )
    for key, changed_on in history:
        status = await _code(CodeList.PATHWAY_STATUS, key)
        await PathwayStatusChange.create(pathway=pathway, status=status, changed_on=changed_on)
    return person


async def match_with_events(
    person: YoungPerson, opening: JobOpening, events: list[tuple[MatchStage, datetime]]
) -> None:
    last_stage, last_at = events[-1]
    match = await Match.create(
        young_person=person,
        opening=opening,
        proposed_at=events[0][1],
        stage=last_stage,
        stage_changed_at=last_at,
        score=0.7,
    )
    for stage, at in events:
        await MatchEvent.create(match=match, stage=stage, at=at)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


PATHWAY_START = date(2026, 2, 10)
JOB_STARTS = [date(2026, 4, 10), date(2026, 4, 12), date(2026, 4, 15), date(2026, 4, 20)]
JOB_STARTS.append(date(2026, 4, 25))  # 59, 61, 64, 69 and 74 days after the pathway began


@pytest.fixture
async def hand_made() -> None:
    """København: 12 young people from 10 February; 5 go to FGU on 15 March, 1 gets a job
    on 2 April, 1 ends the pathway on 31 March. Aarhus: 6 from 20 February. 5 of the FGU
    group start in a shop job (DISCO 52, major group 5) in April; the one with a job
    starts it at 00:30 on 1 May, Danish time. The shop pledged 12 openings in January."""
    kobenhavn = []
    for number in range(12):
        history = [("neet", PATHWAY_START)]
        if number < 5:
            history.append(("in_fgu", date(2026, 3, 15)))
        elif number == 5:
            history.append(("in_job", date(2026, 4, 2)))
        ended_on = date(2026, 3, 31) if number == 6 else None
        kobenhavn.append(await person_with_pathway(101, history, ended_on))
    for _ in range(6):
        await person_with_pathway(751, [("neet", date(2026, 2, 20))])

    shop = await make_company(postcode=2100)
    await Pledge.create(company=shop, openings_promised=12, joined_on=date(2026, 1, 15))
    place = await Postcode.get(code=2100)
    opening = await JobOpening.create(
        company=shop,
        title="Butiksmedhjælper",
        occupation=await Occupation.get(code="52"),
        kind=await _code(CodeList.OPENING_KIND, "ordinary"),
        hours_min=15,
        hours_max=25,
        postcode=place,
        municipality_id=place.municipality_id,
        lat=place.lat,
        lon=place.lon,
        positions=6,
        status=OpeningStatus.OPEN,
        posted_on=date(2026, 3, 20),
    )
    proposed = at(date(2026, 3, 25))
    for person, started in zip(kobenhavn[:5], JOB_STARTS, strict=True):
        await match_with_events(
            person, opening, [(MatchStage.PROPOSED, proposed), (MatchStage.STARTED, at(started))]
        )
    await match_with_events(
        kobenhavn[5],
        opening,
        [(MatchStage.PROPOSED, proposed), (MatchStage.STARTED, at(date(2026, 4, 30), 22, 30))],
    )


@pytest.mark.usefixtures("hand_made")
async def test_young_people_by_status_at_month_end(
    client: httpx.AsyncClient, stats_token: str
) -> None:
    found = await table(
        client,
        stats_token,
        measure="YOUNG_PEOPLE_BY_PATHWAY_STATUS",
        area="MUNICIPALITY",
        **{"from": "2026-01", "to": "2026-03"},
    )
    assert found["measure"] == {
        "measure": "YOUNG_PEOPLE_BY_PATHWAY_STATUS",
        "unit": "YOUNG_PEOPLE",
        "areaOf": "YOUNG_PERSON",
        "categories": "PATHWAY_STATUS",
        "categoryTotal": True,
        "byOccupationGroup": False,
        "median": False,
    }
    assert (found["areaLevel"], found["from"], found["to"]) == (
        "MUNICIPALITY",
        "2026-01",
        "2026-03",
    )
    cells = values(found["cells"])
    # 98 municipalities, 5 regions and the country x 3 months x 8 statuses and the total
    assert len(cells) == 104 * 3 * 9
    assert cells[(101, "2026-01", "_T", "_T")] == 0
    assert cells[(101, "2026-02", "neet", "_T")] == 12
    assert cells[(101, "2026-02", "_T", "_T")] == 12
    # At the end of March: one pathway has ended, one job starts only in April.
    assert cells[(101, "2026-03", "neet", "_T")] == 6
    assert cells[(101, "2026-03", "in_fgu", "_T")] == 5
    assert cells[(101, "2026-03", "_T", "_T")] == 11
    assert cells[(751, "2026-03", "neet", "_T")] == 6
    assert cells[(1084, "2026-03", "_T", "_T")] == 11  # Region Hovedstaden
    assert cells[(0, "2026-03", "neet", "_T")] == 12
    assert cells[(0, "2026-03", "_T", "_T")] == 17
    assert cells[(0, "2026-03", "dropped_out", "_T")] == 0
    first = found["cells"][0]
    assert first["area"] == {"level": "COUNTRY", "code": 0, "name": "Hele landet"}
    assert first["category"] == {"key": "_T", "labelDa": "I alt", "isTotal": True}
    assert first["isTotal"] is True
    assert not any(cell["suppressed"] for cell in found["cells"])


@pytest.mark.usefixtures("hand_made")
async def test_a_single_small_count_is_hidden_with_what_would_give_it_away(
    client: httpx.AsyncClient, stats_token: str
) -> None:
    """In April one young person in København is in a job: that 1 is hidden, and so is
    a sibling, in the statuses of København, of its region and of the country alike."""
    found = await table(
        client,
        stats_token,
        measure="YOUNG_PEOPLE_BY_PATHWAY_STATUS",
        area="MUNICIPALITY",
        region=1084,
        **{"from": "2026-04", "to": "2026-04"},
    )
    cells = by_place(found["cells"])
    assert [found["cells"][i]["area"]["code"] for i in (0, 9)] == [1084, 101]  # totals first
    for area in (101, 1084):
        job = cells[(area, "2026-04", "in_job", "_T")]
        assert (job["value"], job["suppressed"]) == (None, True)
        siblings = [cells[(area, "2026-04", key, "_T")] for key in ("neet", "in_fgu")]
        assert [cell["suppressed"] for cell in siblings].count(True) == 1
        assert cells[(area, "2026-04", "_T", "_T")]["value"] == 11


@pytest.mark.usefixtures("hand_made")
async def test_starts_by_occupation_group_and_the_median_days_to_them(
    client: httpx.AsyncClient, stats_token: str
) -> None:
    months = {"from": "2026-03", "to": "2026-05"}
    starts = values(
        (
            await table(
                client,
                stats_token,
                measure="STARTS",
                area="REGION",
                byOccupationGroup=True,
                **months,
            )
        )["cells"]
    )
    assert starts[(1084, "2026-04", "_T", "5")] == 5
    assert starts[(1084, "2026-04", "_T", "_T")] == 5
    assert starts[(1084, "2026-04", "_T", "7")] == 0
    assert starts[(0, "2026-04", "_T", "5")] == 5
    assert starts[(1084, "2026-03", "_T", "_T")] == 0
    # The start at 00:30 Danish time on 1 May is May's, and 1 is hidden.
    assert starts[(1084, "2026-05", "_T", "5")] is None

    stages = values(
        (await table(client, stats_token, measure="MATCHES_BY_STAGE", **months))["cells"]
    )
    assert stages[(0, "2026-03", "proposed", "_T")] == 6
    assert stages[(0, "2026-04", "started", "_T")] == 5
    assert (0, "2026-04", "_T", "_T") not in stages  # stages are not added up

    median = await table(client, stats_token, measure="MEDIAN_DAYS_TO_FIRST_START", **months)
    assert median["measure"]["unit"] == "DAYS"
    assert values(median["cells"]) == {
        (0, "2026-03", "_T", "_T"): None,  # nobody: no median, and nothing hidden
        (0, "2026-04", "_T", "_T"): 64,
        (0, "2026-05", "_T", "_T"): None,  # one person: hidden
    }
    assert [cell["suppressed"] for cell in median["cells"]] == [False, False, True]


@pytest.mark.usefixtures("hand_made")
async def test_openings_pledged_and_new_pathways(
    client: httpx.AsyncClient, stats_token: str
) -> None:
    pledged = await table(
        client,
        stats_token,
        measure="OPENINGS_PLEDGED",
        area="MUNICIPALITY",
        municipality=101,
        **{"from": "2026-01", "to": "2026-02"},
    )
    assert values(pledged["cells"]) == {
        (101, "2026-01", "_T", "_T"): 12,
        (101, "2026-02", "_T", "_T"): 0,
    }
    new = values(
        (
            await table(
                client,
                stats_token,
                measure="NEW_PATHWAYS",
                area="REGION",
                **{"from": "2026-02", "to": "2026-02"},
            )
        )["cells"]
    )
    assert (new[(0, "2026-02", "_T", "_T")], new[(1084, "2026-02", "_T", "_T")]) == (18, 12)
    assert new[(1082, "2026-02", "_T", "_T")] == 6  # Region Midtjylland: Aarhus


# -- Disclosure control over the demo data ----------------------------------------------------

MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
Area = tuple[str, int]


def month_of(moment: datetime) -> str:
    return moment.astimezone(DANISH_TIME).strftime("%Y-%m")


def last_day(month: str) -> date:
    next_month = date.fromisoformat(f"{month}-01").replace(day=28) + timedelta(days=4)
    return next_month - timedelta(days=next_month.day)


async def area_parents() -> dict[Area, Area]:
    parents: dict[Area, Area] = {}
    for municipality in await Municipality.all().prefetch_related("region"):
        region = ("REGION", municipality.region.code)
        parents[("MUNICIPALITY", municipality.code)] = region
        parents[region] = ("COUNTRY", 0)
    return parents


async def direct_counts(measure: str) -> Counter[tuple[int, str, str]]:
    """``measure`` counted in Python from the rows, by (municipality code, month,
    category): new pathways, young people by status at each month's end, or starts."""
    code_of = {m.id: m.code for m in await Municipality.all()}
    home = {p.id: code_of[p.municipality_id] for p in await YoungPerson.all()}
    counts: Counter[tuple[int, str, str]] = Counter()
    pathways = await Pathway.all()
    if measure == "NEW_PATHWAYS":
        for pathway in pathways:
            counts[(home[pathway.young_person_id], pathway.started_on.strftime("%Y-%m"), "_T")] += 1
    elif measure == "STARTS":
        for event in await MatchEvent.filter(stage=MatchStage.STARTED).prefetch_related("match"):
            counts[(home[event.match.young_person_id], month_of(event.at), "_T")] += 1
    else:
        keys = {v.id: v.key for v in await CodeValue.all()}
        history: dict[int, list[PathwayStatusChange]] = defaultdict(list)
        for change in await PathwayStatusChange.all().order_by("changed_on", "id"):
            history[change.pathway_id].append(change)
        for month in MONTHS:
            end = last_day(month)
            current: dict[int, Pathway] = {}
            for pathway in sorted(pathways, key=lambda p: (p.started_on, p.id)):
                if pathway.started_on <= end and (
                    pathway.ended_on is None or pathway.ended_on > end
                ):
                    current[pathway.young_person_id] = pathway  # the latest started wins
            for person, pathway in current.items():
                status = [c for c in history[pathway.id] if c.changed_on <= end][-1].status_id
                counts[(home[person], month, keys[status])] += 1
    return counts


def assert_no_total_gives_a_hidden_cell_away(
    cells: list[Cell], parents: dict[Area, Area], category_total: bool
) -> None:
    """Read the table as an outsider would: under each shown total, the hidden cells add
    up to the total minus the shown ones, and each is at least 1 (zeros are shown). So no
    hidden cell may be the only one under a shown total, none may be pinned below 4, and
    no hidden total may be the sum of shown cells."""
    Place = tuple[Area, str, str, str]
    by_place: dict[Place, Cell] = {}
    under: dict[tuple[str, Place], list[Cell]] = defaultdict(list)  # by dimension added up
    for cell in cells:
        area = (cell["area"]["level"], cell["area"]["code"])
        category = cell["category"]["key"] if cell["category"] else "_T"
        group = cell["occupationGroup"]["code"] if cell["occupationGroup"] else "_T"
        place: Place = (area, cell["month"], category, group)
        by_place[place] = cell
        if area in parents:
            under[("area", (parents[area], *place[1:]))].append(cell)
        if category_total and category != "_T":
            under[("category", (area, cell["month"], "_T", group))].append(cell)
        if group != "_T":
            under[("group", (area, cell["month"], category, "_T"))].append(cell)
    checked = 0
    for (_, place), parts in under.items():
        total = by_place.get(place)
        if total is None:
            continue  # not asked for
        hidden = [cell for cell in parts if cell["suppressed"]]
        if total["suppressed"]:
            assert hidden, f"{place}: a hidden total is the sum of shown cells"
        elif hidden:
            rest = total["value"] - sum(cell["value"] for cell in parts if not cell["suppressed"])
            assert len(hidden) > 1, f"{place}: the only hidden cell is {rest}"
            assert rest - len(hidden) + 1 >= 4, f"{place}: {len(hidden)} hidden add up to {rest}"
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("measure", ["NEW_PATHWAYS", "YOUNG_PEOPLE_BY_PATHWAY_STATUS", "STARTS"])
async def test_demo_counts_are_right_and_those_from_1_to_4_are_hidden(
    client: httpx.AsyncClient, stats_token: str, measure: str
) -> None:
    await seed_demo()
    parents = await area_parents()
    expected: Counter[tuple[Area, str, str]] = Counter()
    for (municipality, month, key), n in (await direct_counts(measure)).items():
        area = ("MUNICIPALITY", municipality)
        for place in (area, parents[area], ("COUNTRY", 0)):
            for category in {key, "_T"}:
                expected[(place, month, category)] += n
    found = await table(
        client,
        stats_token,
        measure=measure,
        area="MUNICIPALITY",
        **{"from": MONTHS[0], "to": MONTHS[-1]},
    )
    small = shown = 0
    for cell in found["cells"]:
        area = (cell["area"]["level"], cell["area"]["code"])
        category = cell["category"]["key"] if cell["category"] else "_T"
        count = expected[(area, cell["month"], category)]
        if 1 <= count <= 4:
            small += 1
            assert (cell["value"], cell["suppressed"]) == (None, True), cell
        elif not cell["suppressed"]:
            shown += 1
            assert cell["value"] == count, cell
    assert small > 0
    assert shown > 0
    assert_no_total_gives_a_hidden_cell_away(
        found["cells"], parents, category_total=measure == "YOUNG_PEOPLE_BY_PATHWAY_STATUS"
    )


@pytest.mark.parametrize(
    ("measure", "area", "by_group"),
    [
        ("MATCHES_BY_STAGE", "REGION", True),
        ("OPENINGS_POSTED", "MUNICIPALITY", True),
        ("OPENINGS_FILLED", "MUNICIPALITY", False),
        ("OPENINGS_PLEDGED", "MUNICIPALITY", False),
        ("FIRST_STARTS", "MUNICIPALITY", False),
        ("STARTS", "MUNICIPALITY", True),
    ],
)
async def test_no_total_of_the_demo_data_gives_a_hidden_cell_away(
    client: httpx.AsyncClient, stats_token: str, measure: str, area: str, by_group: bool
) -> None:
    await seed_demo()
    found = await table(
        client,
        stats_token,
        measure=measure,
        area=area,
        byOccupationGroup=by_group,
        **{"from": MONTHS[0], "to": MONTHS[-1]},
    )
    values = [cell["value"] for cell in found["cells"] if not cell["suppressed"]]
    assert not any(1 <= value <= 4 for value in values)
    assert_no_total_gives_a_hidden_cell_away(found["cells"], await area_parents(), False)


# -- Scopes and refusals ------------------------------------------------------------------------


async def test_a_public_token_is_forbidden(client: httpx.AsyncClient, public_token: str) -> None:
    body = await graphql_response(
        client, STATISTICS, {"measure": "NEW_PATHWAYS"}, token=public_token
    )
    assert body["data"] is None
    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    assert body["errors"][0]["path"] == ["statistics"]


def next_month() -> str:
    today = datetime.now(DANISH_TIME).date()
    return (today.replace(day=28) + timedelta(days=4)).strftime("%Y-%m")


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"from": "2023-01", "to": "2026-01"}, "from"),  # 37 months
        ({"from": "2026-06", "to": "2026-05"}, "from"),
        ({"from": "2026-6", "to": "2026-07"}, "from"),
        ({"to": "next month"}, "to"),
        ({"measure": "NEW_PATHWAYS", "byOccupationGroup": True}, "byOccupationGroup"),
        ({"measure": "YOUNG_PEOPLE_BY_PATHWAY_STATUS", "byOccupationGroup": True}, "byOccupationGroup"),
        ({"area": "COUNTRY", "region": 1081}, "region"),
        ({"area": "REGION", "municipality": 101}, "municipality"),
        ({"area": "MUNICIPALITY", "municipality": 999}, "municipality"),
        ({"area": "MUNICIPALITY", "byOccupationGroup": True, "from": "2024-01", "to": "2026-10"}, "from"),
    ],
)  # fmt: skip
async def test_bad_months_and_dimensions_are_bad_user_input(
    client: httpx.AsyncClient, stats_token: str, variables: dict[str, Any], argument: str
) -> None:
    if variables.get("to") == "next month":
        variables = {**variables, "to": next_month()}
    body = await graphql_response(
        client, STATISTICS, {"measure": "MATCHES_BY_STAGE", **variables}, token=stats_token
    )
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}, error


async def test_the_catalogue_says_what_each_measure_is_counted_by(
    client: httpx.AsyncClient, stats_token: str
) -> None:
    query = "query { statisticMeasures { measure unit areaOf categories categoryTotal byOccupationGroup median description } }"
    found = {
        m["measure"]: m
        for m in (await graphql(client, query, token=stats_token))["statisticMeasures"]
    }
    assert len(found) == 10
    assert [name for name, m in found.items() if m["byOccupationGroup"]] == [
        "MATCHES_BY_STAGE", "STARTS", "RETAINED_3M", "OPENINGS_POSTED", "OPENINGS_FILLED"
    ]  # fmt: skip
    assert found["MATCHES_BY_STAGE"]["categories"] == "MATCH_STAGE"
    assert found["MATCHES_BY_STAGE"]["categoryTotal"] is False
    assert found["MEDIAN_DAYS_TO_FIRST_START"]["median"] is True
    assert found["OPENINGS_PLEDGED"]["areaOf"] == "COMPANY"
