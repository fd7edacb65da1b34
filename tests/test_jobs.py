"""The job queue: running, retrying, idempotent enqueueing, lapsed claims, concurrent
claims from two connections, the purge job and the worker."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import asyncpg
import pytest

from app import jobs
from app.db import DatabaseTarget
from app.models import Job, LinkPurpose, LoginFailure, OneTimeLink, Role, Session, User


@pytest.fixture
def kind(monkeypatch: pytest.MonkeyPatch) -> str:
    """A job kind of the test's own; handlers registered during the test are forgotten."""
    monkeypatch.setattr(jobs, "HANDLERS", dict(jobs.HANDLERS))
    return f"test-{uuid4()}"


def record_calls(kind: str) -> list[dict[str, Any]]:
    """Register a handler for ``kind`` that records the payloads it is called with."""
    calls: list[dict[str, Any]] = []

    @jobs.register(kind)
    async def handler(payload: dict[str, Any]) -> None:
        calls.append(payload)

    return calls


async def test_a_job_runs_once_and_is_marked_finished(kind: str) -> None:
    calls = record_calls(kind)
    await jobs.enqueue(kind, {"n": 1})

    assert await jobs.run_one("worker-1")
    assert not await jobs.run_one("worker-1")

    assert calls == [{"n": 1}]
    job = await Job.get(kind=kind)
    assert job.finished_at is not None
    assert job.attempts == 1
    assert job.locked_by == "worker-1"
    assert job.last_error == ""


async def test_a_job_is_not_run_before_its_time(kind: str) -> None:
    calls = record_calls(kind)
    await jobs.enqueue(kind, run_at=datetime.now(UTC) + timedelta(hours=1))

    assert not await jobs.run_one("worker-1")
    assert calls == []


async def test_a_kind_is_registered_once(kind: str) -> None:
    record_calls(kind)
    with pytest.raises(ValueError, match="already registered"):
        record_calls(kind)


async def test_a_failing_job_is_retried_with_back_off_then_given_up(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    @jobs.register(kind)
    async def handler(payload: dict[str, Any]) -> None:
        raise RuntimeError("the partner system\nis down")

    await jobs.enqueue(kind)
    job = await Job.get(kind=kind)
    expected_delays = [timedelta(seconds=s) for s in (30, 60, 120, 240, 480)]

    for attempt, delay in enumerate(expected_delays, start=1):
        assert await jobs.run_one("worker-1")
        await job.refresh_from_db()
        assert job.attempts == attempt
        assert job.last_error == "RuntimeError: the partner system is down"
        assert job.finished_at is None
        assert job.locked_at is None
        # now() is the (test) transaction's start, the same for created_at and run_at
        assert job.run_at - job.created_at == delay
        assert not await jobs.run_one("worker-1"), "not due before its back-off has passed"
        await Job.filter(id=job.id).update(run_at=datetime.now(UTC) - timedelta(seconds=1))

    assert not await jobs.run_one("worker-1"), "given up after max_attempts"
    assert job.attempts == job.max_attempts
    assert "giving up" in caplog.text


def test_the_back_off_is_capped_at_an_hour() -> None:
    assert jobs.retry_delay(1) == timedelta(seconds=30)
    assert jobs.retry_delay(3) == timedelta(minutes=2)
    assert jobs.retry_delay(20) == timedelta(hours=1)


async def test_a_failing_handler_leaves_no_half_written_state(kind: str) -> None:
    @jobs.register(kind)
    async def handler(payload: dict[str, Any]) -> None:
        await jobs.enqueue(f"{kind}-follow-up")
        raise RuntimeError("failed after writing")

    await jobs.enqueue(kind)
    assert await jobs.run_one("worker-1")

    assert not await Job.exists(kind=f"{kind}-follow-up")
    assert (await Job.get(kind=kind)).attempts == 1


async def test_an_unknown_kind_is_an_error_on_the_job() -> None:
    kind = f"unknown-{uuid4()}"
    await jobs.enqueue(kind)

    assert await jobs.run_one("worker-1")

    job = await Job.get(kind=kind)
    assert job.finished_at is None
    assert job.last_error == f"LookupError: no handler for job kind {kind!r}"


async def test_enqueueing_with_the_same_unique_key_inserts_one_row(kind: str) -> None:
    await jobs.enqueue(kind, {"n": 1}, unique_key=f"{kind}:1")
    await jobs.enqueue(kind, {"n": 2}, unique_key=f"{kind}:1")
    await jobs.enqueue(kind, {"n": 3}, unique_key=f"{kind}:2")

    assert sorted([job.payload["n"] for job in await Job.filter(kind=kind)]) == [1, 3]


async def test_scheduling_the_same_period_twice_inserts_one_row_per_kind() -> None:
    noon = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    await jobs.schedule_periodic(noon + timedelta(seconds=5))
    await jobs.schedule_periodic(noon + timedelta(seconds=25))

    for periodic in jobs.PERIODIC:
        rows = await Job.filter(kind=periodic.kind, unique_key__startswith=f"{periodic.kind}@")
        assert [(job.unique_key, job.run_at) for job in rows] == [
            (f"{periodic.kind}@{noon.isoformat()}", noon)
        ]

    await jobs.schedule_periodic(noon + timedelta(seconds=35))
    assert await Job.filter(kind="send_outbox").count() == 2
    assert await Job.filter(kind="purge_expired").count() == 1


async def test_a_claim_older_than_five_minutes_lapses(kind: str) -> None:
    calls = record_calls(kind)
    now = datetime.now(UTC)
    await jobs.enqueue(kind, {"locked": "a minute ago"})
    await jobs.enqueue(kind, {"locked": "six minutes ago"})
    for job in await Job.filter(kind=kind):
        minutes = 1 if job.payload["locked"] == "a minute ago" else 6
        job.locked_at = now - timedelta(minutes=minutes)
        job.locked_by = "crashed-worker"
        job.attempts = 1
        await job.save()

    assert await jobs.run_one("worker-1")
    assert not await jobs.run_one("worker-1")

    assert calls == [{"locked": "six minutes ago"}]


@pytest.fixture
async def committed_jobs(database: DatabaseTarget) -> AsyncIterator[set[int]]:
    """Ten due jobs committed from a connection of their own (so other connections see
    them), deleted afterwards."""
    kind = f"test-{uuid4()}"
    connection = await asyncpg.connect(**database.connect_kwargs())
    try:
        rows = await connection.fetch(
            "INSERT INTO job (kind, payload, run_at, attempts, max_attempts, locked_by,"
            " last_error, created_at)"
            " SELECT $1, '{}', now() - interval '1 minute', 0, 5, '', '', now()"
            " FROM generate_series(1, 10)"
            " RETURNING id",
            kind,
        )
        yield {row["id"] for row in rows}
    finally:
        await connection.execute("DELETE FROM job WHERE kind = $1", kind)
        await connection.close()


@pytest.fixture
async def two_connections(database: DatabaseTarget) -> AsyncIterator[list[asyncpg.Connection]]:
    """Two connections, as two app processes would have."""
    connections = [await asyncpg.connect(**database.connect_kwargs()) for _ in range(2)]
    try:
        yield connections
    finally:
        for connection in connections:
            await connection.close()


async def test_concurrent_claims_take_each_job_once(
    committed_jobs: set[int], two_connections: list[asyncpg.Connection]
) -> None:
    async def claim_ten(connection: asyncpg.Connection, worker_id: str) -> list[int]:
        rows = [await connection.fetchrow(jobs.CLAIM_SQL, worker_id) for _ in range(10)]
        return [row["id"] for row in rows if row is not None]

    first, second = await asyncio.gather(
        claim_ten(two_connections[0], "process-a"), claim_ten(two_connections[1], "process-b")
    )

    assert sorted(first + second) == sorted(committed_jobs)


async def test_a_job_claimed_in_an_open_transaction_is_skipped_not_waited_for(
    committed_jobs: set[int], two_connections: list[asyncpg.Connection]
) -> None:
    first, second = two_connections
    await second.execute("SET lock_timeout = '5s'")  # waiting would fail, not hang
    async with first.transaction():
        claimed_first = await first.fetchrow(jobs.CLAIM_SQL, "process-a")
        claimed_second = await second.fetchrow(jobs.CLAIM_SQL, "process-b")

    assert {claimed_first["id"], claimed_second["id"]} <= committed_jobs
    assert claimed_first["id"] != claimed_second["id"]


async def test_purge_deletes_what_has_ended_and_keeps_the_rest() -> None:
    now = datetime.now(UTC)
    user = await User.create(email=f"{uuid4()}@example.dk", name="Purge Test", role=Role.ADMIN)

    async def session(key: str, *, expires: timedelta, revoked: timedelta | None = None) -> None:
        await Session.create(
            key_hash=key,
            user=user,
            csrf_token="csrf",
            created_at=now - timedelta(days=30),
            last_seen_at=now - timedelta(days=3),
            expires_at=now + expires,
            idle_timeout_minutes=60,
            revoked_at=None if revoked is None else now + revoked,
        )

    await session("expired-2-days-ago", expires=-timedelta(days=2))
    await session("expired-12-hours-ago", expires=-timedelta(hours=12))
    await session("revoked-2-days-ago", expires=timedelta(days=5), revoked=-timedelta(days=2))
    await session("revoked-an-hour-ago", expires=timedelta(days=5), revoked=-timedelta(hours=1))
    await session("active", expires=timedelta(days=5))

    async def link(token: str, *, expires: timedelta, used: timedelta | None = None) -> None:
        await OneTimeLink.create(
            purpose=LinkPurpose.PASSWORD_RESET,
            token_hash=token,
            user=user,
            expires_at=now + expires,
            used_at=None if used is None else now + used,
        )

    await link("expired-8-days-ago", expires=-timedelta(days=8))
    await link("expired-a-day-ago", expires=-timedelta(days=1))
    await link("used-8-days-ago", expires=timedelta(days=1), used=-timedelta(days=8))
    await link("used-a-day-ago", expires=timedelta(days=1), used=-timedelta(days=1))
    await link("open", expires=timedelta(days=1))

    await LoginFailure.create(email="old@example.dk", ip="10.0.0.1", at=now - timedelta(days=2))
    await LoginFailure.create(email="new@example.dk", ip="10.0.0.1", at=now - timedelta(hours=1))

    for name, finished in [("8-days", timedelta(days=8)), ("1-day", timedelta(days=1))]:
        await Job.create(kind=f"finished-{name}", run_at=now, finished_at=now - finished)
    await Job.create(
        kind="pending", run_at=now + timedelta(days=1), created_at=now - timedelta(days=30)
    )

    await jobs.enqueue("purge_expired")
    assert await jobs.run_one("worker-1")

    assert sorted(await Session.filter(user=user).values_list("key_hash", flat=True)) == [
        "active",
        "expired-12-hours-ago",
        "revoked-an-hour-ago",
    ]
    assert sorted(await OneTimeLink.filter(user=user).values_list("token_hash", flat=True)) == [
        "expired-a-day-ago",
        "open",
        "used-a-day-ago",
    ]
    assert await LoginFailure.filter(email__in=["old@example.dk", "new@example.dk"]).values_list(
        "email", flat=True
    ) == ["new@example.dk"]
    assert not await Job.exists(kind="finished-8-days")
    assert await Job.exists(kind="finished-1-day")
    assert await Job.exists(kind="pending")
    assert (await Job.get(kind="purge_expired")).finished_at is not None


async def test_the_worker_survives_an_error_and_stops_cleanly(
    kind: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(jobs, "PERIODIC", [])
    ran = asyncio.Event()

    @jobs.register(kind)
    async def handler(payload: dict[str, Any]) -> None:
        ran.set()

    schedule_periodic = jobs.schedule_periodic
    failures = iter([RuntimeError("database went away")])

    async def flaky_schedule_periodic(now: datetime | None = None) -> None:
        if failure := next(failures, None):
            raise failure
        await schedule_periodic(now)

    monkeypatch.setattr(jobs, "schedule_periodic", flaky_schedule_periodic)
    await jobs.enqueue(kind)

    with caplog.at_level(logging.ERROR, logger="app.jobs"):
        async with jobs.background_worker(poll_seconds=0.01):
            await asyncio.wait_for(ran.wait(), timeout=30)

    assert "database went away" in caplog.text
    assert (await Job.get(kind=kind)).finished_at is not None
