"""Per-request DataLoaders, and the look-ahead that fills them before a page resolves.

Every to-one relation of the graph resolves through a DataLoader, so a page of N nodes
costs one statement per relation, not N. Connection resolvers go one step further: they
look at the query's selection and load the related rows of the whole page (and of the
pages under it) *before* returning, so the nodes' relation fields find their rows
already loaded and resolve synchronously, without an awaitable per node and field.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from strawberry.dataloader import DataLoader
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from app.models import CodeList
from app.services import codes, geography, network, opening_search, pathways
from app.services.network import Row

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


class Loaders:
    """Every DataLoader, created fresh for each request so caches never outlive it."""

    def __init__(self) -> None:
        self.region = _by_key(geography.region_rows)
        self.municipality = _by_key(geography.municipality_rows)
        self.municipalities_of_region = _by_key(geography.municipality_rows_by_region)
        self.council_of_municipality = _by_key(geography.council_rows_by_municipality)
        self.postcode = _by_key(geography.postcode_rows)
        self.company = _by_key(_rows_of(network.COMPANY))
        self.organisation = _by_key(_rows_of(network.ORGANISATION))
        self.offer = _by_key(_rows_of(network.OFFER))
        self.initiative = _by_key(_rows_of(network.INITIATIVE))
        self.pledge_of_company = _by_key(network.current_pledges)
        self.municipalities_served = _by_key(network.municipalities_served)
        self.occupation = _by_key(codes.occupation_rows)
        self.industry = _by_key(codes.industry_rows)
        self.code = _by_key(codes.code_rows)
        self.code_list = _by_key(codes.code_rows_by_list)
        self.opening = _by_key(opening_search.rows_by_ids)
        self.status_history = _by_key(pathways.status_histories)
        self._connections: dict[Hashable, Loader[Any, Any]] = {}

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


def join_selected(
    loaders: Loaders, listing: network.Listing, type_name: str, selections: list[Selection]
) -> Callable[[Sequence[Any]], None]:
    """Join the relations of :data:`JOINS` that ``selections`` asks for into ``listing``;
    returns what puts the joined rows of fetched rows into their loaders."""
    fillers = []
    for field_name, (entity, on, loader_name) in JOINS.get(type_name, {}).items():
        if sub_selections(selections, field_name) is not None:
            fillers.append((listing.join(entity, on), getattr(loaders, loader_name)))

    def fill(rows: Sequence[Any]) -> None:
        for joined, loader in fillers:
            found = {row["id"]: row for row in map(joined, rows) if row is not None}
            loader.prime_many(found)

    return fill


def sub_selections(selections: Iterable[Selection], name: str) -> list[Selection] | None:
    """The selections under every field ``name`` in ``selections`` (through fragments),
    or None when the field is not selected."""
    found: list[Selection] | None = None
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                found = (found or []) + list(selection.selections)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            inner = sub_selections(selection.selections, name)
            if inner is not None:
                found = (found or []) + inner
    return found


def node_selections(selections: Iterable[Selection]) -> list[Selection]:
    """What a connection's selection asks of its nodes: ``nodes { ... }`` and
    ``edges { node { ... } }`` together."""
    nodes = sub_selections(selections, "nodes") or []
    edges = sub_selections(selections, "edges") or []
    return nodes + (sub_selections(edges, "node") or [])


async def prefetch(
    loaders: Loaders, type_name: str, rows: Sequence[Mapping[str, Any]], selections: list[Selection]
) -> None:
    """Load the relations ``selections`` asks of ``rows`` (of ``type_name``), and theirs,
    one statement per relation and level."""
    if not rows:
        return
    for field_name, (loader_name, column, target) in RELATIONS.get(type_name, {}).items():
        wanted = sub_selections(selections, field_name)
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
