"""Searching published job openings: by place, kind, occupation group, support, hours,
status, posting date and distance from a postcode, in an explicit order.

A distance search first narrows to a bounding box (answered by the GiST index on the
openings' points, see migration 0002), then measures great-circle distance exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.models import (
    CodeList,
    OpeningStatus,
)
from app.models.openings import MAX_HOURS_PER_WEEK
from app.services import codes, geography, network
from app.services.errors import ValidationError
from app.services.network import Entity, Listing, Row
from app.services.pagination import Ordering, row_id

EARTH_RADIUS_KM = 6371.0
MAX_DISTANCE_KM = 300.0
KM_PER_DEGREE_LAT = 111.2

OPENING = Entity(
    "job_opening",
    "o",
    (
        "id", "company_id", "title", "description", "occupation_id", "kind_id", "hours_min",
        "hours_max", "postcode_id", "municipality_id", "lat", "lon", "positions", "start_date",
        "posted_on", "apply_by", "min_age", "requirements", "supports", "status", "version",
    ),
    "{a}.status <> 'draft' AND EXISTS (SELECT 1 FROM company c "
    f"WHERE c.id = {{a}}.company_id AND {network.COMPANY.visible('c')})",
)  # fmt: skip


class OpeningOrder(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    TITLE = "title"
    NEAREST = "nearest"


@dataclass(frozen=True)
class Near:
    """Within ``km`` of a point (a postcode's centre)."""

    lat: float
    lon: float
    km: float

    def distance_sql(self) -> str:
        """Great-circle distance in km from the point to the opening (haversine). The
        numbers are floats we computed, never client text."""
        lat, lon = math.radians(self.lat), math.radians(self.lon)
        return (
            f"(2 * {EARTH_RADIUS_KM} * asin(sqrt("
            f"power(sin((radians(o.lat) - {lat!r}) / 2), 2) + "
            f"cos({lat!r}) * cos(radians(o.lat)) * power(sin((radians(o.lon) - {lon!r}) / 2), 2))))"
        )

    def box_sql(self) -> str:
        d_lat = self.km / KM_PER_DEGREE_LAT
        d_lon = self.km / (KM_PER_DEGREE_LAT * max(math.cos(math.radians(self.lat)), 0.01))
        return (
            f"point(o.lon, o.lat) <@ box(point({self.lon - d_lon!r}, {self.lat - d_lat!r}), "
            f"point({self.lon + d_lon!r}, {self.lat + d_lat!r}))"
        )


@dataclass(frozen=True)
class OpeningFilter:
    """A checked filter (see :func:`check_filter`); empty fields do not filter.
    ``municipality_ids`` and ``company_ids`` make pages per parent (nested connections)."""

    municipality_ids: Sequence[int] | None = None
    company_ids: Sequence[int] | None = None
    municipality_id: int | None = None
    region_id: int | None = None
    kind_ids: Sequence[int] = ()
    occupation_code: str = ""
    supports: Sequence[str] = ()
    hours_min: int | None = None
    hours_max: int | None = None
    statuses: Sequence[OpeningStatus] = (OpeningStatus.OPEN,)
    posted_since: date | None = None
    near: Near | None = None
    order: OpeningOrder = OpeningOrder.NEWEST


@dataclass(frozen=True)
class FilterInput:
    """A filter as a client gives it: codes and keys, not IDs."""

    municipality_code: int | None = None
    region_code: int | None = None
    kinds: Sequence[str] = ()
    occupation_group: str = ""
    supports: Sequence[str] = ()
    hours_min: int | None = None
    hours_max: int | None = None
    statuses: Sequence[OpeningStatus] = (OpeningStatus.OPEN,)
    posted_since: date | None = None
    near_postcode: int | None = None
    near_km: float | None = None


async def check_filter(given: FilterInput, order: OpeningOrder) -> OpeningFilter:
    """Turn codes and keys into IDs; :class:`ValidationError` names every bad field."""
    errors: dict[str, str] = {}
    municipality_id, region_id = await geography.place_ids(
        given.municipality_code, given.region_code, errors
    )
    kind_ids = await _code_ids(CodeList.OPENING_KIND, given.kinds, "kinds", errors)
    await _code_ids(CodeList.SUPPORT, given.supports, "supports", errors)
    group = given.occupation_group
    if group and await codes.occupation_by_code(group) is None:
        errors["occupationGroup"] = f"{group!r} is not a DISCO-08 major or sub-major group"
    for name, hours in (("hours.min", given.hours_min), ("hours.max", given.hours_max)):
        if hours is not None and not 0 <= hours <= MAX_HOURS_PER_WEEK:
            errors[name] = f"hours per week are between 0 and {MAX_HOURS_PER_WEEK}"
    if (
        given.hours_min is not None
        and given.hours_max is not None
        and given.hours_min > given.hours_max
    ):
        errors["hours"] = "min is more than max"
    if OpeningStatus.DRAFT in given.statuses:
        errors["status"] = "drafts are never public"
    near = await _near(given, errors)
    if order == OpeningOrder.NEAREST and near is None and "near" not in errors:
        errors["orderBy"] = "NEAREST needs `near`"
    if errors:
        raise ValidationError(errors)
    return OpeningFilter(
        municipality_id=municipality_id,
        region_id=region_id,
        kind_ids=kind_ids,
        occupation_code=given.occupation_group,
        supports=tuple(given.supports),
        hours_min=given.hours_min,
        hours_max=given.hours_max,
        statuses=tuple(given.statuses),
        posted_since=given.posted_since,
        near=near,
        order=order,
    )


async def _code_ids(
    code_list: CodeList, keys: Sequence[str], name: str, errors: dict[str, str]
) -> list[int]:
    if not keys:
        return []
    found = await codes.ids_by_key(code_list, keys)
    unknown = sorted(set(keys) - set(found))
    if unknown:
        errors[name] = f"unknown {code_list.value} keys: {', '.join(unknown)}"
    return [found[key] for key in keys if key in found]


async def _near(given: FilterInput, errors: dict[str, str]) -> Near | None:
    if given.near_postcode is None:
        return None
    km = given.near_km if given.near_km is not None else 0.0
    if not 0 < km <= MAX_DISTANCE_KM or math.isnan(km):
        errors["near.km"] = f"km must be more than 0 and at most {MAX_DISTANCE_KM:g}"
    postcode = await geography.postcode_by_code(given.near_postcode)
    if postcode is None:
        errors["near.postcode"] = f"{given.near_postcode} is not a Danish postcode"
        return None
    return Near(lat=postcode.lat, lon=postcode.lon, km=km)


def openings(where: OpeningFilter) -> Listing:
    """The published openings ``where`` selects, in its order."""
    query = OPENING.query()
    add = query.conditions.append
    if where.municipality_id is not None:
        add(f"o.municipality_id = {query.param(where.municipality_id)}")
    if where.region_id is not None:
        region = query.param(where.region_id)
        add(f"o.municipality_id IN (SELECT id FROM municipality WHERE region_id = {region})")
    if where.kind_ids:
        add(query.one_of("o.kind_id", where.kind_ids))
    if where.occupation_code:
        add(
            "o.occupation_id IN (SELECT id FROM occupation WHERE code LIKE "
            f"{query.param(where.occupation_code + '%')})"
        )
    if where.supports:
        add(f"o.supports @> {query.param(list(where.supports))}::text[]")
    if where.hours_min is not None:
        add(f"o.hours_max >= {query.param(where.hours_min)}")
    if where.hours_max is not None:
        add(f"o.hours_min <= {query.param(where.hours_max)}")
    add(query.one_of("o.status", [status.value for status in where.statuses], "::text[]"))
    if where.posted_since is not None:
        add(f"o.posted_on >= {query.param(where.posted_since)}")
    if where.near is not None:
        distance = where.near.distance_sql()
        add(where.near.box_sql())
        add(f"{distance} <= {where.near.km!r}")
        query.columns += f", {distance} AS distance_km"
    listing = Listing(query, _ordering(where))
    if where.municipality_ids is not None:
        listing.partition, listing.parents = "o.municipality_id", list(where.municipality_ids)
    elif where.company_ids is not None:
        listing.partition, listing.parents = "o.company_id", list(where.company_ids)
    return listing


def _ordering(where: OpeningFilter) -> Ordering:
    match where.order:
        case OpeningOrder.NEWEST:
            return Ordering(
                "newest", ("o.posted_on", "o.id"), (date.fromisoformat, row_id), descending=True
            )
        case OpeningOrder.OLDEST:
            return Ordering("oldest", ("o.posted_on", "o.id"), (date.fromisoformat, row_id))
        case OpeningOrder.TITLE:
            return Ordering("title", ("o.title", "o.id"), (str, row_id))
        case OpeningOrder.NEAREST:
            assert where.near is not None  # check_filter demands it
            return Ordering("nearest", (where.near.distance_sql(), "o.id"), (float, row_id))


async def rows_by_ids(ids: Iterable[int]) -> dict[int, Row]:
    """The published openings with these IDs."""
    return await network.rows_by_ids(OPENING, ids)
