"""What fits the database's columns: a lookup by a value that cannot be stored finds
nothing (rather than failing in PostgreSQL), so callers answer "unknown", not an error."""

from __future__ import annotations

SMALLINT_MAX = 2**15 - 1
INTEGER_MAX = 2**31 - 1


def small_int(value: int | None) -> int | None:
    """``value`` if a ``smallint`` column can hold it, else None."""
    return value if value is not None and -SMALLINT_MAX - 1 <= value <= SMALLINT_MAX else None


def positive_id(value: int) -> int:
    """``value`` as an ``integer`` primary key; ValueError when no row can have it."""
    if not 1 <= value <= INTEGER_MAX:
        raise ValueError(f"{value} is not a possible ID")
    return value
