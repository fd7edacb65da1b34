"""The command line: ``python -m app <command>``.

Commands that need a database use ``DATABASE_URL`` when it is set, and otherwise the
embedded PostgreSQL server in the data folder. Failures that a person can fix (a bad
setting, an unreachable database, a second ``make run``) end with one line on stderr
and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import asyncpg
from tortoise.exceptions import DBConnectionError, OperationalError

from app import db
from app.embedded import DATABASE_NAME, AlreadyRunningError, embedded_server, run_lock
from app.services.errors import ValidationError
from app.settings import PROJECT_ROOT, Settings, SettingsError, load_settings

log = logging.getLogger("app")
T = TypeVar("T")

CONNECTION_ERRORS = (
    OSError,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    DBConnectionError,
    OperationalError,
)


class CommandError(Exception):
    """A failure with a one-line explanation for the person at the terminal."""


@contextmanager
def database_target(settings: Settings) -> Iterator[db.DatabaseTarget]:
    """The configured database, or the embedded server (started for as long as needed)."""
    if settings.database_url is not None:
        yield db.DatabaseTarget.from_url(str(settings.database_url))
        return
    with embedded_server(settings.data_dir / "pg") as server:
        target = server.with_database(DATABASE_NAME)
        asyncio.run(db.ensure_database(target))
        yield target


async def _check_reachable(target: db.DatabaseTarget) -> None:
    try:
        conn = await asyncio.wait_for(asyncpg.connect(**target.connect_kwargs()), timeout=10)
    except (*CONNECTION_ERRORS, TimeoutError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CommandError(f"cannot reach the database at {target.label}: {reason}") from None
    await conn.close()


async def _prepare(target: db.DatabaseTarget, settings: Settings, *, demo: bool) -> None:
    """Migrate, load reference data and, the first time in development, the demo data."""
    from app.demo import demo_is_loaded, seed_demo
    from app.migrate import migrate
    from app.reference_data import load_reference_data

    await _check_reachable(target)
    started = time.perf_counter()
    await migrate(target)
    await db.connect(target)
    try:
        await load_reference_data()
        print(
            f"Database ready ({target.label}) in {time.perf_counter() - started:.1f} s", flush=True
        )
        if demo and not settings.is_production and not await demo_is_loaded():
            print("Loading demo data (first start only) ...", flush=True)
            started = time.perf_counter()
            counts = await seed_demo()
            print(
                f"Loaded demo data in {time.perf_counter() - started:.1f} s: {counts}", flush=True
            )
    finally:
        await db.disconnect()


def _print_welcome(settings: Settings, demo: bool) -> None:
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host  # noqa: S104
    lines = [f"Ungeløftet is running on http://{host}:{settings.port}/  (Ctrl-C stops it)"]
    lines.append(f"GraphQL: http://{host}:{settings.port}/graphql")
    if demo and not settings.is_production:
        from app.demo import DEMO_USERS

        lines.append("Demo logins:")
        lines.extend(f"  {user.role:<13} {user.email:<40} {user.password}" for user in DEMO_USERS)
    print("\n".join(lines), flush=True)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    with run_lock(settings.data_dir), database_target(settings) as target:
        if args.prepare:
            asyncio.run(_prepare(target, settings, demo=True))
        else:
            asyncio.run(_check_reachable(target))
        # Every worker process builds the app from the environment (app.main.served_app)
        # and connects to this database, the embedded one included.
        os.environ["DATABASE_URL"] = target.url
        _print_welcome(settings, demo=args.prepare)
        uvicorn.run(  # with uvicorn's event loop setup (uvloop), and its worker supervisor
            "app.main:served_app",
            factory=True,
            workers=settings.workers,
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level,
            proxy_headers=settings.is_production,
            server_header=False,
        )


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> None:
    from app.migrate import migrate

    with database_target(settings) as target:
        asyncio.run(_check_reachable(target))
        asyncio.run(migrate(target))
        print(f"migrated {target.label}")


def cmd_makemigrations(settings: Settings, args: argparse.Namespace) -> None:
    from app.migrate import make_migrations

    with database_target(settings) as target:
        paths = asyncio.run(make_migrations(target, args.name))
    for path in paths:
        print(f"wrote {path.relative_to(PROJECT_ROOT)} (review it before committing)")
    if not paths:
        print("no model changes")


def cmd_load_reference(settings: Settings, args: argparse.Namespace) -> None:
    from app.reference_data import load_reference_data

    with database_target(settings) as target:
        counts = asyncio.run(_run_connected(target, load_reference_data))
        print(counts)


def cmd_seed(settings: Settings, args: argparse.Namespace) -> None:
    from app.demo import demo_is_loaded, seed_demo

    if not args.demo:
        raise CommandError("say what to seed: --demo")
    if settings.is_production:
        raise CommandError("demo data is never loaded when APP_ENV=production")
    if args.scale < 1:
        raise CommandError("--scale must be 1 or more")

    async def seed() -> str:
        if await demo_is_loaded():
            raise CommandError("demo data is loaded already; seed into an empty database")
        started = time.perf_counter()
        counts = await seed_demo(scale=args.scale, seed=args.seed)
        return f"{counts} in {time.perf_counter() - started:.1f} s"

    with database_target(settings) as target:
        print(asyncio.run(_run_connected(target, seed)))


def cmd_export_schema(settings: Settings, args: argparse.Namespace) -> None:
    from app.api.schema import schema_sdl

    path = PROJECT_ROOT / "graphql" / "schema.graphql"
    sdl = schema_sdl()
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != sdl:
            raise CommandError("graphql/schema.graphql is stale: run `python -m app export-schema`")
        print("graphql/schema.graphql is up to date")
        return
    path.write_text(sdl, encoding="utf-8")
    print(f"wrote {path.relative_to(PROJECT_ROOT)}")


def cmd_create_admin(settings: Settings, args: argparse.Namespace) -> None:
    from app.services.accounts import create_admin

    password = os.environ.get("ADMIN_PASSWORD") or getpass.getpass(
        "Password (at least 12 characters): "
    )

    async def create() -> str:
        user = await create_admin(email=args.email, name=args.name, password=password)
        return f"created administrator {user.email}"

    with database_target(settings) as target:
        print(asyncio.run(_run_connected(target, create)))


async def _run_connected(target: db.DatabaseTarget, work: Callable[[], Awaitable[T]]) -> T:
    await _check_reachable(target)
    await db.connect(target)
    try:
        return await work()
    finally:
        await db.disconnect()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app", description="The Ungeløftet partner network."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the app (HOST and PORT from the environment)")
    serve.add_argument(
        "--prepare",
        action="store_true",
        help="first migrate, load reference data and (in development, the first time) demo data",
    )
    serve.set_defaults(handler=cmd_serve)

    commands.add_parser("migrate", help="apply the migrations").set_defaults(handler=cmd_migrate)
    make = commands.add_parser("makemigrations", help="write a migration for model changes")
    make.add_argument("--name", default=None, help="a short name for the migration file")
    make.set_defaults(handler=cmd_makemigrations)
    commands.add_parser(
        "load-reference", help="load the reference data in data/ (idempotent)"
    ).set_defaults(handler=cmd_load_reference)

    seed = commands.add_parser("seed", help="load generated data")
    seed.add_argument("--demo", action="store_true", help="the deterministic demo data set")
    seed.add_argument("--scale", type=int, default=1, help="multiply the demo volumes (benchmarks)")
    seed.add_argument("--seed", type=int, default=2025, help="the random seed")
    seed.set_defaults(handler=cmd_seed)

    export = commands.add_parser("export-schema", help="write graphql/schema.graphql")
    export.add_argument("--check", action="store_true", help="fail if the file is stale instead")
    export.set_defaults(handler=cmd_export_schema)

    admin = commands.add_parser("create-admin", help="create an administrator (password asked for)")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", required=True)
    admin.set_defaults(handler=cmd_create_admin)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        logging.basicConfig(
            level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
        )
        args.handler(settings, args)
    except (
        SettingsError,
        CommandError,
        AlreadyRunningError,
        db.DatabaseUrlError,
        ValidationError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
