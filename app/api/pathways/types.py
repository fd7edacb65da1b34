"""GraphQL types for a municipality's pathways and the young people on them."""

from __future__ import annotations

from datetime import date

import strawberry

from app.api.codes.types import CodeType
from app.api.context import Info
from app.api.geography.types import PostcodeType
from app.api.loaders import now_or_later
from app.api.personal import Personal
from app.api.relay import to_global_id
from app.services.network import Row


@strawberry.type(
    name="YoungPerson",
    description="A young person following a pathway in the token's municipality.",
    directives=[Personal()],
)
class YoungPersonType:
    pk: strawberry.Private[int]
    first_name: str
    last_name: str
    birth_year: int
    postcode_id: strawberry.Private[int | None]
    education_level_id: strawberry.Private[int | None]

    @strawberry.field(description="Global ID of the young person.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("YoungPerson", self.pk))

    @strawberry.field
    def postcode(self, info: Info) -> PostcodeType | None:
        if self.postcode_id is None:
            return None
        return now_or_later(info.context.loaders.postcode, self.postcode_id, PostcodeType.from_row)

    @strawberry.field(description="education_level code.")
    def education_level(self, info: Info) -> CodeType | None:
        if self.education_level_id is None:
            return None
        return now_or_later(info.context.loaders.code, self.education_level_id, CodeType.from_row)


@strawberry.type(name="PathwayStatusChange", description="A pathway entered a status.")
class StatusChangeType:
    changed_on: date
    status_id: strawberry.Private[int]

    @strawberry.field(description="pathway_status code.")
    def status(self, info: Info) -> CodeType:
        return now_or_later(info.context.loaders.code, self.status_id, CodeType.from_row)


@strawberry.type(
    name="Pathway",
    description="A young person's pathway (forløb) towards education or work.",
    directives=[Personal()],
)
class PathwayType:
    pk: strawberry.Private[int]
    started_on: date
    ended_on: date | None
    version: int
    status_id: strawberry.Private[int]
    outcome_id: strawberry.Private[int | None]
    young_person: YoungPersonType

    @classmethod
    def from_row(cls, row: Row) -> PathwayType:
        return cls(
            pk=row["id"],
            started_on=row["started_on"],
            ended_on=row["ended_on"],
            version=row["version"],
            status_id=row["status_id"],
            outcome_id=row["outcome_id"],
            young_person=YoungPersonType(
                pk=row["young_person_id"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                birth_year=row["birth_year"],
                postcode_id=row["postcode_id"],
                education_level_id=row["education_level_id"],
            ),
        )

    @strawberry.field(description="Global ID of the pathway.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Pathway", self.pk))

    @strawberry.field(description="pathway_status code: the latest status.")
    def status(self, info: Info) -> CodeType:
        return now_or_later(info.context.loaders.code, self.status_id, CodeType.from_row)

    @strawberry.field(description="pathway_status code of how it ended, when it has.")
    def outcome(self, info: Info) -> CodeType | None:
        if self.outcome_id is None:
            return None
        return now_or_later(info.context.loaders.code, self.outcome_id, CodeType.from_row)

    @strawberry.field(description="Every status the pathway has had, oldest first.")
    async def status_history(self, info: Info) -> list[StatusChangeType]:
        rows = await info.context.loaders.status_history.load(self.pk) or []
        return [
            StatusChangeType(changed_on=r["changed_on"], status_id=r["status_id"]) for r in rows
        ]
