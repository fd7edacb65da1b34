"""/graphql authenticates with API tokens only: a bad token is refused with 401."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from app.api.schema import build_schema
from app.api.view import GraphQLView
from app.models import ApiToken, Role
from app.services.principal import Principal
from app.services.tokens import authenticate_bearer, create_token, forget_token_rows
from tests.factories import log_in, make_user

QUERY = {"query": "{ regions { code } }"}
UNAUTHENTICATED = {
    "errors": [{"message": "invalid or expired token", "extensions": {"code": "UNAUTHENTICATED"}}]
}


async def national_token(
    scopes: tuple[str, ...] = ("public:read", "stats:read"),
) -> tuple[ApiToken, str]:
    admin = Principal.for_user(await make_user(Role.ADMIN))
    form = {"name": "Danmarks Statistik", "scopes": list(scopes), "expires_in_days": "30"}
    return await create_token(admin, form)


async def test_a_valid_token_gives_its_principal() -> None:
    token, full = await national_token()
    principal = await authenticate_bearer(f"Bearer {full}", ip="10.0.0.1", request_id="r1")
    assert principal is not None
    assert principal.token_id == token.id
    assert principal.user_id is None
    assert principal.role is None
    assert principal.scopes == frozenset({"public:read", "stats:read"})
    assert (principal.ip, principal.request_id) == ("10.0.0.1", "r1")
    assert await authenticate_bearer(f"bearer   {full} ", ip="", request_id="") is not None


async def test_a_company_token_carries_its_company() -> None:
    manager = await make_user(Role.COMPANY, is_manager=True)
    form = {"name": "HR", "scopes": ["openings:write"], "expires_in_days": "1"}
    _, full = await create_token(Principal.for_user(manager), form)
    principal = await authenticate_bearer(f"Bearer {full}", ip="", request_id="")
    assert principal is not None
    assert principal.company_id == manager.company_id
    assert principal.scopes == frozenset({"openings:write"})


async def test_wrong_unknown_and_malformed_tokens_are_refused() -> None:
    token, full = await national_token()
    wrong_secret = f"ulf_{token.prefix}_{'x' * 43}"
    unknown_prefix = "ulf_ZZZZZZZZ_" + full.split("_", 2)[2]
    for header in (
        f"Bearer {wrong_secret}",
        f"Bearer {unknown_prefix}",
        f"Basic {full}",
        full,
        "Bearer ",
        "Bearer ulf_short_secret",
        f"Bearer xyz_{token.prefix}_secret",
        f"Bearer {full}{'x' * 300}",
    ):
        assert await authenticate_bearer(header, ip="", request_id="") is None, header


async def test_expired_and_revoked_tokens_are_refused() -> None:
    expired, expired_full = await national_token()
    await ApiToken.filter(id=expired.id).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    revoked, revoked_full = await national_token()
    await ApiToken.filter(id=revoked.id).update(revoked_at=datetime.now(UTC))
    for full in (expired_full, revoked_full):
        assert await authenticate_bearer(f"Bearer {full}", ip="", request_id="") is None


async def test_last_use_is_recorded_at_most_once_a_minute() -> None:
    token, full = await national_token()
    assert token.last_used_at is None
    await authenticate_bearer(f"Bearer {full}", ip="", request_id="")
    await token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    await authenticate_bearer(f"Bearer {full}", ip="", request_id="")
    await token.refresh_from_db()
    assert token.last_used_at == first
    earlier = datetime.now(UTC) - timedelta(minutes=2)
    await ApiToken.filter(id=token.id).update(last_used_at=earlier)
    forget_token_rows()  # as a minute later, when the process reads the token again
    await authenticate_bearer(f"Bearer {full}", ip="", request_id="")
    await token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_at > earlier


async def test_graphql_with_a_valid_token_answers_and_records_the_use(
    client: httpx.AsyncClient,
) -> None:
    token, full = await national_token()
    response = await client.post(
        "/graphql", json=QUERY, headers={"Authorization": f"Bearer {full}"}
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["regions"]) == 5
    await token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("problem", ["revoked", "expired", "garbage"])
async def test_graphql_refuses_a_bad_token_with_401(
    client: httpx.AsyncClient, problem: str
) -> None:
    token, full = await national_token()
    if problem == "revoked":
        await ApiToken.filter(id=token.id).update(revoked_at=datetime.now(UTC))
    elif problem == "expired":
        await ApiToken.filter(id=token.id).update(expires_at=datetime.now(UTC) - timedelta(days=1))
    else:
        full = "not-a-token"
    response = await client.post(
        "/graphql", json=QUERY, headers={"Authorization": f"Bearer {full}"}
    )
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert response.headers["www-authenticate"].startswith("Bearer")
    await token.refresh_from_db()
    assert token.last_used_at is None


@pytest.mark.parametrize("problem", ["revoked", "expired"])
async def test_a_token_the_process_remembers_is_refused_once_revoked_or_expired(
    client: httpx.AsyncClient, problem: str
) -> None:
    token, full = await national_token()
    headers = {"Authorization": f"Bearer {full}"}
    assert (await client.post("/graphql", json=QUERY, headers=headers)).status_code == 200
    # Another process revokes it (or it expires): this one still remembers the token.
    if problem == "revoked":
        await ApiToken.filter(id=token.id).update(revoked_at=datetime.now(UTC))
    else:
        await ApiToken.filter(id=token.id).update(expires_at=datetime.now(UTC))
    for query in (QUERY, {"query": "{ regions { code"}):  # executed, and refused at parsing
        response = await client.post("/graphql", json=query, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        body = response.json()
        assert body.get("data") is None
        assert "extensions" not in body
    executed = (await client.post("/graphql", json=QUERY, headers=headers)).json()
    assert executed["errors"] == UNAUTHENTICATED["errors"]


async def test_graphql_without_a_token_is_refused_with_a_code(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=QUERY)
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Bearer" in body["errors"][0]["message"]


async def test_the_session_cookie_does_not_authenticate_graphql(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    user = await make_user(Role.ADMIN)
    await log_in(client, user)
    cookie = client.cookies.get("session")
    assert cookie
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "headers": [(b"cookie", f"session={cookie}".encode())],
        "client": ("10.0.0.7", 1234),
        "state": {"request_id": "abc"},
        "app": app,
    }
    view = GraphQLView(build_schema(), production=False)
    context = await view.get_context(Request(scope), Response())
    assert context.principal == Principal.anonymous("10.0.0.7", "abc")
    assert not context.principal.is_authenticated
    with_cookie = await client.post("/graphql", json=QUERY)
    assert with_cookie.status_code == 200
