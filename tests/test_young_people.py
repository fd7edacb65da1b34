"""The consultant's work on young people, through the service layer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.models import AuditEvent, Match, Role, SupportContact, YoungPerson
from app.services import young_people
from app.services.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from app.services.principal import Principal
from tests.factories import make_company, make_user

VALID: dict[str, Any] = {
    "first_name": "Sofie",
    "last_name": "Hansen",
    "email": "sofie@example.com",
    "phone": "+45 20 00 12 34",
    "birth_date": "2006-05-17",
    "postcode": "2100",
    "max_commute_km": "15",
    "hours_available": "25",
    "interests": ["52", "91"],
    "support_needs": ["mentor"],
    "education_level": "primary_school",
}


async def consultant(municipality: int = 101) -> Principal:
    return Principal.for_user(
        await make_user(Role.CONSULTANT, municipality=municipality), ip="127.0.0.1"
    )


async def test_create_read_and_audit() -> None:
    actor = await consultant()
    person = await young_people.create_young_person(actor, VALID)
    profile = await young_people.get_profile(actor, person.id)
    assert profile.person.first_name == "Sofie"
    assert profile.pathways[0].status.key == "neet"
    actions = await AuditEvent.filter(young_person_id=person.id).values_list("action", flat=True)
    assert list(actions) == ["create", "read"] or sorted(actions) == ["create", "read"]


async def test_every_bad_field_gets_its_own_message() -> None:
    actor = await consultant()
    bad = {
        **VALID,
        "first_name": "",
        "email": "not-an-address",
        "birth_date": "2000-13-40",
        "postcode": "8000",
        "hours_available": "60",
        "interests": ["xx"],
        "support_needs": ["diagnosis"],
    }
    with pytest.raises(ValidationError) as caught:
        await young_people.create_young_person(actor, bad)
    assert set(caught.value.errors) == {
        "first_name",
        "email",
        "birth_date",
        "postcode",
        "hours_available",
        "interests",
        "support_needs",
    }
    assert "ikke i din kommune" in caught.value.errors["postcode"]
    assert not await YoungPerson.filter(first_name="").exists()


async def test_age_must_be_15_to_29() -> None:
    actor = await consultant()
    too_old = f"{date.today().year - 31}-01-01"
    with pytest.raises(ValidationError, match="birth_date"):
        await young_people.create_young_person(actor, {**VALID, "birth_date": too_old})


async def test_other_municipality_is_not_found_and_other_roles_are_forbidden() -> None:
    person = await young_people.create_young_person(await consultant(101), VALID)
    aarhus = await consultant(751)
    with pytest.raises(NotFoundError):
        await young_people.get_profile(aarhus, person.id)
    company = Principal.for_user(await make_user(Role.COMPANY))
    with pytest.raises(PermissionDeniedError):
        await young_people.get_profile(company, person.id)
    assert person.id not in [p.id for p in await young_people.list_young_people(aarhus)]


async def test_stale_version_is_a_conflict() -> None:
    actor = await consultant()
    person = await young_people.create_young_person(actor, VALID)
    await young_people.update_young_person(
        actor, person.id, {**VALID, "first_name": "Sara"}, version=1
    )
    with pytest.raises(ConflictError) as caught:
        await young_people.update_young_person(
            actor, person.id, {**VALID, "first_name": "Sif"}, version=1
        )
    assert caught.value.current_version == 2
    assert (await YoungPerson.get(id=person.id)).first_name == "Sara"


async def test_export_holds_the_data_and_who_looked() -> None:
    actor = await consultant()
    person = await young_people.create_young_person(actor, VALID)
    await young_people.get_profile(actor, person.id)
    exported = await young_people.export_young_person(actor, person.id)
    assert exported["profile"]["first_name"] == "Sofie"
    assert len(exported["pathways"]) == 1
    assert [e["action"] for e in exported["access_log"]] == ["create", "read", "export"]


async def test_erasure_keeps_an_anonymous_placeholder() -> None:
    actor = await consultant()
    person = await young_people.create_young_person(actor, VALID)
    company = await make_company(postcode=2100)
    from tests.test_consent import make_opening_and_match

    match = await make_opening_and_match(person, company)
    await young_people.add_support_contact(
        actor,
        person.id,
        {"contact_with": "young_person", "kind": "phone", "note": "Talte om angst"},
    )
    await young_people.erase_young_person(actor, person.id)
    erased = await YoungPerson.get(id=person.id)
    assert (erased.first_name, erased.email, erased.birth_date) == ("", "", None)
    assert erased.erased_at is not None
    assert erased.birth_year == 2006
    assert await Match.exists(id=match.id)
    assert not await SupportContact.filter(young_person_id=person.id).exclude(note="").exists()
    with pytest.raises(NotFoundError):
        await young_people.get_profile(actor, person.id)
    assert await AuditEvent.filter(young_person_id=person.id, action="erase").exists()
