"""The pathways of the token's municipality (``municipality:read``)."""

from __future__ import annotations

from datetime import date

import strawberry

from app.api.context import Info
from app.api.loaders import Selection, prefetch
from app.api.pathways.types import PathwayType
from app.api.permissions import requires_scope
from app.api.relay import Connection, page_request
from app.services import pathways
from app.services.authorization import MUNICIPALITY_READ


@strawberry.input(name="PathwayFilter")
class PathwayFilterInput:
    status: str | None = strawberry.field(default=None, description="pathway_status key.")
    started_since: date | None = None
    active: bool | None = strawberry.field(
        default=None, description="true: not ended; false: ended."
    )


@strawberry.type
class PathwayQueries:
    @strawberry.field(
        extensions=requires_scope(MUNICIPALITY_READ),
        description="The pathways of young people in the token's municipality, newest "
        "first. Personal data: every pathway returned is logged in the audit log.",
    )
    async def pathways(
        self,
        info: Info,
        filter: PathwayFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[PathwayType]:
        given = filter or PathwayFilterInput()
        where = pathways.PathwayFilter(
            status=given.status or "", started_since=given.started_since, active=given.active
        )
        found = await pathways.pathway_page(
            info.context.principal, where, page_request(first, after, last, before)
        )
        selection = Selection.of(info).connection_nodes()
        await prefetch(info.context.loaders, "Pathway", found.page.rows, selection)
        return Connection.of(
            [PathwayType.from_row(row) for row in found.page.rows], found.page, found.count
        )
