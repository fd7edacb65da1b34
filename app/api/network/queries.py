"""The partner network at the root: companies, organisations and initiatives."""

from __future__ import annotations

from datetime import date

import strawberry

from app.api.connections import resolve_connection
from app.api.context import Info
from app.api.network.types import CompanyType, InitiativeType, OrganisationType
from app.api.permissions import requires_scope
from app.api.relay import Connection
from app.models import CodeList
from app.services import codes, geography, network
from app.services.authorization import PUBLIC_READ
from app.services.errors import ValidationError

PUBLIC = requires_scope(PUBLIC_READ)


@strawberry.input(name="CompanyFilter")
class CompanyFilterInput:
    municipality: int | None = strawberry.field(default=None, description="Municipality code.")
    region: int | None = strawberry.field(default=None, description="Region code.")
    search: str | None = strawberry.field(default=None, description="Part of the name.")


@strawberry.input(name="OrganisationFilter")
class OrganisationFilterInput:
    municipality: int | None = strawberry.field(
        default=None, description="Serves this municipality (code)."
    )
    region: int | None = strawberry.field(default=None, description="Serves this region (code).")
    kind: str | None = strawberry.field(default=None, description="organisation_kind key.")
    search: str | None = strawberry.field(default=None, description="Part of the name.")


@strawberry.input(name="InitiativeFilter")
class InitiativeFilterInput:
    tag: str | None = None
    active_on: date | None = strawberry.field(default=None, description="Running on this day.")


@strawberry.type
class NetworkQueries:
    @strawberry.field(extensions=PUBLIC, description="Verified companies, by name.")
    async def companies(
        self,
        info: Info,
        filter: CompanyFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[CompanyType]:
        given = filter or CompanyFilterInput()
        errors: dict[str, str] = {}
        municipality_id, region_id = await geography.place_ids(
            given.municipality, given.region, errors
        )
        if errors:
            raise ValidationError(errors)
        where = network.CompanyFilter(
            municipality_id=municipality_id, region_id=region_id, search=given.search or ""
        )
        return await resolve_connection(
            info,
            make=lambda _: network.companies(where),
            node_type="Company",
            convert=CompanyType.from_row,
            paging=(first, after, last, before),
        )

    @strawberry.field(extensions=PUBLIC, description="One verified company by its CVR number.")
    async def company(self, info: Info, cvr: str) -> CompanyType | None:
        row = await network.company_by_cvr(cvr)
        return CompanyType.from_row(row) if row else None

    @strawberry.field(extensions=PUBLIC, description="Verified organisations, by name.")
    async def organisations(
        self,
        info: Info,
        filter: OrganisationFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[OrganisationType]:
        given = filter or OrganisationFilterInput()
        errors: dict[str, str] = {}
        municipality_id, region_id = await geography.place_ids(
            given.municipality, given.region, errors
        )
        kind_id = None
        if given.kind:
            kind_id = (await codes.ids_by_key(CodeList.ORGANISATION_KIND, [given.kind])).get(
                given.kind
            )
            if kind_id is None:
                errors["kind"] = f"unknown organisation_kind key: {given.kind}"
        if errors:
            raise ValidationError(errors)
        where = network.OrganisationFilter(
            municipality_id=municipality_id,
            region_id=region_id,
            kind_id=kind_id,
            search=given.search or "",
        )
        return await resolve_connection(
            info,
            make=lambda _: network.organisations(where),
            node_type="Organisation",
            convert=OrganisationType.from_row,
            paging=(first, after, last, before),
        )

    @strawberry.field(extensions=PUBLIC, description="The initiative catalogue, newest first.")
    async def initiatives(
        self,
        info: Info,
        filter: InitiativeFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[InitiativeType]:
        given = filter or InitiativeFilterInput()
        where = network.InitiativeFilter(tag=given.tag or "", active_on=given.active_on)
        return await resolve_connection(
            info,
            make=lambda _: network.initiatives(where),
            node_type="Initiative",
            convert=InitiativeType.from_row,
            paging=(first, after, last, before),
        )
