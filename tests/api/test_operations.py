"""The documented partner operations in graphql/operations/ run against the demo data.

Each file starts with comment lines: a description, then ``# scope: <scope>``,
``# variables: <JSON>`` and, for municipality:read, ``# token municipality: <code>``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx

from app.demo import seed_demo
from app.models import Company, Municipality, VerificationStatus
from app.services.authorization import MUNICIPALITY_READ, OPENINGS_WRITE, SCOPES
from app.settings import PROJECT_ROOT
from tests.factories import make_token
from tests.graphql_client import graphql_response

OPERATIONS = sorted((PROJECT_ROOT / "graphql" / "operations").glob("*.graphql"))
HEADER = re.compile(r"^# (scope|variables|token municipality): (.*)$", re.MULTILINE)


def header_of(path: Path) -> dict[str, str]:
    return dict(HEADER.findall(path.read_text()))


def test_there_are_at_least_eight_documented_operations() -> None:
    assert len(OPERATIONS) >= 8
    for path in OPERATIONS:
        text = path.read_text()
        header = header_of(path)
        assert text.startswith("# "), f"{path.name}: describe the operation first"
        assert header.get("scope") in SCOPES, path.name
        json.loads(header["variables"])


async def test_every_operation_runs_against_the_demo_data(client: httpx.AsyncClient) -> None:
    await seed_demo()
    company = await Company.filter(status=VerificationStatus.VERIFIED, is_demo=True).first()
    assert company is not None
    failures: dict[str, Any] = {}
    for path in OPERATIONS:
        header = header_of(path)
        scope = header["scope"]
        municipality = None
        if scope == MUNICIPALITY_READ:
            municipality = await Municipality.get(code=int(header["token municipality"]))
        token = await make_token(
            scope,
            municipality_id=municipality.id if municipality else None,
            company_id=company.id if scope == OPENINGS_WRITE else None,
        )
        body = await graphql_response(
            client, path.read_text(), json.loads(header["variables"]), token=token
        )
        if "errors" in body or not _has_content(body["data"]):
            failures[path.name] = body
    assert failures == {}


def _has_content(value: Any) -> bool:
    """Some list in the answer is non-empty, some count is above 0, or an object came back."""
    if isinstance(value, dict):
        if value.get("totalCount", 0) > 0 or value.get("id"):
            return True
        return any(_has_content(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    return False
