"""A job queue in PostgreSQL (table ``job``), worked by every app process.

A job is a row, so it survives a restart. Workers claim a row with ``FOR UPDATE SKIP
LOCKED`` (:data:`CLAIM_SQL`), so each job runs once however many processes work the queue;
a claim older than five minutes (a crashed worker) lapses. Periodic jobs are
enqueued with one ``unique_key`` per period, so N processes scheduling the same period
insert one row.

Handlers register by kind with :func:`register`. The modules that hold handlers are
imported at the bottom of this module, so importing ``app.jobs`` registers them all: a new
handler module belongs in that list.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from app.models import Job

log = logging.getLogger(__name__)

JobHandler = Callable[[dict[str, Any]], Awaitable[None]]

RETRY_BASE = timedelta(seconds=30)
RETRY_CAP = timedelta(hours=1)
STOP_TIMEOUT_SECONDS = 10.0
MAX_ATTEMPTS: int = Job._meta.fields_map["max_attempts"].default
MAX_ERROR_LENGTH = 1000

CLAIM_SQL = """
UPDATE job SET locked_at = now(), locked_by = $1, attempts = attempts + 1
WHERE id = (
    SELECT id FROM job
    WHERE finished_at IS NULL AND attempts < max_attempts AND run_at <= now()
      AND (locked_at IS NULL OR locked_at < now() - interval '5 minutes')
    ORDER BY run_at, id
    FOR UPDATE SKIP LOCKED
    LIMIT 1
)
RETURNING id, kind, payload, attempts, max_attempts
"""
"""Claim the next due job for worker ``$1`` in one atomic statement."""

HANDLERS: dict[str, JobHandler] = {}
"""Handlers by kind; fill it with :func:`register`."""


def register(kind: str) -> Callable[[JobHandler], JobHandler]:
    """Decorator: ``handler`` runs the jobs of ``kind`` (one handler per kind)."""

    def decorator(handler: JobHandler) -> JobHandler:
        if kind in HANDLERS:
            raise ValueError(f"a handler for job kind {kind!r} is already registered")
        HANDLERS[kind] = handler
        return handler

    return decorator


async def enqueue(
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    run_at: datetime | None = None,
    unique_key: str | None = None,
) -> None:
    """Add a job, due at ``run_at`` (default: now), in the caller's transaction if any.

    A job with the same ``unique_key`` already in the table (finished or not) wins: the
    call then does nothing. (The table has no column defaults: tortoise applies the
    model's in Python, so this statement gives every column.)
    """
    await connections.get("default").execute_query(
        "INSERT INTO job (kind, payload, unique_key, run_at, max_attempts,"
        " attempts, locked_by, last_error, created_at)"
        " VALUES ($1, $2::jsonb, $3, COALESCE($4::timestamptz, now()), $5, 0, '', '', now())"
        " ON CONFLICT (unique_key) DO NOTHING",
        [kind, json.dumps(payload or {}), unique_key, run_at, MAX_ATTEMPTS],
    )


@dataclass(frozen=True)
class Periodic:
    kind: str
    every: timedelta


PERIODIC: list[Periodic] = [
    Periodic("send_outbox", timedelta(seconds=30)),
    Periodic("purge_expired", timedelta(hours=1)),
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


async def schedule_periodic(now: datetime | None = None) -> None:
    """Enqueue each periodic job for the period that contains ``now`` (periods count from
    the Unix epoch, so every process agrees on where they start)."""
    now = now or datetime.now(UTC)
    for periodic in PERIODIC:
        period_start = _EPOCH + (now - _EPOCH) // periodic.every * periodic.every
        await enqueue(
            periodic.kind,
            run_at=period_start,
            unique_key=f"{periodic.kind}@{period_start.isoformat()}",
        )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failure: 30 s, 1 min, 2 min, … ≤ 1 hour."""
    factor: int = 2 ** max(attempts - 1, 0)
    return min(RETRY_BASE * factor, RETRY_CAP)


async def run_one(worker_id: str) -> bool:
    """Claim the next due job and run it; False when nothing was due.

    The handler and the mark that the job finished commit together. A failure is recorded
    on the job, which is retried after :func:`retry_delay` until ``max_attempts``.
    """
    rows = await connections.get("default").execute_query_dict(CLAIM_SQL, [worker_id])
    if not rows:
        return False
    job = rows[0]
    try:
        handler = HANDLERS.get(job["kind"])
        if handler is None:
            raise LookupError(f"no handler for job kind {job['kind']!r}")
        async with in_transaction() as connection:
            await handler(json.loads(job["payload"]))
            await connection.execute_query(
                "UPDATE job SET finished_at = now(), locked_at = NULL, last_error = ''"
                " WHERE id = $1",
                [job["id"]],
            )
    except Exception as exc:
        await _record_failure(job, exc)
    return True


def describe_error(exc: BaseException, max_length: int = MAX_ERROR_LENGTH) -> str:
    """``exc`` as one line of at most ``max_length`` characters, to store and show."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:max_length]


async def _record_failure(job: dict[str, Any], exc: Exception) -> None:
    error = describe_error(exc)
    attempts, max_attempts = job["attempts"], job["max_attempts"]
    if attempts >= max_attempts:
        log.error(
            "job %s (%s) failed %d times, giving up: %s", job["id"], job["kind"], attempts, error
        )
    else:
        log.warning(
            "job %s (%s) failed (attempt %d of %d), will retry",
            job["id"],
            job["kind"],
            attempts,
            max_attempts,
            exc_info=exc,
        )
    await connections.get("default").execute_query(
        "UPDATE job SET locked_at = NULL, last_error = $2, run_at = now() + $3::interval"
        " WHERE id = $1",
        [job["id"], error, retry_delay(attempts)],
    )


class Worker:
    """Schedules the periodic jobs and runs due jobs, in the app process."""

    def __init__(self, worker_id: str | None = None, poll_seconds: float = 2.0) -> None:
        self.worker_id = (
            worker_id or f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        )
        self.poll_seconds = poll_seconds

    async def run(self, stop: asyncio.Event) -> None:
        """Work until ``stop`` is set; an error is logged and the loop goes on."""
        while not stop.is_set():
            try:
                await schedule_periodic()
                while not stop.is_set() and await run_one(self.worker_id):
                    pass
            except Exception:
                log.exception("job worker %s: error while working the queue", self.worker_id)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_seconds):
                    await stop.wait()


@contextlib.asynccontextmanager
async def background_worker(poll_seconds: float = 2.0) -> AsyncIterator[None]:
    """Run a :class:`Worker` while the block runs; on exit let the job at hand finish
    (for up to :data:`STOP_TIMEOUT_SECONDS`, then cancel it: its claim lapses)."""
    stop = asyncio.Event()
    task = asyncio.create_task(Worker(poll_seconds=poll_seconds).run(stop), name="job-worker")
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, STOP_TIMEOUT_SECONDS)
        except TimeoutError:
            log.warning("job worker did not stop within %s s; cancelled", STOP_TIMEOUT_SECONDS)


@register("purge_expired")
async def purge_expired(payload: dict[str, Any]) -> None:
    """Delete what no one needs any more: ended sessions, used or expired one-time links,
    old failed logins, finished jobs, past rate-limit windows and idempotency keys older
    than a day."""
    statements = {
        "sessions": "DELETE FROM session WHERE expires_at < now() - interval '1 day'"
        " OR revoked_at < now() - interval '1 day'",
        "one-time links": "DELETE FROM one_time_link WHERE expires_at < now() - interval '7 days'"
        " OR used_at < now() - interval '7 days'",
        "login failures": "DELETE FROM login_failure WHERE at < now() - interval '1 day'",
        "finished jobs": "DELETE FROM job WHERE finished_at < now() - interval '7 days'",
        "rate-limit windows": "DELETE FROM rate_limit_window"
        " WHERE window_start < now() - interval '2 hours'",
        "idempotency keys": "DELETE FROM idempotency_key"
        " WHERE created_at < now() - interval '24 hours'",
    }
    connection = connections.get("default")
    for what, sql in statements.items():
        deleted, _ = await connection.execute_query(sql)
        if deleted:
            log.info("purged %d %s", deleted, what)


# The modules below register job handlers; importing them here means importing app.jobs
# registers every handler. They import this module, which is complete by now.
import app.services.outbox  # noqa: E402, F401
