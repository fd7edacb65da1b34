"""The limits of /graphql: each one refused before execution with QUERY_TOO_COMPLEX and a
message naming it, a query just within it accepted; the cost estimate; the body limit,
the timeout, GET and GraphiQL."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.extensions import SchemaExtension

from app.api.errors import ErrorPolicy
from app.api.limits import (
    CACHE_SIZE,
    LIMITS,
    MAX_BODY_BYTES,
    MAX_TOKENS,
    CachedValidation,
    DepthAndAliasLimits,
    ExecutionTimeout,
    LimitedParser,
    QueryCost,
    cost_of,
    estimate_nodes,
    parse_document,
)
from app.api.relay import Connection, PageInfo
from app.api.schema import build_schema
from app.api.text import NoNulCharacters
from app.api.view import GraphQLView
from app.services.pagination import DEFAULT_PAGE_SIZE
from graphql import get_introspection_query, parse
from tests.graphql_client import graphql, graphql_response

RESOLVED: list[str] = []
"""The probe's resolvers that ran, to prove that a refused query executes nothing."""


@strawberry.type
class Item:
    name: str

    @strawberry.field
    def child(self) -> Item:
        return Item(name=f"{self.name}.child")

    @strawberry.field
    def children(self, first: int | None = None) -> ItemConnection:
        return ItemConnection(nodes=[Item(name=f"{self.name}.{i}") for i in range(2)])


@strawberry.type
class ItemConnection:
    nodes: list[Item]


@strawberry.type
class Probe:
    @strawberry.field
    def item(self) -> Item:
        RESOLVED.append("item")
        return Item(name="item")

    @strawberry.field
    def count(self, words: list[str]) -> int:
        return len(words)

    @strawberry.field
    async def slow(self) -> str:
        RESOLVED.append("slow")
        await asyncio.sleep(30)
        return "too late"


def probe_schema(*, timeout: float = 10.0) -> strawberry.Schema:
    """The probe behind the production extensions, with a timeout of ``timeout``."""
    return strawberry.Schema(
        query=Probe,
        extensions=[
            LimitedParser,
            DepthAndAliasLimits,
            CachedValidation,
            QueryCost,
            lambda: ExecutionTimeout(seconds=timeout),
            ErrorPolicy,
        ],
    )


@pytest.fixture
def resolved() -> Iterator[list[str]]:
    RESOLVED.clear()
    yield RESOLVED
    RESOLVED.clear()


@pytest.fixture
async def probe(resolved: list[str]) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(probe_schema()) as http:
        yield http


def serve(schema: strawberry.Schema, *, production: bool = False) -> httpx.AsyncClient:
    view = GraphQLView(schema, production=production)
    app = Starlette(routes=[Route("/graphql", view, methods=["GET", "POST"])])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def refusal(body: dict[str, Any]) -> dict[str, Any]:
    """The one error of a response refused before execution."""
    assert body["data"] is None
    [error] = body["errors"]
    extensions: dict[str, Any] = error["extensions"]
    assert extensions["code"] == "QUERY_TOO_COMPLEX"
    return {"message": error["message"], **extensions}


def nested(depth: int) -> str:
    """``item`` with ``child`` nested under it: ``depth`` fields on the path to ``name``."""
    return "{ item " + "{ child " * (depth - 2) + "{ name }" + " }" * (depth - 2) + " }"


def test_the_production_schema_runs_the_limits_first_and_the_error_policy_last() -> None:
    schema = build_schema(production=True)
    assert tuple(schema.extensions) == (NoNulCharacters, *LIMITS, ErrorPolicy)


def test_no_extension_hooks_into_every_field() -> None:
    extensions = build_schema(production=True).extensions
    assert all(
        isinstance(extension, type)
        and issubclass(extension, SchemaExtension)
        and extension.resolve is SchemaExtension.resolve
        for extension in extensions
    )


# Depth.


async def test_depth_over_the_limit_is_refused_before_execution(
    probe: httpx.AsyncClient, public_token: str, resolved: list[str]
) -> None:
    body = await graphql_response(probe, nested(11), token=public_token)
    assert refusal(body) == {
        "message": "The query is 11 fields deep; at most 10 are allowed.",
        "code": "QUERY_TOO_COMPLEX",
        "limit": "depth",
        "depth": 11,
        "maximum": 10,
    }
    assert resolved == []


async def test_depth_at_the_limit_is_accepted(probe: httpx.AsyncClient, public_token: str) -> None:
    data = await graphql(probe, nested(10), token=public_token)
    assert data["item"]["child"]["child"]["child"]


async def test_depth_counts_fragments_where_they_are_spread(
    probe: httpx.AsyncClient, public_token: str
) -> None:
    query = "{ item { ...Deep } } fragment Deep on Item " + nested(11).removeprefix(
        "{ item "
    ).removesuffix(" }")
    assert refusal(await graphql_response(probe, query, token=public_token))["depth"] == 11


async def test_the_real_schema_refuses_a_deep_query(
    client: httpx.AsyncClient, public_token: str
) -> None:
    query = (
        "{ region(code: 1081) " + "{ municipalities { region " * 5 + "{ name }" + " } }" * 5 + " }"
    )
    assert refusal(await graphql_response(client, query, token=public_token))["depth"] == 12


async def test_introspection_is_exempt_from_the_depth_limit(
    client: httpx.AsyncClient, public_token: str
) -> None:
    query = '{ __type(name: "Query") ' + "{ ofType " * 12 + "{ name }" + " }" * 12 + " }"
    assert (await graphql(client, query, token=public_token))["__type"]["ofType"] is None


# Aliases.


async def test_aliases_over_the_limit_are_refused(
    client: httpx.AsyncClient, public_token: str
) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(16)) + " }"
    assert refusal(await graphql_response(client, query, token=public_token)) == {
        "message": "The query has 16 aliases; at most 15 are allowed.",
        "code": "QUERY_TOO_COMPLEX",
        "limit": "aliases",
        "aliases": 16,
        "maximum": 15,
    }


async def test_aliases_at_the_limit_are_accepted(
    client: httpx.AsyncClient, public_token: str
) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(15)) + " }"
    assert len(await graphql(client, query, token=public_token)) == 15


async def test_aliases_in_a_fragment_count_at_every_spread(
    probe: httpx.AsyncClient, public_token: str, resolved: list[str]
) -> None:
    fragment = "fragment Names on Item { " + " ".join(f"n{i}: name" for i in range(5)) + " }"
    query = "{ item { ...Names child { ...Names child { ...Names child { ...Names } } } } } "
    body = await graphql_response(probe, query + fragment, token=public_token)
    assert refusal(body)["aliases"] == 20
    assert resolved == []


# Tokens.


async def test_tokens_over_the_limit_are_refused(
    client: httpx.AsyncClient, public_token: str
) -> None:
    query = "{ " + "__typename " * (MAX_TOKENS - 1) + "}"
    assert refusal(await graphql_response(client, query, token=public_token)) == {
        "message": "The document has more than 2000 tokens, the maximum.",
        "code": "QUERY_TOO_COMPLEX",
        "limit": "tokens",
        "maximum": 2000,
    }


async def test_tokens_at_the_limit_are_accepted(
    probe: httpx.AsyncClient, public_token: str
) -> None:
    words = MAX_TOKENS - len(["{", "count", "(", "words", ":", "[", "]", ")", "}"])
    query = "{ count(words: [" + ' "w"' * words + "]) }"
    assert await graphql(probe, query, token=public_token) == {"count": words}
    body = await graphql_response(probe, query.replace("[", '["w"'), token=public_token)
    assert refusal(body)["limit"] == "tokens"


async def test_comments_over_the_limit_are_refused(
    client: httpx.AsyncClient, public_token: str
) -> None:
    query = "#\n" * 201 + "{ __typename }"
    error = refusal(await graphql_response(client, query, token=public_token))
    assert (error["limit"], error["maximum"]) == ("comments", 200)
    assert await graphql(client, "#\n" * 200 + "{ __typename }", token=public_token)


async def test_other_syntax_errors_keep_their_own_code(
    client: httpx.AsyncClient, public_token: str
) -> None:
    body = await graphql_response(client, "{ __typename", token=public_token)
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_a_document_is_parsed_once_while_it_is_cached() -> None:
    query = "{ cached: __typename }"
    assert parse_document(query) is parse_document(query)
    assert parse_document.cache_info().maxsize == CACHE_SIZE


# Cost.


@strawberry.type
class Tag:
    name: str


@strawberry.type
class Opening:
    title: str
    tags: list[Tag]


@strawberry.type
class Company:
    name: str

    @strawberry.field
    def openings(self, first: int | None = None, last: int | None = None) -> Connection[Opening]:
        raise NotImplementedError  # the cost tests estimate; they execute nothing


@strawberry.type
class Feed:
    """A connection by its ``pageInfo`` alone."""

    page_info: PageInfo
    items: list[Opening]


@strawberry.type
class Catalogue:
    @strawberry.field
    def companies(self, first: int | None = None, after: str | None = None) -> Connection[Company]:
        raise NotImplementedError

    @strawberry.field
    def nodes(self, ids: list[strawberry.ID]) -> list[Company | None]:
        raise NotImplementedError

    @strawberry.field
    def feed(self, first: int = 5) -> Feed:
        raise NotImplementedError

    @strawberry.field
    def tags(self) -> list[Tag]:
        raise NotImplementedError


CATALOGUE = strawberry.Schema(query=Catalogue)

NESTED_PAGES = """
query ($companies: Int, $openings: Int) {
  companies(first: $companies) {
    pageInfo { hasNextPage }
    edges { cursor node { name openings(last: $openings) { nodes { title tags { name } } } } }
  }
}
"""


def nodes(query: str, variables: dict[str, Any] | None = None) -> int:
    return estimate_nodes(CATALOGUE._schema, parse(query), variables)


def test_the_catalogue_uses_the_relay_connection_names() -> None:
    sdl = CATALOGUE.as_str()
    assert "type CompanyConnection" in sdl
    assert "openings(first: Int = null, last: Int = null): OpeningConnection!" in sdl


def test_nested_connections_multiply_with_their_variables() -> None:
    # 10 companies, each with 5 openings, each with a plain list of tags (counted 100).
    assert nodes(NESTED_PAGES, {"companies": 10, "openings": 5}) == 10 * (1 + 5 * (1 + 100))


def test_a_connection_without_first_or_last_counts_a_default_page() -> None:
    assert nodes(NESTED_PAGES) == DEFAULT_PAGE_SIZE * (1 + DEFAULT_PAGE_SIZE * (1 + 100))
    query = "query ($n: Int = 3) { companies(first: $n) { nodes { name } } }"
    assert nodes(query) == 3
    assert nodes(query, {"n": 7}) == 7


def test_edges_and_nodes_of_one_connection_count_its_nodes_once() -> None:
    query = "{ companies(first: 4) { totalCount edges { node { name } } nodes { name } } }"
    assert nodes(query) == 4


def test_fragments_count_where_they_are_spread() -> None:
    query = """
    { companies(first: 2) { ...Page } a: companies(first: 3) { ...Page } }
    fragment Page on CompanyConnection { nodes { ...Jobs } }
    fragment Jobs on Company { openings(first: 10) { nodes { title } } }
    """
    assert nodes(query) == 2 * (1 + 10) + 3 * (1 + 10)


def test_nodes_by_ids_count_the_ids_and_plain_lists_an_estimate() -> None:
    by_ids = "query ($ids: [ID!]!) { nodes(ids: $ids) { name } }"
    assert nodes(by_ids, {"ids": ["a", "b", "c"]}) == 3
    assert nodes("{ tags { name } }") == 100
    assert nodes("{ __typename companies(first: 1) { totalCount } }") == 1


def test_a_type_with_page_info_is_a_connection_too() -> None:
    assert nodes("{ feed { pageInfo { hasNextPage } items { title tags { name } } } }") == 5 * (
        1 + 100
    )
    assert nodes("{ feed(first: 2) { items { title } } }") == 2


def test_cost_is_a_point_per_started_hundred_nodes() -> None:
    assert [cost_of(n) for n in (0, 1, 100, 101, 5060, 50_000, 50_001)] == [
        1,
        1,
        1,
        2,
        51,
        500,
        501,
    ]


async def test_a_query_over_the_cost_limit_is_refused(
    probe: httpx.AsyncClient, public_token: str, resolved: list[str]
) -> None:
    query = "query ($n: Int) { item { children(first: $n) { nodes { name } } } }"
    body = await graphql_response(probe, query, {"n": 50_001}, token=public_token)
    assert refusal(body) == {
        "message": "The query costs 501 points (an estimated 50001 nodes);"
        " at most 500 points (50000 nodes) are allowed.",
        "code": "QUERY_TOO_COMPLEX",
        "limit": "cost",
        "cost": 501,
        "maximum": 500,
    }
    assert resolved == []
    accepted = await graphql_response(probe, query, {"n": 50_000}, token=public_token)
    assert len(accepted["data"]["item"]["children"]["nodes"]) == 2
    assert accepted["extensions"]["rateLimit"]["cost"] == 500


async def test_introspection_is_costed_like_any_query(
    client: httpx.AsyncClient, public_token: str
) -> None:
    body = await graphql_response(client, get_introspection_query(), token=public_token)
    assert body["data"]["__schema"]["queryType"] == {"name": "Query", "kind": "OBJECT"}
    assert body["extensions"]["rateLimit"]["cost"] == 17


# The request body.


async def test_a_body_declared_too_large_is_refused_with_413(
    probe: httpx.AsyncClient, public_token: str
) -> None:
    content = json.dumps({"query": "{ __typename }"}).encode().ljust(MAX_BODY_BYTES + 1)
    response = await probe.post(
        "/graphql",
        content=content,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {public_token}"},
    )
    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {
                "message": "The request body is larger than 65536 bytes, the maximum.",
                "extensions": {"code": "QUERY_TOO_COMPLEX", "limit": "bodyBytes", "maximum": 65536},
            }
        ]
    }


async def test_a_streamed_body_is_refused_once_it_grows_too_large(
    probe: httpx.AsyncClient, public_token: str
) -> None:
    sent: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }"'
        for _ in range(100):
            sent.append(1)
            yield b" " * 1024

    response = await probe.post(
        "/graphql",
        content=chunks(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {public_token}"},
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["limit"] == "bodyBytes"


async def test_a_body_at_the_limit_is_accepted(probe: httpx.AsyncClient, public_token: str) -> None:
    content = json.dumps({"query": "{ __typename }"}).encode().ljust(MAX_BODY_BYTES)
    response = await probe.post(
        "/graphql",
        content=content,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {public_token}"},
    )
    assert len(response.request.content) == MAX_BODY_BYTES
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Probe"}


# The timeout.


async def test_a_slow_query_times_out_with_its_code(public_token: str, resolved: list[str]) -> None:
    async with serve(probe_schema(timeout=0.01)) as http:
        body = await graphql_response(http, "{ slow }", token=public_token)
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": "The query ran longer than 0.01 seconds and was stopped.",
            "extensions": {"code": "TIMEOUT", "maximum": 0.01},
        }
    ]
    assert resolved == ["slow"]
    assert body["extensions"]["rateLimit"]["cost"] == 1


# GET and GraphiQL.


async def test_a_query_over_get_is_refused_and_not_executed(
    probe: httpx.AsyncClient, public_token: str, resolved: list[str]
) -> None:
    response = await probe.get(
        "/graphql",
        params={"query": "{ item { name } }"},
        headers={"Authorization": f"Bearer {public_token}"},
    )
    assert response.status_code == 400
    assert response.text == "queries are not allowed when using GET"
    assert resolved == []


async def test_graphiql_is_served_in_development_only() -> None:
    headers = {"Accept": "text/html"}
    async with serve(build_schema(), production=False) as development:
        page = await development.get("/graphql", headers=headers)
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    async with serve(build_schema(production=True), production=True) as production:
        page = await production.get("/graphql", headers=headers)
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()
