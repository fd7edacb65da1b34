"""Logging in, with throttling that every app process shares (it lives in PostgreSQL).

- At most 100 failed logins per account per hour: the next attempt is refused, even
  with the right password.
- Back-off: from the 5th failure within 15 minutes, the account waits 2^(n-5) seconds
  (at most 5 minutes) after each failure.
- At most 300 failed logins per IP address per hour.

Unknown e-mail and wrong password get the same answer after the same work (a dummy
argon2 verification), so accounts cannot be discovered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.models import LoginFailure, User
from app.services.accounts import normalise_email
from app.services.passwords import verify_password

ACCOUNT_FAILURES_PER_HOUR = 100
IP_FAILURES_PER_HOUR = 300
BACKOFF_WINDOW = timedelta(minutes=15)
BACKOFF_AFTER = 5
MAX_BACKOFF = timedelta(minutes=5)

WRONG_CREDENTIALS = "Forkert e-mail eller adgangskode."


class LoginRefused(Exception):
    """The login failed; ``message`` is what the person is told (in Danish)."""

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        self.message = message
        self.retry_after = retry_after
        super().__init__(message)


@dataclass(frozen=True)
class Throttle:
    refused: bool
    message: str = ""
    retry_after: int | None = None


def _now() -> datetime:
    return datetime.now(UTC)


async def login_throttle(email: str, ip: str) -> Throttle:
    now = _now()
    hour_ago = now - timedelta(hours=1)
    if await LoginFailure.filter(ip=ip, at__gt=hour_ago).count() >= IP_FAILURES_PER_HOUR:
        return Throttle(
            True, "For mange forkerte forsøg fra din adresse. Prøv igen om en time.", 3600
        )
    if await LoginFailure.filter(email=email, at__gt=hour_ago).count() >= ACCOUNT_FAILURES_PER_HOUR:
        return Throttle(
            True, "For mange forkerte forsøg på denne konto. Prøv igen om en time.", 3600
        )
    recent = await LoginFailure.filter(email=email, at__gt=now - BACKOFF_WINDOW).order_by("-at")
    if len(recent) >= BACKOFF_AFTER:
        wait = min(timedelta(seconds=2 ** (len(recent) - BACKOFF_AFTER)), MAX_BACKOFF)
        remaining = recent[0].at + wait - now
        if remaining > timedelta(0):
            seconds = int(remaining.total_seconds()) + 1
            return Throttle(
                True, f"For mange forkerte forsøg. Vent {seconds} sekunder, og prøv igen.", seconds
            )
    return Throttle(False)


async def authenticate(email: str, password: str, *, ip: str) -> User:
    """The active user with these credentials, or :class:`LoginRefused`."""
    email = normalise_email(email)[:254]
    throttle = await login_throttle(email, ip)
    if throttle.refused:
        raise LoginRefused(throttle.message, retry_after=throttle.retry_after)
    user = await User.get_or_none(email=email)
    usable = user is not None and user.is_active
    if await verify_password(user.password_hash if usable and user else None, password) and user:
        return user
    await LoginFailure.create(email=email, ip=ip[:64])
    raise LoginRefused(WRONG_CREDENTIALS)
