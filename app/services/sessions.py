"""Server-side sessions: a random key in the cookie, its hash and the state in PostgreSQL.

A session ends after 30 minutes without activity (every role sees personal data of some
kind: candidates, referrals, the audit log) and 12 hours after login whatever the
activity, on logout, and on a password change.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from tortoise.expressions import Q

from app.models import Role, Session, User

IDLE_TIMEOUT_MINUTES = {
    Role.ADMIN: 30,
    Role.CONSULTANT: 30,
    Role.COMPANY: 30,
    Role.ORGANISATION: 30,
}
ABSOLUTE_LIFETIME = timedelta(hours=12)
TOUCH_INTERVAL = timedelta(seconds=30)


class SessionState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    MISSING = "missing"


@dataclass(frozen=True)
class ResumedSession:
    state: SessionState
    session: Session | None = None
    user: User | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def start_session(user: User, *, ip: str, user_agent: str) -> tuple[str, Session]:
    """Create a session; return the cookie value (shown only here) and the row."""
    key = secrets.token_urlsafe(32)
    now = _now()
    session = await Session.create(
        key_hash=hash_key(key),
        user=user,
        csrf_token=secrets.token_urlsafe(32),
        last_seen_at=now,
        expires_at=now + ABSOLUTE_LIFETIME,
        idle_timeout_minutes=IDLE_TIMEOUT_MINUTES[user.role],
        ip=ip[:64],
        user_agent=user_agent[:300],
    )
    user.last_login_at = now
    await user.save(update_fields=["last_login_at", "updated_at"])
    return key, session


async def resume_session(key: str) -> ResumedSession:
    """The session behind a cookie value; an expired one is ended on the way."""
    if not key:
        return ResumedSession(SessionState.MISSING)
    session = await Session.get_or_none(key_hash=hash_key(key), revoked_at=None).prefetch_related(
        "user"
    )
    if session is None or not session.user.is_active:
        return ResumedSession(SessionState.MISSING)
    now = _now()
    idle_deadline = session.last_seen_at + timedelta(minutes=session.idle_timeout_minutes)
    if now >= session.expires_at or now >= idle_deadline:
        await Session.filter(id=session.id).update(revoked_at=now)
        return ResumedSession(SessionState.EXPIRED)
    if now - session.last_seen_at >= TOUCH_INTERVAL:
        await Session.filter(id=session.id).update(last_seen_at=now)
    return ResumedSession(SessionState.ACTIVE, session, session.user)


async def end_session(session_id: int) -> None:
    await Session.filter(id=session_id, revoked_at=None).update(revoked_at=_now())


async def end_user_sessions(user_id: int, *, keep_session_id: int | None = None) -> int:
    """End every session of a user (but ``keep_session_id``); return how many."""
    query = Session.filter(user_id=user_id, revoked_at=None)
    if keep_session_id is not None:
        query = query.exclude(id=keep_session_id)
    return await query.update(revoked_at=_now())


async def active_sessions(user_id: int) -> list[Session]:
    """The user's sessions that have neither ended nor expired, newest first."""
    now = _now()
    sessions = await Session.filter(
        Q(user_id=user_id), Q(revoked_at=None), Q(expires_at__gt=now)
    ).order_by("-last_seen_at")
    return [s for s in sessions if now < s.last_seen_at + timedelta(minutes=s.idle_timeout_minutes)]
