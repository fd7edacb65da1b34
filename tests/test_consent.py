"""Consent hides and shows a young person to a company (see also the web tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.models import (
    CodeList,
    CodeValue,
    Company,
    JobOpening,
    Match,
    Occupation,
    OpeningStatus,
    Postcode,
    YoungPerson,
)


async def make_opening_and_match(person: YoungPerson, company: Company) -> Match:
    kind = await CodeValue.get(list=CodeList.OPENING_KIND, key="ordinary")
    occupation = await Occupation.get(code="52")
    place = await Postcode.get(id=company.postcode_id)
    opening = await JobOpening.create(
        company=company,
        title="Butiksmedhjælper",
        occupation=occupation,
        kind=kind,
        hours_min=10,
        hours_max=20,
        postcode=place,
        municipality_id=place.municipality_id,
        lat=place.lat,
        lon=place.lon,
        status=OpeningStatus.OPEN,
        posted_on=date.today(),
    )
    now = datetime.now(UTC)
    return await Match.create(
        young_person=person,
        opening=opening,
        proposed_at=now,
        stage_changed_at=now,
        score=0.8,
        explanation=[],
    )
