"""Two tenants of every kind, for the authorization tests: municipality, company and
organisation A and B, with their users, young people, matches, consents and referrals."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from app.models import (
    ApiToken,
    CodeList,
    CodeValue,
    Company,
    Consent,
    ConsentPurpose,
    Match,
    Offer,
    Organisation,
    Postcode,
    Referral,
    Role,
    User,
    YoungPerson,
)
from tests.factories import make_company, make_organisation, make_user
from tests.test_consent import make_opening_and_match

HOMES = {"A": (101, 2100), "B": (751, 8000)}


@dataclass
class Tenant:
    """One side: its users by role, and the records that belong to it."""

    name: str
    users: dict[str, User]
    company: Company
    organisation: Organisation
    people: list[YoungPerson] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    colleagues: dict[str, User] = field(default_factory=dict)
    tokens: list[ApiToken] = field(default_factory=list)


async def _person(municipality_code: int, postcode: int, number: int, tenant: str) -> YoungPerson:
    place = await Postcode.get(code=postcode)
    municipality_id = place.municipality_id
    return await YoungPerson.create(
        municipality_id=municipality_id,
        first_name=f"Ung{tenant}{number}",
        last_name=f"Hemmelig{tenant}",
        email=f"ung{tenant.lower()}{number}@example.com",
        birth_date=date(2005, 3, 1),
        birth_year=2005,
        postcode=place,
    )


async def build_tenant(name: str, *, records: int = 1) -> Tenant:
    municipality_code, postcode = HOMES[name]
    company = await make_company(postcode=postcode)
    organisation = await make_organisation()
    users = {
        "admin": await make_user(Role.ADMIN),
        "consultant": await make_user(
            Role.CONSULTANT, municipality=municipality_code, is_manager=True
        ),
        "company": await make_user(Role.COMPANY, company=company, is_manager=True),
        "organisation": await make_user(
            Role.ORGANISATION, organisation=organisation, is_manager=True
        ),
    }
    tenant = Tenant(name=name, users=users, company=company, organisation=organisation)
    tenant.colleagues = {
        "admin": await make_user(Role.ADMIN),
        "consultant": await make_user(Role.CONSULTANT, municipality=municipality_code),
        "company": await make_user(Role.COMPANY, company=company),
        "organisation": await make_user(Role.ORGANISATION, organisation=organisation),
    }
    offer_kind = await CodeValue.filter(list=CodeList.OFFER_KIND).first()
    assert offer_kind is not None
    offer = await Offer.create(organisation=organisation, kind=offer_kind, title=f"Mentor {name}")
    now = datetime.now(UTC)
    for number in range(records):
        person = await _person(municipality_code, postcode, number, name)
        tenant.people.append(person)
        tenant.matches.append(await make_opening_and_match(person, company))
        tenant.consents.append(
            await Consent.create(
                young_person=person,
                purpose=ConsentPurpose.SHARE_WITH_COMPANY,
                company=company,
                given_at=now,
            )
        )
        tenant.referrals.append(
            await Referral.create(young_person=person, offer=offer, referred_at=now)
        )
        tenant.tokens.append(
            await ApiToken.create(
                name=f"HR-system {name}{number}",
                prefix=secrets.token_hex(6),
                secret_hash=secrets.token_hex(32),
                scopes=["openings:write"],
                company=company,
                expires_at=now + timedelta(days=30),
            )
        )
    return tenant
