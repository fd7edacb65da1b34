"""The rate limit: each token spends points from its own hourly budget in PostgreSQL;
every response to a token reports the budget; a spent budget refuses before execution;
old windows and idempotency keys are purged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.routing import Route

from app.api.errors import ErrorPolicy
from app.api.limits import (
    CachedValidation,
    DepthAndAliasLimits,
    ExecutionTimeout,
    LimitedParser,
    QueryCost,
)
from app.api.view import GraphQLView
from app.jobs import purge_expired
from app.models import ApiToken, IdempotencyKey, RateLimitWindow
from app.services import rate_limits
from app.services.authorization import PUBLIC_READ
from app.services.rate_limits import POINTS_PER_HOUR, Budget
from tests.factories import make_token
from tests.graphql_client import graphql_response

NOW = datetime(2030, 5, 17, 10, 30, tzinfo=UTC)
RESET_AT = "2030-05-17T11:00:00Z"

CALLS: list[str] = []
"""The probe's resolvers that ran."""


@strawberry.type
class Thing:
    name: str


@strawberry.type
class ThingConnection:
    nodes: list[Thing]


@strawberry.type
class Probe:
    @strawberry.field
    def hello(self) -> str:
        CALLS.append("hello")
        return "hello"

    @strawberry.field
    def things(self, first: int | None = None) -> ThingConnection:
        CALLS.append("things")
        return ThingConnection(nodes=[Thing(name="one")])


PROBE = strawberry.Schema(
    query=Probe,
    extensions=[
        LimitedParser,
        DepthAndAliasLimits,
        CachedValidation,
        lambda: QueryCost(clock=lambda: NOW),
        ExecutionTimeout,
        ErrorPolicy,
    ],
)


@pytest.fixture
async def probe() -> AsyncIterator[httpx.AsyncClient]:
    """The probe schema at /graphql, its budget counted at :data:`NOW`."""
    CALLS.clear()
    app = Starlette(routes=[Route("/graphql", GraphQLView(PROBE, production=False))])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    CALLS.clear()


async def token_id(token: str) -> int:
    return (await ApiToken.get(prefix=token.split("_")[1])).id


async def spend(token: int, cost: int, now: datetime) -> Budget:
    """:func:`rate_limits.spend` for a live token."""
    budget = await rate_limits.spend(token, cost, now)
    assert budget is not None
    return budget


def rate_limit(body: dict[str, Any]) -> dict[str, Any]:
    limit: dict[str, Any] = body["extensions"]["rateLimit"]
    return limit


# The budget, in PostgreSQL.


async def test_spending_adds_up_within_the_hour() -> None:
    token = await token_id(await make_token(PUBLIC_READ))
    first = await spend(token, 10, NOW)
    assert first == Budget(cost=10, used=10, reset_at=datetime(2030, 5, 17, 11, tzinfo=UTC))
    assert first.remaining == POINTS_PER_HOUR - 10
    later = await spend(token, 5, NOW + timedelta(minutes=29, seconds=59))
    assert (later.used, later.remaining, later.reset_at) == (15, 4985, first.reset_at)
    assert await RateLimitWindow.filter(token_id=token).count() == 1


async def test_the_budget_is_exceeded_past_its_last_point_and_renewed_the_next_hour() -> None:
    token = await token_id(await make_token(PUBLIC_READ))
    assert not (await spend(token, POINTS_PER_HOUR, NOW)).exceeded
    spent = await spend(token, 1, NOW + timedelta(minutes=29))
    assert spent.exceeded
    assert spent.remaining == 0
    next_hour = await spend(token, 1, NOW + timedelta(minutes=30))
    assert (next_hour.used, next_hour.exceeded) == (1, False)
    assert next_hour.reset_at == datetime(2030, 5, 17, 12, tzinfo=UTC)


async def test_each_token_has_its_own_budget() -> None:
    first = await token_id(await make_token(PUBLIC_READ))
    second = await token_id(await make_token(PUBLIC_READ))
    await spend(first, POINTS_PER_HOUR, NOW)
    assert (await spend(second, 3, NOW)).used == 3


# The budget, as /graphql reports and enforces it.


async def test_every_response_reports_the_budget_as_it_decreases(
    probe: httpx.AsyncClient,
) -> None:
    token = await make_token(PUBLIC_READ)
    first = await graphql_response(probe, "{ hello }", token=token)
    second = await graphql_response(probe, "{ hello }", token=token)
    assert first["data"] == {"hello": "hello"}
    assert rate_limit(first) == {
        "cost": 1,
        "limit": 5000,
        "remaining": 4999,
        "resetAt": RESET_AT,
        "nodeCount": 0,
    }
    assert rate_limit(second)["remaining"] == 4998


async def test_a_query_spends_its_cost(probe: httpx.AsyncClient) -> None:
    token = await make_token(PUBLIC_READ)
    body = await graphql_response(probe, "{ things(first: 250) { nodes { name } } }", token=token)
    assert body["data"]["things"]["nodes"] == [{"name": "one"}]
    assert rate_limit(body) | {"resetAt": None} == {
        "cost": 3,
        "limit": 5000,
        "remaining": 4997,
        "resetAt": None,
        "nodeCount": 250,
    }


async def test_a_spent_budget_refuses_the_query_before_it_executes(
    probe: httpx.AsyncClient,
) -> None:
    token = await make_token(PUBLIC_READ)
    await spend(await token_id(token), POINTS_PER_HOUR, NOW)
    body = await graphql_response(probe, "{ hello }", token=token)
    assert body["data"] is None
    assert body["errors"] == [
        {
            "message": "This token has spent its 5000 points for this hour;"
            f" the budget is renewed at {RESET_AT}.",
            "extensions": {"code": "RATE_LIMITED", "resetAt": RESET_AT},
        }
    ]
    assert CALLS == []
    assert rate_limit(body)["remaining"] == 0


async def test_a_spent_budget_leaves_other_tokens_alone(probe: httpx.AsyncClient) -> None:
    spent, fresh = await make_token(PUBLIC_READ), await make_token(PUBLIC_READ)
    await spend(await token_id(spent), POINTS_PER_HOUR, NOW)
    refused = await graphql_response(probe, "{ hello }", token=spent)
    answered = await graphql_response(probe, "{ hello }", token=fresh)
    assert refused["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert answered["data"] == {"hello": "hello"}
    assert rate_limit(answered)["remaining"] == 4999


async def test_a_query_refused_before_it_was_costed_costs_one_point(
    probe: httpx.AsyncClient,
) -> None:
    token = await make_token(PUBLIC_READ)
    syntax = await graphql_response(probe, "{ hello", token=token)
    unknown = await graphql_response(probe, "{ goodbye }", token=token)
    too_costly = await graphql_response(
        probe, "{ things(first: 50001) { nodes { name } } }", token=token
    )
    codes = [body["errors"][0]["extensions"]["code"] for body in (syntax, unknown, too_costly)]
    assert codes == ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_COMPLEX"]
    assert [rate_limit(body)["remaining"] for body in (syntax, unknown, too_costly)] == [
        4999,
        4998,
        4997,
    ]
    assert CALLS == []


async def test_anonymous_requests_spend_no_budget(probe: httpx.AsyncClient) -> None:
    windows = await RateLimitWindow.all().count()
    body = await graphql_response(probe, "{ hello }", token=None)
    assert body["data"] == {"hello": "hello"}  # the probe has no field permissions
    assert "extensions" not in body
    assert await RateLimitWindow.all().count() == windows


async def test_the_api_reports_the_budget(client: httpx.AsyncClient, public_token: str) -> None:
    body = await graphql_response(client, "{ __typename }", token=public_token)
    assert body["data"] == {"__typename": "Query"}
    assert rate_limit(body)["cost"] == 1
    assert rate_limit(body)["remaining"] == 4999


# Purging.


async def test_the_hourly_purge_drops_old_windows_and_idempotency_keys() -> None:
    token = await token_id(await make_token(PUBLIC_READ))
    now = datetime.now(UTC)
    for hours in (3, 1):
        await RateLimitWindow.create(
            token_id=token, window_start=now - timedelta(hours=hours), points=1
        )
        key = await IdempotencyKey.create(
            token_id=token, key=f"k{hours}", operation="createJobOpening", input_hash="h"
        )
        await IdempotencyKey.filter(id=key.id).update(created_at=now - timedelta(hours=hours * 9))

    await purge_expired({})

    windows = await RateLimitWindow.filter(token_id=token).values_list("points", "window_start")
    assert [start for _, start in windows] == [now - timedelta(hours=1)]
    assert await IdempotencyKey.filter(token_id=token).values_list("key", flat=True) == ["k1"]
