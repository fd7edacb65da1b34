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

from app.services.bounds import positive_id
from app.services.errors import ValidationError

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_CURSOR_LENGTH = 500


class InvalidPageError(ValidationError):
    """Paging arguments that do not make a page; ``argument`` names the culprit."""

    def __init__(self, message: str, argument: str) -> None:
        super().__init__({argument: message})
        self.argument = argument
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class PageRequest:
    """At most ``size`` rows after ``after`` (or, ``backwards``, before ``before``)."""

    size: int
    after: tuple[Any, ...] | None = None
    before: tuple[Any, ...] | None = None
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


def _decode(cursor: str, argument: str) -> tuple[Any, ...]:
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or not values or not isinstance(values[0], str):
            raise ValueError
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidPageError(f"`{argument}` is not a cursor of this API", argument) from None
    return tuple(values)


def row_id(value: Any) -> int:
    """A cursor's ID value, as an ``integer`` key (ValueError when no row can have it)."""
    return positive_id(int(value))


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

    def values(self, cursor: tuple[Any, ...], argument: str) -> list[Any]:
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
    """Rows of one page; their cursors are encoded only when asked for."""

    rows: list[Any]
    ordering: Ordering | None
    has_next: bool
    has_previous: bool

    def cursor(self, index: int) -> str:
        assert self.ordering is not None  # an empty page has no rows to point at
        return self.ordering.cursor(self.rows[index])

    @property
    def cursors(self) -> list[str]:
        return [self.cursor(index) for index in range(len(self.rows))]


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

    def one_of(self, column: str, values: Sequence[Any], cast: str = "") -> str:
        """``column`` is one of ``values``: ``=`` for a single value, which PostgreSQL can
        answer from an index in its order (e.g. the newest open openings, stopping after a
        page), ``= ANY`` for several, which it cannot."""
        if len(values) == 1:
            return f"{column} = {self.param(values[0])}"
        return f"{column} = ANY({self.param(list(values))}{cast})"

    def where(self) -> str:
        return " AND ".join(self.conditions) if self.conditions else "TRUE"

    async def count(self) -> int:
        sql = f"SELECT count(*) AS n FROM {self.source} WHERE {self.where()}"
        rows = await connections.get("default").execute_query_dict(sql, self.params)
        return int(rows[0]["n"])


async def fetch_pages(
    query: Query,
    ordering: Ordering,
    request: PageRequest,
    *,
    partition: str | None = None,
    parents: Sequence[Any] = (),
) -> dict[Any, Page]:
    """A keyset page for each of ``parents`` (the values of the SQL expression
    ``partition``), in one statement: a nested connection under a list costs what one
    page costs. Without a partition, the one page is under the key ``None``."""
    keys = [None] if partition is None else list(parents)
    if request.size == 0 or not keys:
        return {key: Page([], None, has_next=False, has_previous=False) for key in keys}
    page = Query(query.columns, query.source, list(query.conditions), list(query.params))
    key_list = ", ".join(ordering.keys)
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
        page.conditions.append(f"({key_list}) {'>' if forward else '<'} ({placeholders})")
    direction = "DESC" if descending else "ASC"
    sort_columns = ", ".join(f"{key} AS _k{i}" for i, key in enumerate(ordering.keys))
    order_by = ", ".join(f"{key} {direction}" for key in ordering.keys)
    if partition is None:
        sql = (
            f"SELECT {page.columns}, {sort_columns}, NULL AS _parent FROM {page.source} "
            f"WHERE {page.where()} ORDER BY {order_by} LIMIT {request.size + 1}"
        )
    else:
        page.conditions.append(f"{partition} = ANY({page.param(list(parents))})")
        sql = (
            f"SELECT * FROM (SELECT {page.columns}, {sort_columns}, {partition} AS _parent, "
            f"row_number() OVER (PARTITION BY {partition} ORDER BY {order_by}) AS _n "
            f"FROM {page.source} WHERE {page.where()}) AS ranked "
            f"WHERE _n <= {request.size + 1} ORDER BY _parent, _n"
        )
    grouped: dict[Any, list[Any]] = {key: [] for key in keys}
    for row in (await connections.get("default").execute_query(sql, page.params))[1]:
        grouped[row["_parent"]].append(row)
    return {key: _page(rows, ordering, request) for key, rows in grouped.items()}


async def count_by(query: Query, partition: str, parents: Sequence[Any]) -> dict[Any, int]:
    """How many rows ``query`` has for each of ``parents``: one statement."""
    sql = (
        f"SELECT {partition} AS _parent, count(*) AS n FROM {query.source} "
        f"WHERE {query.where()} AND {partition} = ANY(${len(query.params) + 1}) GROUP BY 1"
    )
    params = [*query.params, list(parents)]
    found = {
        row["_parent"]: row["n"]
        for row in await connections.get("default").execute_query_dict(sql, params)
    }
    return {parent: int(found.get(parent, 0)) for parent in parents}


def _page(rows: list[Any], ordering: Ordering, request: PageRequest) -> Page:
    more = len(rows) > request.size
    rows = rows[: request.size]
    if request.backwards:
        rows.reverse()
        has_next, has_previous = request.before is not None, more
    else:
        has_next, has_previous = more, request.after is not None
    return Page(rows, ordering, has_next, has_previous)
