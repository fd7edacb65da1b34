"""A company's own job openings: create, update, publish and close.

Writers name the version they read; a stale version is a :class:`ConflictError` with the
current one. A create with an idempotency key (API tokens) is done once: the same key
with the same input returns the first opening again; with another input, an error.
Every write is one transaction: no half-written opening.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from app.models import (
    CodeList,
    IdempotencyKey,
    JobOpening,
    OpeningStatus,
)
from app.models.openings import MAX_HOURS_PER_WEEK
from app.services import codes, geography
from app.services.authorization import OPENINGS_WRITE, openings_in_scope, require_scope
from app.services.errors import ConflictError, NotFoundError, ServiceError, ValidationError
from app.services.principal import Principal

MAX_TITLE, MAX_DESCRIPTION, MAX_POSITIONS = 200, 5000, 99
MIN_AGE, MAX_AGE = 15, 30
MAX_KEY_LENGTH = 100

# Field error codes, for clients to branch on.
REQUIRED = "REQUIRED"
TOO_LONG = "TOO_LONG"
OUT_OF_RANGE = "OUT_OF_RANGE"
UNKNOWN_CODE = "UNKNOWN_CODE"
INVALID_STATE = "INVALID_STATE"


class IdempotencyKeyReused(ServiceError):
    """The idempotency key was used before, with another input."""

    code = "idempotency_key_reused"


@dataclass(frozen=True)
class OpeningInput:
    """An opening as a company describes it: codes and keys, not IDs."""

    title: str
    occupation: str
    kind: str
    hours_min: int
    hours_max: int
    postcode: int
    description: str = ""
    positions: int = 1
    start_date: date | None = None
    apply_by: date | None = None
    min_age: int | None = None
    requirements: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        """SHA-256 of the input in a canonical form: equal inputs, equal fingerprints."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


class _Problems:
    """Collects field messages and their codes."""

    def __init__(self) -> None:
        self.messages: dict[str, str] = {}
        self.codes: dict[str, str] = {}

    def add(self, field: str, code: str, message: str) -> None:
        self.messages.setdefault(field, message)
        self.codes.setdefault(field, code)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages, codes=self.codes)


async def _fields(given: OpeningInput, problems: _Problems) -> dict[str, Any]:
    """The model fields for ``given``, or messages in ``problems``."""
    title = given.title.strip()
    if not title:
        problems.add("title", REQUIRED, "Give the opening a title.")
    elif len(title) > MAX_TITLE:
        problems.add("title", TOO_LONG, f"At most {MAX_TITLE} characters.")
    if len(given.description) > MAX_DESCRIPTION:
        problems.add("description", TOO_LONG, f"At most {MAX_DESCRIPTION} characters.")
    occupation = await codes.occupation_by_code(given.occupation)
    if occupation is None:
        problems.add("occupation", UNKNOWN_CODE, "Not a DISCO-08 major or sub-major group code.")
    kind_id = (await codes.ids_by_key(CodeList.OPENING_KIND, [given.kind])).get(given.kind)
    if kind_id is None:
        problems.add("kind", UNKNOWN_CODE, "Not an opening_kind key.")
    for field, hours in (("hoursMin", given.hours_min), ("hoursMax", given.hours_max)):
        if not 0 <= hours <= MAX_HOURS_PER_WEEK:
            problems.add(field, OUT_OF_RANGE, f"Between 0 and {MAX_HOURS_PER_WEEK} hours a week.")
    if given.hours_min > given.hours_max:
        problems.add("hoursMin", OUT_OF_RANGE, "More than hoursMax.")
    postcode = await geography.postcode_by_code(given.postcode)
    if postcode is None:
        problems.add("postcode", UNKNOWN_CODE, "Not a Danish postcode.")
    if not 1 <= given.positions <= MAX_POSITIONS:
        problems.add("positions", OUT_OF_RANGE, f"Between 1 and {MAX_POSITIONS}.")
    if given.min_age is not None and not MIN_AGE <= given.min_age <= MAX_AGE:
        problems.add("minAge", OUT_OF_RANGE, f"Between {MIN_AGE} and {MAX_AGE}.")
    if given.apply_by is not None and given.apply_by < date.today():
        problems.add("applyBy", OUT_OF_RANGE, "In the past.")
    for field, code_list, keys in (
        ("requirements", CodeList.REQUIREMENT, given.requirements),
        ("supports", CodeList.SUPPORT, given.supports),
    ):
        unknown = sorted(set(keys) - set(await codes.ids_by_key(code_list, keys)))
        if unknown:
            problems.add(
                field, UNKNOWN_CODE, f"Unknown {code_list.value} keys: {', '.join(unknown)}."
            )
    if occupation is None or kind_id is None or postcode is None:
        return {}
    return {
        "title": title,
        "description": given.description,
        "occupation_id": occupation.id,
        "kind_id": kind_id,
        "hours_min": given.hours_min,
        "hours_max": given.hours_max,
        "postcode_id": postcode.id,
        "municipality_id": postcode.municipality_id,
        "lat": postcode.lat,
        "lon": postcode.lon,
        "positions": given.positions,
        "start_date": given.start_date,
        "apply_by": given.apply_by,
        "min_age": given.min_age,
        "requirements": list(dict.fromkeys(given.requirements)),
        "supports": list(dict.fromkeys(given.supports)),
    }


async def create_opening(
    principal: Principal, given: OpeningInput, *, idempotency_key: str
) -> JobOpening:
    """A new draft opening of the principal's company, made once per idempotency key."""
    require_scope(principal, OPENINGS_WRITE)
    key = idempotency_key.strip()
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise ValidationError(
            {"idempotencyKey": f"1 to {MAX_KEY_LENGTH} characters."},
            codes={"idempotencyKey": OUT_OF_RANGE},
        )
    fingerprint = given.fingerprint()
    earlier = await _earlier_result(principal, key, fingerprint)
    if earlier is not None:
        return earlier
    problems = _Problems()
    fields = await _fields(given, problems)
    problems.raise_if_any()
    try:
        async with in_transaction():
            opening = await JobOpening.create(company_id=principal.company_id, **fields)
            await IdempotencyKey.create(
                token_id=principal.token_id,
                key=key,
                operation="createJobOpening",
                input_hash=fingerprint,
                result={"opening_id": opening.id},
            )
    except IntegrityError:
        # The same key, committed by a concurrent request a moment ago.
        earlier = await _earlier_result(principal, key, fingerprint)
        if earlier is None:
            raise
        return earlier
    return opening


async def _earlier_result(principal: Principal, key: str, fingerprint: str) -> JobOpening | None:
    earlier = await IdempotencyKey.get_or_none(token_id=principal.token_id, key=key)
    if earlier is None:
        return None
    if earlier.input_hash != fingerprint or earlier.operation != "createJobOpening":
        raise IdempotencyKeyReused(
            "this idempotency key was used with another input; use a new key for a new opening"
        )
    return await openings_in_scope(principal).get(id=earlier.result["opening_id"])


async def update_opening(
    principal: Principal, opening_id: int, version: int, given: OpeningInput
) -> JobOpening:
    """Replace the opening's description, if nobody changed it since ``version``."""
    require_scope(principal, OPENINGS_WRITE)
    opening = await _own(principal, opening_id)
    problems = _Problems()
    fields = await _fields(given, problems)
    problems.raise_if_any()
    return await _write(opening, version, fields)


async def publish_opening(principal: Principal, opening_id: int, version: int | None) -> JobOpening:
    """Make a draft public, posted today."""
    require_scope(principal, OPENINGS_WRITE)
    opening = await _own(principal, opening_id)
    if opening.status != OpeningStatus.DRAFT:
        raise ValidationError(
            {"status": f"Only a draft can be published; this one is {opening.status.value}."},
            codes={"status": INVALID_STATE},
        )
    if opening.apply_by is not None and opening.apply_by < date.today():
        raise ValidationError(
            {"applyBy": "The apply-by date has passed; update it first."},
            codes={"applyBy": OUT_OF_RANGE},
        )
    changes = {"status": OpeningStatus.OPEN, "posted_on": date.today()}
    return await _write(opening, version, changes)


async def close_opening(
    principal: Principal, opening_id: int, version: int | None, *, filled: bool
) -> JobOpening:
    """Close a draft or open opening: as filled, or just closed."""
    require_scope(principal, OPENINGS_WRITE)
    opening = await _own(principal, opening_id)
    if opening.status not in (OpeningStatus.DRAFT, OpeningStatus.OPEN):
        raise ValidationError(
            {"status": f"The opening is {opening.status.value} already."},
            codes={"status": INVALID_STATE},
        )
    if filled and opening.status == OpeningStatus.DRAFT:
        raise ValidationError(
            {"filled": "A draft was never published, so it cannot be filled."},
            codes={"filled": INVALID_STATE},
        )
    changes: dict[str, Any] = {
        "status": OpeningStatus.FILLED if filled else OpeningStatus.CLOSED,
        "closed_at": datetime.now(UTC),
    }
    if opening.posted_on is None:
        changes["posted_on"] = date.today()  # a closed opening has a posting date
    return await _write(opening, version, changes)


async def _own(principal: Principal, opening_id: int) -> JobOpening:
    opening = await openings_in_scope(principal).get_or_none(id=opening_id)
    if opening is None:
        raise NotFoundError("no such opening among your company's")
    return opening


async def _write(
    opening: JobOpening, version: int | None, changes: Mapping[str, Any]
) -> JobOpening:
    """Apply ``changes`` if the opening is still at ``version`` (any version when None),
    in one UPDATE that also bumps the version."""
    expected = opening.version if version is None else version
    updated = await JobOpening.filter(id=opening.id, version=expected).update(
        **changes, version=F("version") + 1, updated_at=datetime.now(UTC)
    )
    if not updated:
        current = await JobOpening.get(id=opening.id)
        raise ConflictError(
            f"the opening is at version {current.version}, not {expected}", current.version
        )
    return await JobOpening.get(id=opening.id)
