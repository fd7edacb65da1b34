"""Searching job openings."""

from __future__ import annotations

import strawberry

from app.api.connections import resolve_connection
from app.api.context import Info
from app.api.enums import OpeningOrder
from app.api.openings.types import JobOpeningType, OpeningFilterInput
from app.api.permissions import requires_scope
from app.api.relay import Connection
from app.services import opening_search
from app.services.authorization import PUBLIC_READ
from app.services.opening_search import FilterInput


@strawberry.type
class OpeningQueries:
    @strawberry.field(
        extensions=requires_scope(PUBLIC_READ),
        description="Published job openings: filtered, ordered, a page at a time (at most "
        "100 per page).",
    )
    async def openings(
        self,
        info: Info,
        filter: OpeningFilterInput | None = None,
        order_by: OpeningOrder = OpeningOrder.NEWEST,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[JobOpeningType]:
        where = await opening_search.check_filter(_filter_input(filter), order_by)
        return await resolve_connection(
            info,
            make=lambda _: opening_search.openings(where),
            node_type="JobOpening",
            convert=JobOpeningType.from_row,
            paging=(first, after, last, before),
        )


def _filter_input(given: OpeningFilterInput | None) -> FilterInput:
    if given is None:
        return FilterInput()
    return FilterInput(
        municipality_code=given.municipality,
        region_code=given.region,
        kinds=given.kinds or (),
        occupation_group=given.occupation_group or "",
        supports=given.supports or (),
        hours_min=given.hours.min if given.hours else None,
        hours_max=given.hours.max if given.hours else None,
        statuses=tuple(given.status) if given.status else FilterInput.statuses,
        posted_since=given.posted_since,
        near_postcode=given.near.postcode if given.near else None,
        near_km=given.near.km if given.near else None,
    )
