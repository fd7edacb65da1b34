"""Database connection: where it is, how tortoise-orm is configured, and readiness."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import asyncpg
from tortoise import Tortoise, connections

APP_LABEL = "ungeloftet"
MODEL_MODULES = ["app.models"]
MIGRATIONS_MODULE = "migrations"
READY_TIMEOUT_SECONDS = 2.0


class DatabaseUrlError(ValueError):
    """The database URL cannot be understood."""


@dataclass(frozen=True)
class DatabaseTarget:
    """One PostgreSQL database: host (a name, an address or a socket folder) and login."""

    host: str
    port: int
    user: str
    password: str
    database: str

    @classmethod
    def from_url(cls, url: str) -> DatabaseTarget:
        """Parse ``postgresql://user:password@host:port/db`` (``?host=/socket/dir`` allowed)."""
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql", "asyncpg"):
            raise DatabaseUrlError(
                f"DATABASE_URL must start with postgresql://, not {parts.scheme or '(nothing)'}://"
            )
        query = parse_qs(parts.query)
        host = query.get("host", [parts.hostname or "localhost"])[0]
        database = unquote(parts.path.lstrip("/")) or "postgres"
        try:
            port = parts.port or int(query.get("port", ["5432"])[0])
        except ValueError as exc:
            raise DatabaseUrlError(f"DATABASE_URL has an invalid port: {exc}") from None
        return cls(
            host=host,
            port=port,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or ""),
            database=database,
        )

    def with_database(self, database: str) -> DatabaseTarget:
        return replace(self, database=database)

    @property
    def label(self) -> str:
        """Where the database is, without the password: for messages and logs."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def url(self) -> str:
        """A ``postgresql://`` URL that :meth:`from_url` reads back to this target."""
        login = quote(self.user, safe="") + (
            ":" + quote(self.password, safe="") if self.password else ""
        )
        if self.host.startswith("/"):
            return f"postgresql://{login}@/{quote(self.database)}?host={quote(self.host)}&port={self.port}"
        return f"postgresql://{login}@{self.host}:{self.port}/{quote(self.database)}"

    def connect_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :func:`asyncpg.connect`."""
        return {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password or None,
            "database": self.database,
        }


async def reset_connection(connection: asyncpg.Connection) -> None:
    """What a connection needs before it goes back to the pool. This app leaves no session
    state behind (no SET, LISTEN, cursors or advisory locks), so only a transaction left
    open is rolled back; asyncpg's default reset would cost a round trip per statement."""
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


def tortoise_config(target: DatabaseTarget, *, max_pool_size: int = 10) -> dict[str, Any]:
    credentials = target.connect_kwargs()
    credentials["password"] = target.password
    credentials["minsize"] = 1
    credentials["maxsize"] = max_pool_size
    credentials["reset"] = reset_connection
    return {
        "connections": {
            "default": {"engine": "tortoise.backends.asyncpg", "credentials": credentials}
        },
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def connect(
    target: DatabaseTarget, *, max_pool_size: int = 10, serving: bool = False
) -> None:
    """Initialise tortoise-orm for ``target`` (the pool connects lazily).

    tortoise-orm 1.x keeps its state in a context variable. A server initialises it in
    the lifespan task, which request tasks do not inherit, so ``serving`` makes that
    state the process-wide fallback (as tortoise's own Starlette integration does).
    """
    await Tortoise.init(
        config=tortoise_config(target, max_pool_size=max_pool_size), _enable_global_fallback=serving
    )


async def disconnect() -> None:
    """Close the pool and forget the (possibly process-wide) tortoise state."""
    await Tortoise.close_connections()


async def is_ready() -> bool:
    """Does the database answer a trivial query within a short time?"""
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await connections.get("default").execute_query("SELECT 1")
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
        return False
    return True


async def ensure_database(target: DatabaseTarget) -> None:
    """Create ``target.database`` on its server if it does not exist yet."""
    conn = await asyncpg.connect(**target.with_database("postgres").connect_kwargs())
    try:
        exists = await conn.fetchval(
            "SELECT 1 FROM pg_database WHERE datname = $1", target.database
        )
        if not exists:
            await conn.execute(f'CREATE DATABASE "{target.database}"')
    finally:
        await conn.close()


async def drop_database(target: DatabaseTarget) -> None:
    conn = await asyncpg.connect(**target.with_database("postgres").connect_kwargs())
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
    finally:
        await conn.close()
