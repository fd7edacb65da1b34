"""The e-mail outbox: messages are written in the transaction of the change they report
and sent afterwards by the ``send_outbox`` job, so a rolled-back change sends nothing."""

from __future__ import annotations

import functools
import logging
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import aiosmtplib
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app import jobs
from app.models import OutboxMessage
from app.services.errors import ValidationError
from app.settings import Settings, load_settings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # with back-off (30 s doubling, at most an hour), about 6 hours of outage
SMTP_TIMEOUT_SECONDS = 30.0
MAX_ERROR_LENGTH = 500


async def queue_email(to_email: str, subject: str, body: str) -> OutboxMessage:
    """Write a message to the outbox and enqueue a job that sends it within seconds (the
    periodic ``send_outbox`` job picks up anything missed)."""
    errors = {
        field: "must be one line"
        for field, value in (("to_email", to_email), ("subject", subject))
        if "\r" in value or "\n" in value
    }
    if errors:
        raise ValidationError(errors)
    async with in_transaction():
        message = await OutboxMessage.create(to_email=to_email, subject=subject, body=body)
        await jobs.enqueue("send_outbox", unique_key=f"send_outbox:{message.id}")
    return message


async def send_pending(settings: Settings, limit: int = 50) -> int:
    """Send up to ``limit`` unsent messages, oldest first; return how many were sent.

    The messages are locked (``FOR UPDATE SKIP LOCKED``) until they are marked, so two
    processes never send the same message. A failed message keeps ``sent_at`` NULL and is
    tried again after a growing delay, up to :data:`MAX_ATTEMPTS` times in all. Delivery is
    at least once: a crash between sending and committing sends that message again.
    """
    sent = 0
    now = datetime.now(UTC)
    async with in_transaction():
        messages = (
            await OutboxMessage.filter(
                Q(sent_at__isnull=True),
                Q(attempts__lt=MAX_ATTEMPTS),
                Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            )
            .order_by("created_at", "id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        for message in messages:
            try:
                await _deliver(settings, message)
            except Exception as exc:  # one bad message must not undo the batch's marks
                message.attempts += 1
                message.next_attempt_at = datetime.now(UTC) + jobs.retry_delay(message.attempts)
                message.last_error = jobs.describe_error(exc, MAX_ERROR_LENGTH)
                log.warning(
                    "e-mail %s to %s not sent (attempt %d): %s",
                    message.id,
                    message.to_email,
                    message.attempts,
                    message.last_error,
                )
                await message.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            else:
                message.sent_at = datetime.now(UTC)
                await message.save(update_fields=["sent_at"])
                sent += 1
    return sent


async def _deliver(settings: Settings, message: OutboxMessage) -> None:
    smtp = settings.smtp
    if smtp is None:  # development only: production refuses to start without SMTP
        log.info(
            "e-mail (not sent: SMTP_HOST is not set)\nTo: %s\nSubject: %s\n\n%s",
            message.to_email,
            message.subject,
            message.body,
        )
        return
    email = EmailMessage()
    email["From"] = smtp.sender
    email["To"] = message.to_email
    email["Subject"] = message.subject
    email["Date"] = formatdate()
    email["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2])
    email.set_content(message.body, charset="utf-8")
    await aiosmtplib.send(
        email,
        hostname=smtp.host,
        port=smtp.port,
        username=smtp.username or None,
        password=str(smtp.password) or None,
        start_tls=smtp.starttls,
        timeout=SMTP_TIMEOUT_SECONDS,
    )


async def recent_messages(limit: int = 100) -> list[OutboxMessage]:
    """The newest messages first, sent or not: for the administrators' page."""
    return await OutboxMessage.all().order_by("-created_at", "-id").limit(limit)


@functools.cache
def _settings() -> Settings:
    return load_settings()


@jobs.register("send_outbox")
async def send_outbox(payload: dict[str, Any]) -> None:
    await send_pending(_settings())
