"""The administrators' view of the e-mail outbox (in development, where invitation and
reset links can be read when no SMTP server is set)."""

from __future__ import annotations

from app.models import OutboxMessage
from app.services.authorization import Action, Resource, require
from app.services.outbox import recent_messages
from app.services.principal import Principal


async def outbox_messages(principal: Principal, limit: int = 100) -> list[OutboxMessage]:
    """The newest messages first, sent or not."""
    require(principal, Resource.OUTBOX, Action.LIST)
    return await recent_messages(limit)
