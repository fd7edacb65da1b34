"""Geography at the root: regions and municipalities."""

from __future__ import annotations

import strawberry

from app.api.geography.types import MunicipalityType, RegionType
from app.api.permissions import requires_scope
from app.services import geography
from app.services.authorization import PUBLIC_READ

PUBLIC = requires_scope(PUBLIC_READ)


@strawberry.type
class GeographyQueries:
    @strawberry.field(extensions=PUBLIC, description="Denmark's regions, by code.")
    async def regions(self) -> list[RegionType]:
        return [RegionType.from_row(row) for row in await geography.region_rows_in_order()]

    @strawberry.field(extensions=PUBLIC, description="One region by its code (1081-1085).")
    async def region(self, code: int) -> RegionType | None:
        found = await geography.region_row_by_code(code)
        return RegionType.from_row(found) if found else None

    @strawberry.field(
        extensions=PUBLIC,
        description="Municipalities by name; `search` matches the start of a word in the name, "
        "or a code.",
    )
    async def municipalities(self, search: str = "") -> list[MunicipalityType]:
        found = await geography.search_municipality_rows(search)
        return [MunicipalityType.from_row(row) for row in found]

    @strawberry.field(extensions=PUBLIC, description="One municipality by its 3-digit code.")
    async def municipality(self, code: int) -> MunicipalityType | None:
        found = await geography.municipality_row_by_code(code)
        return MunicipalityType.from_row(found) if found else None
