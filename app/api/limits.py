"""What a request to /graphql may ask for, and what it costs: checked before it executes.

A query over a limit is refused with a top-level error, code ``QUERY_TOO_COMPLEX``;
``extensions.limit`` names the limit, ``extensions.maximum`` gives it and, where it is
known, ``extensions.<limit>`` the value found:

=============  =======  =================================================================
limit          maximum  what counts
=============  =======  =================================================================
``bodyBytes``  65,536   the HTTP request body (the view answers 413)
``tokens``     2,000    the document's lexical tokens (names, punctuation, values)
``comments``   200      the document's comments
``depth``      10       fields on the longest path; introspection (``__schema``,
                        ``__type``) is exempt, as its ``ofType`` chains nest deeper
``aliases``    15       aliased fields in one operation, fragments counted where spread
``cost``       500      points, one per started 100 nodes: at most 50,000 nodes
=============  =======  =================================================================

Cost: :func:`estimate_nodes` estimates how many nodes (objects) an operation may return,
from the schema and the document alone, with its variables:

* a connection field (a type named ``…Connection``, or with a ``pageInfo`` field) returns
  ``first`` or ``last`` nodes, :data:`~app.services.pagination.DEFAULT_PAGE_SIZE` without
  either; its ``edges`` and ``nodes`` lists hold those same nodes;
* another list of objects returns one node per ID when it has an ``ids`` argument
  (``nodes(ids:)``), else :data:`LIST_SIZE`, or :data:`INTROSPECTION_LIST_SIZE` in the
  introspection schema (GraphiQL's full introspection query then costs 17 points);
* a field with ``n`` nodes counts ``n × (1 + the nodes of what it selects)``; a single
  object counts the nodes of what it selects, a scalar nothing.

:func:`cost_of` turns nodes into points: ``max(1, ceil(nodes / 100))``. An accepted query's
cost is spent from its token's hourly budget (:mod:`app.services.rate_limits`), and every
response to a token reports ``extensions.rateLimit``. Nothing here adds a per-field hook:
each check runs once per request, at parse, validation or execution.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from graphql.execution.values import VariableValues
from strawberry.extensions import AddValidationRules, SchemaExtension, ValidationCache

from app.api.context import Context
from app.api.errors import QUERY_TOO_COMPLEX, RATE_LIMITED, TIMEOUT, UNAUTHENTICATED, ApiError
from app.services.pagination import DEFAULT_PAGE_SIZE
from app.services.rate_limits import Budget, spend
from graphql import (
    BREAK,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    ValidationRule,
    VisitorAction,
    get_argument_values,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    get_variable_values,
    is_introspection_type,
    is_list_type,
    parse,
)

MAX_BODY_BYTES = 64 * 1024
MAX_TOKENS = 2_000
MAX_COMMENTS = 200
MAX_DEPTH = 10
MAX_ALIASES = 15
NODES_PER_POINT = 100
MAX_NODES = 50_000
MAX_COST = MAX_NODES // NODES_PER_POINT
LIST_SIZE = 100
INTROSPECTION_LIST_SIZE = 10
CACHE_SIZE = 128
"""How many documents (of at most 2,000 tokens each) stay parsed, and validated."""
EXECUTION_TIMEOUT_SECONDS = 10.0


def too_complex(message: str, limit: str, maximum: int, found: int | None = None) -> ApiError:
    """A QUERY_TOO_COMPLEX error; ``extensions.<limit>`` holds the value ``found``."""
    extensions: dict[str, Any] = {"limit": limit, "maximum": maximum}
    if found is not None:
        extensions[limit] = found
    return ApiError(message, QUERY_TOO_COMPLEX, **extensions)


# Parsing: the token limits, and a cache.


@lru_cache(maxsize=CACHE_SIZE)
def parse_document(query: str) -> DocumentNode:
    """``query`` parsed within the token limits; a text in the cache is not parsed again."""
    return parse(query, max_lexical_tokens=MAX_TOKENS, max_comments=MAX_COMMENTS)


class LimitedParser(SchemaExtension):
    """Parses each document with :func:`parse_document`; too many tokens is QUERY_TOO_COMPLEX."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        assert context.query is not None  # strawberry refuses a request without one first
        try:
            context.graphql_document = parse_document(context.query)
        except GraphQLSyntaxError as error:
            # graphql-core names a limit it hit in the message only.
            for limit, maximum in (("tokens", MAX_TOKENS), ("comments", MAX_COMMENTS)):
                if f"more than {maximum} {limit}" in error.message:
                    message = f"The document has more than {maximum} {limit}, the maximum."
                    raise too_complex(message, limit, maximum) from None
            # Any other syntax error: strawberry parses the document again and reports it
            # (GRAPHQL_PARSE_FAILED), failing at the same place, within the limits.
        yield


# Validation: depth and aliases, and a cache.


class _Shape:
    """The depth and the aliases under selection sets, each fragment walked once."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.known: dict[str, tuple[int, int]] = {}

    def of(self, selection_set: SelectionSetNode) -> tuple[int, int]:
        """Fields on the longest path, and aliased fields, under ``selection_set``."""
        depth = aliases = 0
        for selection in selection_set.selections:
            if isinstance(selection, FragmentSpreadNode):
                inner_depth, inner_aliases = self.fragment(selection.name.value)
            elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
                inner_depth, inner_aliases = self.of(selection.selection_set)
            else:
                inner_depth, inner_aliases = 0, 0
            if isinstance(selection, FieldNode):
                introspection = selection.name.value in ("__schema", "__type")
                inner_depth = 0 if introspection else 1 + inner_depth
                inner_aliases += 1 if selection.alias else 0
            depth = max(depth, inner_depth)
            aliases += inner_aliases
        return depth, aliases

    def fragment(self, name: str) -> tuple[int, int]:
        if name not in self.known:
            self.known[name] = (0, 0)  # a cycle, refused by validation, counts nothing
            fragment = self.fragments.get(name)
            if fragment is not None:
                self.known[name] = self.of(fragment.selection_set)
        return self.known[name]


class DepthAndAliasRule(ValidationRule):
    """Refuses an operation deeper than :data:`MAX_DEPTH` or with more than
    :data:`MAX_ALIASES` aliases."""

    def enter_document(self, node: DocumentNode, *_: Any) -> VisitorAction:
        shape = _Shape(node)
        for operation in node.definitions:
            if not isinstance(operation, OperationDefinitionNode):
                continue
            depth, aliases = shape.of(operation.selection_set)
            if depth > MAX_DEPTH:
                message = f"The query is {depth} fields deep; at most {MAX_DEPTH} are allowed."
                self.report_error(too_complex(message, "depth", MAX_DEPTH, depth))
            if aliases > MAX_ALIASES:
                message = f"The query has {aliases} aliases; at most {MAX_ALIASES} are allowed."
                self.report_error(too_complex(message, "aliases", MAX_ALIASES, aliases))
        return BREAK


class DepthAndAliasLimits(AddValidationRules):
    def __init__(self) -> None:
        super().__init__([DepthAndAliasRule])


class CachedValidation(ValidationCache):
    """Validates each parsed document once while it stays in the cache."""

    def __init__(self) -> None:
        super().__init__(maxsize=CACHE_SIZE)


# Cost: the estimated nodes, and the points they cost.


def estimate_nodes(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
) -> int:
    """The nodes the operation may return, estimated as the module says; ``document``
    must be valid for ``schema``."""
    operation = get_operation_ast(document, operation_name)
    root = schema.get_root_type(operation.operation) if operation else None
    if operation is None or root is None:
        return 0  # execution refuses it
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    # Variables that do not fit are refused by execution before anything resolves.
    values = coerced if isinstance(coerced, VariableValues) else None
    return _NodeEstimate(schema, document, values).selections(operation.selection_set, root)


@lru_cache(maxsize=CACHE_SIZE)
def _remembered_estimate(
    schema: GraphQLSchema, query: str, variables: str, operation_name: str | None
) -> int:
    """:func:`estimate_nodes` of a document (parsed from the cache) with its variables (as
    JSON): a client that sends the same query and variables again is not estimated again."""
    return estimate_nodes(schema, parse_document(query), json.loads(variables), operation_name)


def cost_of(nodes: int) -> int:
    """The points ``nodes`` cost: one per started hundred, at least one."""
    return max(1, -(-nodes // NODES_PER_POINT))


class _NodeEstimate:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: VariableValues | None
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.known: dict[str, int] = {}

    def selections(self, selection_set: SelectionSetNode, parent: GraphQLNamedType) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.named(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, inner)
        return total

    def fragment(self, name: str) -> int:
        if name not in self.known:
            fragment = self.fragments[name]
            inner = self.named(fragment.type_condition.name.value)
            self.known[name] = self.selections(fragment.selection_set, inner)
        return self.known[name]

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        definition = _field_definition(self.schema, parent, node.name.value)
        if definition is None or node.selection_set is None:
            return 0  # a scalar, an enum or __typename
        named = get_named_type(definition.type)
        inner = self.selections(node.selection_set, named)
        if _is_connection(named):
            return self.page_size(definition, node) * (1 + inner)
        if not is_list_type(get_nullable_type(definition.type)):
            return inner
        if _is_connection(parent):
            return inner  # a connection's `edges` or `nodes`: the nodes the connection counts
        return self.list_size(definition, node, named) * (1 + inner)

    def page_size(self, definition: GraphQLField, node: FieldNode) -> int:
        arguments = self.arguments(definition, node)
        sizes = [size for name in ("first", "last") if isinstance(size := arguments.get(name), int)]
        return max(0, *sizes) if sizes else DEFAULT_PAGE_SIZE

    def list_size(self, definition: GraphQLField, node: FieldNode, item: GraphQLNamedType) -> int:
        if "ids" in definition.args:
            ids = self.arguments(definition, node).get("ids")
            if isinstance(ids, list):
                return len(ids)
        return INTROSPECTION_LIST_SIZE if is_introspection_type(item) else LIST_SIZE

    def arguments(self, definition: GraphQLField, node: FieldNode) -> dict[str, Any]:
        try:
            return get_argument_values(definition, node, self.variables)
        except GraphQLError:
            return {}  # execution refuses the argument before the field resolves

    def named(self, name: str) -> GraphQLNamedType:
        found = self.schema.get_type(name)
        assert found is not None  # the document is valid
        return found


def _field_definition(
    schema: GraphQLSchema, parent: GraphQLNamedType, name: str
) -> GraphQLField | None:
    if parent is schema.query_type and name == "__schema":
        return SchemaMetaFieldDef
    if parent is schema.query_type and name == "__type":
        return TypeMetaFieldDef
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        field: GraphQLField | None = parent.fields.get(name)
        return field
    return None


def _is_connection(type_: GraphQLNamedType) -> bool:
    return isinstance(type_, GraphQLObjectType | GraphQLInterfaceType) and (
        type_.name.endswith("Connection") or "pageInfo" in type_.fields
    )


# Execution: the cost limit, the rate limit and the timeout.


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class QueryCost(SchemaExtension):
    """Before execution, refuses a query that costs more than :data:`MAX_COST`, spends its
    cost from the token's hourly budget, and refuses it when the budget is spent. Reports
    the budget in ``extensions.rateLimit`` of every response to a token; a request refused
    before it was costed (a syntax or validation error, a limit) costs one point.

    ``clock`` gives the time the budget is counted at (tests fix it).
    """

    def __init__(self, *, clock: Callable[[], datetime] = _utc_now) -> None:
        super().__init__()
        self.clock = clock
        self.nodes = 0
        self.budget: Budget | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        try:
            await self._admit()
        except Exception as error:
            # Strawberry executes nothing when the result is set already; the error policy
            # keeps a refusal's code and masks anything else, as for any error.
            refusal = (
                error
                if isinstance(error, GraphQLError)
                else GraphQLError(str(error), original_error=error)
            )
            self.execution_context.result = ExecutionResult(data=None, errors=[refusal])
        yield

    async def _admit(self) -> None:
        context = self.execution_context
        assert context.graphql_document is not None  # executing: parsed and valid
        assert context.query is not None  # parsed from it
        self.nodes = _remembered_estimate(
            context.schema._schema,
            context.query,
            json.dumps(context.variables, sort_keys=True),
            context.operation_name,
        )
        cost = cost_of(self.nodes)
        if cost > MAX_COST:
            message = (
                f"The query costs {cost} points (an estimated {self.nodes} nodes); at most"
                f" {MAX_COST} points ({MAX_NODES} nodes) are allowed."
            )
            raise too_complex(message, "cost", MAX_COST, cost)
        token_id = self._token_id()
        if token_id is None:
            return  # anonymous: the field permissions refuse it
        self.budget = await self._spend(token_id, cost)
        if self.budget.exceeded:
            reset_at = _iso(self.budget.reset_at)
            message = (
                f"This token has spent its {self.budget.limit} points for this hour;"
                f" the budget is renewed at {reset_at}."
            )
            raise ApiError(message, RATE_LIMITED, resetAt=reset_at)

    async def get_results(self) -> dict[str, Any]:
        token_id = self._token_id()
        if token_id is None:
            return {}
        if self.budget is None:
            try:
                self.budget = await self._spend(token_id, 1)
            except ApiError:
                return {}  # the token is no longer live: the response says so (401)
        return {
            "rateLimit": {
                "cost": self.budget.cost,
                "limit": self.budget.limit,
                "remaining": self.budget.remaining,
                "resetAt": _iso(self.budget.reset_at),
                "nodeCount": self.nodes,
            }
        }

    async def _spend(self, token_id: int, cost: int) -> Budget:
        """Spend ``cost`` points; a token revoked or expired since the view accepted it
        (see :mod:`app.services.tokens`) answers 401, UNAUTHENTICATED, and nothing runs."""
        budget = await spend(token_id, cost, self.clock())
        if budget is not None:
            return budget
        context = self.execution_context.context
        if isinstance(context, Context):
            context.response.status_code = 401
            context.response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        raise ApiError("invalid or expired token", UNAUTHENTICATED)

    def _token_id(self) -> int | None:
        context = self.execution_context.context
        return context.principal.token_id if isinstance(context, Context) else None


class ExecutionTimeout(SchemaExtension):
    """Stops an execution that takes longer than ``seconds``: error code TIMEOUT."""

    def __init__(self, *, seconds: float = EXECUTION_TIMEOUT_SECONDS) -> None:
        super().__init__()
        self.seconds = seconds

    async def on_execute(self) -> AsyncIterator[None]:
        try:
            async with asyncio.timeout(self.seconds):
                yield
        except TimeoutError:
            message = f"The query ran longer than {self.seconds:g} seconds and was stopped."
            raise ApiError(message, TIMEOUT, maximum=self.seconds) from None


LIMITS: tuple[type[SchemaExtension], ...] = (
    LimitedParser,
    DepthAndAliasLimits,
    CachedValidation,
    QueryCost,
    ExecutionTimeout,
)
"""The extensions that enforce the limits, in the order they must run."""
