"""Partners joining the network: companies register themselves with a pledge, and the
secretariat verifies (or rejects) companies and organisations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.models import (
    Company,
    Industry,
    Organisation,
    Pledge,
    Postcode,
    Role,
    User,
    VerificationStatus,
)
from app.services.accounts import EMAIL_PATTERN, normalise_email
from app.services.authorization import Action, Resource, require
from app.services.errors import NotFoundError, ValidationError
from app.services.outbox import queue_email
from app.services.passwords import hash_password, password_problem
from app.services.principal import Principal

MIN_PLEDGE, MAX_PLEDGE = 1, 1000
MAX_REASON_LENGTH = 2000
RECENT_DECISIONS = 50
APPROVE, REJECT = "approve", "reject"


@dataclass(frozen=True)
class Registration:
    """A validated registration form."""

    cvr: str
    name: str
    address: str
    postcode: Postcode
    industry: Industry | None
    openings_promised: int
    contact_name: str
    email: str
    password: str


Partner = TypeVar("Partner", Company, Organisation)


@dataclass(frozen=True)
class ReviewList(Generic[Partner]):
    """What the secretariat reviews: the waiting partners, then the recent decisions."""

    pending: list[Partner]
    decided: list[Partner]


async def register_company(
    principal: Principal, form: Mapping[str, Any], *, base_url: str, today: date | None = None
) -> Company:
    """Create a pending company, its pledge and its first user (a company admin), and tell
    the administrators; all or nothing."""
    require(principal, Resource.COMPANY, Action.CREATE)
    registration = await validate_registration(form)
    password_hash = await hash_password(registration.password)
    try:
        async with in_transaction():
            company = await Company.create(
                cvr=registration.cvr,
                name=registration.name,
                address=registration.address,
                postcode=registration.postcode,
                municipality_id=registration.postcode.municipality_id,
                industry=registration.industry,
            )
            await Pledge.create(
                company=company,
                openings_promised=registration.openings_promised,
                joined_on=today or date.today(),
            )
            await User.create(
                email=registration.email,
                name=registration.contact_name,
                password_hash=password_hash,
                role=Role.COMPANY,
                company=company,
                is_manager=True,
            )
            await _tell_admins(company, base_url)
    except IntegrityError:
        # Someone took the CVR number or the e-mail between the check and the insert.
        taken = await _taken(registration.cvr, registration.email)
        if not taken:
            raise
        raise ValidationError(taken) from None
    return company


async def validate_registration(form: Mapping[str, Any]) -> Registration:
    """Check a registration form; :class:`ValidationError` names every bad field."""
    errors: dict[str, str] = {}

    def text(name: str, limit: int, missing: str) -> str:
        value = str(form.get(name, "")).strip()
        if not value:
            errors[name] = missing
        elif len(value) > limit:
            errors[name] = f"Højst {limit} tegn."
        return value

    cvr = str(form.get("cvr", "")).replace(" ", "")
    if not (len(cvr) == 8 and cvr.isascii() and cvr.isdigit()):
        errors["cvr"] = "Skriv CVR-nummeret med 8 cifre."
    name = text("name", 200, "Skriv virksomhedens navn.")
    address = text("address", 200, "Skriv virksomhedens adresse.")
    postcode = await _postcode(str(form.get("postcode", "")).strip(), errors)
    industry = await _industry(str(form.get("industry", "")).strip(), errors)
    openings = _pledge(str(form.get("openings_promised", "")).strip(), errors)
    contact_name = text("contact_name", 200, "Skriv dit navn.")
    email = normalise_email(str(form.get("email", "")))
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        errors["email"] = "Det er ikke en gyldig e-mailadresse."
    password = str(form.get("password", ""))
    if problem := password_problem(password, email=email):
        errors["password"] = problem
    for field, message in (await _taken(cvr, email)).items():
        errors.setdefault(field, message)
    if errors:
        raise ValidationError(errors)
    assert postcode is not None
    return Registration(
        cvr, name, address, postcode, industry, openings, contact_name, email, password
    )


async def _postcode(code: str, errors: dict[str, str]) -> Postcode | None:
    if not (len(code) == 4 and code.isascii() and code.isdigit()):
        errors["postcode"] = "Skriv et postnummer med 4 cifre."
        return None
    postcode = await Postcode.get_or_none(code=int(code))
    if postcode is None:
        errors["postcode"] = "Postnummeret findes ikke."
    return postcode


async def _industry(code: str, errors: dict[str, str]) -> Industry | None:
    if not code:
        return None
    industry = await Industry.get_or_none(code=code.upper()) if len(code) == 1 else None
    if industry is None:
        errors["industry"] = "Vælg en branche fra listen."
    return industry


def _pledge(text: str, errors: dict[str, str]) -> int:
    if text.isascii() and text.isdigit() and MIN_PLEDGE <= int(text) <= MAX_PLEDGE:
        return int(text)
    errors["openings_promised"] = f"Skriv et antal jobåbninger mellem {MIN_PLEDGE} og {MAX_PLEDGE}."
    return 0


async def _taken(cvr: str, email: str) -> dict[str, str]:
    """The messages for a CVR number or e-mail address that is already registered."""
    taken: dict[str, str] = {}
    if cvr and await Company.exists(cvr=cvr):
        taken["cvr"] = (
            "Der er allerede registreret en virksomhed med dette CVR-nummer. "
            "Kontakt sekretariatet, hvis I mangler adgang."
        )
    if email and await User.exists(email=email):
        taken["email"] = "Der findes allerede en bruger med denne e-mailadresse."
    return taken


async def _tell_admins(company: Company, base_url: str) -> None:
    admins = await User.filter(role=Role.ADMIN, is_active=True).values_list("email", flat=True)
    for email in admins:
        await queue_email(
            str(email),
            "Ny virksomhed venter på godkendelse",
            f"{company.name} (CVR {company.cvr}) har registreret sig i Ungeløftet og venter på "
            f"godkendelse:\n{base_url}/admin/companies\n",
        )


# Verification by the secretariat.


async def companies_for_review(principal: Principal) -> ReviewList[Company]:
    require(principal, Resource.COMPANY, Action.LIST)
    return await _review(Company, ("postcode", "industry", "pledges", "users"))


async def organisations_for_review(principal: Principal) -> ReviewList[Organisation]:
    require(principal, Resource.ORGANISATION, Action.VERIFY)
    return await _review(Organisation, ("kind", "postcode", "users"))


async def _review(model: type[Partner], related: tuple[str, ...]) -> ReviewList[Partner]:
    """Pending partners, oldest first, then the most recent decisions."""
    pending = (
        await model.filter(status=VerificationStatus.PENDING)
        .order_by("created_at", "id")
        .prefetch_related(*related)
    )
    decided = (
        await model.exclude(status=VerificationStatus.PENDING)
        .order_by("-updated_at", "-id")
        .limit(RECENT_DECISIONS)
        .prefetch_related(*related)
    )
    return ReviewList(pending, decided)


async def decide_company(
    principal: Principal, company_id: int, *, decision: str, reason: str
) -> Company:
    """Approve or reject a pending company, and tell its users."""
    require(principal, Resource.COMPANY, Action.VERIFY)
    async with in_transaction():
        company = await Company.select_for_update().get_or_none(id=company_id)
        if company is None:
            raise NotFoundError("no such company")
        _decide(company, decision, reason)
        await company.save(
            update_fields=["status", "verified_at", "rejection_reason", "updated_at"]
        )
        recipients = await User.filter(company_id=company.id, is_active=True).values_list(
            "email", flat=True
        )
        await _tell_decision([str(email) for email in recipients], company)
    return company


async def decide_organisation(
    principal: Principal, organisation_id: int, *, decision: str, reason: str
) -> Organisation:
    """Approve or reject a pending organisation, and tell its users (or, with none yet,
    the organisation's own address)."""
    require(principal, Resource.ORGANISATION, Action.VERIFY)
    async with in_transaction():
        organisation = await Organisation.select_for_update().get_or_none(id=organisation_id)
        if organisation is None:
            raise NotFoundError("no such organisation")
        _decide(organisation, decision, reason)
        await organisation.save(
            update_fields=["status", "verified_at", "rejection_reason", "updated_at"]
        )
        users = await User.filter(organisation_id=organisation.id, is_active=True).values_list(
            "email", flat=True
        )
        recipients = [str(email) for email in users] or (
            [organisation.email] if organisation.email else []
        )
        await _tell_decision(recipients, organisation)
    return organisation


def _decide(partner: Company | Organisation, decision: str, reason: str) -> None:
    """Set the decision on a pending partner, or raise :class:`ValidationError`."""
    reason = reason.strip()
    if partner.status != VerificationStatus.PENDING:
        raise ValidationError({"decision": "Der er allerede truffet en afgørelse."})
    if decision == APPROVE:
        partner.status = VerificationStatus.VERIFIED
        partner.verified_at = datetime.now(UTC)
        partner.rejection_reason = ""
    elif decision != REJECT:
        raise ValidationError({"decision": "Vælg godkend eller afvis."})
    elif not reason:
        raise ValidationError({"reason": "Skriv en begrundelse for afvisningen."})
    elif len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({"reason": f"Højst {MAX_REASON_LENGTH} tegn."})
    else:
        partner.status = VerificationStatus.REJECTED
        partner.rejection_reason = reason


async def _tell_decision(recipients: list[str], partner: Company | Organisation) -> None:
    if partner.status == VerificationStatus.VERIFIED:
        subject = "I er godkendt i Ungeløftet"
        body = f"{partner.name} er nu godkendt som partner i Ungeløftet.\n"
    else:
        subject = "Jeres registrering i Ungeløftet er afvist"
        body = (
            f"Sekretariatet har afvist registreringen af {partner.name}.\n\n"
            f"Begrundelse:\n{partner.rejection_reason}\n"
        )
    for email in recipients:
        await queue_email(email, subject, body)
