"""Pathways for a municipality's own systems (tokens with ``municipality:read``): the
young people of that municipality and their pathways, nothing else, every read audited.

Only what a municipal case system needs to follow a pathway is given: names, birth
year, postcode, education level, and the pathway's status history. Contact details,
birth dates and support needs stay in the portal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date

from tortoise import connections

from app.models import CodeList
from app.services import audit, codes
from app.services.authorization import MUNICIPALITY_READ, require_scope
from app.services.errors import ValidationError
from app.services.network import Listing, Row
from app.services.pagination import Ordering, Page, PageRequest, Query, row_id
from app.services.principal import Principal

PURPOSE = "municipal integration (municipality:read)"

COLUMNS = (
    "p.id, p.started_on, p.ended_on, p.status_id, p.outcome_id, p.version, "
    "y.id AS young_person_id, y.first_name, y.last_name, y.birth_year, y.postcode_id, "
    "y.education_level_id"
)
SOURCE = "pathway p JOIN young_person y ON y.id = p.young_person_id"
NEWEST_FIRST = Ordering(
    "pathway-start", ("p.started_on", "p.id"), (date.fromisoformat, row_id), descending=True
)


@dataclass(frozen=True)
class PathwayFilter:
    status: str = ""
    started_since: date | None = None
    active: bool | None = None


@dataclass(frozen=True)
class PathwayPage:
    page: Page
    count: Callable[[], Awaitable[int]]


async def pathway_page(
    principal: Principal, where: PathwayFilter, request: PageRequest
) -> PathwayPage:
    """One page of the pathways of the token's municipality, newest first; the read of
    every pathway on the page is audited."""
    require_scope(principal, MUNICIPALITY_READ)
    query = Query(COLUMNS, SOURCE, ["y.erased_at IS NULL"], [])
    query.conditions.append(f"y.municipality_id = {query.param(principal.municipality_id or 0)}")
    if where.status:
        status_id = (await codes.ids_by_key(CodeList.PATHWAY_STATUS, [where.status])).get(
            where.status
        )
        if status_id is None:
            raise ValidationError({"status": f"unknown pathway_status key: {where.status}"})
        query.conditions.append(f"p.status_id = {query.param(status_id)}")
    if where.started_since is not None:
        query.conditions.append(f"p.started_on >= {query.param(where.started_since)}")
    if where.active is not None:
        query.conditions.append("p.ended_on IS NULL" if where.active else "p.ended_on IS NOT NULL")
    listing = Listing(query, NEWEST_FIRST)
    page = (await listing.pages(request))[None]
    await audit.record_reads(
        principal,
        "pathway",
        [(row["id"], row["young_person_id"]) for row in page.rows],
        purpose=PURPOSE,
    )

    async def count() -> int:
        return (await listing.counts())[None]

    return PathwayPage(page, count)


async def status_histories(pathway_ids: Sequence[int]) -> dict[int, list[Row]]:
    """Each pathway's status changes, oldest first. Only for pathways already read
    through :func:`pathway_page` (which checked scope and audited the read)."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT pathway_id, status_id, changed_on FROM pathway_status_change "
        "WHERE pathway_id = ANY($1) ORDER BY changed_on, id",
        [list(pathway_ids)],
    )
    found: dict[int, list[Row]] = {pathway_id: [] for pathway_id in pathway_ids}
    for row in rows:
        found[row["pathway_id"]].append(row)
    return found
