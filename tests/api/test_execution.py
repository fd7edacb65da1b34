"""The fast execution (app/api/execution.py) answers exactly what graphql-core's own
execution answers: the same schema is served both ways, and every documented operation
and a few wide and odd queries must give equal bodies (data and errors alike)."""

from __future__ import annotations

import gc
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from app.api.execution import PlainFieldsFirst
from app.api.schema import Mutation, Query, Schema, extensions
from app.api.view import GraphQLView
from app.demo import seed_demo
from app.models import Municipality
from app.services.authorization import (
    MUNICIPALITY_READ,
    OPENINGS_WRITE,
    PUBLIC_READ,
    STATS_READ,
)
from tests.api.test_operations import OPERATIONS, header_of
from tests.api.test_sql_counts import NESTED_CONNECTIONS, WIDE
from tests.factories import make_company, make_opening, make_token

QUERIES = [
    (WIDE, {"n": 30}),
    (NESTED_CONNECTIONS, {"n": 3}),
    (
        """query ($id: ID!) {
          node(id: $id) { __typename id ... on JobOpening { title point { lat lon } } }
          region(code: 1084) { code name municipalities { code name employmentCouncil { name } } }
          openings(first: 5, orderBy: TITLE) {
            edges { cursor node { title status kind { key } company { __typename cvr } } }
            pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
          }
        }""",
        {"id": "Sm9iT3BlbmluZzoz"},
    ),
    ("{ occupations(level: 2) { code titleDa parent { code titleEn } } }", {}),
    ("{ pathways(first: 10) { nodes { id status { key } youngPerson { lastName } } } }", {}),
]


@pytest.fixture
async def reference(database: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The same schema, executed by graphql-core's own execution context."""
    schema = Schema(query=Query, mutation=Mutation, extensions=extensions(production=False))
    view = GraphQLView(schema, production=False)
    app = Starlette(routes=[Route("/graphql", view, methods=["POST"])])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def _body(client: httpx.AsyncClient, token: str, query: str, variables: Any) -> Any:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    body = response.json()
    body.pop("extensions", None)  # the rate limit differs: each request spends points
    return body


async def test_fast_execution_answers_as_graphql_core_does(
    client: httpx.AsyncClient, reference: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_demo()
    aarhus = await Municipality.get(code=751)
    token = await make_token(PUBLIC_READ, STATS_READ, MUNICIPALITY_READ, municipality_id=aarhus.id)
    reads = [
        (path.read_text(), json.loads(header_of(path)["variables"]))
        for path in OPERATIONS
        if header_of(path)["scope"] != OPENINGS_WRITE
    ]
    built_fast = _count_fast_objects(monkeypatch)
    for query, variables in [*reads, *QUERIES]:
        fast = await _body(client, token, query, variables)
        normal = await _body(reference, token, query, variables)
        assert fast == normal, query
    assert len(reads) >= 8
    assert built_fast, "the fast way was never taken: the comparison proves nothing"


def _count_fast_objects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the types the fast way builds, as it builds them."""
    built: list[str] = []
    original = PlainFieldsFirst._object

    def counting(self: PlainFieldsFirst, type_: Any, grouped: Any, source: Any) -> Any:
        result = original(self, type_, grouped, source)
        built.append(type_.name)
        return result

    monkeypatch.setattr(PlainFieldsFirst, "_object", counting)
    return built


async def test_a_request_leaves_no_reference_cycles(client: httpx.AsyncClient) -> None:
    """Everything a request builds is freed by reference counting when it ends: no object
    of the app is left for the cycle collector (app/gc_tuning.py tells why it matters)."""
    company = await make_company()
    for title in ("Lagermedhjælper", "Kok", "Pædagogmedhjælper"):
        await make_opening(company, title=title)
    token = await make_token(PUBLIC_READ)
    query = """{ openings(first: 10) { pageInfo { endCursor } nodes {
        id title company { name municipality { name region { name } } }
        municipality { code region { code } } } } }"""
    await _body(client, token, query, {})  # the first request fills process-wide caches
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what a collection finds, to look at it
    try:
        body = await _body(client, token, query, {})
        gc.collect()
        left = sorted({type(o).__qualname__ for o in gc.garbage if _of_the_app(o)})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(body["data"]["openings"]["nodes"]) == 3
    assert left == []


def _of_the_app(thing: object) -> bool:
    module = type(thing).__module__
    return module.startswith(("app.", "strawberry.", "graphql."))
