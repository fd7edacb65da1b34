"""The GraphQL type of a job opening, and the inputs that search openings."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from app.api.codes.types import CodeType, OccupationType
from app.api.context import Info
from app.api.enums import CodeList, OpeningStatus
from app.api.geography.types import GeoPointType, MunicipalityType, PostcodeType
from app.api.loaders import now_or_later
from app.api.network.types import CompanyType
from app.api.relay import Node
from app.services.network import Row


@strawberry.type(name="JobOpening", description="A job opening suited to young people.")
class JobOpeningType(Node):
    title: str
    description: str
    hours_min: int = strawberry.field(description="Hours per week, at least.")
    hours_max: int = strawberry.field(description="Hours per week, at most.")
    point: GeoPointType = strawberry.field(description="Where the work is (the postcode's centre).")
    positions: int
    start_date: date | None
    posted_on: date | None = strawberry.field(description="When it was published.")
    apply_by: date | None
    min_age: int | None
    status: OpeningStatus
    version: int = strawberry.field(description="Send it back with an update (optimistic locking).")
    distance_km: float | None = strawberry.field(
        description="Distance from the `near` postcode, when the search gave one."
    )
    company_id: strawberry.Private[int]
    occupation_id: strawberry.Private[int]
    kind_id: strawberry.Private[int]
    postcode_id: strawberry.Private[int]
    municipality_id: strawberry.Private[int]
    requirement_keys: strawberry.Private[list[str]]
    support_keys: strawberry.Private[list[str]]

    @classmethod
    def from_row(cls, row: Row) -> JobOpeningType:
        # ``row.get``: a database record's ``in`` looks among its values, not its columns.
        distance = row.get("distance_km")
        return cls(
            pk=row["id"],
            title=row["title"],
            description=row["description"],
            hours_min=row["hours_min"],
            hours_max=row["hours_max"],
            point=GeoPointType(lat=row["lat"], lon=row["lon"]),
            positions=row["positions"],
            start_date=row["start_date"],
            posted_on=row["posted_on"],
            apply_by=row["apply_by"],
            min_age=row["min_age"],
            status=OpeningStatus(row["status"]),
            version=row["version"],
            distance_km=None if distance is None else round(distance, 2),
            company_id=row["company_id"],
            occupation_id=row["occupation_id"],
            kind_id=row["kind_id"],
            postcode_id=row["postcode_id"],
            municipality_id=row["municipality_id"],
            requirement_keys=row["requirements"],
            support_keys=row["supports"],
        )

    @strawberry.field
    def company(self, info: Info) -> CompanyType:
        loader = info.context.loaders.company
        return now_or_later(loader, self.company_id, CompanyType.from_row)

    @strawberry.field
    def municipality(self, info: Info) -> MunicipalityType:
        loader = info.context.loaders.municipality
        return now_or_later(loader, self.municipality_id, MunicipalityType.from_row)

    @strawberry.field
    def postcode(self, info: Info) -> PostcodeType:
        loader = info.context.loaders.postcode
        return now_or_later(loader, self.postcode_id, PostcodeType.from_row)

    @strawberry.field(description="The DISCO-08 group of the work.")
    def occupation(self, info: Info) -> OccupationType:
        loader = info.context.loaders.occupation
        return now_or_later(loader, self.occupation_id, OccupationType.from_row)

    @strawberry.field(description="opening_kind code: ordinary job, flex job, internship ...")
    def kind(self, info: Info) -> CodeType:
        return now_or_later(info.context.loaders.code, self.kind_id, CodeType.from_row)

    @strawberry.field(description="requirement codes.")
    def requirements(self, info: Info) -> list[CodeType]:
        return _codes(info, CodeList.REQUIREMENT, self.requirement_keys)

    @strawberry.field(description="support codes: what the workplace offers.")
    def supports(self, info: Info) -> list[CodeType]:
        return _codes(info, CodeList.SUPPORT, self.support_keys)


def _codes(info: Info, code_list: CodeList, keys: list[str]) -> list[CodeType]:
    def convert(by_key: dict[str, dict[str, Any]]) -> list[CodeType]:
        return [CodeType.from_row(by_key[key]) for key in keys if key in by_key]

    if not keys:
        return []
    return now_or_later(info.context.loaders.code_list, code_list, convert)


@strawberry.input(description="Hours per week: openings whose range meets this one.")
class HoursRange:
    min: int | None = None
    max: int | None = None


@strawberry.input(description="Within `km` of a postcode's centre.")
class NearInput:
    postcode: int
    km: float


@strawberry.input(name="OpeningFilter", description="Every given field must match.")
class OpeningFilterInput:
    municipality: int | None = strawberry.field(default=None, description="Municipality code.")
    region: int | None = strawberry.field(default=None, description="Region code (1081-1085).")
    kinds: list[str] | None = strawberry.field(default=None, description="opening_kind keys (any).")
    occupation_group: str | None = strawberry.field(
        default=None, description="DISCO-08 major or sub-major group code, e.g. `5` or `51`."
    )
    supports: list[str] | None = strawberry.field(
        default=None, description="support keys: the opening offers all of them."
    )
    hours: HoursRange | None = None
    status: list[OpeningStatus] | None = strawberry.field(
        default=None, description="Default: OPEN. DRAFT openings are never public."
    )
    posted_since: date | None = None
    near: NearInput | None = None
