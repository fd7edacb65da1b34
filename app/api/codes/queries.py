"""The code lists at the root."""

from __future__ import annotations

import strawberry

from app.api.codes.types import CodeType, IndustryType, OccupationType
from app.api.enums import CodeList
from app.api.errors import bad_input
from app.api.permissions import requires_scope
from app.services import codes
from app.services.authorization import PUBLIC_READ

PUBLIC = requires_scope(PUBLIC_READ)


@strawberry.type
class CodeQueries:
    @strawberry.field(
        extensions=PUBLIC,
        description="DISCO-08 occupation groups by code; `level` 1 for major groups, 2 for "
        "sub-major groups, both when left out.",
    )
    async def occupations(self, level: int | None = None) -> list[OccupationType]:
        if level is not None and level not in (1, 2):
            raise bad_input("level is 1 (major groups) or 2 (sub-major groups)", argument="level")
        return [OccupationType.from_row(row) for row in await codes.occupations(level)]

    @strawberry.field(extensions=PUBLIC, description="DB07 sections, A-U.")
    async def industries(self) -> list[IndustryType]:
        return [IndustryType.from_row(row) for row in await codes.industries()]

    @strawberry.field(extensions=PUBLIC, description="The values of a code list valid today.")
    async def codes(self, list: CodeList) -> list[CodeType]:
        return [CodeType.from_row(row) for row in await codes.code_values(list)]
