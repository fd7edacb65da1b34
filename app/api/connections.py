"""Resolving a connection: one statement for the page (for every parent at once when the
connection is nested under a list), one for ``totalCount`` only when it is asked for,
and the look-ahead that loads the nodes' relations before they resolve."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from app.api.context import Info
from app.api.loaders import Selection, join_selected, prefetch
from app.api.relay import Connection, page_request
from app.services.network import Listing, Row
from app.services.pagination import Page

T = TypeVar("T")

MakeListing = Callable[[Sequence[Any]], Listing]


async def resolve_connection(
    info: Info,
    *,
    make: MakeListing,
    node_type: str,
    convert: Callable[[Row], T],
    paging: tuple[int | None, str | None, int | None, str | None],
    key: Hashable = None,
    parent: Any = None,
) -> Connection[T]:
    """The page ``paging`` (first, after, last, before) of the listing ``make`` builds.

    At the root, ``make`` ignores its argument. Nested under a parent, ``make(parents)``
    builds one listing partitioned by parent, and ``key`` (the field and its arguments)
    groups the parents of a request into one load.
    """
    request = page_request(*paging)
    loaders = info.context.loaders
    selection = Selection.of(info).connection_nodes()

    async def pages(parents: Sequence[Any]) -> dict[Any, Page]:
        listing = make(parents)
        fill = join_selected(loaders, listing, node_type, selection)
        found = await listing.pages(request)
        rows = [row for page in found.values() for row in page.rows]
        fill(rows)
        await prefetch(loaders, node_type, rows, selection)
        return found

    async def counts(parents: Sequence[Any]) -> dict[Any, int]:
        return await make(parents).counts()

    if parent is None:
        page = next(iter((await pages(())).values()))

        async def count() -> int:
            return next(iter((await counts(())).values()))

    else:
        page_loader = loaders.connection((key, request), pages)
        count_loader = loaders.connection((key, "count"), counts)
        found = await page_loader.load(parent)
        assert found is not None  # every parent gets a page, empty or not
        page = found

        async def count() -> int:
            return await count_loader.load(parent) or 0

    return Connection.of([convert(row) for row in page.rows], page, count)
