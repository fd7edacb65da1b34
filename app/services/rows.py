"""Reference rows by ID, for the API's DataLoaders: regions, municipalities, postcodes,
occupations, industries and code values.

These tables change only when reference data is loaded (a few times a year), so each
process keeps them in memory, whole, and reads them again every
:data:`REFRESH_SECONDS`, or after :data:`MISS_REFRESH_SECONDS` when asked for an ID it
does not hold (a row added since; an unknown ID cannot make it read more often than
that). A page of openings then costs no statement for its municipalities and regions.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tortoise import connections

TABLES = frozenset({"region", "municipality", "postcode", "occupation", "industry", "code_value"})
REFRESH_SECONDS = 300.0
MISS_REFRESH_SECONDS = 5.0


@dataclass(frozen=True)
class _Table:
    rows: dict[int, Any]
    read_at: float


_tables: dict[str, _Table] = {}


async def rows_by_ids(table: str, ids: Iterable[int]) -> dict[int, Any]:
    """The rows of one of :data:`TABLES` with these IDs, by ID (absent IDs are left out)."""
    if table not in TABLES:
        raise ValueError(f"not a reference table: {table}")
    wanted = set(ids)
    cached = _tables.get(table)
    now = time.monotonic()
    if (
        cached is None
        or now - cached.read_at > REFRESH_SECONDS
        or (not wanted <= cached.rows.keys() and now - cached.read_at > MISS_REFRESH_SECONDS)
    ):
        sql = f"SELECT * FROM {table}"  # noqa: S608  (table from TABLES)
        found = (await connections.get("default").execute_query(sql))[1]
        cached = _tables[table] = _Table({row["id"]: row for row in found}, now)
    return {key: cached.rows[key] for key in wanted if key in cached.rows}


def forget_reference_rows() -> None:
    """Drop what this process holds (after loading reference data, and between tests)."""
    _tables.clear()
