"""User accounts."""

from __future__ import annotations

import re

from tortoise.transactions import in_transaction

from app.models import Role, User
from app.services.errors import ValidationError
from app.services.passwords import hash_password

MIN_PASSWORD_LENGTH = 12
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    return None


async def create_admin(*, email: str, name: str, password: str) -> User:
    email = normalise_email(email)
    errors: dict[str, str] = {}
    if not EMAIL_PATTERN.match(email):
        errors["email"] = "is not an e-mail address"
    if not name.strip():
        errors["name"] = "is required"
    if problem := password_problem(password):
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
