"""The bench server: the real app, served as ``python -m app serve`` serves it in
production, plus two bench-only routes in front of it.

``python -m bench.graphql.server --port N`` (``DATABASE_URL`` names the database) serves:

- everything the app serves, untouched (``/graphql`` included), built by
  :func:`app.main.create_app` with production settings: no GraphiQL, no field suggestions,
  served as :func:`app.cli.cmd_serve` serves it: uvicorn with ``--workers`` processes
  (by default, as in production, one per CPU), each building the app from the
  environment (:func:`bench_app`);
- ``GET /raw/openings?first=N[&after=CURSOR]``: the baseline, the same openings read with
  one asyncpg query with joins and serialised with the standard ``json`` (as strawberry
  does), in the same JSON shape as the GraphQL response;
- ``GET /_bench/profile``: the cProfile of the requests sent with ``x-bench-profile``.

A request with the header ``x-bench-count`` is counted: every statement tortoise-orm
sends while serving it (tortoise logs each one at DEBUG on ``tortoise.db_client``) is
collected by a logging handler into a list held in a context variable of that request,
so the background job worker's polling, which runs in its own task, is not counted;
DataLoader batches run in tasks created from the request, which inherit the variable.
The response carries the count in ``x-bench-statements`` and the statements, as JSON,
in ``x-bench-statement-list``. DEBUG logging is on only while a counted request runs,
so timed requests pay nothing for it.

Every worker keeps its own profile: a response says which worker served it in
``x-bench-worker`` (its process ID), so the profiled requests can be kept on one.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import os
import pstats
import secrets
import tempfile
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path

import asyncpg
import uvicorn
from starlette.datastructures import Secret
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.db import DatabaseTarget
from app.main import create_app
from app.settings import Settings
from bench.graphql.openings import (
    RAW_FIRST_PAGE,
    RAW_NEXT_PAGE,
    node_of_row,
    parse_raw_cursor,
    raw_cursor,
)

COUNT_HEADER = b"x-bench-count"
STATEMENTS_HEADER = b"x-bench-statements"
STATEMENT_LIST_HEADER = b"x-bench-statement-list"
PROFILE_HEADER = b"x-bench-profile"
WORKER_HEADER = b"x-bench-worker"
SECRET_ENV = "BENCH_SECRET_KEY"
DATA_DIR_ENV = "BENCH_DATA_DIR"
ADDRESS_ENV = "BENCH_ADDRESS"
RAW_POOL_SIZE = 10  # as tortoise-orm's pool in the app (app.db.connect)

_statements: ContextVar[list[str] | None] = ContextVar("bench_statements", default=None)
db_log = logging.getLogger("tortoise.db_client")


class StatementLog(logging.Handler):
    """Collects the SQL of each statement tortoise-orm logs into the current request's list.

    tortoise logs a statement as ``log.debug("%s: %s", sql, values)`` (a script as
    ``log.debug(sql)``); its other DEBUG messages (pool created or closed) are skipped.
    """

    def emit(self, record: logging.LogRecord) -> None:
        found = _statements.get()
        if found is None:
            return
        if record.msg == "%s: %s" and isinstance(record.args, tuple):
            found.append(str(record.args[0]))
        elif not record.args:
            found.append(str(record.msg))


class RawOpenings:
    """``GET /raw/openings``: the baseline endpoint, with its own asyncpg pool."""

    def __init__(self, target: DatabaseTarget) -> None:
        self.target = target
        self.pool: asyncpg.Pool | None = None
        self.lock = asyncio.Lock()

    async def _pool(self) -> asyncpg.Pool:
        async with self.lock:
            if self.pool is None:
                self.pool = await asyncpg.create_pool(
                    min_size=1, max_size=RAW_POOL_SIZE, **self.target.connect_kwargs()
                )
        return self.pool

    async def openings(self, request: Request) -> Response:
        try:
            first = int(request.query_params.get("first", "20"))
            after = request.query_params.get("after")
            cursor = parse_raw_cursor(after) if after else None
        except ValueError:
            return JSONResponse({"error": "bad first or after"}, status_code=400)
        pool = await self._pool()
        async with pool.acquire() as conn:
            if cursor is None:
                rows = await conn.fetch(RAW_FIRST_PAGE, first + 1)
            else:
                rows = await conn.fetch(RAW_NEXT_PAGE, first + 1, *cursor)
        page = rows[:first]
        body = {
            "data": {
                "openings": {
                    "pageInfo": {
                        "hasNextPage": len(rows) > first,
                        "endCursor": raw_cursor(page[-1]) if page else None,
                    },
                    "nodes": [node_of_row(row) for row in page],
                }
            }
        }
        # As strawberry encodes its responses (strawberry.http.base.encode_json).
        return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")


class BenchApp:
    """The real app behind a path switch: ``/raw/`` and ``/_bench/`` go to the bench
    routes, a request with ``x-bench-count`` is counted, everything else (lifespan
    included) goes straight to the app."""

    def __init__(self, app: ASGIApp, target: DatabaseTarget) -> None:
        self.app = app
        self.bench_routes = Router(
            routes=[
                Route("/raw/openings", RawOpenings(target).openings),
                Route("/_bench/profile", self.profile_report),
            ]
        )
        self.counting = 0
        self.profile = cProfile.Profile()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif scope["path"].startswith(("/raw/", "/_bench/")):
            await self.bench_routes(scope, receive, send)
        elif any(name == COUNT_HEADER for name, _ in scope["headers"]):
            await self.counted(scope, receive, send)
        elif any(name == PROFILE_HEADER for name, _ in scope["headers"]):
            self.profile.enable()
            try:
                await self.app(scope, receive, _adding_headers(send, _worker))
            finally:
                self.profile.disable()
        else:
            await self.app(scope, receive, send)

    async def counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        statements: list[str] = []
        reset = _statements.set(statements)
        self.counting += 1
        db_log.setLevel(logging.DEBUG)

        def found() -> list[tuple[bytes, bytes]]:
            # The response is complete once it starts: strawberry sends it whole.
            return [
                (STATEMENTS_HEADER, str(len(statements)).encode()),
                (STATEMENT_LIST_HEADER, json.dumps(statements).encode()),
            ]

        try:
            await self.app(scope, receive, _adding_headers(send, found))
        finally:
            _statements.reset(reset)
            self.counting -= 1
            if not self.counting:
                db_log.setLevel(logging.WARNING)

    async def profile_report(self, request: Request) -> Response:
        """The profile of the requests sent with ``x-bench-profile`` since the last
        report, one entry per function: ``[file, line, function, calls, own seconds,
        cumulative seconds]``. Send those requests one at a time: cProfile follows the
        thread, not the request. (A coroutine counts a call each time it resumes.)"""
        profiled, self.profile = self.profile, cProfile.Profile()
        entries = []
        if profiled.getstats():  # pstats refuses a profile that never ran
            stats = pstats.Stats(profiled)
            entries = [
                [file, line, function, calls, own, cumulative]
                for (file, line, function), (_, calls, own, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
            ]
        return JSONResponse(entries, headers={WORKER_HEADER.decode(): str(os.getpid())})


def _worker() -> list[tuple[bytes, bytes]]:
    return [(WORKER_HEADER, str(os.getpid()).encode())]


def _adding_headers(send: Send, headers: Callable[[], list[tuple[bytes, bytes]]]) -> Send:
    """``send``, adding ``headers()`` (called as the response starts) to the response."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *headers()]}
        await send(message)

    return send_with_headers


def bench_settings(
    database_url: str, secret_key: str, host: str, port: int, data_dir: Path
) -> Settings:
    """Production settings without e-mail (the benchmark sends none)."""
    return Settings(
        app_env="production",
        database_url=Secret(database_url),
        secret_key=Secret(secret_key),
        host=host,
        port=port,
        log_level="warning",
        data_dir=data_dir,
        base_url=f"http://{host}:{port}",
        smtp=None,
    )


def bench_app() -> BenchApp:
    """The bench server's app in each worker, from the environment :func:`main` sets."""
    db_log.addHandler(StatementLog())
    db_log.propagate = False
    db_log.setLevel(logging.WARNING)
    database_url = os.environ["DATABASE_URL"]
    target = DatabaseTarget.from_url(database_url)
    host, port = os.environ[ADDRESS_ENV].rsplit(":", 1)
    settings = bench_settings(
        database_url, os.environ[SECRET_ENV], host, int(port), Path(os.environ[DATA_DIR_ENV])
    )
    return BenchApp(create_app(settings, database=target), target)


def main() -> None:
    parser = argparse.ArgumentParser(description="The bench server: the app and /raw/openings.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="ungeloftet-bench-data-") as data_dir:
        # One secret and one data folder for every worker, as one deployment has.
        os.environ[SECRET_ENV] = secrets.token_urlsafe(48)
        os.environ[DATA_DIR_ENV] = data_dir
        os.environ[ADDRESS_ENV] = f"{args.host}:{args.port}"
        # As app.cli.cmd_serve serves the app in production.
        uvicorn.run(
            "bench.graphql.server:bench_app",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level="warning",
            proxy_headers=True,
            server_header=False,
        )


if __name__ == "__main__":
    main()
