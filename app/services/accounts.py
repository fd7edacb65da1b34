"""User accounts."""

from __future__ import annotations

import re

from tortoise.transactions import in_transaction

from app.models import LinkPurpose, Role, Session, User
from app.services.errors import AuthenticationRequired, NotFoundError, ValidationError
from app.services.links import create_link, redeem_link
from app.services.outbox import queue_email
from app.services.passwords import hash_password, password_problem, verify_password
from app.services.principal import Principal
from app.services.sessions import active_sessions, end_session, end_user_sessions

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def create_admin(*, email: str, name: str, password: str) -> User:
    email = normalise_email(email)
    errors: dict[str, str] = {}
    if not EMAIL_PATTERN.match(email):
        errors["email"] = "is not an e-mail address"
    if not name.strip():
        errors["name"] = "is required"
    if problem := password_problem(password, email=email):
        errors["password"] = problem
    if not errors and await User.exists(email=email):
        errors["email"] = "is already in use"
    if errors:
        raise ValidationError(errors)
    password_hash = await hash_password(password)
    async with in_transaction():
        return await User.create(
            email=email, name=name.strip(), password_hash=password_hash, role=Role.ADMIN
        )


async def change_password(
    principal: Principal, *, current: str, new: str, repeat: str, keep_session_id: int | None
) -> int:
    """Change the acting user's password and end their other sessions (returns how many)."""
    user = await _acting_user(principal)
    errors: dict[str, str] = {}
    if not await verify_password(user.password_hash, current):
        errors["current_password"] = "Den nuværende adgangskode er forkert."
    if problem := password_problem(new, email=user.email):
        errors["new_password"] = problem
    elif new != repeat:
        errors["repeat_password"] = "De to nye adgangskoder er ikke ens."
    if errors:
        raise ValidationError(errors)
    user.password_hash = await hash_password(new)
    async with in_transaction():
        await user.save(update_fields=["password_hash", "updated_at"])
        return await end_user_sessions(user.id, keep_session_id=keep_session_id)


async def list_own_sessions(principal: Principal) -> list[Session]:
    user = await _acting_user(principal)
    return await active_sessions(user.id)


async def end_own_session(principal: Principal, session_id: int) -> None:
    """End one of the acting user's sessions; someone else's answers as not found."""
    user = await _acting_user(principal)
    if not await Session.exists(id=session_id, user_id=user.id, revoked_at=None):
        raise NotFoundError("no such session")
    await end_session(session_id)


async def end_other_sessions(principal: Principal, keep_session_id: int) -> int:
    user = await _acting_user(principal)
    return await end_user_sessions(user.id, keep_session_id=keep_session_id)


async def _acting_user(principal: Principal) -> User:
    if principal.user_id is None:
        raise AuthenticationRequired("log in first")
    user = await User.get_or_none(id=principal.user_id, is_active=True)
    if user is None:
        raise AuthenticationRequired("the account is no longer active")
    return user


async def request_password_reset(email: str, *, base_url: str) -> None:
    """Mail a reset link if an active account has this address. The caller says the same
    thing either way, so the form reveals nothing about who has an account."""
    user = await User.get_or_none(email=normalise_email(email)[:254], is_active=True)
    if user is None:
        return
    async with in_transaction():
        token = await create_link(user, LinkPurpose.PASSWORD_RESET)
        await queue_email(
            user.email,
            "Nulstil din adgangskode til Ungeløftet",
            f"Hej {user.name}\n\nBrug dette link inden for en time for at vælge en ny adgangskode:\n"
            f"{base_url}/password/reset/{token}\n\n"
            "Har du ikke bedt om det, kan du se bort fra denne e-mail.\n",
        )


async def set_password_from_link(
    token: str, purpose: LinkPurpose, *, new: str, repeat: str
) -> User:
    """Use a reset or invitation link to set a password (an invitation also activates the
    account); every session of the user ends. Raises InvalidLink or ValidationError."""
    async with in_transaction():
        link = await redeem_link(token, purpose)
        user = link.user
        errors: dict[str, str] = {}
        if problem := password_problem(new, email=user.email):
            errors["new_password"] = problem
        elif new != repeat:
            errors["repeat_password"] = "De to adgangskoder er ikke ens."
        if errors:
            raise ValidationError(errors)
        user.password_hash = await hash_password(new)
        user.is_active = True
        await user.save(update_fields=["password_hash", "is_active", "updated_at"])
        await end_user_sessions(user.id)
    return user
