"""Reading rows by ID with plain SQL: what the API's DataLoaders need, without building
ORM queries (the ORM costs more than the statement for a batch of small rows)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise import connections

TABLES = frozenset({"region", "municipality", "postcode", "occupation", "industry", "code_value"})


async def rows_by_ids(table: str, ids: Iterable[int]) -> dict[int, Any]:
    """The rows of one of :data:`TABLES` with these IDs, by ID (absent IDs are left out)."""
    if table not in TABLES:
        raise ValueError(f"not a reference table: {table}")
    sql = f"SELECT * FROM {table} WHERE id = ANY($1)"  # noqa: S608  (table from TABLES)
    found = (await connections.get("default").execute_query(sql, [list(set(ids))]))[1]
    return {row["id"]: row for row in found}
