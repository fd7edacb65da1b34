"""Passwords: the policy, and hashing with argon2id off the event loop.

The argon2 parameters are argon2-cffi's RFC 9106 low-memory profile (t=3, m=64 MiB,
p=4), stronger than OWASP's minimum for argon2id (m=19 MiB, t=2, p=1). The list of
common passwords is the 30,000 most common ones that zxcvbn ships.
"""

from __future__ import annotations

import asyncio
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 256

_hasher = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not a password anyone has")


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why ``password`` is not acceptable (a Danish sentence for the form), or None."""
    if len(password) < MIN_LENGTH:
        return f"Adgangskoden skal være mindst {MIN_LENGTH} tegn."
    if len(password) > MAX_LENGTH:
        return f"Adgangskoden må højst være {MAX_LENGTH} tegn."
    if password.lower() in _common_passwords() or len(set(password)) < 4:
        return "Adgangskoden er for almindelig. Vælg en, der er sværere at gætte."
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        return "Adgangskoden må ikke indeholde din e-mailadresse."
    return None


def hash_password_sync(password: str) -> str:
    return _hasher.hash(password)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password``. Without a usable hash (an unknown user, an invitation not yet
    accepted) the same work is done against a dummy hash, and the answer is no."""
    usable = password_hash if password_hash and password_hash.startswith("$argon2") else None

    def verify() -> bool:
        try:
            matches = _hasher.verify(usable or _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            return False
        return matches and usable is not None

    return await asyncio.to_thread(verify)
