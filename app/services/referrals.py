"""Referrals as an organisation sees them: young people referred to its own offers,
shown by name only with their consent to share with that organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from app.models import Referral, ReferralStatus
from app.services import audit
from app.services.authorization import (
    Action,
    Resource,
    access_referral_by_id,
    referrals_in_scope,
    require,
)
from app.services.consents import consented_people
from app.services.errors import ValidationError
from app.services.principal import Principal

ANSWERS = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)


@dataclass(frozen=True)
class ReferredPerson:
    referral: Referral
    name: str


async def organisation_referrals(principal: Principal) -> list[ReferredPerson]:
    require(principal, Resource.REFERRAL, Action.LIST)
    referrals = (
        await referrals_in_scope(principal)
        .prefetch_related("young_person", "offer")
        .order_by("-referred_at")
    )
    consented = await consented_people(
        {r.young_person_id for r in referrals}, organisation_id=principal.organisation_id
    )
    await audit.record(
        principal,
        "list",
        "referral_list",
        0,
        young_person_id=None,
        purpose="referrals to own offers",
        detail={"referral_ids": [r.id for r in referrals][:500]},
    )
    return [
        ReferredPerson(
            referral=r,
            name=f"{r.young_person.first_name} {r.young_person.last_name}".strip()
            if r.young_person_id in consented
            else "",
        )
        for r in referrals
    ]


async def answer_referral(
    principal: Principal, referral_id: int, *, answer: str, note: str
) -> Referral:
    referral = await access_referral_by_id(principal, referral_id, Action.ANSWER)
    errors: dict[str, str] = {}
    if answer not in {a.value for a in ANSWERS}:
        errors["answer"] = "Vælg et svar."
    if referral.status != ReferralStatus.SENT:
        errors["answer"] = "Henvisningen er allerede besvaret."
    if len(note) > 2000:
        errors["note"] = "Højst 2000 tegn."
    if errors:
        raise ValidationError(errors)
    async with in_transaction():
        referral.status = ReferralStatus(answer)
        referral.answered_at = datetime.now(UTC)
        referral.answer_note = note.strip()
        await referral.save(update_fields=["status", "answered_at", "answer_note", "updated_at"])
        await audit.record(
            principal,
            "update",
            "referral",
            referral.id,
            young_person_id=referral.young_person_id,
            purpose=f"answer: {answer}",
        )
    return referral
