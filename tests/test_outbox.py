"""The e-mail outbox: queueing in the caller's transaction, sending to the log (development)
and over SMTP to a sink the test runs itself, and recording failures."""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest
from tortoise.transactions import in_transaction

from app import jobs
from app.models import Job, OutboxMessage
from app.services import outbox
from app.services.errors import ValidationError
from app.settings import Settings, load_settings


@dataclass
class SmtpSink:
    """Just enough of an SMTP server to receive messages on 127.0.0.1."""

    port: int = 0
    recipients: list[str] = field(default_factory=list)
    messages: list[EmailMessage] = field(default_factory=list)

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 sink ESMTP\r\n")
        while line := await reader.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb == "DATA":
                writer.write(b"354 end with <CRLF>.<CRLF>\r\n")
                data = await reader.readuntil(b"\r\n.\r\n")
                data = data[:-3].replace(b"\r\n..", b"\r\n.")  # undo dot-stuffing
                message = email.message_from_bytes(data, policy=email.policy.default)
                assert isinstance(message, EmailMessage)
                self.messages.append(message)
                reply = b"250 queued\r\n"
            elif verb == "QUIT":
                writer.write(b"221 bye\r\n")
                break
            elif verb in ("EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                if verb == "RCPT":
                    self.recipients.append(command.partition(":")[2].strip())
                reply = b"250 ok\r\n"
            else:
                reply = b"502 not implemented\r\n"
            writer.write(reply)
            await writer.drain()
        await writer.drain()
        writer.close()
        await writer.wait_closed()


@pytest.fixture
async def smtp_sink() -> AsyncIterator[SmtpSink]:
    sink = SmtpSink()
    server = await asyncio.start_server(sink.serve, "127.0.0.1", 0)
    sink.port = server.sockets[0].getsockname()[1]
    async with server:
        yield sink


def smtp_settings(tmp_path: Path, port: int, **more: str) -> Settings:
    return load_settings(
        {
            "DATA_DIR": str(tmp_path),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(port),
            "SMTP_FROM": "noreply@ungeloftet.dk",
            "SMTP_STARTTLS": "false",
            **more,
        }
    )


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_queue_email_writes_the_message_and_enqueues_a_send_job() -> None:
    message = await outbox.queue_email("ung@example.dk", "Velkommen", "Hej og velkommen.")

    stored = await OutboxMessage.get(id=message.id)
    assert (stored.to_email, stored.subject, stored.body) == (
        "ung@example.dk",
        "Velkommen",
        "Hej og velkommen.",
    )
    assert stored.sent_at is None
    job = await Job.get(unique_key=f"send_outbox:{message.id}")
    assert job.kind == "send_outbox"
    assert job.finished_at is None


async def test_an_email_queued_in_a_rolled_back_transaction_is_never_sent() -> None:
    async def change_that_fails() -> None:
        async with in_transaction():
            await outbox.queue_email("ung@example.dk", "Tilbagerullet", "Hej.")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError, match="the change failed"):
        await change_that_fails()

    assert not await OutboxMessage.exists(subject="Tilbagerullet")
    assert not await Job.exists(kind="send_outbox")


async def test_headers_must_be_one_line() -> None:
    with pytest.raises(ValidationError) as raised:
        await outbox.queue_email("ung@example.dk\r\nBcc: x@example.dk", "Hej\nBcc: y", "Hej.")
    assert raised.value.errors == {"to_email": "must be one line", "subject": "must be one line"}


async def test_without_smtp_messages_are_logged_and_marked_sent(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    assert settings.smtp is None
    message = await outbox.queue_email("ung@example.dk", "Din adgangskode", "Klik på linket.")

    with caplog.at_level(logging.INFO, logger="app.services.outbox"):
        assert await outbox.send_pending(settings) == 1

    assert "ung@example.dk" in caplog.text
    assert "Din adgangskode" in caplog.text
    assert "Klik på linket." in caplog.text
    await message.refresh_from_db()
    assert message.sent_at is not None
    assert await outbox.send_pending(settings) == 0


async def test_messages_are_sent_over_smtp(tmp_path: Path, smtp_sink: SmtpSink) -> None:
    settings = smtp_settings(tmp_path, smtp_sink.port)
    message = await outbox.queue_email(
        "ung@example.dk", "Velkommen til Ungeløftet", "Hej Åse,\nvelkommen.\n.\nHilsen"
    )

    assert await outbox.send_pending(settings) == 1

    assert smtp_sink.recipients == ["<ung@example.dk>"]
    [received] = smtp_sink.messages
    assert received["To"] == "ung@example.dk"
    assert received["From"] == "noreply@ungeloftet.dk"
    assert received["Subject"] == "Velkommen til Ungeløftet"
    assert received.get_content().replace("\r\n", "\n") == "Hej Åse,\nvelkommen.\n.\nHilsen\n"
    await message.refresh_from_db()
    assert message.sent_at is not None


async def test_smtp_failures_are_recorded_and_retried_with_back_off(tmp_path: Path) -> None:
    settings = smtp_settings(
        tmp_path, closed_port(), SMTP_USERNAME="mailer", SMTP_PASSWORD="smtp-password-never-shown"
    )
    message = await outbox.queue_email("ung@example.dk", "Hej", "Hej.")

    assert await outbox.send_pending(settings) == 0

    await message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 1
    assert message.last_error.startswith("SMTPConnectError: ")
    assert "\n" not in message.last_error
    assert "smtp-password-never-shown" not in message.last_error

    assert message.next_attempt_at is not None
    await outbox.send_pending(settings)
    await message.refresh_from_db()
    assert message.attempts == 1, "retried before its back-off ran out"

    for _ in range(outbox.MAX_ATTEMPTS + 2):
        await OutboxMessage.filter(id=message.id).update(next_attempt_at=None)
        await outbox.send_pending(settings)
    await message.refresh_from_db()
    assert message.attempts == outbox.MAX_ATTEMPTS


async def test_the_send_job_sends_the_outbox(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox, "_settings", lambda: settings)
    message = await outbox.queue_email("ung@example.dk", "Hej", "Hej.")

    assert await jobs.run_one("worker-1")

    await message.refresh_from_db()
    assert message.sent_at is not None
    assert (await Job.get(unique_key=f"send_outbox:{message.id}")).finished_at is not None


async def test_recent_messages_come_newest_first() -> None:
    _, second, third = [
        await outbox.queue_email("ung@example.dk", f"Besked {n}", "Hej.") for n in (1, 2, 3)
    ]

    recent = await outbox.recent_messages(limit=2)

    assert [message.id for message in recent] == [third.id, second.id]
