"""Public geography: regions and municipalities. Anyone may read these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q

from app.models import CouncilMembership, EmploymentCouncil, Municipality, Region

MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class RegionGroup:
    region: Region
    municipalities: list[Municipality]


async def list_regions() -> list[Region]:
    return await Region.all().order_by("code")


async def regions_by_ids(ids: Iterable[int]) -> dict[int, Region]:
    return {region.id: region for region in await Region.filter(id__in=ids)}


async def search_municipalities(query: str = "") -> list[Municipality]:
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
    return await found.order_by("name")


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


async def municipalities_by_region_ids(region_ids: Sequence[int]) -> dict[int, list[Municipality]]:
    result: dict[int, list[Municipality]] = {region_id: [] for region_id in region_ids}
    for municipality in await Municipality.filter(region_id__in=region_ids).order_by("name"):
        result[municipality.region_id].append(municipality)
    return result


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
