"""``node(id:)`` and ``nodes(ids:)``: any public object by its global ID."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from app.api.context import Info
from app.api.errors import bad_input
from app.api.geography.types import MunicipalityType, RegionType
from app.api.loaders import Loaders
from app.api.network.types import CompanyType, InitiativeType, OfferType, OrganisationType
from app.api.openings.types import JobOpeningType
from app.api.permissions import requires_scope
from app.api.relay import Node, from_global_id
from app.services.authorization import PUBLIC_READ
from app.services.pagination import MAX_PAGE_SIZE

# Each Node type: the loader of its public rows, and how a row becomes the type.
NODE_TYPES: dict[str, tuple[Callable[[Loaders], DataLoader[int, Any]], Callable[[Any], Node]]] = {
    "Region": (lambda loaders: loaders.region, RegionType.from_row),
    "Municipality": (lambda loaders: loaders.municipality, MunicipalityType.from_row),
    "Company": (lambda loaders: loaders.company, CompanyType.from_row),
    "Organisation": (lambda loaders: loaders.organisation, OrganisationType.from_row),
    "Offer": (lambda loaders: loaders.offer, OfferType.from_row),
    "Initiative": (lambda loaders: loaders.initiative, InitiativeType.from_row),
    "JobOpening": (lambda loaders: loaders.opening, JobOpeningType.from_row),
}


async def _load(info: Info, ids: list[tuple[str, str]]) -> list[Node | None]:
    """The nodes of (global ID, argument name) pairs: every ID is checked before any is
    loaded, and the loads of one type are batched into one statement."""
    parsed = []
    for global_id, argument in ids:
        type_name, key = from_global_id(global_id, argument=argument)
        if type_name not in NODE_TYPES:
            raise bad_input(f"{argument}: not an ID of this API", argument=argument)
        parsed.append((NODE_TYPES[type_name], key))
    rows = await asyncio.gather(
        *(loader(info.context.loaders).load(key) for (loader, _), key in parsed)
    )
    return [
        convert(row) if row is not None else None
        for ((_, convert), _), row in zip(parsed, rows, strict=True)
    ]


@strawberry.type
class NodeQueries:
    @strawberry.field(
        extensions=requires_scope(PUBLIC_READ),
        description="Any public object by its global ID; null when there is none.",
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return (await _load(info, [(id, "id")]))[0]

    @strawberry.field(
        extensions=requires_scope(PUBLIC_READ),
        description=f"Public objects by global ID, in the order given (at most {MAX_PAGE_SIZE}); "
        "null where there is none.",
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_PAGE_SIZE:
            raise bad_input(f"at most {MAX_PAGE_SIZE} ids, not {len(ids)}", argument="ids")
        return await _load(info, [(global_id, f"ids[{i}]") for i, global_id in enumerate(ids)])
