"""Token scopes through GraphQL: every root field declares its scope, every field is tried
with every scope, no personal type is reachable from the partner scopes, tenants stay
apart, and every personal read is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from app.api.permissions import RequiresScopeDirective
from app.api.personal import Personal
from app.api.relay import to_global_id
from app.api.schema import build_schema
from app.models import AuditEvent, CodeList, CodeValue, Municipality, OpeningStatus, Pathway
from app.services.authorization import (
    MUNICIPALITY_READ,
    OPENINGS_WRITE,
    PUBLIC_READ,
    SCOPES,
    STATS_READ,
    has_scope,
)
from app.services.principal import Principal
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
)
from tests.factories import make_company, make_opening, make_token
from tests.graphql_client import graphql, graphql_response
from tests.world import Tenant, build_tenant

BACKREF = "strawberry-definition"
OPENING_INPUT = (
    '{title: "Kok", occupation: "51", kind: "ordinary", hoursMin: 10, hoursMax: 20, postcode: 8000}'
)

# One request per root field, the smallest that runs it.
SAMPLES: dict[str, str] = {
    "node": 'query { node(id: "UmVnaW9uOjE") { id } }',
    "nodes": 'query { nodes(ids: ["UmVnaW9uOjE"]) { id } }',
    "openings": "query { openings(first: 1) { totalCount } }",
    "companies": "query { companies(first: 1) { totalCount } }",
    "company": 'query { company(cvr: "12345678") { name } }',
    "organisations": "query { organisations(first: 1) { totalCount } }",
    "initiatives": "query { initiatives(first: 1) { totalCount } }",
    "regions": "query { regions { code } }",
    "region": "query { region(code: 1081) { code } }",
    "municipalities": "query { municipalities { code } }",
    "municipality": "query { municipality(code: 101) { code } }",
    "occupations": "query { occupations { code } }",
    "industries": "query { industries { code } }",
    "codes": "query { codes(list: SUPPORT) { key } }",
    "pathways": "query { pathways(first: 1) { totalCount } }",
    "statistics": "query { statistics(measure: NEW_PATHWAYS) { __typename } }",
    "statisticMeasures": "query { statisticMeasures { measure } }",
    "createJobOpening": (
        f'mutation {{ createJobOpening(idempotencyKey: "k", input: {OPENING_INPUT}) '
        "{ __typename } }"
    ),
    "updateJobOpening": (
        f'mutation {{ updateJobOpening(id: "Sm9iT3BlbmluZzox", version: 1, input: {OPENING_INPUT}) '
        "{ __typename } }"
    ),
    "publishJobOpening": 'mutation { publishJobOpening(id: "Sm9iT3BlbmluZzox") { __typename } }',
    "closeJobOpening": 'mutation { closeJobOpening(id: "Sm9iT3BlbmluZzox") { __typename } }',
}


def _graphql_schema() -> GraphQLSchema:
    return build_schema()._schema


def _roots(schema: GraphQLSchema) -> dict[str, GraphQLField]:
    fields: dict[str, GraphQLField] = {}
    for root in (schema.query_type, schema.mutation_type):
        assert root is not None
        fields.update(root.fields)
    return fields


def _scope_of(field: GraphQLField) -> str:
    directives = field.extensions[BACKREF].directives
    scopes = [d.scope for d in directives if isinstance(d, RequiresScopeDirective)]
    assert len(scopes) == 1, directives
    return scopes[0]


def _named(type_: Any) -> GraphQLNamedType:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    named: GraphQLNamedType = type_
    return named


def _reachable(schema: GraphQLSchema, fields: list[GraphQLField]) -> set[str]:
    """Every type name reachable from ``fields``, through fields, interfaces' possible
    types and union members."""
    seen: set[str] = set()
    stack = [_named(field.type) for field in fields]
    while stack:
        type_ = stack.pop()
        if type_.name in seen:
            continue
        seen.add(type_.name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            stack.extend(_named(field.type) for field in type_.fields.values())
        if isinstance(type_, GraphQLInterfaceType):
            stack.extend(schema.get_implementations(type_).objects)
        if isinstance(type_, GraphQLUnionType):
            stack.extend(type_.types)
    return seen


def _personal_types(schema: GraphQLSchema) -> set[str]:
    personal = set()
    for name, type_ in schema.type_map.items():
        definition = (type_.extensions or {}).get(BACKREF)
        if any(isinstance(d, Personal) for d in getattr(definition, "directives", None) or ()):
            personal.add(name)
    return personal


def _fields_for(schema: GraphQLSchema, scope: str) -> list[GraphQLField]:
    principal = Principal(token_id=1, scopes=frozenset({scope}))
    return [f for f in _roots(schema).values() if has_scope(principal, _scope_of(f))]


def test_every_root_field_declares_one_scope_and_has_a_sample() -> None:
    roots = _roots(_graphql_schema())
    assert {_scope_of(field) for field in roots.values()} <= set(SCOPES)
    assert set(SAMPLES) == set(roots), "add a sample request for the new root field"


@pytest.mark.parametrize("scope", [PUBLIC_READ, STATS_READ, OPENINGS_WRITE])
def test_no_personal_type_is_reachable_from_partner_and_company_scopes(scope: str) -> None:
    schema = _graphql_schema()
    personal = _personal_types(schema)
    assert {"YoungPerson", "Pathway"} <= personal
    assert _reachable(schema, _fields_for(schema, scope)) & personal == set()


def test_the_walk_does_find_personal_types_where_they_are() -> None:
    schema = _graphql_schema()
    reachable = _reachable(schema, _fields_for(schema, MUNICIPALITY_READ))
    assert {"YoungPerson", "Pathway"} <= reachable


@pytest.mark.parametrize("field", sorted(SAMPLES))
async def test_each_root_field_with_each_scope(client: httpx.AsyncClient, field: str) -> None:
    """Allowed exactly when the token holds the field's scope: FORBIDDEN otherwise, and
    UNAUTHENTICATED without a token."""
    municipality = await Municipality.get(code=101)
    company = await make_company()
    required = _scope_of(_roots(_graphql_schema())[field])
    for scope in SCOPES:
        token = await make_token(
            scope,
            municipality_id=municipality.id if scope == MUNICIPALITY_READ else None,
            company_id=company.id if scope == OPENINGS_WRITE else None,
        )
        body = await graphql_response(client, SAMPLES[field], token=token)
        allowed = has_scope(Principal(token_id=1, scopes=frozenset({scope})), required)
        codes = [e["extensions"]["code"] for e in body.get("errors", [])]
        if allowed:
            assert not {"FORBIDDEN", "UNAUTHENTICATED"} & set(codes), (scope, body)
        else:
            assert codes == ["FORBIDDEN"], (scope, body)
    body = await graphql_response(client, SAMPLES[field], token=None)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


@pytest.fixture
async def two_municipalities() -> tuple[Tenant, Tenant]:
    """Two municipalities with three young people each, each on a pathway."""
    tenants = await build_tenant("A", records=3), await build_tenant("B", records=3)
    status = await CodeValue.get(list=CodeList.PATHWAY_STATUS, key="neet")
    for tenant in tenants:
        for person in tenant.people:
            await Pathway.create(young_person=person, started_on=date.today(), status=status)
    return tenants


PATHWAYS = "query { pathways(first: 100) { totalCount nodes { id youngPerson { id lastName } } } }"


async def test_a_municipality_token_reads_its_own_pathways_only_and_each_read_is_audited(
    client: httpx.AsyncClient, two_municipalities: tuple[Tenant, Tenant]
) -> None:
    tenant_a, tenant_b = two_municipalities
    token = await make_token(MUNICIPALITY_READ, municipality_id=tenant_a.people[0].municipality_id)
    before = await AuditEvent.all().count()
    data = (await graphql(client, PATHWAYS, token=token))["pathways"]
    people_a = {to_global_id("YoungPerson", p.id) for p in tenant_a.people}
    people_b = {to_global_id("YoungPerson", p.id) for p in tenant_b.people}
    seen = {node["youngPerson"]["id"] for node in data["nodes"]}
    assert seen == people_a
    assert not seen & people_b
    events = await AuditEvent.filter(id__gt=0).order_by("-id").limit(len(data["nodes"]))
    assert await AuditEvent.all().count() == before + len(data["nodes"])
    assert {e.young_person_id for e in events} == {p.id for p in tenant_a.people}
    assert all(e.actor_token_id is not None and e.action == "read" for e in events)


async def test_personal_ids_are_not_nodes(
    client: httpx.AsyncClient, two_municipalities: tuple[Tenant, Tenant], public_token: str
) -> None:
    person = two_municipalities[0].people[0]
    body = await graphql_response(
        client,
        "query ($id: ID!) { node(id: $id) { id } }",
        {"id": to_global_id("YoungPerson", person.id)},
        token=public_token,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_company_token_changes_only_its_own_openings(client: httpx.AsyncClient) -> None:
    own, other = await make_company(), await make_company()
    theirs = await make_opening(other, status=OpeningStatus.DRAFT)
    token = await make_token(OPENINGS_WRITE, company_id=own.id)
    for mutation in ("publishJobOpening", "closeJobOpening"):
        data = await graphql(
            client,
            f"mutation ($id: ID!) {{ {mutation}(id: $id) {{ __typename }} }}",
            {"id": to_global_id("JobOpening", theirs.id)},
            token=token,
        )
        assert data[mutation]["__typename"] == "NotFound"
    await theirs.refresh_from_db()
    assert theirs.status == OpeningStatus.DRAFT
    assert theirs.version == 1
