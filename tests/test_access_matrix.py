"""The authorization matrix, run cell by cell through the HTML routes, and a generated
cross-tenant test that tries tenant B's ids as every role of tenant A.

Each request runs in a savepoint that is rolled back, so one cell cannot change another.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from tortoise.transactions import in_transaction

from app.models import AuditEvent, Role
from app.services.authorization import ANONYMOUS, MATRIX, TOKEN
from directory.access import PUBLIC, RULES
from tests.factories import csrf_token_in, log_in
from tests.test_young_people import VALID
from tests.world import Tenant, build_tenant

ACTORS = (ANONYMOUS, "admin", "consultant", "company", "organisation")


class _Rollback(Exception):
    pass


@dataclass
class Caller:
    client: httpx.AsyncClient
    token: str


def protected_routes(app: Starlette) -> list[Route]:
    return [r for r in app.routes if isinstance(r, Route) and r.name in RULES]


def params_for(route: Route, tenant: Tenant, actor: str, index: int = 0) -> dict[str, int]:
    """The path parameters of ``route`` pointing at ``tenant``'s records (a colleague of
    the actor's own role for user ids)."""
    values = {
        "person_id": tenant.people[index].id,
        "consent_id": tenant.consents[index].id,
        "match_id": tenant.matches[index].id,
        "referral_id": tenant.referrals[index].id,
        "company_id": tenant.company.id,
        "organisation_id": tenant.organisation.id,
        "user_id": tenant.colleagues.get(actor, tenant.colleagues["admin"]).id,
        "token_id": tenant.tokens[index].id,
    }
    return {name: values[name] for name in route.param_convertors if name in values}


def form_for(route_name: str, tenant: Tenant) -> dict[str, Any]:
    """A valid form for each state-changing route, so that the call gets through."""
    return {
        "young_person_create": VALID,
        "young_person_update": {**VALID, "version": "1"},
        "consent_give": {"recipient": f"company:{tenant.company.id}"},
        "contact_add": {"contact_with": "young_person", "kind": "phone", "note": "Ringede"},
        "young_person_erase": {"confirm": "SLET"},
        "company_match_answer": {"answer": "interested"},
        "organisation_referral_answer": {"answer": "accepted"},
    }.get(route_name, {})


def expected_roles(route: Route) -> set[str]:
    rule = RULES[route.name]
    return set(MATRIX.get((rule.resource, rule.action), frozenset()))


async def call(caller: Caller, route: Route, path: str, form: dict[str, Any]) -> httpx.Response:
    try:
        async with in_transaction():
            if "POST" in (route.methods or set()):
                response = await caller.client.post(path, data={**form, "csrf_token": caller.token})
            else:
                response = await caller.client.get(path)
            raise _Rollback(response)
    except _Rollback as rolled_back:
        result: httpx.Response = rolled_back.args[0]
        return result


@pytest.fixture
async def world() -> tuple[Tenant, Tenant]:
    return await build_tenant("A"), await build_tenant("B")


@pytest.fixture
async def callers(app: Starlette, world: tuple[Tenant, Tenant]) -> AsyncIterator[dict[str, Caller]]:
    """A logged-in client for every role of tenant A, and an anonymous one."""
    tenant_a, _ = world
    transport = httpx.ASGITransport(app=app)
    clients: dict[str, Caller] = {}
    for actor in ACTORS:
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        if actor != ANONYMOUS:
            await log_in(client, tenant_a.users[actor])
            page = await client.get("/account")
        else:
            page = await client.get("/login")
        clients[actor] = Caller(client, csrf_token_in(page.text))
    yield clients
    for caller in clients.values():
        await caller.client.aclose()


def test_every_route_is_declared_public_or_protected(app: Starlette) -> None:
    names = [r.name for r in app.routes if isinstance(r, Route)]
    undeclared = [
        name
        for name in names
        if name not in RULES and name not in PUBLIC | {"healthz", "readyz", "graphql"}
    ]
    assert undeclared == []
    for route in protected_routes(app):
        rule = RULES[route.name]
        assert (rule.resource, rule.action) in MATRIX, f"{route.name} has no matrix cell"


async def test_matrix_cell_by_cell(
    app: Starlette, world: tuple[Tenant, Tenant], callers: dict[str, Caller]
) -> None:
    tenant_a, tenant_b = world
    checked = 0
    for route in protected_routes(app):
        allowed = expected_roles(route)
        for actor in ACTORS:
            own_path = route.path_format.format(**params_for(route, tenant_a, actor))
            response = await call(callers[actor], route, own_path, form_for(route.name, tenant_a))
            checked += 1
            where = f"{actor} {route.name} {own_path}"
            if actor in allowed:
                assert response.status_code < 500, where
                assert response.status_code not in (401, 403, 404), (
                    f"{where}: {response.status_code}"
                )
            elif actor == ANONYMOUS:
                assert response.status_code == 303, where
                assert response.headers["location"].startswith("/login"), where
            else:
                assert response.status_code == 403, f"{where}: {response.status_code}"
            # Administrators belong to no tenant: what their role may do, it may do anywhere.
            if actor in allowed and actor != "admin" and route.param_convertors:
                other_path = route.path_format.format(**params_for(route, tenant_b, actor))
                other = await call(
                    callers[actor], route, other_path, form_for(route.name, tenant_b)
                )
                checked += 1
                assert other.status_code == 404, (
                    f"{actor} reached {route.name} of tenant B: {other.status_code}"
                )
    assert checked > 50


async def test_generated_cross_tenant_requests_leak_nothing(
    app: Starlette, callers: dict[str, Caller]
) -> None:
    """Every role of tenant A tries every id-bearing route with 100 of tenant B's records:
    every answer is 403 or 404, and no page ever shows B's young people."""
    tenant_a = await build_tenant("A")
    tenant_b = await build_tenant("B", records=100)
    for actor in ACTORS:
        if actor != ANONYMOUS:
            callers[actor].client.cookies.clear()
            await log_in(callers[actor].client, tenant_a.users[actor])
            callers[actor].token = csrf_token_in((await callers[actor].client.get("/account")).text)
    secret = re.compile(r"UngB\d+|HemmeligB|ungb\d+@")
    requests = 0
    leaks: list[str] = []
    id_routes = [r for r in protected_routes(app) if r.param_convertors]
    for route in id_routes:
        for actor in ACTORS:
            if actor == ANONYMOUS or (actor == "admin" and actor in expected_roles(route)):
                continue  # administrators belong to no tenant
            for index in range(100):
                path = route.path_format.format(**params_for(route, tenant_b, actor, index))
                response = await call(callers[actor], route, path, form_for(route.name, tenant_b))
                requests += 1
                if response.status_code not in (403, 404) or secret.search(response.text):
                    leaks.append(f"{actor} {route.name} {path}: {response.status_code}")
    for route in (
        r for r in protected_routes(app) if not r.param_convertors and "GET" in (r.methods or set())
    ):
        for actor in ACTORS:
            response = await call(callers[actor], route, route.path, {})
            requests += 1
            if secret.search(response.text):
                leaks.append(f"{actor} {route.name}: shows tenant B's young people")
    print(f"cross-tenant requests: {requests}, leaks: {len(leaks)}")
    assert requests >= 1000
    assert leaks == []


async def test_every_personal_route_writes_an_audit_row(
    app: Starlette, world: tuple[Tenant, Tenant], callers: dict[str, Caller]
) -> None:
    tenant_a, _ = world
    personal = [r for r in protected_routes(app) if RULES[r.name].personal]
    assert personal
    for route in personal:
        actor = next(
            a
            for a in ("consultant", "company", "organisation", "admin")
            if a in expected_roles(route)
        )
        path = route.path_format.format(**params_for(route, tenant_a, actor))
        try:
            async with in_transaction():
                before = await AuditEvent.all().count()
                caller = callers[actor]
                if "POST" in (route.methods or set()):
                    response = await caller.client.post(
                        path, data={**form_for(route.name, tenant_a), "csrf_token": caller.token}
                    )
                else:
                    response = await caller.client.get(path)
                after = await AuditEvent.all().count()
                raise _Rollback(response.status_code, before, after)
        except _Rollback as result:
            status, before, after = result.args
        assert status < 400, f"{route.name}: {status}"
        assert after > before, f"{route.name} wrote no audit row"


def test_roles_in_the_matrix_exist() -> None:
    known = {ANONYMOUS, TOKEN, *(role.value for role in Role)}
    for roles in MATRIX.values():
        assert set(roles) <= known
