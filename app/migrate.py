"""Schema migrations with tortoise-orm's built-in migration framework.

The migration files live in the top-level ``migrations`` package. ``pending_changes``
is what the drift test asks: an empty list means models and migrations agree.
"""

from __future__ import annotations

from pathlib import Path

from tortoise import connections
from tortoise.context import TortoiseContext
from tortoise.migrations.api import migrate as apply_migrations
from tortoise.migrations.autodetector import MigrationAutodetector
from tortoise.migrations.writer import MigrationWriter, format_migration_name

from app.db import DatabaseTarget, tortoise_config


async def migrate(target: DatabaseTarget) -> None:
    """Bring the database to the newest migration."""
    try:
        await apply_migrations(config=tortoise_config(target, max_pool_size=2))
    finally:
        await connections.close_all()


async def _writers(target: DatabaseTarget) -> list[MigrationWriter]:
    config = tortoise_config(target, max_pool_size=2)
    async with TortoiseContext() as ctx:
        await ctx.init(config=config)
        assert ctx.apps is not None
        detector = MigrationAutodetector(ctx.apps, config["apps"])
        return await detector.changes()


async def pending_changes(target: DatabaseTarget) -> list[str]:
    """Describe the model changes that no migration holds yet."""
    return [
        f"{writer.app_label}.{writer.name}: {operation.describe()}"
        for writer in await _writers(target)
        for operation in writer.operations
    ]


async def make_migrations(target: DatabaseTarget, name: str | None = None) -> list[Path]:
    """Write a migration file for every pending model change."""
    paths = []
    for writer in await _writers(target):
        if name:
            number = int(writer.name.split("_", 1)[0])
            writer.name = format_migration_name(number, name)
        paths.append(Path(writer.write()))
    return paths
