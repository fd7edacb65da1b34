"""Searching openings: filters, orderings, Relay paging, and bad arguments."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from app.api.relay import to_global_id
from app.models import Company, JobOpening, OpeningStatus
from app.services.pagination import Query
from tests.factories import make_company, make_opening
from tests.graphql_client import graphql, graphql_response

SEARCH = """
query ($filter: OpeningFilter, $order: OpeningOrder, $first: Int, $after: String,
       $last: Int, $before: String) {
  openings(filter: $filter, orderBy: $order, first: $first, after: $after, last: $last,
           before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title distanceKm } }
    nodes { title status company { name } municipality { code region { code } } }
  }
}
"""


@pytest.fixture
async def market() -> dict[str, Company]:
    """Two verified companies in Aarhus and Copenhagen, a pending one, and their openings."""
    today = date.today()
    aarhus = await make_company(postcode=8000)
    copenhagen = await make_company(postcode=2100)
    pending = await make_company(postcode=8000, verified=False)
    await make_opening(aarhus, title="A kok", occupation="51", kind="ordinary", hours=(20, 37),
                       posted_on=today - timedelta(days=3), supports=("mentor",))  # fmt: skip
    await make_opening(aarhus, title="B lager", postcode=8200, occupation="93", kind="flex_job",
                       hours=(5, 10), posted_on=today - timedelta(days=1))  # fmt: skip
    await make_opening(aarhus, title="C kladde", status=OpeningStatus.DRAFT)
    await make_opening(aarhus, title="D besat", status=OpeningStatus.FILLED)
    await make_opening(copenhagen, title="E pedel", postcode=2100, occupation="91",
                       hours=(10, 20), posted_on=today - timedelta(days=2),
                       supports=("mentor", "flexible_hours"))  # fmt: skip
    await make_opening(pending, title="F skjult")
    return {"aarhus": aarhus, "copenhagen": copenhagen, "pending": pending}


async def _search(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = (await graphql(client, SEARCH, variables, token=token))["openings"]
    return found


async def _errors(client: httpx.AsyncClient, token: str, **variables: Any) -> list[dict[str, Any]]:
    body = await graphql_response(client, SEARCH, variables, token=token)
    assert body["data"] is None
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def _titles(found: dict[str, Any]) -> list[str]:
    return [node["title"] for node in found["nodes"]]


async def test_open_openings_of_verified_companies_newest_first(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    found = await _search(client, public_token)
    assert _titles(found) == ["B lager", "E pedel", "A kok"]
    assert found["totalCount"] == 3
    assert found["nodes"][0]["company"]["name"] == market["aarhus"].name
    assert found["nodes"][1]["municipality"] == {"code": 101, "region": {"code": 1084}}


@pytest.mark.parametrize(
    ("filter_", "titles"),
    [
        ({"municipality": 101}, ["E pedel"]),
        ({"region": 1082}, ["B lager", "A kok"]),
        ({"kinds": ["flex_job"]}, ["B lager"]),
        ({"occupationGroup": "9"}, ["B lager", "E pedel"]),
        ({"occupationGroup": "51"}, ["A kok"]),
        ({"supports": ["mentor"]}, ["E pedel", "A kok"]),
        ({"supports": ["mentor", "flexible_hours"]}, ["E pedel"]),
        ({"hours": {"min": 25}}, ["A kok"]),
        ({"hours": {"max": 8}}, ["B lager"]),
        ({"status": ["FILLED"]}, ["D besat"]),
        ({"status": ["OPEN", "FILLED"]}, ["D besat", "B lager", "E pedel", "A kok"]),
        ({"postedSince": (date.today() - timedelta(days=2)).isoformat()}, ["B lager", "E pedel"]),
        ({"near": {"postcode": 8000, "km": 15}}, ["B lager", "A kok"]),
    ],
)
async def test_filters(
    client: httpx.AsyncClient,
    public_token: str,
    market: dict[str, Company],
    filter_: dict[str, Any],
    titles: list[str],
) -> None:
    assert _titles(await _search(client, public_token, filter=filter_)) == titles


async def test_orderings(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    assert _titles(await _search(client, public_token, order="OLDEST")) == [
        "A kok",
        "E pedel",
        "B lager",
    ]
    assert _titles(await _search(client, public_token, order="TITLE")) == [
        "A kok",
        "B lager",
        "E pedel",
    ]
    nearest = await _search(
        client, public_token, order="NEAREST", filter={"near": {"postcode": 8200, "km": 300}}
    )
    assert _titles(nearest) == ["B lager", "A kok", "E pedel"]
    distances = [edge["node"]["distanceKm"] for edge in nearest["edges"]]
    assert distances == sorted(distances)
    assert 140 < distances[2] < 170  # Aarhus N to Copenhagen Ø, as the crow flies


async def test_paging_forwards_and_backwards(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    first = await _search(client, public_token, order="TITLE", first=2)
    assert _titles(first) == ["A kok", "B lager"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    second = await _search(
        client, public_token, order="TITLE", first=2, after=first["pageInfo"]["endCursor"]
    )
    assert _titles(second) == ["E pedel"]
    assert second["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True
    back = await _search(
        client, public_token, order="TITLE", last=2, before=second["pageInfo"]["startCursor"]
    )
    assert _titles(back) == ["A kok", "B lager"]
    last = await _search(client, public_token, order="TITLE", last=1)
    assert _titles(last) == ["E pedel"]
    assert last["pageInfo"]["hasPreviousPage"] is True


async def test_bad_paging_arguments_are_named(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"first": 101}, "first"),
        ({"first": -1}, "first"),
        ({"first": 1, "last": 1}, "last"),
        ({"after": "not a cursor"}, "after"),
        ({"before": "W10"}, "before"),  # base64 of "[]"
    ]
    for variables, argument in cases:
        [error] = await _errors(client, public_token, **variables)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", variables
        assert error["extensions"]["argument"] == argument, variables
    title_cursor = (await _search(client, public_token, order="TITLE", first=1))["pageInfo"]
    [error] = await _errors(client, public_token, order="NEWEST", after=title_cursor["endCursor"])
    assert "another ordering" in error["message"]


async def test_bad_filters_name_every_field(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    [error] = await _errors(
        client,
        public_token,
        order="NEAREST",
        filter={
            "municipality": 999,
            "region": 1,
            "kinds": ["nope"],
            "occupationGroup": "77",
            "hours": {"min": 30, "max": 40},
            "status": ["DRAFT"],
        },
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert set(error["extensions"]["fields"]) == {
        "municipality",
        "region",
        "kinds",
        "occupationGroup",
        "hours.max",
        "status",
        "orderBy",
    }
    [error] = await _errors(client, public_token, filter={"near": {"postcode": 1234, "km": 0}})
    assert set(error["extensions"]["fields"]) == {"near.postcode", "near.km"}


async def test_an_unknown_enum_value_is_a_validation_error(
    client: httpx.AsyncClient, public_token: str
) -> None:
    body = await graphql_response(client, SEARCH, {"order": "CHEAPEST"}, token=public_token)
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "CHEAPEST" in body["errors"][0]["message"]


async def test_node_and_nodes_by_global_id(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    found = await _search(client, public_token, order="TITLE", first=1)
    opening_id = found["edges"][0]["node"]["id"]
    query = """
    query ($id: ID!, $ids: [ID!]!) {
      node(id: $id) { id ... on JobOpening { title company { id name } } }
      nodes(ids: $ids) { id __typename }
    }
    """
    data = await graphql(client, query, {"id": opening_id, "ids": [opening_id]}, token=public_token)
    assert data["node"]["title"] == "A kok"
    company_id = data["node"]["company"]["id"]
    data = await graphql(
        client, query, {"id": company_id, "ids": [company_id, opening_id]}, token=public_token
    )
    assert data["node"]["id"] == company_id
    assert [n["__typename"] for n in data["nodes"]] == ["Company", "JobOpening"]


async def test_drafts_and_pending_companies_are_not_nodes(
    client: httpx.AsyncClient, public_token: str, market: dict[str, Company]
) -> None:
    draft = await JobOpening.get(title="C kladde")
    hidden = await JobOpening.get(title="F skjult")
    ids = [
        to_global_id("JobOpening", draft.id),
        to_global_id("JobOpening", hidden.id),
        to_global_id("Company", market["pending"].id),
    ]
    data = await graphql(client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids},
                         token=public_token)  # fmt: skip
    assert data["nodes"] == [None, None, None]


@pytest.mark.parametrize(
    "bad_id",
    [
        "",
        "!!!",
        "Sm9iT3BlbmluZw",
        "Tm9wZTox",
        "Sm9iT3BlbmluZzotMQ",
        "Sm9iT3BlbmluZzowMQ",
        "x" * 200,
    ],
)
async def test_invalid_ids_are_bad_input(
    client: httpx.AsyncClient, public_token: str, bad_id: str
) -> None:
    body = await graphql_response(
        client, "query ($id: ID!) { node(id: $id) { id } }", {"id": bad_id}, token=public_token
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_too_many_ids(client: httpx.AsyncClient, public_token: str) -> None:
    body = await graphql_response(
        client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["x"] * 101},
        token=public_token,
    )  # fmt: skip
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "ids"}


def test_one_status_filters_with_equality_so_the_index_gives_the_order() -> None:
    query = Query("o.id", "job_opening o", [], [])
    assert query.one_of("o.status", ["open"], "::text[]") == "o.status = $1"
    assert query.one_of("o.status", ["open", "filled"], "::text[]") == (
        "o.status = ANY($2::text[])"
    )
    assert query.params == ["open", ["open", "filled"]]
