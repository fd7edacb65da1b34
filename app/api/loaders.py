"""Per-request DataLoaders, and the look-ahead that fills them before a page resolves.

Every to-one relation of the graph resolves through a DataLoader, so a page of N nodes
costs one statement per relation, not N. Connection resolvers go one step further: they
look at the query's selection and load the related rows of the whole page (and of the
pages under it) *before* returning, so the nodes' relation fields find their rows
already loaded and resolve synchronously, without an awaitable per node and field.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, cast

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from app.models import CodeList
from app.services import codes, geography, network, opening_search, pathways
from app.services.network import Row
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
)

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
V = TypeVar("V")


class Loader(DataLoader[K, V]):
    """A DataLoader that also remembers what its values became (see :func:`now_or_later`):
    the municipality of fifty openings is made into a GraphQL object once, not fifty times."""

    def __init__(self, load_fn: Callable[[list[K]], Awaitable[Sequence[V]]]) -> None:
        super().__init__(load_fn=load_fn)
        self.converted: dict[tuple[Callable[[Any], Any], K], Any] = {}


def _by_key(fetch: Callable[[list[K]], Awaitable[Mapping[K, V]]]) -> Loader[K, V | None]:
    async def load(keys: list[K]) -> list[V | None]:
        found = await fetch(keys)
        return [found.get(key) for key in keys]

    return Loader(load)


def _rows_of(entity: network.Entity) -> Callable[[list[int]], Awaitable[Mapping[int, Row]]]:
    async def fetch(ids: list[int]) -> Mapping[int, Row]:
        return await network.rows_by_ids(entity, ids)

    return fetch


def _loader(
    fetch: Callable[[list[K]], Awaitable[Mapping[K, V]]],
) -> cached_property[Loader[K, V | None]]:
    """A :class:`Loaders` attribute: the loader of ``fetch``, made on first use."""

    def make(loaders: Loaders) -> Loader[K, V | None]:
        return _by_key(fetch)

    return cached_property(make)


class Loaders:
    """Every DataLoader, created fresh for each request so caches never outlive it, and
    only when the request first uses it."""

    def __init__(self) -> None:
        self._connections: dict[Hashable, Loader[Any, Any]] = {}

    region = _loader(geography.region_rows)
    municipality = _loader(geography.municipality_rows)
    municipalities_of_region = _loader(geography.municipality_rows_by_region)
    council_of_municipality = _loader(geography.council_rows_by_municipality)
    postcode = _loader(geography.postcode_rows)
    company = _loader(_rows_of(network.COMPANY))
    organisation = _loader(_rows_of(network.ORGANISATION))
    offer = _loader(_rows_of(network.OFFER))
    initiative = _loader(_rows_of(network.INITIATIVE))
    pledge_of_company = _loader(network.current_pledges)
    municipalities_served = _loader(network.municipalities_served)
    occupation = _loader(codes.occupation_rows)
    industry = _loader(codes.industry_rows)
    code = _loader(codes.code_rows)
    code_list = _loader(codes.code_rows_by_list)
    opening = _loader(opening_search.rows_by_ids)
    status_history = _loader(pathways.status_histories)

    def connection(
        self, key: Hashable, fetch: Callable[[list[Any]], Awaitable[Mapping[Any, T]]]
    ) -> Loader[Any, T | None]:
        """The loader of one nested connection with one set of arguments, e.g. every
        municipality's ``companies(first: 5)`` of a request, fetched in one statement."""
        if key not in self._connections:
            self._connections[key] = _by_key(fetch)
        return self._connections[key]


def now_or_later(loader: Loader[K, V | None], key: K, convert: Callable[[V], T]) -> T:
    """``convert(value)`` at once when this request has loaded ``key`` already (the
    look-ahead made sure of it), else an awaitable of it: a resolver stays synchronous
    on the fast path, and still correct on the slow one. (Typed as the value: GraphQL
    awaits what a resolver returns when it is awaitable.)"""
    remembered = loader.converted.get((convert, key), _NOTHING)
    if remembered is not _NOTHING:
        return cast(T, remembered)
    future = loader.cache_map.get(key)
    if future is not None and future.done() and future.exception() is None:
        converted = loader.converted[(convert, key)] = _convert(future.result(), convert)
        return converted

    async def later() -> T:
        return _convert(await loader.load(key), convert)

    return cast(T, later())


def _convert(value: V | None, convert: Callable[[V], T]) -> T:
    """``convert(value)``; a missing row gives None, which GraphQL reports for a
    non-null field, and returns for a nullable one."""
    return cast(T, None) if value is None else convert(value)


_NOTHING = object()


class Constant(str):
    """A loader key that is the same for every row (e.g. the code list ``support``)."""


# Look-ahead: which relations a selection asks for, by GraphQL type and field name:
# the loader that holds them, the column of the row that keys it (or a Constant key),
# and the related type.
RELATIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "JobOpening": {
        "company": ("company", "company_id", "Company"),
        "municipality": ("municipality", "municipality_id", "Municipality"),
        "postcode": ("postcode", "postcode_id", "Postcode"),
        "occupation": ("occupation", "occupation_id", "Occupation"),
        "kind": ("code", "kind_id", "Code"),
        "requirements": ("code_list", Constant(CodeList.REQUIREMENT), "Code"),
        "supports": ("code_list", Constant(CodeList.SUPPORT), "Code"),
    },
    "Company": {
        "municipality": ("municipality", "municipality_id", "Municipality"),
        "postcode": ("postcode", "postcode_id", "Postcode"),
        "industry": ("industry", "industry_id", "Industry"),
        "pledge": ("pledge_of_company", "id", "Pledge"),
    },
    "Municipality": {
        "region": ("region", "region_id", "Region"),
        "employmentCouncil": ("council_of_municipality", "id", "EmploymentCouncil"),
    },
    "Postcode": {"municipality": ("municipality", "municipality_id", "Municipality")},
    "Organisation": {
        "kind": ("code", "kind_id", "Code"),
        "postcode": ("postcode", "postcode_id", "Postcode"),
    },
    "Offer": {
        "organisation": ("organisation", "organisation_id", "Organisation"),
        "kind": ("code", "kind_id", "Code"),
    },
    "Initiative": {
        "ownerMunicipality": ("municipality", "owner_municipality_id", "Municipality"),
        "ownerOrganisation": ("organisation", "owner_organisation_id", "Organisation"),
    },
    "Occupation": {"parent": ("occupation", "parent_id", "Occupation")},
    "Pathway": {
        "status": ("code", "status_id", "Code"),
        "outcome": ("code", "outcome_id", "Code"),
        "statusHistory": ("status_history", "id", "PathwayStatusChange"),
    },
}


# Look-ahead joins: relations read in the page's own statement when they are selected
# (a page of openings with their companies is one statement), by type and field: the
# entity, the column that points at it, and the loader to put its rows in.
JOINS: dict[str, dict[str, tuple[network.Entity, str, str]]] = {
    "JobOpening": {"company": (network.COMPANY, "o.company_id", "company")},
}


@dataclass(frozen=True)
class Selection:
    """What a query selects under a field (every place it is asked for, through
    fragments), read off graphql-core's syntax tree: the look-ahead needs field names
    only, not the arguments and directives strawberry's ``info.selected_fields`` converts."""

    nodes: tuple[SelectionNode, ...]
    fragments: Mapping[str, FragmentDefinitionNode]

    @classmethod
    def of(cls, info: Info[Any, Any]) -> Selection:
        """What the query selects under the field being resolved."""
        raw = info._raw_info  # graphql-core's own resolve info (strawberry wraps it)
        nodes = tuple(
            node
            for field in raw.field_nodes
            if field.selection_set is not None
            for node in field.selection_set.selections
        )
        return cls(nodes, raw.fragments)

    def field(self, name: str) -> Selection | None:
        """What is selected under the field ``name``, or None when it is not selected."""
        found: list[SelectionNode] | None = None
        for node in self._fields():
            if node.name.value == name:
                found = found if found is not None else []
                if node.selection_set is not None:
                    found.extend(node.selection_set.selections)
        return None if found is None else Selection(tuple(found), self.fragments)

    def connection_nodes(self) -> Selection:
        """What a connection's selection asks of its nodes: ``nodes { ... }`` and
        ``edges { node { ... } }`` together."""
        empty = Selection((), self.fragments)
        nodes = self.field("nodes") or empty
        edges = self.field("edges") or empty
        return Selection(nodes.nodes + (edges.field("node") or empty).nodes, self.fragments)

    def _fields(self) -> Iterator[FieldNode]:
        for node in self.nodes:
            if isinstance(node, FieldNode):
                yield node
            else:
                if isinstance(node, FragmentSpreadNode):
                    fragment = self.fragments.get(node.name.value)
                    inner = fragment.selection_set.selections if fragment else ()
                else:
                    assert isinstance(node, InlineFragmentNode)
                    inner = node.selection_set.selections
                yield from Selection(tuple(inner), self.fragments)._fields()


def join_selected(
    loaders: Loaders, listing: network.Listing, type_name: str, selection: Selection
) -> Callable[[Sequence[Any]], None]:
    """Join the relations of :data:`JOINS` that ``selection`` asks for into ``listing``;
    returns what puts the joined rows of fetched rows into their loaders."""
    fillers = []
    for field_name, (entity, on, loader_name) in JOINS.get(type_name, {}).items():
        if selection.field(field_name) is not None:
            fillers.append((listing.join(entity, on), getattr(loaders, loader_name)))

    def fill(rows: Sequence[Any]) -> None:
        for joined, loader in fillers:
            found = {row["id"]: row for row in map(joined, rows) if row is not None}
            loader.prime_many(found)

    return fill


async def prefetch(
    loaders: Loaders, type_name: str, rows: Sequence[Mapping[str, Any]], selection: Selection
) -> None:
    """Load the relations ``selection`` asks of ``rows`` (of ``type_name``), and theirs,
    one statement per relation and level."""
    if not rows:
        return
    for field_name, (loader_name, column, target) in RELATIONS.get(type_name, {}).items():
        wanted = selection.field(field_name)
        if wanted is None:
            continue
        loader: DataLoader[Any, Any] = getattr(loaders, loader_name)
        if isinstance(column, Constant):
            await load_now(loader, [CodeList(column)])
            continue
        keys = list({row[column] for row in rows if row[column] is not None})
        related = [row for row in await load_now(loader, keys) if row is not None]
        await prefetch(loaders, target, related, wanted)


async def load_now(loader: DataLoader[K, V], keys: Sequence[K]) -> list[V]:
    """What ``loader.load_many(keys)`` gives, fetched at once: the look-ahead has
    gathered a whole level's keys already, so the keys the loader lacks go straight to
    its batch function (one statement) and into its cache, without scheduling a batch."""
    missing = [key for key in keys if loader.cache_map.get(key) is None]
    if missing:
        found = await loader.load_fn(missing)
        failure = next((value for value in found if isinstance(value, BaseException)), None)
        if failure is not None:
            raise failure
        loader.prime_many(dict(zip(missing, cast(Sequence[V], found), strict=True)))
    values = []
    for key in keys:
        future = loader.cache_map.get(key)
        assert future is not None  # primed above
        values.append(future.result() if future.done() else await future)
    return values
