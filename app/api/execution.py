"""A faster execution of plain objects: most of a page is scalars read off its nodes.

graphql-core and strawberry resolve every field the same way: build a resolve info,
run the resolver through strawberry's wrapper, check for an awaitable, then complete
the value: a few dozen calls to read one attribute. :class:`PlainFieldsFirst` builds
an object's result in one loop instead, when every field selected on it (and on the
objects under it) is one of:

- a plain field: an attribute holding a scalar or an enum (no arguments, resolver or
  extension), serialized with its type's own ``serialize``; a Node's ``id`` too;
- a relation: an attribute holding objects, or one of this project's synchronous
  resolvers without arguments (``company``, ``municipality``, ...), which read nothing
  of their ``info`` but the context (a rule of ``app/api``).

The first thing that does not fit (a null in a non-null field, an awaitable, a value
that does not serialize, an abstract type, ``@defer``, any other field) sends the object
the normal way, which computes it again from scratch: the fast way has no side effects
to undo, so results and errors are graphql-core's own (tests/api/test_execution.py
compares the two).
"""

from __future__ import annotations

import inspect
import operator
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from app.api.relay import to_global_id
from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfoHelpers,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
)

BACKREF = "strawberry-definition"

Plan = tuple[Callable[[Any], Any], Callable[[Any], Any], bool, type | None]
"""How to read a plain field: get the value from the source, serialize it, whether the
field may be null, and the Python type that needs no serializing (a str for String and
ID, an int for Int: graphql-core would return it as it is, after checks that cost more
than the read)."""

EXACT_TYPES: dict[object, type] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLInt: int,
    GraphQLBoolean: bool,
}

Relation = Callable[[Any, Any], Any]
"""A synchronous resolver called as ``resolver(source, info)`` with only ``info.context``."""


@dataclass(frozen=True, eq=False)
class Target:
    """What a relation's value must complete to: may it be null, is it a list (of
    ``item``), or else the object type, its Python class when it checks one, and the
    field details that select its fields."""

    nullable: bool
    item: Target | None
    object_type: GraphQLObjectType | None
    origin: type | None
    field_details_list: Any


Step = tuple[str, Plan | None, Relation | None, Target | None]
"""One response key of an object built the fast way: its plain plan, or its relation
and what the relation's value completes to, or neither for ``__typename``."""

_plans: WeakKeyDictionary[GraphQLSchema, dict[str, dict[str, Plan]]] = WeakKeyDictionary()
_relations: WeakKeyDictionary[GraphQLSchema, dict[str, dict[str, Relation]]] = WeakKeyDictionary()


def _object_types(schema: GraphQLSchema) -> dict[str, GraphQLObjectType]:
    return {
        name: type_
        for name, type_ in schema.type_map.items()
        if isinstance(type_, GraphQLObjectType) and not name.startswith("__")
    }


def _plans_of(schema: GraphQLSchema) -> dict[str, dict[str, Plan]]:
    """For each object type, its plain fields (computed once per schema)."""
    if schema not in _plans:
        _plans[schema] = {n: _plain_fields(t) for n, t in _object_types(schema).items()}
    return _plans[schema]


_origins: WeakKeyDictionary[GraphQLSchema, dict[str, type]] = WeakKeyDictionary()


def _origins_of(schema: GraphQLSchema) -> dict[str, type]:
    """The Python class of each object type that checks what it is given (strawberry
    gives ``is_type_of`` to the types of interfaces and unions: an isinstance check)."""
    if schema not in _origins:
        _origins[schema] = {
            name: type_.extensions[BACKREF].origin
            for name, type_ in _object_types(schema).items()
            if type_.is_type_of is not None and BACKREF in type_.extensions
        }
    return _origins[schema]


def _relations_of(schema: GraphQLSchema) -> dict[str, dict[str, Relation]]:
    """For each object type, its synchronous context-only resolvers."""
    if schema not in _relations:
        _relations[schema] = {n: _relation_fields(t) for n, t in _object_types(schema).items()}
    return _relations[schema]


def _relation_fields(type_: GraphQLObjectType) -> dict[str, Relation]:
    """Fields of object types: this project's context-only resolvers, and attributes that
    hold objects (a connection's ``nodes``, an opening's ``point``)."""
    relations: dict[str, Relation] = {}
    for name, field in type_.fields.items():
        definition = field.extensions.get(BACKREF)
        if definition is None or field.args or definition.extensions:
            continue
        resolver = definition.base_resolver
        if resolver is None:
            if not isinstance(_named(field.type), GraphQLScalarType | GraphQLEnumType):
                relations[name] = _attribute(definition.python_name)
            continue
        function = resolver.wrapped_func
        parameters = list(inspect.signature(function).parameters)
        if (
            not resolver.is_async
            and function.__module__.startswith("app.api.")
            and parameters == ["self", "info"]
        ):
            relations[name] = function
    return relations


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _attribute(name: str) -> Relation:
    read = operator.attrgetter(name)

    def attribute(source: Any, info: Any) -> Any:
        return read(source)

    return attribute


class _Miss(Exception):
    """The fast way does not fit this object: go the normal way."""


def _unwrap(type_: Any) -> tuple[Any, bool]:
    """The type without its non-null wrapper, and whether it may be null."""
    if isinstance(type_, GraphQLNonNull):
        return type_.of_type, False
    return type_, True


class _ContextOnly:
    """The one part of a resolve info this project's synchronous resolvers read."""

    __slots__ = ("context",)

    def __init__(self, context: Any) -> None:
        self.context = context


def _plain_fields(type_: GraphQLObjectType) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    node_names = {interface.name for interface in type_.interfaces}
    for name, field in type_.fields.items():
        definition = field.extensions.get(BACKREF)
        if definition is None or field.args or definition.extensions:
            continue
        nullable = not isinstance(field.type, GraphQLNonNull)
        named = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        if not isinstance(named, GraphQLScalarType | GraphQLEnumType):
            continue
        exact = EXACT_TYPES.get(named)
        serialize = _serializer(named)
        if definition.base_resolver is None:
            read = operator.attrgetter(definition.python_name)
            plans[name] = (read, serialize, nullable, exact)
        elif name == "id" and "Node" in node_names:
            plans[name] = (_global_id_of(type_.name), serialize, nullable, exact)
    return plans


def _serializer(type_: GraphQLScalarType | GraphQLEnumType) -> Callable[[Any], Any]:
    """``type_.serialize``; for an enum of Python members, a lookup of the member's name
    (a KeyError for anything else sends the field the normal way)."""
    members = getattr(type_, "wrapped_cls", None)
    if isinstance(type_, GraphQLEnumType) and members is not None:
        names = {
            member: name
            for member in members
            for name, value in type_.values.items()
            if value.value == member.value
        }
        return names.__getitem__
    return type_.serialize


def _global_id_of(type_name: str) -> Callable[[Any], str]:
    def global_id(source: Any) -> str:
        return to_global_id(type_name, source.pk)

    return global_id


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method``, holding its object by a weak reference."""
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> Any:
        bound = ref()
        if bound is None:
            raise RuntimeError("the execution has ended")
        return bound(*args)

    return call


class AcyclicExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution context without its one reference cycle.

    graphql-core's executor hands its resolvers ``async_helpers``: its own bound methods,
    so the executor refers to itself. Reference counting cannot free a cycle, and
    everything the executor holds (the context, its loaders, every row and object of the
    page: about a thousand objects for 50 openings) stays in memory until Python's cycle
    collector finds it. Its collections, which run every few hundred allocations and
    walk every object promoted so far, cost a quarter of a server's CPU under load.
    Holding the executor weakly breaks the cycle, so a request's objects are freed when
    it ends. Resolvers only run while the executor runs, so the reference is live
    whenever they call the helpers (tests/api/test_execution.py checks that a request
    leaves no cycles).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.async_helpers = GraphQLResolveInfoHelpers(
            gather=_weakly(self.gather_async_work), track=_weakly(self.track_async_work)
        )


class PlainFieldsFirst(AcyclicExecution):
    """Resolves plain fields directly; see the module's docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = _plans_of(self.schema)
        self.relations = _relations_of(self.schema)
        self.context_only = _ContextOnly(self.context_value)
        self.steps: dict[int, tuple[Any, list[Step] | None]] = {}
        self.origins = _origins_of(self.schema)
        self.completed: dict[tuple[int, int], tuple[Any, dict[str, Any]]] = {}

    def collect_and_execute_subfields(
        self,
        return_type: GraphQLObjectType,
        field_details_list: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        grouped, defers, _forbidden = self.collect_subfields(return_type, field_details_list)
        if not defers:
            try:
                return self._object(return_type, grouped, result)
            except _Miss:
                pass
        return self.execute_collected_subfields(
            return_type, result, path, grouped, defers, position_context
        )

    def _object(self, type_: GraphQLObjectType, grouped: Any, source: Any) -> dict[str, Any]:
        """The result of ``source`` as a ``type_`` with the fields ``grouped``, or _Miss."""
        steps = self._steps(type_, grouped)
        result: dict[str, Any] = {}
        try:
            for key, plan, relation, target in steps:
                if plan is not None:
                    read, serialize, nullable, exact = plan
                    value = read(source)
                    if value is not None:
                        result[key] = value if type(value) is exact else serialize(value)
                    elif nullable:
                        result[key] = None
                    else:
                        raise _Miss
                elif relation is not None and target is not None:
                    value = relation(source, self.context_only)
                    result[key] = self._value(target, value)
                else:
                    result[key] = type_.name  # __typename
        except _Miss:
            raise
        except Exception:
            raise _Miss from None  # the normal way reports it, at its path
        return result

    def _steps(self, type_: GraphQLObjectType, grouped: Any) -> list[Step]:
        """How to build each response key of ``grouped`` (memoized, as graphql-core
        memoizes ``grouped`` itself), or _Miss when a field has no fast way."""
        known = self.steps.get(id(grouped))
        if known is None:
            plans = self.plans.get(type_.name, {})
            relations = self.relations.get(type_.name, {})
            steps: list[Step] = []
            for key, field_details_list in grouped.items():
                name = field_details_list[0].node.name.value
                step: Step
                if name in plans:
                    step = (key, plans[name], None, None)
                elif name in relations:
                    target = self._target(type_.fields[name].type, field_details_list)
                    step = (key, None, relations[name], target)
                elif name == "__typename":
                    step = (key, None, None, None)
                else:
                    known = self.steps[id(grouped)] = (grouped, None)
                    break
                steps.append(step)
            else:
                known = self.steps[id(grouped)] = (grouped, steps)
        if known[1] is None:
            raise _Miss
        return known[1]

    def _target(self, type_: Any, field_details_list: Any) -> Target:
        named, nullable = _unwrap(type_)
        if isinstance(named, GraphQLList):
            item = self._target(named.of_type, field_details_list)
            return Target(nullable, item, None, None, field_details_list)
        object_type = named if isinstance(named, GraphQLObjectType) else None
        origin = self.origins.get(named.name) if object_type else None
        return Target(nullable, None, object_type, origin, field_details_list)

    def _value(self, target: Target, value: Any) -> Any:
        """A relation's value completed the fast way, or _Miss."""
        if hasattr(value, "__await__"):
            if inspect.iscoroutine(value):
                value.close()  # not awaited: the normal way calls the resolver again
            raise _Miss
        if value is None:
            if target.nullable:
                return None
            raise _Miss
        if target.item is not None:
            return [self._value(target.item, item) for item in value]
        object_type = target.object_type
        # strawberry's is_type_of is an isinstance check against the type's class
        if object_type is None or (target.origin and not isinstance(value, target.origin)):
            raise _Miss
        # The same object under the same selection (the municipality of many openings,
        # which the loaders convert once) has the same result: build it once. The entry
        # holds the object, and the steps hold the target, so neither id is reused while
        # the execution lasts.
        key = (id(value), id(target))
        known = self.completed.get(key)
        if known is None:
            grouped, defers, _forbidden = self.collect_subfields(
                object_type, target.field_details_list
            )
            if defers:
                raise _Miss
            known = self.completed[key] = (value, self._object(object_type, grouped, value))
        return known[1]
