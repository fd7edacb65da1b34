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


async def test_revoking_consent_hides_the_candidate_from_the_company_at_once(app: object) -> None:
    import httpx

    from app.models import Consent, Role
    from app.services import young_people
    from app.services.principal import Principal
    from tests.factories import csrf_token_in, log_in, make_company, make_user, post_form
    from tests.test_young_people import VALID

    consultant = await make_user(Role.CONSULTANT, municipality=101)
    company = await make_company(postcode=2100)
    company_user = await make_user(Role.COMPANY, company=company)
    person = await young_people.create_young_person(Principal.for_user(consultant), VALID)
    match = await make_opening_and_match(person, company)

    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as consultant_client,
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as company_client,
    ):
        await log_in(consultant_client, consultant)
        await log_in(company_client, company_user)
        page = f"/company/matches/{match.id}"

        before = await company_client.get(page)
        assert before.status_code == 200
        assert "Sofie Hansen" not in before.text

        profile = f"/consultant/young-people/{person.id}"
        given = await post_form(
            consultant_client,
            profile,
            f"{profile}/consents",
            {"recipient": f"company:{company.id}"},
        )
        assert given.status_code == 303
        assert "Sofie Hansen" in (await company_client.get(page)).text
        assert "Sofie Hansen" in (await company_client.get("/company/matches")).text

        consent = await Consent.get(young_person_id=person.id)
        profile_page = await consultant_client.get(profile)
        revoked = await consultant_client.post(
            f"{profile}/consents/{consent.id}/revoke",
            data={"csrf_token": csrf_token_in(profile_page.text)},
        )
        assert revoked.status_code == 303
        assert "Sofie Hansen" not in (await company_client.get(page)).text
        assert "Sofie Hansen" not in (await company_client.get("/company/matches")).text
