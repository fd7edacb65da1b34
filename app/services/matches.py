"""Matches as a company sees them: candidates proposed to its openings, shown by name
only when the young person has consented to share their profile with that company."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from tortoise.transactions import in_transaction

from app.models import CodeList, CodeValue, Match, MatchEvent, MatchStage, YoungPerson
from app.services import audit
from app.services.authorization import (
    Action,
    Resource,
    access_match_by_id,
    matches_in_scope,
    require,
)
from app.services.consents import consented_people
from app.services.errors import ValidationError
from app.services.principal import Principal

ANSWERS = (MatchStage.INTERESTED, MatchStage.NOT_NOW, MatchStage.NOT_A_FIT)


@dataclass(frozen=True)
class Candidate:
    """A proposed young person; ``name`` is empty without consent."""

    match: Match
    name: str
    age: int | None
    hours_available: int


def _candidate(match: Match, person: YoungPerson, consented: bool) -> Candidate:
    age = None
    if person.birth_year:
        age = date.today().year - person.birth_year
    name = f"{person.first_name} {person.last_name}".strip() if consented else ""
    return Candidate(match=match, name=name, age=age, hours_available=person.hours_available)


async def company_matches(principal: Principal) -> list[Candidate]:
    require(principal, Resource.MATCH, Action.LIST)
    matches = (
        await matches_in_scope(principal)
        .prefetch_related("young_person", "opening")
        .order_by("-proposed_at")
    )
    consented = await consented_people(
        {m.young_person_id for m in matches}, company_id=principal.company_id
    )
    await audit.record(
        principal,
        "list",
        "match_list",
        0,
        young_person_id=None,
        purpose="candidates for own openings",
        detail={"match_ids": [m.id for m in matches][:500]},
    )
    return [_candidate(m, m.young_person, m.young_person_id in consented) for m in matches]


async def company_match(principal: Principal, match_id: int) -> Candidate:
    match = await access_match_by_id(principal, match_id, Action.READ)
    await match.fetch_related("young_person", "opening")
    consented = await consented_people([match.young_person_id], company_id=principal.company_id)
    await audit.record(
        principal,
        "read",
        "match",
        match.id,
        young_person_id=match.young_person_id,
        purpose="candidate details",
    )
    return _candidate(match, match.young_person, match.young_person_id in consented)


async def answer_match(principal: Principal, match_id: int, *, answer: str, reason: str) -> Match:
    """The company answers a proposal: interested, not now, or not a fit (with a reason)."""
    match = await access_match_by_id(principal, match_id, Action.ANSWER)
    errors: dict[str, str] = {}
    if answer not in {a.value for a in ANSWERS}:
        errors["answer"] = "Vælg et svar."
    elif answer != MatchStage.INTERESTED and not await CodeValue.exists(
        list=CodeList.MATCH_REASON, key=reason
    ):
        errors["reason"] = "Vælg en begrundelse."
    if match.stage != MatchStage.PROPOSED:
        errors["answer"] = "Forslaget er allerede besvaret."
    if errors:
        raise ValidationError(errors)
    now = datetime.now(UTC)
    stage = MatchStage(answer)
    async with in_transaction():
        await Match.filter(id=match.id, version=match.version).update(
            stage=stage,
            stage_changed_at=now,
            reason=reason if stage != MatchStage.INTERESTED else "",
            version=match.version + 1,
            updated_at=now,
        )
        await MatchEvent.create(
            match=match, stage=stage, at=now, actor_id=principal.user_id, reason=reason
        )
        await audit.record(
            principal,
            "update",
            "match",
            match.id,
            young_person_id=match.young_person_id,
            purpose=f"answer: {answer}",
        )
    return await Match.get(id=match.id)
