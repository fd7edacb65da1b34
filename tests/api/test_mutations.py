"""Company integrations write openings: create once per idempotency key, update with the
version read, publish and close; bad input names its fields and writes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.api.relay import from_global_id
from app.models import Company, IdempotencyKey, JobOpening, OpeningStatus
from app.services.authorization import OPENINGS_WRITE
from tests.factories import make_company, make_token
from tests.graphql_client import graphql

COMMON = """
  __typename
  ... on JobOpeningPayload { opening { id title status version postedOn hoursMin supports { key } company { name } } }
  ... on InvalidInput { message fieldErrors { field code message } }
"""
RESULT = (
    COMMON
    + """
  ... on VersionConflict { message currentVersion }
  ... on NotFound { message id }
"""
)
CREATE = f"""
mutation ($key: String!, $input: JobOpeningInput!) {{
  createJobOpening(idempotencyKey: $key, input: $input) {{
    {COMMON}
    ... on IdempotencyKeyReused {{ message idempotencyKey }}
  }}
}}
"""
UPDATE = f"""
mutation ($id: ID!, $version: Int!, $input: JobOpeningInput!) {{
  updateJobOpening(id: $id, version: $version, input: $input) {{ {RESULT} }}
}}
"""
PUBLISH = f"mutation ($id: ID!) {{ publishJobOpening(id: $id) {{ {RESULT} }} }}"
CLOSE = f"""
mutation ($id: ID!, $filled: Boolean!) {{
  closeJobOpening(id: $id, filled: $filled) {{ {RESULT} }}
}}
"""
GOOD = {
    "title": "Lagermedhjælper",
    "occupation": "93",
    "kind": "ordinary",
    "hoursMin": 15,
    "hoursMax": 30,
    "postcode": 8000,
    "supports": ["mentor"],
}


@pytest.fixture
async def company() -> Company:
    return await make_company()


@pytest.fixture
async def token(company: Company) -> str:
    return await make_token(OPENINGS_WRITE, company_id=company.id)


async def _run(
    client: httpx.AsyncClient, token: str, query: str, **variables: Any
) -> dict[str, Any]:
    data = await graphql(client, query, variables, token=token)
    result: dict[str, Any] = next(iter(data.values()))
    return result


async def test_create_makes_a_draft_once_per_key(
    client: httpx.AsyncClient, token: str, company: Company
) -> None:
    first = await _run(client, token, CREATE, key="hr-42", input=GOOD)
    assert first["__typename"] == "JobOpeningPayload"
    opening = first["opening"]
    assert opening["status"] == "DRAFT"
    assert opening["version"] == 1
    assert opening["supports"] == [{"key": "mentor"}]
    assert opening["company"]["name"] == company.name
    again = await _run(client, token, CREATE, key="hr-42", input=GOOD)
    assert again["opening"]["id"] == opening["id"]
    assert await JobOpening.filter(company=company).count() == 1
    other = await _run(client, token, CREATE, key="hr-42", input={**GOOD, "title": "Kok"})
    assert other == {
        "__typename": "IdempotencyKeyReused",
        "message": other["message"],
        "idempotencyKey": "hr-42",
    }
    assert await JobOpening.filter(company=company).count() == 1


async def test_keys_belong_to_their_token(client: httpx.AsyncClient, company: Company) -> None:
    one = await make_token(OPENINGS_WRITE, company_id=company.id)
    two = await make_token(OPENINGS_WRITE, company_id=company.id)
    a = await _run(client, one, CREATE, key="same", input=GOOD)
    b = await _run(client, two, CREATE, key="same", input=GOOD)
    assert a["opening"]["id"] != b["opening"]["id"]


async def test_bad_input_names_every_field_and_writes_nothing(
    client: httpx.AsyncClient, token: str, company: Company
) -> None:
    bad = {
        **GOOD,
        "title": " ",
        "occupation": "77",
        "kind": "nope",
        "hoursMin": 30,
        "hoursMax": 50,
        "postcode": 1234,
        "positions": 0,
        "minAge": 12,
        "applyBy": "2020-01-01",
        "supports": ["mentor", "unicorn"],
    }
    result = await _run(client, token, CREATE, key="bad-1", input=bad)
    assert result["__typename"] == "InvalidInput"
    codes = {e["field"]: e["code"] for e in result["fieldErrors"]}
    assert codes == {
        "title": "REQUIRED",
        "occupation": "UNKNOWN_CODE",
        "kind": "UNKNOWN_CODE",
        "hoursMax": "OUT_OF_RANGE",
        "postcode": "UNKNOWN_CODE",
        "positions": "OUT_OF_RANGE",
        "minAge": "OUT_OF_RANGE",
        "applyBy": "OUT_OF_RANGE",
        "supports": "UNKNOWN_CODE",
    }
    assert await JobOpening.filter(company=company).count() == 0
    assert await IdempotencyKey.all().count() == 0
    # The key was not spent: the corrected input goes through with it.
    assert (await _run(client, token, CREATE, key="bad-1", input=GOOD))["opening"]


async def test_update_with_a_stale_version_is_a_conflict_carrying_the_current_one(
    client: httpx.AsyncClient, token: str
) -> None:
    created = (await _run(client, token, CREATE, key="k", input=GOOD))["opening"]
    updated = await _run(
        client, token, UPDATE, id=created["id"], version=1, input={**GOOD, "hoursMin": 20}
    )
    assert updated["opening"]["version"] == 2
    assert updated["opening"]["hoursMin"] == 20
    stale = await _run(client, token, UPDATE, id=created["id"], version=1, input=GOOD)
    assert stale["__typename"] == "VersionConflict"
    assert stale["currentVersion"] == 2
    assert (await JobOpening.get(id=_key(created["id"]))).hours_min == 20


async def test_publish_then_close_as_filled(client: httpx.AsyncClient, token: str) -> None:
    created = (await _run(client, token, CREATE, key="k", input=GOOD))["opening"]
    published = await _run(client, token, PUBLISH, id=created["id"])
    assert published["opening"]["status"] == "OPEN"
    assert published["opening"]["postedOn"]
    again = await _run(client, token, PUBLISH, id=created["id"])
    assert again["__typename"] == "InvalidInput"
    assert again["fieldErrors"][0]["code"] == "INVALID_STATE"
    closed = await _run(client, token, CLOSE, id=created["id"], filled=True)
    assert closed["opening"]["status"] == "FILLED"
    assert closed["opening"]["version"] == 3
    opening = await JobOpening.get(id=_key(created["id"]))
    assert opening.status == OpeningStatus.FILLED
    assert opening.closed_at is not None


async def test_a_draft_can_be_closed_but_not_filled(client: httpx.AsyncClient, token: str) -> None:
    created = (await _run(client, token, CREATE, key="k", input=GOOD))["opening"]
    filled = await _run(client, token, CLOSE, id=created["id"], filled=True)
    assert filled["fieldErrors"][0] == {
        "field": "filled",
        "code": "INVALID_STATE",
        "message": filled["fieldErrors"][0]["message"],
    }
    closed = await _run(client, token, CLOSE, id=created["id"], filled=False)
    assert closed["opening"]["status"] == "CLOSED"


async def test_an_id_of_another_type_is_not_found(client: httpx.AsyncClient, token: str) -> None:
    result = await _run(client, token, PUBLISH, id="UmVnaW9uOjE")  # Region:1
    assert result["__typename"] == "NotFound"


def _key(global_id: str) -> int:
    return from_global_id(global_id)[1]
