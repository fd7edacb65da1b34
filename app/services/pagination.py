"""Keyset pages over SQL: stable under inserts, and as fast on page 1,000 as on page 1.

An :class:`Ordering` names the SQL expressions a list is sorted by, ending with a unique
column. A cursor holds the ordering's name and the sort values of one row; the next page
is the rows after those values (a row-value comparison PostgreSQL answers from an index).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise import connections

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_CURSOR_LENGTH = 500


class InvalidPageError(ValueError):
    """Paging arguments that do not make a page; ``argument`` names the culprit."""

    def __init__(self, message: str, argument: str) -> None:
        super().__init__(message)
        self.argument = argument


@dataclass(frozen=True)
class PageRequest:
    """At most ``size`` rows after ``after`` (or, ``backwards``, before ``before``)."""

    size: int
    after: list[Any] | None = None
    before: list[Any] | None = None
    backwards: bool = False

    @classmethod
    def of(
        cls,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> PageRequest:
        if first is not None and last is not None:
            raise InvalidPageError("give `first` or `last`, not both", "last")
        for name, value in (("first", first), ("last", last)):
            if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
                raise InvalidPageError(
                    f"`{name}` must be between 0 and {MAX_PAGE_SIZE}, not {value}", name
                )
        backwards = last is not None
        size = (last if backwards else first) or 0
        if first is None and last is None:
            size = DEFAULT_PAGE_SIZE
        return cls(
            size=size,
            after=_decode(after, "after") if after is not None else None,
            before=_decode(before, "before") if before is not None else None,
            backwards=backwards,
        )


def encode_cursor(values: Sequence[Any]) -> str:
    text = json.dumps([v.isoformat() if isinstance(v, date) else v for v in values])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, argument: str) -> list[Any]:
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or not values or not isinstance(values[0], str):
            raise ValueError
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidPageError(f"`{argument}` is not a cursor of this API", argument) from None
    return values


@dataclass(frozen=True)
class Ordering:
    """A sort order: SQL expressions (the last one unique), one direction, and how to
    read each cursor value back (``date.fromisoformat`` for a date, ``int`` ...)."""

    name: str
    keys: tuple[str, ...]
    parsers: tuple[Callable[[Any], Any], ...]
    descending: bool = False

    def cursor(self, row: Any) -> str:
        return encode_cursor([self.name, *(row[f"_k{i}"] for i in range(len(self.keys)))])

    def values(self, cursor: list[Any], argument: str) -> list[Any]:
        if cursor[0] != self.name or len(cursor) != len(self.keys) + 1:
            raise InvalidPageError(
                f"`{argument}` is a cursor of another ordering or list", argument
            )
        try:
            return [parse(value) for parse, value in zip(self.parsers, cursor[1:], strict=True)]
        except (TypeError, ValueError):
            raise InvalidPageError(f"`{argument}` is not a cursor of this API", argument) from None


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    cursors: list[str]
    has_next: bool
    has_previous: bool


@dataclass
class Query:
    """``SELECT <columns> FROM <source> WHERE <conditions>``, with positional parameters."""

    columns: str
    source: str
    conditions: list[str]
    params: list[Any]

    def param(self, value: Any) -> str:
        self.params.append(value)
        return f"${len(self.params)}"

    def where(self) -> str:
        return " AND ".join(self.conditions) if self.conditions else "TRUE"

    async def count(self) -> int:
        sql = f"SELECT count(*) AS n FROM {self.source} WHERE {self.where()}"  # noqa: S608
        rows = await connections.get("default").execute_query_dict(sql, self.params)
        return int(rows[0]["n"])


async def fetch_page(query: Query, ordering: Ordering, request: PageRequest) -> Page:
    """One keyset page of ``query`` in ``ordering`` (two statements at most: none for
    an empty request)."""
    if request.size == 0:
        return Page([], [], has_next=False, has_previous=False)
    page = Query(query.columns, query.source, list(query.conditions), list(query.params))
    keys = ", ".join(ordering.keys)
    # Backwards pages are read in the opposite direction, then turned around.
    descending = ordering.descending != request.backwards
    for cursor, argument, after in (
        (request.after, "after", True),
        (request.before, "before", False),
    ):
        if cursor is None:
            continue
        values = ordering.values(cursor, argument)
        placeholders = ", ".join(page.param(v) for v in values)
        forward = after != ordering.descending
        page.conditions.append(f"({keys}) {'>' if forward else '<'} ({placeholders})")
    direction = "DESC" if descending else "ASC"
    sort_columns = ", ".join(f"{key} AS _k{i}" for i, key in enumerate(ordering.keys))
    order_by = ", ".join(f"{key} {direction}" for key in ordering.keys)
    sql = (
        f"SELECT {page.columns}, {sort_columns} FROM {page.source} "  # noqa: S608
        f"WHERE {page.where()} ORDER BY {order_by} LIMIT {request.size + 1}"
    )
    rows = list((await connections.get("default").execute_query(sql, page.params))[1])
    more = len(rows) > request.size
    rows = rows[: request.size]
    if request.backwards:
        rows.reverse()
        has_next, has_previous = request.before is not None, more
    else:
        has_next, has_previous = more, request.after is not None
    return Page(rows, [ordering.cursor(row) for row in rows], has_next, has_previous)
