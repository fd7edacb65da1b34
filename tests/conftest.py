"""Test fixtures: a real PostgreSQL, a fresh migrated database per run, and a rolled-back
transaction around every test.

The server is ``TEST_DATABASE_URL`` or ``DATABASE_URL`` when set (a database named
``ungeloftet_test_<pid>`` is created on it and dropped afterwards), and otherwise an
embedded PostgreSQL in a temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from tortoise.transactions import in_transaction

from app.db import DatabaseTarget, connect, disconnect, drop_database, ensure_database
from app.embedded import embedded_server
from app.main import create_app
from app.migrate import migrate
from app.reference_data import load_reference_data
from app.services.rows import forget_reference_rows
from app.services.tokens import forget_token_rows
from app.settings import Settings, load_settings


def server_url_from_environment() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or None


@pytest.fixture(scope="session")
def database_server() -> Iterator[DatabaseTarget]:
    """A PostgreSQL server for the whole run (its ``database`` field is a maintenance db)."""
    url = server_url_from_environment()
    if url:
        yield DatabaseTarget.from_url(url)
        return
    with (
        tempfile.TemporaryDirectory(prefix="ungeloftet-pg-") as folder,
        embedded_server(Path(folder) / "pg", delete_on_exit=True) as server,
    ):
        yield server


@pytest.fixture(scope="session")
async def database(database_server: DatabaseTarget) -> AsyncIterator[DatabaseTarget]:
    """A fresh database, migrated to head with reference data loaded, for the whole run."""
    target = database_server.with_database(f"ungeloftet_test_{os.getpid()}")
    await drop_database(target)
    await ensure_database(target)
    await migrate(target)
    await connect(target)
    await load_reference_data()
    yield target
    await disconnect()
    await drop_database(target)


@pytest.fixture(autouse=True)
async def transaction(database: DatabaseTarget) -> AsyncIterator[None]:
    """Run the test inside a transaction and roll it back afterwards (and forget the
    reference rows and tokens a test may have read inside it)."""
    forget_reference_rows()
    forget_token_rows()
    context = in_transaction()
    client = await context.__aenter__()
    try:
        yield
    finally:
        await client.rollback()
        await context.__aexit__(None, None, None)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir = tmp_path_factory.mktemp("data")
    return load_settings({"APP_ENV": "development", "DATA_DIR": str(data_dir)})


@pytest.fixture
def app(settings: Settings) -> Starlette:
    return create_app(settings)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client that calls the app in-process, inside the test's transaction."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
