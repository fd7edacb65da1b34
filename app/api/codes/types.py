"""GraphQL types for the code lists: DISCO-08 occupations, DB07 industries and the
versioned vocabularies (opening kinds, supports, organisation kinds, ...)."""

from __future__ import annotations

from datetime import date

import strawberry

from app.api.context import Info
from app.api.loaders import now_or_later
from app.services.network import Row


@strawberry.type(name="Code", description="One value of a code list, valid over a period.")
class CodeType:
    key: str = strawberry.field(description="Stable key, e.g. `mentor`.")
    label_da: str
    label_en: str
    valid_from: date
    valid_to: date | None

    @classmethod
    def from_row(cls, row: Row) -> CodeType:
        return cls(
            key=row["key"],
            label_da=row["label_da"],
            label_en=row["label_en"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
        )


@strawberry.type(
    name="Occupation",
    description="A DISCO-08 major group (level 1, e.g. `2`) or sub-major group (level 2, `21`).",
)
class OccupationType:
    code: str
    level: int
    title_da: str
    title_en: str
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> OccupationType:
        return cls(
            code=row["code"],
            level=row["level"],
            title_da=row["title_da"],
            title_en=row["title_en"],
            parent_id=row["parent_id"],
        )

    @strawberry.field(description="The major group of a sub-major group.")
    def parent(self, info: Info) -> OccupationType | None:
        if self.parent_id is None:
            return None
        return now_or_later(
            info.context.loaders.occupation, self.parent_id, OccupationType.from_row
        )


@strawberry.type(name="Industry", description="A DB07 section (A-U).")
class IndustryType:
    code: str
    divisions: str = strawberry.field(description="The range of DB07 divisions, e.g. `01-03`.")
    title_da: str
    title_en: str

    @classmethod
    def from_row(cls, row: Row) -> IndustryType:
        return cls(
            code=row["code"],
            divisions=row["divisions"],
            title_da=row["title_da"],
            title_en=row["title_en"],
        )
