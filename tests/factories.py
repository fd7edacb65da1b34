"""Test data that the reference data does not hold: users, companies, organisations."""

from __future__ import annotations

import itertools
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from app.models import (
    ApiToken,
    CodeList,
    CodeValue,
    Company,
    JobOpening,
    Municipality,
    Occupation,
    OpeningStatus,
    Organisation,
    Postcode,
    Role,
    User,
    VerificationStatus,
)
from app.services.passwords import hash_password_sync
from app.services.tokens import hash_secret

PASSWORD = "en lang og hemmelig sætning"
_counter = itertools.count(1)
_hash = hash_password_sync(PASSWORD)


async def make_company(*, postcode: int = 8000, verified: bool = True) -> Company:
    place = await Postcode.get(code=postcode)
    number = next(_counter)
    return await Company.create(
        cvr=f"{90000000 + number}",
        name=f"Testvirksomhed {number} ApS",
        postcode=place,
        municipality_id=place.municipality_id,
        status=VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING,
        verified_at=datetime.now(UTC) if verified else None,
    )


async def make_organisation() -> Organisation:
    kind = await CodeValue.filter(list=CodeList.ORGANISATION_KIND).first()
    assert kind is not None
    return await Organisation.create(name=f"Testforening {next(_counter)}", kind=kind)


async def make_user(
    role: Role,
    *,
    municipality: int | None = None,
    company: Company | None = None,
    organisation: Organisation | None = None,
    is_manager: bool = False,
    active: bool = True,
) -> User:
    number = next(_counter)
    tenant: dict[str, Any] = {}
    if role == Role.CONSULTANT:
        tenant["municipality"] = await Municipality.get(code=municipality or 101)
    elif role == Role.COMPANY:
        tenant["company"] = company or await make_company()
    elif role == Role.ORGANISATION:
        tenant["organisation"] = organisation or await make_organisation()
    return await User.create(
        email=f"{role.value}{number}@test.example.com",
        name=f"Test {role.value.title()} {number}",
        password_hash=_hash if active else "",
        role=role,
        is_manager=is_manager,
        is_active=active,
        **tenant,
    )


def csrf_token_in(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


async def log_in(client: httpx.AsyncClient, user: User, password: str = PASSWORD) -> httpx.Response:
    page = await client.get("/login")
    return await client.post(
        "/login",
        data={"email": user.email, "password": password, "csrf_token": csrf_token_in(page.text)},
    )


async def post_form(
    client: httpx.AsyncClient, page_path: str, action: str, data: dict[str, Any]
) -> httpx.Response:
    """Submit a form the way a browser does: load the page, then post with its token."""
    page = await client.get(page_path)
    return await client.post(action, data={**data, "csrf_token": csrf_token_in(page.text)})


async def make_token(
    *scopes: str, municipality_id: int | None = None, company_id: int | None = None
) -> str:
    """A valid API token with ``scopes``, as the string a client sends."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    await ApiToken.create(
        name=f"test token {prefix}",
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=list(scopes),
        municipality_id=municipality_id,
        company_id=company_id,
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    return f"ulf_{prefix}_{secret}"


async def make_opening(
    company: Company,
    *,
    title: str = "Lagermedhjælper",
    postcode: int = 8000,
    occupation: str = "93",
    kind: str = "ordinary",
    hours: tuple[int, int] = (15, 30),
    status: OpeningStatus = OpeningStatus.OPEN,
    posted_on: date | None = None,
    supports: tuple[str, ...] = (),
) -> JobOpening:
    """An opening of ``company``; published ones are posted ``posted_on`` (default today)."""
    place = await Postcode.get(code=postcode)
    return await JobOpening.create(
        company=company,
        title=title,
        occupation=await Occupation.get(code=occupation),
        kind=await CodeValue.get(list=CodeList.OPENING_KIND, key=kind),
        hours_min=hours[0],
        hours_max=hours[1],
        postcode=place,
        municipality_id=place.municipality_id,
        lat=place.lat,
        lon=place.lon,
        supports=list(supports),
        status=status,
        posted_on=None if status == OpeningStatus.DRAFT else posted_on or date.today(),
    )
