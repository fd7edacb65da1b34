"""Colleagues: managers invite users into their own tenant and deactivate them;
administrators do so for every tenant and role."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.models import (
    Company,
    LinkPurpose,
    Municipality,
    OneTimeLink,
    Organisation,
    Role,
    User,
)
from app.services.accounts import EMAIL_PATTERN, normalise_email
from app.services.authorization import Action, Resource, colleagues_in_scope, require
from app.services.errors import NotFoundError, ValidationError
from app.services.links import LIFETIME, create_link
from app.services.outbox import queue_email
from app.services.principal import Principal
from app.services.sessions import end_user_sessions

EMAIL_TAKEN = "Der findes allerede en bruger med denne e-mailadresse."


@dataclass(frozen=True)
class Placement:
    """A role and its tenant (administrators have none)."""

    role: Role
    municipality_id: int | None = None
    company_id: int | None = None
    organisation_id: int | None = None


@dataclass(frozen=True)
class Invitation:
    """A validated invitation form: who, where, and whether they manage colleagues."""

    name: str
    email: str
    placement: Placement
    is_manager: bool


async def list_colleagues(principal: Principal) -> list[User]:
    """The users the acting manager manages (administrators: everyone)."""
    require(principal, Resource.USER, Action.LIST)
    return (
        await colleagues_in_scope(principal)
        .order_by("role", "name", "id")
        .prefetch_related("municipality", "company", "organisation")
    )


async def invite_user(principal: Principal, form: Mapping[str, Any], *, base_url: str) -> User:
    """Create an inactive user without a password and mail them an invitation link; the
    account becomes active when they choose a password through the link."""
    require(principal, Resource.USER, Action.INVITE)
    invitation = await validate_invitation(principal, form)
    try:
        async with in_transaction():
            user = await User.create(
                email=invitation.email,
                name=invitation.name,
                password_hash="",
                role=invitation.placement.role,
                municipality_id=invitation.placement.municipality_id,
                company_id=invitation.placement.company_id,
                organisation_id=invitation.placement.organisation_id,
                is_manager=invitation.is_manager,
                is_active=False,
            )
            token = await create_link(user, LinkPurpose.INVITATION, created_by_id=principal.user_id)
            await queue_email(
                user.email,
                "Du er inviteret til Ungeløftet",
                f"Hej {user.name}\n\n{principal.name} har inviteret dig til Ungeløftet.\n"
                f"Vælg din adgangskode her inden for {LIFETIME[LinkPurpose.INVITATION].days} dage:\n"
                f"{base_url}/invitation/{token}\n",
            )
    except IntegrityError:
        # The address was taken between the check and the insert.
        if await User.exists(email=invitation.email):
            raise ValidationError({"email": EMAIL_TAKEN}) from None
        raise
    return user


async def validate_invitation(principal: Principal, form: Mapping[str, Any]) -> Invitation:
    """Check an invitation form. Administrators choose the role and tenant; a manager's
    invitation always goes into the manager's own tenant with the manager's role."""
    errors: dict[str, str] = {}
    name = str(form.get("name", "")).strip()
    if not name:
        errors["name"] = "Skriv navnet."
    elif len(name) > 200:
        errors["name"] = "Højst 200 tegn."
    email = normalise_email(str(form.get("email", "")))
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        errors["email"] = "Det er ikke en gyldig e-mailadresse."
    elif await User.exists(email=email):
        errors["email"] = EMAIL_TAKEN
    if principal.is_admin:
        placement = await _placement_chosen_by_admin(form, errors)
    else:
        placement = _placement_in_own_tenant(principal)
    if errors:
        raise ValidationError(errors)
    is_manager = placement.role != Role.ADMIN and form.get("is_manager") == "on"
    return Invitation(name=name, email=email, placement=placement, is_manager=is_manager)


def _placement_in_own_tenant(principal: Principal) -> Placement:
    assert principal.role is not None
    return Placement(
        role=principal.role,
        municipality_id=principal.municipality_id if principal.role == Role.CONSULTANT else None,
        company_id=principal.company_id if principal.role == Role.COMPANY else None,
        organisation_id=(
            principal.organisation_id if principal.role == Role.ORGANISATION else None
        ),
    )


async def _placement_chosen_by_admin(form: Mapping[str, Any], errors: dict[str, str]) -> Placement:
    role_text = str(form.get("role", ""))
    if role_text not in {role.value for role in Role}:
        errors["role"] = "Vælg en rolle."
        return Placement(role=Role.ADMIN)
    role = Role(role_text)
    if role == Role.CONSULTANT:
        code = _number(form, "municipality", max_digits=3)
        municipality = await Municipality.get_or_none(code=code) if code is not None else None
        if municipality is None:
            errors["municipality"] = "Skriv en kommunekode, der findes (fx 101 for København)."
            return Placement(role=role)
        return Placement(role=role, municipality_id=municipality.id)
    if role == Role.COMPANY:
        company_id = _number(form, "company")
        if company_id is None or not await Company.exists(id=company_id):
            errors["company"] = "Der findes ingen virksomhed med det nummer."
        return Placement(role=role, company_id=company_id)
    if role == Role.ORGANISATION:
        organisation_id = _number(form, "organisation")
        if organisation_id is None or not await Organisation.exists(id=organisation_id):
            errors["organisation"] = "Der findes ingen organisation med det nummer."
        return Placement(role=role, organisation_id=organisation_id)
    return Placement(role=role)


def _number(form: Mapping[str, Any], name: str, *, max_digits: int = 9) -> int | None:
    text = str(form.get(name, "")).strip()
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None


async def deactivate_user(principal: Principal, user_id: int) -> User:
    """Deactivate a colleague: their sessions end and their unused links stop working
    (else an open invitation would activate the account again)."""
    require(principal, Resource.USER, Action.INVITE)
    user = await colleagues_in_scope(principal).get_or_none(id=user_id)
    if user is None:
        raise NotFoundError("no such user")
    if user.id == principal.user_id:
        raise ValidationError({"user": "Du kan ikke deaktivere dig selv."})
    async with in_transaction():
        user.is_active = False
        await user.save(update_fields=["is_active", "updated_at"])
        await OneTimeLink.filter(user_id=user.id, used_at=None).update(expires_at=datetime.now(UTC))
        await end_user_sessions(user.id)
    return user
