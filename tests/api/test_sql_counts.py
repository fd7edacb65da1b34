"""No N+1: a page costs the same number of SQL statements whatever its size and nesting."""

from __future__ import annotations

import httpx
import pytest

from app.demo import seed_demo
from tests.graphql_client import graphql
from tests.sql_counter import recording_sql

FLAT = "query ($n: Int!) { openings(first: $n) { nodes { id title hoursMin status } } }"
NESTED = """
query ($n: Int!) {
  openings(first: $n) {
    nodes { id title company { name cvr municipality { name code region { name } } } }
  }
}
"""
WIDE = """
query ($n: Int!) {
  openings(first: $n) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id title supports { key labelDa } kind { key }
      company { name cvr pledge { openingsPromised } municipality { name region { name } } }
      municipality { name code region { name code } }
      occupation { code titleDa parent { code } }
      postcode { code name }
    } }
  }
}
"""
WIDE_MOST = 13  # one per relation selected, plus the page and the count
NESTED_CONNECTIONS = """
query ($n: Int!) {
  municipalities {
    region { name }
    companies(first: $n) { totalCount nodes { name openings(first: $n) { nodes { title company { name } } } } }
    openOpenings(first: $n) { totalCount nodes { title municipality { region { name } } } }
    organisations(first: $n) { nodes { name offers(first: $n) { nodes { title kind { key } } } } }
  }
}
"""
NESTED_CONNECTIONS_MOST = 14  # municipalities, each connection and count, relations

# Statements outside the query itself: the rate-limit upsert, which checks that the token
# is live (the token itself is read once a minute, and its "last used" time written at
# most once a minute: the warm-up request does both).
REQUEST_OVERHEAD = 1


async def _statements(client: httpx.AsyncClient, token: str, query: str, n: int) -> int:
    """The statements of ``query`` once warm: the token's last use is recorded, and the
    process holds the reference rows (regions, municipalities, codes: see
    app/services/rows.py)."""
    await graphql(client, query, {"n": n}, token=token)
    with recording_sql() as statements:
        data = await graphql(client, query, {"n": n}, token=token)
    assert data
    return len(statements)


async def test_a_page_costs_the_same_statements_at_10_and_100_nodes(
    client: httpx.AsyncClient, public_token: str
) -> None:
    await seed_demo()
    flat = {n: await _statements(client, public_token, FLAT, n) for n in (10, 100)}
    nested = {n: await _statements(client, public_token, NESTED, n) for n in (10, 100)}
    assert flat == {10: REQUEST_OVERHEAD + 1, 100: REQUEST_OVERHEAD + 1}
    # One statement: the companies are joined into the page (app/api/loaders.py JOINS),
    # and municipalities and regions are reference rows the process holds.
    assert nested == {10: REQUEST_OVERHEAD + 1, 100: REQUEST_OVERHEAD + 1}


@pytest.mark.parametrize(
    ("query", "most", "sizes"),
    [
        (WIDE, WIDE_MOST, (1, 10, 100)),
        # Larger sizes of this one are refused by the cost limit.
        (NESTED_CONNECTIONS, NESTED_CONNECTIONS_MOST, (1, 2, 5)),
    ],
)
async def test_wide_and_nested_pages_stay_under_a_stated_bound(
    client: httpx.AsyncClient, public_token: str, query: str, most: int, sizes: tuple[int, ...]
) -> None:
    """At most one statement per relation and connection selected, at any size. (Fewer
    when a loader already holds every row a level needs, which depends on the data.)"""
    await seed_demo()
    for n in sizes:
        assert await _statements(client, public_token, query, n) <= REQUEST_OVERHEAD + most
