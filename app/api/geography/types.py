"""GraphQL types for regions, employment councils, postcodes and municipalities, with
each municipality's local partnership."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.api.connections import resolve_connection
from app.api.context import Info
from app.api.enums import OpeningStatus
from app.api.loaders import now_or_later
from app.api.relay import Connection, Node
from app.services import network, opening_search
from app.services.network import Row

if TYPE_CHECKING:
    from app.api.network.types import CompanyType, InitiativeType, OrganisationType
    from app.api.openings.types import JobOpeningType

NETWORK = "app.api.network.types"
OPENINGS = "app.api.openings.types"


@strawberry.type(name="GeoPoint", description="A point in WGS84 degrees.")
class GeoPointType:
    lat: float
    lon: float


@strawberry.type(name="Region", description="One of Denmark's five regions.")
class RegionType(Node):
    code: int = strawberry.field(description="DAWA region code, 1081-1085.")
    name: str
    official_name: str
    nuts2: str
    valid_from: date
    valid_to: date | None

    @classmethod
    def from_row(cls, row: Row) -> RegionType:
        return cls(
            pk=row["id"],
            code=row["code"],
            name=row["name"],
            official_name=row["official_name"],
            nuts2=row["nuts2"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
        )

    @strawberry.field(description="The region's municipalities, by name.")
    async def municipalities(self, info: Info) -> list[MunicipalityType]:
        found = await info.context.loaders.municipalities_of_region.load(self.pk)
        return [MunicipalityType.from_row(row) for row in found or []]


@strawberry.type(name="EmploymentCouncil", description="A regional employment council.")
class EmploymentCouncilType:
    name: str
    valid_from: date
    valid_to: date | None

    @classmethod
    def from_row(cls, row: Row) -> EmploymentCouncilType:
        return cls(name=row["name"], valid_from=row["valid_from"], valid_to=row["valid_to"])


@strawberry.type(name="Postcode", description="A Danish postcode area.")
class PostcodeType:
    code: int = strawberry.field(description="4 digits, e.g. 8000.")
    name: str
    point: GeoPointType = strawberry.field(description="The area's centre.")
    municipality_id: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> PostcodeType:
        return cls(
            code=row["code"],
            name=row["name"],
            point=GeoPointType(lat=row["lat"], lon=row["lon"]),
            municipality_id=row["municipality_id"],
        )

    @strawberry.field(description="The municipality the postcode mostly lies in.")
    def municipality(self, info: Info) -> MunicipalityType:
        loader = info.context.loaders.municipality
        return now_or_later(loader, self.municipality_id, MunicipalityType.from_row)


@strawberry.type(
    name="Municipality",
    description="One of Denmark's 98 municipalities, and its local partnership.",
)
class MunicipalityType(Node):
    region_id: strawberry.Private[int]
    code: int = strawberry.field(description="3-digit municipality code, e.g. 101 København.")
    name: str
    point: GeoPointType = strawberry.field(description="Area-weighted centroid.")

    @classmethod
    def from_row(cls, row: Row) -> MunicipalityType:
        return cls(
            pk=row["id"],
            region_id=row["region_id"],
            code=row["code"],
            name=row["name"],
            point=GeoPointType(lat=row["lat"], lon=row["lon"]),
        )

    @strawberry.field
    def region(self, info: Info) -> RegionType:
        loader = info.context.loaders.region
        return now_or_later(loader, self.region_id, RegionType.from_row)

    @strawberry.field(description="The employment council the municipality belongs to today.")
    def employment_council(self, info: Info) -> EmploymentCouncilType | None:
        loader = info.context.loaders.council_of_municipality
        return now_or_later(loader, self.pk, EmploymentCouncilType.from_row)

    @strawberry.field(description="Verified companies in the municipality, by name.")
    async def companies(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[CompanyType, strawberry.lazy(NETWORK)]]:
        from app.api.network.types import CompanyType

        return await resolve_connection(
            info,
            make=lambda parents: network.companies(network.CompanyFilter(municipality_ids=parents)),
            node_type="Company",
            convert=CompanyType.from_row,
            paging=(first, after, last, before),
            key="Municipality.companies",
            parent=self.pk,
        )

    @strawberry.field(description="Verified organisations serving the municipality, by name.")
    async def organisations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[OrganisationType, strawberry.lazy(NETWORK)]]:
        from app.api.network.types import OrganisationType

        return await resolve_connection(
            info,
            make=lambda parents: network.organisations(
                network.OrganisationFilter(municipality_ids=parents)
            ),
            node_type="Organisation",
            convert=OrganisationType.from_row,
            paging=(first, after, last, before),
            key="Municipality.organisations",
            parent=self.pk,
        )

    @strawberry.field(description="Initiatives the municipality owns, newest first.")
    async def initiatives(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[InitiativeType, strawberry.lazy(NETWORK)]]:
        from app.api.network.types import InitiativeType

        return await resolve_connection(
            info,
            make=lambda parents: network.initiatives(
                network.InitiativeFilter(municipality_ids=parents)
            ),
            node_type="Initiative",
            convert=InitiativeType.from_row,
            paging=(first, after, last, before),
            key="Municipality.initiatives",
            parent=self.pk,
        )

    @strawberry.field(description="Open job openings in the municipality, newest first.")
    async def open_openings(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[JobOpeningType, strawberry.lazy(OPENINGS)]]:
        from app.api.openings.types import JobOpeningType

        return await resolve_connection(
            info,
            make=lambda parents: opening_search.openings(
                opening_search.OpeningFilter(
                    municipality_ids=parents, statuses=(OpeningStatus.OPEN,)
                )
            ),
            node_type="JobOpening",
            convert=JobOpeningType.from_row,
            paging=(first, after, last, before),
            key="Municipality.openOpenings",
            parent=self.pk,
        )
