"""The audit log of personal data: who read or changed which record, when, from where
and why. The table is append-only; this module only ever inserts."""

from __future__ import annotations

from typing import Any

from app.models import AuditEvent
from app.services.principal import Principal


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
