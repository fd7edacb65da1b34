"""One-time links (invitations, password resets): random, stored hashed, expiring, and
usable once. Redeeming locks the row, so two clicks at once cannot both succeed."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from app.models import LinkPurpose, OneTimeLink, User

LIFETIME = {
    LinkPurpose.INVITATION: timedelta(days=7),
    LinkPurpose.PASSWORD_RESET: timedelta(hours=1),
}


class LinkProblem(StrEnum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


class InvalidLink(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        self.problem = problem
        super().__init__(problem.value)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_link(user: User, purpose: LinkPurpose, *, created_by_id: int | None = None) -> str:
    """Make a link for ``user``; earlier unused links of the same purpose stop working."""
    now = datetime.now(UTC)
    await OneTimeLink.filter(user_id=user.id, purpose=purpose, used_at=None).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    await OneTimeLink.create(
        purpose=purpose,
        token_hash=_hash(token),
        user=user,
        created_by_id=created_by_id,
        expires_at=now + LIFETIME[purpose],
    )
    return token


async def peek_link(token: str, purpose: LinkPurpose) -> OneTimeLink:
    """The valid link behind ``token`` (for showing its form), or :class:`InvalidLink`."""
    link = await OneTimeLink.get_or_none(token_hash=_hash(token), purpose=purpose).prefetch_related(
        "user"
    )
    _check(link)
    assert link is not None
    return link


async def redeem_link(token: str, purpose: LinkPurpose) -> OneTimeLink:
    """Lock and use up the link; call inside the transaction that acts on it."""
    link = (
        await OneTimeLink.select_for_update()
        .filter(token_hash=_hash(token), purpose=purpose)
        .prefetch_related("user")
        .first()
    )
    _check(link)
    assert link is not None
    link.used_at = datetime.now(UTC)
    await link.save(update_fields=["used_at"])
    return link


def _check(link: OneTimeLink | None) -> None:
    if link is None:
        raise InvalidLink(LinkProblem.UNKNOWN)
    if link.used_at is not None:
        raise InvalidLink(LinkProblem.USED)
    if link.expires_at <= datetime.now(UTC):
        raise InvalidLink(LinkProblem.EXPIRED)
