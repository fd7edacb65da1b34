"""The partner network as the public sees it: verified companies and organisations, their
pledges and offers, and initiatives.

What is public is decided here, once, as SQL conditions; the API reads through these
functions. Rows come back as mappings (column -> value) read with plain SQL, so a page
of 100 costs one statement and no model instantiation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tortoise import connections

from app.services.pagination import (
    Ordering,
    Page,
    PageRequest,
    Query,
    count_by,
    fetch_pages,
    row_id,
)

Row = Mapping[str, Any]

MAX_SEARCH_LENGTH = 100


@dataclass(frozen=True)
class Entity:
    """A table as the public sees it: the columns it shows, and ``public``, the condition
    a row must meet, written for any alias of the table as ``{a}``."""

    table: str
    alias: str
    columns: tuple[str, ...]
    public: str

    def visible(self, alias: str) -> str:
        """The public condition on the table under ``alias``."""
        return self.public.format(a=alias)

    @property
    def source(self) -> str:
        return f"{self.table} {self.alias}"

    @property
    def select(self) -> str:
        return ", ".join(f"{self.alias}.{column}" for column in self.columns)

    def query(self, *conditions: str, params: Sequence[Any] = ()) -> Query:
        return Query(
            self.select, self.source, [self.visible(self.alias), *conditions], list(params)
        )


COMPANY = Entity(
    "company",
    "c",
    (
        "id", "cvr", "name", "address", "postcode_id", "municipality_id", "industry_id",
        "description", "website", "verified_at",
    ),
    "{a}.status = 'verified'",
)  # fmt: skip
ORGANISATION = Entity(
    "organisation",
    "g",
    (
        "id", "name", "kind_id", "cvr", "description", "website", "email", "phone",
        "postcode_id", "verified_at",
    ),
    "{a}.status = 'verified'",
)  # fmt: skip
OFFER = Entity(
    "offer",
    "f",
    ("id", "organisation_id", "kind_id", "title", "description", "age_min", "age_max"),
    "{a}.is_active AND EXISTS (SELECT 1 FROM organisation g "
    f"WHERE g.id = {{a}}.organisation_id AND {ORGANISATION.visible('g')})",
)
INITIATIVE = Entity(
    "initiative",
    "i",
    (
        "id", "title", "summary", "owner_municipality_id", "owner_organisation_id",
        "target_group", "partners", "results", "starts_on", "ends_on", "tags",
    ),
    "({a}.owner_organisation_id IS NULL OR EXISTS (SELECT 1 FROM organisation g "
    f"WHERE g.id = {{a}}.owner_organisation_id AND {ORGANISATION.visible('g')}))",
)  # fmt: skip

COMPANIES_BY_NAME = Ordering("company-name", ("c.name", "c.id"), (str, row_id))
ORGANISATIONS_BY_NAME = Ordering("organisation-name", ("g.name", "g.id"), (str, row_id))
OFFERS_BY_TITLE = Ordering("offer-title", ("f.title", "f.id"), (str, row_id))
INITIATIVES_BY_START = Ordering(
    "initiative-start", ("i.starts_on", "i.id"), (date.fromisoformat, row_id), descending=True
)
SERVES = "JOIN organisation_municipality om ON om.organisation_id = g.id"


async def rows_by_ids(entity: Entity, ids: Iterable[int]) -> dict[int, Row]:
    """The public rows with these IDs (others are simply absent)."""
    query = entity.query(f"{entity.alias}.id = ANY($1)", params=[list(set(ids))])
    sql = f"SELECT {query.columns} FROM {query.source} WHERE {query.where()}"
    rows = (await connections.get("default").execute_query(sql, query.params))[1]
    return {row["id"]: row for row in rows}


@dataclass(frozen=True)
class CompanyFilter:
    """``municipality_ids`` makes a page per municipality (a nested connection)."""

    municipality_ids: Sequence[int] | None = None
    municipality_id: int | None = None
    region_id: int | None = None
    search: str = ""


@dataclass(frozen=True)
class OrganisationFilter:
    """``municipality_ids`` makes a page per municipality (a nested connection)."""

    municipality_ids: Sequence[int] | None = None
    municipality_id: int | None = None
    region_id: int | None = None
    kind_id: int | None = None
    search: str = ""


@dataclass(frozen=True)
class InitiativeFilter:
    municipality_ids: Sequence[int] | None = None
    organisation_ids: Sequence[int] | None = None
    tag: str = ""
    active_on: date | None = None


@dataclass
class Listing:
    """A filtered list: a query, its ordering, and the column that groups it under a
    parent when it is a nested connection."""

    query: Query
    ordering: Ordering
    partition: str | None = None
    parents: list[Any] = field(default_factory=list)

    async def pages(self, request: PageRequest) -> dict[Any, Page]:
        return await fetch_pages(
            self.query, self.ordering, request, partition=self.partition, parents=self.parents
        )

    async def counts(self) -> dict[Any, int]:
        if self.partition is None:
            return {None: await self.query.count()}
        return await count_by(self.query, self.partition, self.parents)

    def join(self, entity: Entity, on: str) -> Callable[[Any], Row | None]:
        """Read the public ``entity`` row that the column ``on`` points at with each row,
        in the same statement; returns how to take it out of a row (None when there is
        none). Counting is not affected: the join finds one row or none."""
        alias = f"j_{entity.table}"
        self.query.source += (
            f" LEFT JOIN {entity.table} {alias} ON {alias}.id = {on} AND {entity.visible(alias)}"
        )
        prefix = f"{alias}__"
        self.query.columns += "".join(
            f", {alias}.{column} AS {prefix}{column}" for column in entity.columns
        )

        def joined(row: Any) -> Row | None:
            if row[f"{prefix}id"] is None:
                return None
            return {column: row[f"{prefix}{column}"] for column in entity.columns}

        return joined


def _search(query: Query, column: str, text: str) -> None:
    text = text.strip()[:MAX_SEARCH_LENGTH]
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query.conditions.append(f"{column} ILIKE {query.param(f'%{escaped}%')}")


def _in_region(query: Query, column: str, region_id: int | None) -> None:
    if region_id is not None:
        query.conditions.append(
            f"{column} IN (SELECT id FROM municipality WHERE region_id = {query.param(region_id)})"
        )


def companies(where: CompanyFilter) -> Listing:
    query = COMPANY.query()
    _search(query, "c.name", where.search)
    if where.municipality_id is not None:
        query.conditions.append(f"c.municipality_id = {query.param(where.municipality_id)}")
    _in_region(query, "c.municipality_id", where.region_id)
    listing = Listing(query, COMPANIES_BY_NAME)
    if where.municipality_ids is not None:
        listing.partition, listing.parents = "c.municipality_id", list(where.municipality_ids)
    return listing


def organisations(where: OrganisationFilter) -> Listing:
    query = ORGANISATION.query()
    _search(query, "g.name", where.search)
    if where.kind_id is not None:
        query.conditions.append(f"g.kind_id = {query.param(where.kind_id)}")
    if where.municipality_id is not None:
        query.conditions.append(
            "EXISTS (SELECT 1 FROM organisation_municipality r WHERE r.organisation_id = g.id "
            f"AND r.municipality_id = {query.param(where.municipality_id)})"
        )
    if where.region_id is not None:
        query.conditions.append(
            "EXISTS (SELECT 1 FROM organisation_municipality r JOIN municipality m "
            "ON m.id = r.municipality_id WHERE r.organisation_id = g.id "
            f"AND m.region_id = {query.param(where.region_id)})"
        )
    listing = Listing(query, ORGANISATIONS_BY_NAME)
    if where.municipality_ids is not None:
        query.source = f"{query.source} {SERVES}"
        listing.partition, listing.parents = "om.municipality_id", list(where.municipality_ids)
    return listing


def offers(organisation_ids: Sequence[int]) -> Listing:
    return Listing(OFFER.query(), OFFERS_BY_TITLE, "f.organisation_id", list(organisation_ids))


def initiatives(where: InitiativeFilter) -> Listing:
    query = INITIATIVE.query()
    if where.tag:
        query.conditions.append(f"{query.param(where.tag[:MAX_SEARCH_LENGTH])} = ANY(i.tags)")
    if where.active_on is not None:
        day = query.param(where.active_on)
        query.conditions.append(
            f"i.starts_on <= {day} AND (i.ends_on IS NULL OR i.ends_on >= {day})"
        )
    listing = Listing(query, INITIATIVES_BY_START)
    if where.municipality_ids is not None:
        listing.partition, listing.parents = "i.owner_municipality_id", list(where.municipality_ids)
    elif where.organisation_ids is not None:
        listing.partition = "i.owner_organisation_id"
        listing.parents = list(where.organisation_ids)
    return listing


async def municipalities_served(organisation_ids: Sequence[int]) -> dict[int, list[int]]:
    """The municipality IDs each organisation serves."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT organisation_id, municipality_id FROM organisation_municipality "
        "WHERE organisation_id = ANY($1) ORDER BY municipality_id",
        [list(organisation_ids)],
    )
    served: dict[int, list[int]] = {key: [] for key in organisation_ids}
    for row in rows:
        served[row["organisation_id"]].append(row["municipality_id"])
    return served


async def current_pledges(company_ids: Sequence[int]) -> dict[int, Row]:
    """Each company's latest pledge."""
    rows = (
        await connections.get("default").execute_query(
            "SELECT DISTINCT ON (company_id) id, company_id, openings_promised, joined_on, note "
            "FROM pledge WHERE company_id = ANY($1) ORDER BY company_id, joined_on DESC, id DESC",
            [list(company_ids)],
        )
    )[1]
    return {row["company_id"]: row for row in rows}


async def company_by_cvr(cvr: str) -> Row | None:
    """The verified company with this CVR number."""
    query = COMPANY.query("c.cvr = $1", params=[cvr.strip()[:8]])
    sql = f"SELECT {query.columns} FROM {query.source} WHERE {query.where()}"
    rows = (await connections.get("default").execute_query(sql, query.params))[1]
    return rows[0] if rows else None
