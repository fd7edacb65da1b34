"""The benchmark's own database: created fresh, migrated, filled with the reference data
and the demo data, given ``public:read`` tokens, and dropped afterwards.

It lives on the server ``DATABASE_URL`` names, or, when that is unset, on an embedded
PostgreSQL in a temporary folder (as the tests do).

There are :data:`TOKENS` tokens, which the client takes in turn: a token has an hourly
budget of points (``app.services.rate_limits``), and one run spends more than one
token's. Every request still pays for its token's check and its budget's update.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tortoise import connections

from app import db
from app.demo import seed_demo
from app.embedded import embedded_server
from app.migrate import migrate
from app.models import ApiToken
from app.reference_data import load_reference_data
from app.services.authorization import PUBLIC_READ
from app.services.tokens import MARKER, PREFIX_LENGTH, hash_secret

TOKENS = 20
OPEN_PUBLIC_OPENINGS = (
    "SELECT count(*) AS n FROM job_opening o JOIN company c ON c.id = o.company_id "
    "WHERE o.status = 'open' AND c.status = 'verified'"
)


@dataclass(frozen=True)
class BenchData:
    """The prepared database and what the run needs to know about it."""

    target: db.DatabaseTarget
    tokens: tuple[str, ...]
    scale: int
    openings: int
    open_openings: int
    companies: int
    postgres: str
    server: str


@contextmanager
def bench_server() -> Iterator[tuple[db.DatabaseTarget, str]]:
    """The PostgreSQL server to use, and how to describe it in the results."""
    url = os.environ.get("DATABASE_URL")
    if url:
        target = db.DatabaseTarget.from_url(url)
        yield target, f"the server in DATABASE_URL ({target.host}:{target.port})"
        return
    with (
        tempfile.TemporaryDirectory(prefix="ungeloftet-bench-pg-") as folder,
        embedded_server(Path(folder) / "pg", delete_on_exit=True) as target,
    ):
        yield target, "embedded PostgreSQL (Unix socket)"


@contextmanager
def bench_database(scale: int, min_open: int) -> Iterator[BenchData]:
    """A fresh database with the demo data at ``scale``; at least ``min_open`` public
    open openings, or RuntimeError. Dropped on exit."""
    with bench_server() as (server, description):
        target = server.with_database(f"ungeloftet_bench_{os.getpid()}")
        asyncio.run(db.drop_database(target))
        asyncio.run(db.ensure_database(target))
        try:
            data = asyncio.run(_fill(target, scale, description))
            if data.open_openings < min_open:
                raise RuntimeError(
                    f"the demo data at scale {scale} has {data.open_openings} open openings; "
                    f"the benchmark needs {min_open}: raise --scale"
                )
            yield data
        finally:
            asyncio.run(db.drop_database(target))


async def _fill(target: db.DatabaseTarget, scale: int, server: str) -> BenchData:
    await migrate(target)
    await db.connect(target)
    try:
        await load_reference_data()
        counts = await seed_demo(scale=scale)
        conn = connections.get("default")
        await conn.execute_script("ANALYZE")  # fresh statistics after COPY, for stable plans
        open_openings = (await conn.execute_query_dict(OPEN_PUBLIC_OPENINGS))[0]["n"]
        version = (await conn.execute_query_dict("SHOW server_version"))[0]["server_version"]
        return BenchData(
            target=target,
            tokens=tuple([await _create_token(i) for i in range(TOKENS)]),
            scale=scale,
            openings=counts.job_openings,
            open_openings=int(open_openings),
            companies=counts.companies,
            postgres=str(version),
            server=server,
        )
    finally:
        await db.disconnect()


async def _create_token(number: int) -> str:
    """A ``public:read`` token, as ``tests.factories.make_token`` makes one."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    secret = secrets.token_urlsafe(32)
    await ApiToken.create(
        name=f"benchmark {number}",
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=[PUBLIC_READ],
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    return f"{MARKER}_{prefix}_{secret}"
