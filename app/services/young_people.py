"""Young people's profiles, consents, contacts, export and erasure: the consultant's work.

Every function takes the acting principal, reaches records only through
:mod:`app.services.authorization`, and writes an audit row for every read and change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.models import (
    AuditEvent,
    CodeList,
    CodeValue,
    Company,
    Consent,
    ConsentPurpose,
    ContactWith,
    Match,
    Occupation,
    Organisation,
    Pathway,
    PathwayStatusChange,
    Plan,
    PlanAction,
    PlanGoal,
    Postcode,
    Referral,
    SupportContact,
    YoungPerson,
)
from app.services import audit
from app.services.authorization import (
    Action,
    Resource,
    access_young_person_by_id,
    require,
    young_people_in_scope,
)
from app.services.errors import ConflictError, NotFoundError, ValidationError
from app.services.principal import Principal

MIN_AGE, MAX_AGE = 15, 29
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ]{8,16}$")
SUBJECT = "young_person"


@dataclass(frozen=True)
class ProfileInput:
    """A validated profile form."""

    first_name: str
    last_name: str
    email: str
    phone: str
    birth_date: date
    postcode_id: int
    max_commute_km: int
    hours_available: int
    has_drivers_licence: bool
    interests: list[str]
    support_needs: list[str]
    education_level_id: int | None


@dataclass(frozen=True)
class Profile:
    """Everything a consultant sees on a young person's page."""

    person: YoungPerson
    pathways: list[Pathway]
    matches: list[Match]
    consents: list[Consent]
    contacts: list[SupportContact]
    referrals: list[Referral]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


async def validate_profile(
    principal: Principal, form: Mapping[str, Any], *, today: date | None = None
) -> ProfileInput:
    """Check a submitted profile form; :class:`ValidationError` names every bad field."""
    today = today or date.today()
    errors: dict[str, str] = {}

    def text(name: str, limit: int) -> str:
        value = str(form.get(name, "")).strip()
        if len(value) > limit:
            errors[name] = f"Højst {limit} tegn."
        return value

    first_name, last_name = text("first_name", 100), text("last_name", 100)
    if not first_name:
        errors["first_name"] = "Skriv fornavnet."
    if not last_name:
        errors["last_name"] = "Skriv efternavnet."
    email = text("email", 254).lower()
    if email and not EMAIL_PATTERN.match(email):
        errors["email"] = "Det er ikke en gyldig e-mailadresse."
    phone = text("phone", 32)
    if phone and not PHONE_PATTERN.match(phone):
        errors["phone"] = "Skriv et telefonnummer med 8 cifre, evt. med +45."

    birth_date = date(2000, 1, 1)
    try:
        birth_date = date.fromisoformat(text("birth_date", 10))
    except ValueError:
        errors["birth_date"] = "Skriv fødselsdatoen som ÅÅÅÅ-MM-DD."
    else:
        if not MIN_AGE <= age_on(birth_date, today) <= MAX_AGE:
            errors["birth_date"] = f"Ungeløftet er for unge mellem {MIN_AGE} og {MAX_AGE} år."

    postcode_id = 0
    postcode_text = text("postcode", 4)
    postcode = (
        await Postcode.get_or_none(code=int(postcode_text)) if postcode_text.isdigit() else None
    )
    if postcode is None:
        errors["postcode"] = "Skriv et dansk postnummer med 4 cifre."
    elif not await postcode.municipalities.filter(id=principal.municipality_id).exists():
        errors["postcode"] = "Postnummeret ligger ikke i din kommune."
    else:
        postcode_id = postcode.id

    def number(name: str, low: int, high: int, default: int) -> int:
        raw = text(name, 4) or str(default)
        if not raw.isdigit() or not low <= int(raw) <= high:
            errors[name] = f"Skriv et helt tal fra {low} til {high}."
            return default
        return int(raw)

    max_commute_km = number("max_commute_km", 0, 300, 20)
    hours_available = number("hours_available", 0, 37, 20)

    interests = _many(form, "interests")
    known_occupations = set(
        await Occupation.filter(code__in=interests).values_list("code", flat=True)
    )
    if set(interests) - known_occupations:
        errors["interests"] = "Vælg fagområder fra listen."
    support_needs = _many(form, "support_needs")
    known_needs = set(
        await CodeValue.filter(list=CodeList.SUPPORT_NEED, key__in=support_needs).values_list(
            "key", flat=True
        )
    )
    if set(support_needs) - known_needs:
        errors["support_needs"] = "Vælg støttebehov fra listen."
    education_level_id = None
    if education_key := text("education_level", 48):
        level = await CodeValue.get_or_none(list=CodeList.EDUCATION_LEVEL, key=education_key)
        if level is None:
            errors["education_level"] = "Vælg et uddannelsesniveau fra listen."
        else:
            education_level_id = level.id
    if errors:
        raise ValidationError(errors)
    return ProfileInput(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        birth_date=birth_date,
        postcode_id=postcode_id,
        max_commute_km=max_commute_km,
        hours_available=hours_available,
        has_drivers_licence=str(form.get("has_drivers_licence", "")) in ("on", "true", "1"),
        interests=sorted(set(interests)),
        support_needs=sorted(set(support_needs)),
        education_level_id=education_level_id,
    )


def _many(form: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(form, "getlist", None)
    values = getlist(name) if getlist else form.get(name, [])
    return [
        str(v).strip() for v in (values if isinstance(values, list) else [values]) if str(v).strip()
    ]


async def list_young_people(principal: Principal, query: str = "") -> list[YoungPerson]:
    require(principal, Resource.YOUNG_PERSON, Action.LIST)
    people = young_people_in_scope(principal)
    if text := query.strip()[:100]:
        people = people.filter(Q(first_name__icontains=text) | Q(last_name__icontains=text))
    found = await people.order_by("last_name", "first_name", "id").limit(500)
    await audit.record(
        principal,
        "list",
        "young_person_list",
        0,
        young_person_id=None,
        purpose="caseload overview",
        detail={"ids": [p.id for p in found][:500], "query": query[:100]},
    )
    return found


async def get_profile(principal: Principal, person_id: int) -> Profile:
    person = await access_young_person_by_id(principal, person_id, Action.READ)
    await person.fetch_related("postcode", "education_level", "consultant")
    profile = Profile(
        person=person,
        pathways=await Pathway.filter(young_person_id=person.id).prefetch_related(
            "status", "status_changes__status"
        ),
        matches=await Match.filter(young_person_id=person.id).prefetch_related("opening__company"),
        consents=await Consent.filter(young_person_id=person.id)
        .order_by("-given_at")
        .prefetch_related("company", "organisation"),
        contacts=await SupportContact.filter(young_person_id=person.id).order_by("-occurred_at"),
        referrals=await Referral.filter(young_person_id=person.id).prefetch_related(
            "offer__organisation"
        ),
    )
    await audit.record(
        principal, "read", SUBJECT, person.id, young_person_id=person.id, purpose="profile"
    )
    return profile


async def create_young_person(principal: Principal, form: Mapping[str, Any]) -> YoungPerson:
    require(principal, Resource.YOUNG_PERSON, Action.CREATE)
    data = await validate_profile(principal, form)
    neet = await CodeValue.get(list=CodeList.PATHWAY_STATUS, key="neet", valid_to=None)
    async with in_transaction():
        person = await YoungPerson.create(
            municipality_id=principal.municipality_id,
            consultant_id=principal.user_id,
            birth_year=data.birth_date.year,
            **_fields(data),
        )
        pathway = await Pathway.create(young_person=person, started_on=date.today(), status=neet)
        await PathwayStatusChange.create(
            pathway=pathway, status=neet, changed_on=date.today(), recorded_by_id=principal.user_id
        )
        await audit.record(
            principal,
            "create",
            SUBJECT,
            person.id,
            young_person_id=person.id,
            purpose="new profile",
        )
    return person


async def update_young_person(
    principal: Principal, person_id: int, form: Mapping[str, Any], *, version: int
) -> YoungPerson:
    person = await access_young_person_by_id(principal, person_id, Action.UPDATE)
    data = await validate_profile(principal, form)
    async with in_transaction():
        changed = (
            await young_people_in_scope(principal)
            .filter(id=person.id, version=version)
            .update(
                version=version + 1,
                birth_year=data.birth_date.year,
                updated_at=datetime.now(UTC),
                **_fields(data),
            )
        )
        if not changed:
            current = await YoungPerson.get(id=person.id)
            raise ConflictError("the profile was changed by someone else", current.version)
        await audit.record(
            principal,
            "update",
            SUBJECT,
            person.id,
            young_person_id=person.id,
            purpose="edit profile",
        )
    return await YoungPerson.get(id=person.id)


def _fields(data: ProfileInput) -> dict[str, Any]:
    return {
        "first_name": data.first_name,
        "last_name": data.last_name,
        "email": data.email,
        "phone": data.phone,
        "birth_date": data.birth_date,
        "postcode_id": data.postcode_id,
        "max_commute_km": data.max_commute_km,
        "hours_available": data.hours_available,
        "has_drivers_licence": data.has_drivers_licence,
        "interests": data.interests,
        "support_needs": data.support_needs,
        "education_level_id": data.education_level_id,
    }


async def give_consent(
    principal: Principal,
    person_id: int,
    *,
    company_id: int | None = None,
    organisation_id: int | None = None,
) -> Consent:
    """Record that the young person consents to sharing their profile with one company
    (for matches) or one organisation (for referrals)."""
    require(principal, Resource.CONSENT, Action.CREATE)
    person = await access_young_person_by_id(principal, person_id, Action.UPDATE)
    if (company_id is None) == (organisation_id is None):
        raise ValidationError({"recipient": "Vælg én virksomhed eller én organisation."})
    if company_id is not None and not await Company.exists(id=company_id):
        raise ValidationError({"recipient": "Virksomheden findes ikke."})
    if organisation_id is not None and not await Organisation.exists(id=organisation_id):
        raise ValidationError({"recipient": "Organisationen findes ikke."})
    purpose = (
        ConsentPurpose.SHARE_WITH_COMPANY if company_id else ConsentPurpose.SHARE_WITH_ORGANISATION
    )
    async with in_transaction():
        consent = await Consent.create(
            young_person=person,
            purpose=purpose,
            company_id=company_id,
            organisation_id=organisation_id,
            given_at=datetime.now(UTC),
            given_by_id=principal.user_id,
        )
        await audit.record(
            principal,
            "create",
            "consent",
            consent.id,
            young_person_id=person.id,
            purpose=purpose.value,
        )
    return consent


async def revoke_consent(principal: Principal, person_id: int, consent_id: int) -> None:
    """Revoke a consent; the recipient stops seeing the profile at once."""
    require(principal, Resource.CONSENT, Action.REVOKE)
    person = await access_young_person_by_id(principal, person_id, Action.UPDATE)
    consent = await Consent.get_or_none(id=consent_id, young_person_id=person.id, revoked_at=None)
    if consent is None:
        raise NotFoundError("no such consent")
    async with in_transaction():
        consent.revoked_at = datetime.now(UTC)
        consent.revoked_by_id = principal.user_id
        await consent.save(update_fields=["revoked_at", "revoked_by_id", "updated_at"])
        await audit.record(
            principal,
            "revoke",
            "consent",
            consent.id,
            young_person_id=person.id,
            purpose="consent revoked",
        )


async def add_support_contact(
    principal: Principal, person_id: int, form: Mapping[str, Any]
) -> SupportContact:
    require(principal, Resource.SUPPORT_CONTACT, Action.CREATE)
    person = await access_young_person_by_id(principal, person_id, Action.UPDATE)
    errors: dict[str, str] = {}
    contact_with = str(form.get("contact_with", ""))
    if contact_with not in {c.value for c in ContactWith}:
        errors["contact_with"] = "Vælg, hvem kontakten var med."
    kind = str(form.get("kind", ""))
    if not await CodeValue.exists(list=CodeList.CONTACT_KIND, key=kind):
        errors["kind"] = "Vælg en kontaktform fra listen."
    note = str(form.get("note", "")).strip()
    if len(note) > 2000:
        errors["note"] = "Højst 2000 tegn."
    if errors:
        raise ValidationError(errors)
    async with in_transaction():
        contact = await SupportContact.create(
            young_person=person,
            consultant_id=principal.user_id,
            contact_with=ContactWith(contact_with),
            kind=kind,
            occurred_at=datetime.now(UTC),
            note=note,
        )
        await audit.record(
            principal,
            "create",
            "support_contact",
            contact.id,
            young_person_id=person.id,
            purpose="follow-up",
        )
    return contact


async def export_young_person(principal: Principal, person_id: int) -> dict[str, Any]:
    """Everything held about a young person (a data-subject access request), including
    who has looked at it."""
    person = await access_young_person_by_id(principal, person_id, Action.EXPORT)
    await audit.record(
        principal, "export", SUBJECT, person.id, young_person_id=person.id, purpose="access request"
    )
    pathways = await Pathway.filter(young_person_id=person.id).prefetch_related("status")
    plans = await Plan.filter(pathway__young_person_id=person.id)
    goals = await PlanGoal.filter(plan__pathway__young_person_id=person.id)
    actions = await PlanAction.filter(goal__plan__pathway__young_person_id=person.id)
    return {
        "exported_at": datetime.now(UTC).isoformat(),
        "profile": _plain(
            person, exclude={"municipality", "consultant", "postcode", "education_level"}
        ),
        "pathways": [_plain(p) | {"status": p.status.key} for p in pathways],
        "status_changes": [
            _plain(c) for c in await PathwayStatusChange.filter(pathway__young_person_id=person.id)
        ],
        "plans": [_plain(p) for p in plans],
        "plan_goals": [_plain(g) for g in goals],
        "plan_actions": [_plain(a) for a in actions],
        "matches": [_plain(m) for m in await Match.filter(young_person_id=person.id)],
        "consents": [_plain(c) for c in await Consent.filter(young_person_id=person.id)],
        "support_contacts": [
            _plain(c) for c in await SupportContact.filter(young_person_id=person.id)
        ],
        "referrals": [_plain(r) for r in await Referral.filter(young_person_id=person.id)],
        "access_log": [
            {
                "at": e.at.isoformat(),
                "actor_user_id": e.actor_user_id,
                "action": e.action,
                "purpose": e.purpose,
            }
            for e in await AuditEvent.filter(young_person_id=person.id).order_by("at", "id")
        ],
    }


def _plain(record: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    """A record's own columns as JSON-ready values."""
    result: dict[str, Any] = {}
    for name in record._meta.db_fields:
        if exclude and name in exclude:
            continue
        field_name = record._meta.fields_db_projection_reverse.get(name, name)
        value = getattr(record, field_name)
        result[field_name] = value.isoformat() if isinstance(value, date | datetime) else value
    return result


async def erase_young_person(principal: Principal, person_id: int) -> None:
    """Erase a young person's personal data (a right-to-erasure request). The row stays
    as an anonymous placeholder, so matches and statistics still count; free-text notes
    that may describe the person are blanked."""
    person = await access_young_person_by_id(principal, person_id, Action.ERASE)
    async with in_transaction():
        await YoungPerson.filter(id=person.id).update(
            first_name="",
            last_name="",
            email="",
            phone="",
            birth_date=None,
            postcode_id=None,
            interests=[],
            support_needs=[],
            erased_at=datetime.now(UTC),
            version=person.version + 1,
        )
        await SupportContact.filter(young_person_id=person.id).update(note="")
        await PathwayStatusChange.filter(pathway__young_person_id=person.id).update(note="")
        await PlanGoal.filter(plan__pathway__young_person_id=person.id).update(title="(slettet)")
        await PlanAction.filter(goal__plan__pathway__young_person_id=person.id).update(
            title="(slettet)", responsible=""
        )
        await Referral.filter(young_person_id=person.id).update(answer_note="")
        await audit.record(
            principal,
            "erase",
            SUBJECT,
            person.id,
            young_person_id=person.id,
            purpose="erasure request",
        )
