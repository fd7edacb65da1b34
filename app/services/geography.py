"""Public geography: regions and municipalities. Anyone may read these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from app.models import CouncilMembership, EmploymentCouncil, Municipality, Postcode, Region
from app.services.bounds import small_int
from app.services.rows import rows_by_ids

MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class RegionGroup:
    region: Region
    municipalities: list[Municipality]


async def regions_by_ids(ids: Iterable[int]) -> dict[int, Region]:
    return {region.id: region for region in await Region.filter(id__in=ids)}


async def search_municipalities(query: str = "") -> list[Municipality]:
    return await _municipality_search(query)


async def search_municipality_rows(query: str = "") -> list[dict[str, Any]]:
    return list(await _municipality_search(query).values())


async def region_rows_in_order() -> list[dict[str, Any]]:
    return list(await Region.all().order_by("code").values())


def _municipality_search(query: str) -> QuerySet[Municipality]:
    """Municipalities with a word of their name starting with ``query`` (case-insensitive:
    "aar" finds Aarhus, "taa" Lyngby-Taarbæk) or whose code is ``query``, ordered by name;
    every municipality when ``query`` is blank."""
    text = query.strip()[:MAX_QUERY_LENGTH]
    found = Municipality.all()
    if text:
        condition = (
            Q(name__istartswith=text)
            | Q(name__icontains=f" {text}")
            | Q(name__icontains=f"-{text}")
        )
        if text.isdigit():
            condition |= Q(code=int(text))
        found = found.filter(condition)
    return found.order_by("name")


async def municipalities_grouped_by_region(query: str = "") -> list[RegionGroup]:
    """The municipalities matching ``query``, grouped under their regions (in code order)."""
    municipalities = await search_municipalities(query)
    regions = await regions_by_ids({m.region_id for m in municipalities})
    groups: dict[int, list[Municipality]] = {}
    for municipality in municipalities:
        groups.setdefault(municipality.region_id, []).append(municipality)
    return [
        RegionGroup(region=regions[region_id], municipalities=members)
        for region_id, members in sorted(groups.items(), key=lambda item: regions[item[0]].code)
    ]


async def current_councils_by_municipality_ids(
    municipality_ids: Sequence[int], on: date | None = None
) -> dict[int, EmploymentCouncil]:
    """The employment council each municipality belongs to on ``on`` (default today)."""
    day = on or date.today()
    memberships = await CouncilMembership.filter(
        Q(municipality_id__in=municipality_ids),
        Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gt=day),
    ).prefetch_related("council")
    return {m.municipality_id: m.council for m in memberships}


# Rows for the API's loaders: plain mappings, by ID.


async def region_rows(ids: Sequence[int]) -> dict[int, Any]:
    return await rows_by_ids("region", ids)


async def municipality_rows(ids: Sequence[int]) -> dict[int, Any]:
    return await rows_by_ids("municipality", ids)


async def municipality_rows_by_region(region_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {region_id: [] for region_id in region_ids}
    for row in await Municipality.filter(region_id__in=region_ids).order_by("name").values():
        found[row["region_id"]].append(row)
    return found


async def council_rows_by_municipality(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The employment council each municipality belongs to today."""
    councils = await current_councils_by_municipality_ids(ids)
    return {
        municipality_id: {
            "id": council.id,
            "name": council.name,
            "valid_from": council.valid_from,
            "valid_to": council.valid_to,
        }
        for municipality_id, council in councils.items()
    }


async def postcode_rows(ids: Sequence[int]) -> dict[int, Any]:
    return await rows_by_ids("postcode", ids)


async def postcode_by_code(code: int) -> Postcode | None:
    code_ = small_int(code)
    return None if code_ is None else await Postcode.get_or_none(code=code_)


async def region_row_by_code(code: int) -> dict[str, Any] | None:
    code_ = small_int(code)
    found = [] if code_ is None else await Region.filter(code=code_).values()
    return found[0] if found else None


async def municipality_row_by_code(code: int) -> dict[str, Any] | None:
    code_ = small_int(code)
    found = [] if code_ is None else await Municipality.filter(code=code_).values()
    return found[0] if found else None


async def place_ids(
    municipality_code: int | None, region_code: int | None, errors: dict[str, str]
) -> tuple[int | None, int | None]:
    """The IDs of a municipality and a region given by code (None when not given); an
    unknown code adds a message to ``errors`` and gives 0, which matches nothing."""
    municipality_id = region_id = None
    if municipality_code is not None:
        municipality = await municipality_row_by_code(municipality_code)
        if municipality is None:
            errors["municipality"] = f"no municipality has the code {municipality_code}"
        municipality_id = municipality["id"] if municipality else 0
    if region_code is not None:
        region = await region_row_by_code(region_code)
        if region is None:
            errors["region"] = f"no region has the code {region_code} (1081-1085)"
        region_id = region["id"] if region else 0
    return municipality_id, region_id
