"""Mutations for company integrations (``openings:write``, own company only).

Each result is a union: the success, or a typed problem the client can act on (invalid
input with field codes, a version conflict with the current version, not found, an
idempotency key used with another input). A missing scope is a top-level FORBIDDEN.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated

import strawberry

from app.api.context import Info
from app.api.openings.types import JobOpeningType
from app.api.permissions import requires_scope
from app.api.relay import from_global_id
from app.models import JobOpening
from app.services import opening_search, openings
from app.services.authorization import OPENINGS_WRITE
from app.services.errors import ConflictError, NotFoundError, ValidationError

WRITE = requires_scope(OPENINGS_WRITE)

Change = Callable[[int], Awaitable[JobOpening]]


@strawberry.input(description="A job opening, as the company describes it.")
class JobOpeningInput:
    title: str
    occupation: str = strawberry.field(
        description="DISCO-08 major or sub-major group code, e.g. `51`."
    )
    kind: str = strawberry.field(description="opening_kind key, e.g. `ordinary`.")
    hours_min: int
    hours_max: int
    postcode: int = strawberry.field(description="Where the work is.")
    description: str = ""
    positions: int = 1
    start_date: date | None = None
    apply_by: date | None = None
    min_age: int | None = None
    requirements: list[str] = strawberry.field(default_factory=list)
    supports: list[str] = strawberry.field(default_factory=list)

    def to_service(self) -> openings.OpeningInput:
        return openings.OpeningInput(
            title=self.title,
            occupation=self.occupation,
            kind=self.kind,
            hours_min=self.hours_min,
            hours_max=self.hours_max,
            postcode=self.postcode,
            description=self.description,
            positions=self.positions,
            start_date=self.start_date,
            apply_by=self.apply_by,
            min_age=self.min_age,
            requirements=tuple(self.requirements),
            supports=tuple(self.supports),
        )


@strawberry.type(description="One input field that is wrong, and why.")
class FieldError:
    field: str = strawberry.field(description="The input field, as named in the schema.")
    code: str = strawberry.field(
        description="REQUIRED, TOO_LONG, OUT_OF_RANGE, UNKNOWN_CODE or INVALID_STATE."
    )
    message: str


@strawberry.type(description="The input was not accepted; nothing was changed.")
class InvalidInput:
    message: str
    field_errors: list[FieldError]


@strawberry.type(description="The opening changed since the version you sent.")
class VersionConflict:
    message: str
    current_version: int


@strawberry.type(description="No such opening among your company's.")
class NotFound:
    message: str
    id: strawberry.ID


@strawberry.type(description="The idempotency key was used before with another input.")
class IdempotencyKeyReused:
    message: str
    idempotency_key: str


@strawberry.type(description="The opening, as it is after the change.")
class JobOpeningPayload:
    opening: JobOpeningType


CreateResult = Annotated[
    JobOpeningPayload | InvalidInput | IdempotencyKeyReused,
    strawberry.union("CreateJobOpeningResult"),
]
ChangeResult = Annotated[
    JobOpeningPayload | InvalidInput | VersionConflict | NotFound,
    strawberry.union("ChangeJobOpeningResult"),
]


def _payload(opening: JobOpening) -> JobOpeningPayload:
    row = {column: getattr(opening, column) for column in opening_search.OPENING.columns}
    return JobOpeningPayload(opening=JobOpeningType.from_row(row))


def _invalid(error: ValidationError) -> InvalidInput:
    return InvalidInput(
        message="The input was not accepted; see fieldErrors.",
        field_errors=[
            FieldError(field=field, code=error.codes.get(field, "INVALID"), message=message)
            for field, message in error.errors.items()
        ],
    )


def _opening_key(global_id: strawberry.ID) -> int | None:
    """The key of a JobOpening ID; None for an ID of another type (answered NotFound)."""
    type_name, key = from_global_id(global_id)
    return key if type_name == "JobOpening" else None


async def _change(
    global_id: strawberry.ID, change: Change
) -> JobOpeningPayload | InvalidInput | VersionConflict | NotFound:
    key = _opening_key(global_id)
    try:
        if key is None:
            raise NotFoundError("no such opening among your company's")
        return _payload(await change(key))
    except ValidationError as error:
        return _invalid(error)
    except ConflictError as error:
        return VersionConflict(message=str(error), current_version=error.current_version)
    except NotFoundError as error:
        return NotFound(message=str(error), id=global_id)


@strawberry.type
class OpeningMutations:
    @strawberry.mutation(
        extensions=WRITE,
        description="Create a draft opening. Send a fresh `idempotencyKey` (e.g. a UUID) "
        "per opening: a retry with the same key and input returns the same opening.",
    )
    async def create_job_opening(
        self,
        info: Info,
        input: JobOpeningInput,
        idempotency_key: str,
    ) -> CreateResult:
        try:
            opening = await openings.create_opening(
                info.context.principal, input.to_service(), idempotency_key=idempotency_key
            )
        except ValidationError as error:
            return _invalid(error)
        except openings.IdempotencyKeyReused as error:
            return IdempotencyKeyReused(message=str(error), idempotency_key=idempotency_key)
        return _payload(opening)

    @strawberry.mutation(
        extensions=WRITE,
        description="Replace an opening's description; `version` is the one you read.",
    )
    async def update_job_opening(
        self,
        info: Info,
        id: strawberry.ID,
        version: int,
        input: JobOpeningInput,
    ) -> ChangeResult:
        principal = info.context.principal
        return await _change(
            id, lambda key: openings.update_opening(principal, key, version, input.to_service())
        )

    @strawberry.mutation(extensions=WRITE, description="Publish a draft: it is open from today.")
    async def publish_job_opening(
        self,
        info: Info,
        id: strawberry.ID,
        version: int | None = None,
    ) -> ChangeResult:
        principal = info.context.principal
        return await _change(id, lambda key: openings.publish_opening(principal, key, version))

    @strawberry.mutation(
        extensions=WRITE, description="Close an opening: `filled: true` when it was filled."
    )
    async def close_job_opening(
        self,
        info: Info,
        id: strawberry.ID,
        version: int | None = None,
        filled: bool = False,
    ) -> ChangeResult:
        principal = info.context.principal
        return await _change(
            id, lambda key: openings.close_opening(principal, key, version, filled=filled)
        )
