"""The audit log of personal data: who read or changed which record, when, from where
and why. The table is append-only: this module inserts, and lets administrators search."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.models import AuditEvent
from app.services.authorization import Action, Resource, require
from app.services.principal import Principal

PAGE_SIZE = 50
DANISH_TIME = ZoneInfo("Europe/Copenhagen")


async def record(
    principal: Principal,
    action: str,
    subject_type: str,
    subject_id: int,
    *,
    young_person_id: int | None,
    purpose: str,
    detail: dict[str, Any] | None = None,
) -> None:
    await AuditEvent.create(
        actor_user_id=principal.user_id,
        actor_token_id=principal.token_id,
        action=action,
        purpose=purpose,
        subject_type=subject_type,
        subject_id=subject_id,
        young_person_id=young_person_id,
        ip=principal.ip[:64],
        request_id=principal.request_id[:64],
        detail=detail or {},
    )


async def record_reads(
    principal: Principal,
    subject_type: str,
    subjects: list[tuple[int, int]],
    *,
    purpose: str,
) -> None:
    """Log a read of many records at once, one row each, in one statement:
    ``subjects`` are (record ID, young person ID) pairs."""
    if not subjects:
        return
    await AuditEvent.bulk_create(
        [
            AuditEvent(
                actor_user_id=principal.user_id,
                actor_token_id=principal.token_id,
                action="read",
                purpose=purpose,
                subject_type=subject_type,
                subject_id=subject_id,
                young_person_id=young_person_id,
                ip=principal.ip[:64],
                request_id=principal.request_id[:64],
            )
            for subject_id, young_person_id in subjects
        ]
    )


async def search(
    principal: Principal,
    *,
    young_person_id: int | None = None,
    actor_email: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
) -> tuple[list[AuditEvent], int]:
    """One page of events (newest first) and how many match in all. ``since`` and
    ``until`` are days in Danish time, both included."""
    require(principal, Resource.AUDIT_LOG, Action.LIST)
    query = AuditEvent.all()
    if young_person_id is not None:
        query = query.filter(young_person_id=young_person_id)
    if actor_email:
        query = query.filter(actor_user__email=actor_email.strip().lower())
    if action:
        query = query.filter(action=action)
    if since is not None:
        query = query.filter(at__gte=_start_of(since))
    if until is not None:
        query = query.filter(at__lt=_start_of(until + timedelta(days=1)))
    total = await query.count()
    events = (
        await query.order_by("-at", "-id")
        .offset((max(page, 1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .prefetch_related("actor_user", "actor_token")
    )
    return events, total


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=DANISH_TIME)
