"""Relay building blocks: global IDs, the ``Node`` interface, cursors and connections.

A global ID is ``base64url("<Type>:<primary key>")`` without padding, opaque to clients.
Pages are keyset pages (see :mod:`app.services.pagination`); their cursors are opaque too.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from app.api.errors import bad_input
from app.services.bounds import INTEGER_MAX
from app.services.pagination import Page, PageRequest

NodeT = TypeVar("NodeT")

MAX_ID_LENGTH = 100


def to_global_id(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def from_global_id(global_id: str, *, argument: str = "id") -> tuple[str, int]:
    """The type name and primary key in ``global_id``; BAD_USER_INPUT when it is not one."""
    if len(global_id) > MAX_ID_LENGTH:
        raise bad_input(f"{argument}: not an ID of this API", argument=argument)
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, key = base64.urlsafe_b64decode(padded).decode().partition(":")
        number = int(key)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_input(f"{argument}: not an ID of this API", argument=argument) from None
    if not type_name or not 1 <= number <= INTEGER_MAX or str(number) != key:
        raise bad_input(f"{argument}: not an ID of this API", argument=argument)
    return type_name, number


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    pk: strawberry.Private[int]

    @strawberry.field(description="The global ID: opaque, stable, usable with `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(type(self).__strawberry_definition__.name, self.pk))  # type: ignore[attr-defined]


@strawberry.type(description="Where a page sits in its connection.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="A node with its cursor.")
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@dataclass
class _Total:
    """Counts the whole connection only when ``totalCount`` is asked for."""

    count: Callable[[], Awaitable[int]]


@strawberry.type(description="A page of a list, with cursors to move on from it.")
class Connection(Generic[NodeT]):
    """Cursors are encoded when ``edges`` or ``pageInfo`` ask for them, not before."""

    nodes: list[NodeT] = strawberry.field(description="The page's nodes, without cursors.")
    page: strawberry.Private[Page]
    total: strawberry.Private[_Total]

    @strawberry.field(description="The page's nodes, each with its cursor.")
    def edges(self, info: Info[Any, Any]) -> list[Edge[NodeT]]:
        cursors = self.page.cursors
        return [Edge(cursor=c, node=n) for c, n in zip(cursors, self.nodes, strict=True)]

    @strawberry.field
    def page_info(self, info: Info[Any, Any]) -> PageInfo:
        last = len(self.page.rows) - 1
        return PageInfo(
            has_next_page=self.page.has_next,
            has_previous_page=self.page.has_previous,
            start_cursor=self.page.cursor(0) if last >= 0 else None,
            end_cursor=self.page.cursor(last) if last >= 0 else None,
        )

    @strawberry.field(description="How many nodes the whole connection has, over all pages.")
    async def total_count(self) -> int:
        return await self.total.count()

    @classmethod
    def of(
        cls, nodes: Sequence[NodeT], page: Page, count: Callable[[], Awaitable[int]]
    ) -> Connection[NodeT]:
        return cls(nodes=list(nodes), page=page, total=_Total(count))


def page_request(
    first: int | None, after: str | None, last: int | None, before: str | None
) -> PageRequest:
    """Relay's paging arguments, checked (:class:`InvalidPageError` names a bad one)."""
    return PageRequest.of(first=first, after=after, last=last, before=before)
