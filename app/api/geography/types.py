"""GraphQL types for regions, employment councils and municipalities."""

from __future__ import annotations

from datetime import date

import strawberry

from app.api.context import Info
from app.models import EmploymentCouncil, Municipality, Region


@strawberry.type(name="GeoPoint", description="A point in WGS84 degrees.")
class GeoPointType:
    lat: float
    lon: float


@strawberry.type(name="Region", description="One of Denmark's five regions.")
class RegionType:
    db_id: strawberry.Private[int]
    code: int = strawberry.field(description="DAWA region code, 1081-1085.")
    name: str
    official_name: str
    nuts2: str
    valid_from: date
    valid_to: date | None

    @classmethod
    def from_model(cls, region: Region) -> RegionType:
        return cls(
            db_id=region.id,
            code=region.code,
            name=region.name,
            official_name=region.official_name,
            nuts2=region.nuts2,
            valid_from=region.valid_from,
            valid_to=region.valid_to,
        )

    @strawberry.field(description="The region's municipalities, by name.")
    async def municipalities(self, info: Info) -> list[MunicipalityType]:
        found = await info.context.loaders.geography.municipalities_by_region_id.load(self.db_id)
        return [MunicipalityType.from_model(m) for m in found]


@strawberry.type(name="EmploymentCouncil", description="A regional employment council.")
class EmploymentCouncilType:
    name: str
    valid_from: date
    valid_to: date | None

    @classmethod
    def from_model(cls, council: EmploymentCouncil) -> EmploymentCouncilType:
        return cls(name=council.name, valid_from=council.valid_from, valid_to=council.valid_to)


@strawberry.type(name="Municipality", description="One of Denmark's 98 municipalities.")
class MunicipalityType:
    db_id: strawberry.Private[int]
    region_id: strawberry.Private[int]
    code: int = strawberry.field(description="3-digit municipality code, e.g. 101 København.")
    name: str
    point: GeoPointType = strawberry.field(description="Area-weighted centroid.")

    @classmethod
    def from_model(cls, municipality: Municipality) -> MunicipalityType:
        return cls(
            db_id=municipality.id,
            region_id=municipality.region_id,
            code=municipality.code,
            name=municipality.name,
            point=GeoPointType(lat=municipality.lat, lon=municipality.lon),
        )

    @strawberry.field
    async def region(self, info: Info) -> RegionType:
        region = await info.context.loaders.geography.region_by_id.load(self.region_id)
        assert region is not None  # a foreign key guarantees it
        return RegionType.from_model(region)

    @strawberry.field(description="The employment council the municipality belongs to today.")
    async def employment_council(self, info: Info) -> EmploymentCouncilType | None:
        council = await info.context.loaders.geography.council_by_municipality_id.load(self.db_id)
        return EmploymentCouncilType.from_model(council) if council else None
