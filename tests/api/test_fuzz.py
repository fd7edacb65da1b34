"""Property-based run against the exported schema (hypothesis-graphql): hundreds of
generated queries and mutations, valid and invalid, and not one server error or stack
trace in the answers.

The queries are generated first (deterministically, so CI runs the same ones every
time), then sent through the real endpoint against the demo data, with tokens of every
scope; a fresh token every few requests keeps the rate limit out of the way.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import hypothesis_graphql
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import graphql
from app.demo import seed_demo
from app.models import Company, Municipality, VerificationStatus
from app.services.authorization import MUNICIPALITY_READ, OPENINGS_WRITE, PUBLIC_READ, STATS_READ
from app.settings import PROJECT_ROOT
from tests.factories import make_token

SCHEMA = (PROJECT_ROOT / "graphql" / "schema.graphql").read_text()
SCALARS = {
    "Date": st.dates().map(lambda day: graphql.StringValueNode(value=day.isoformat())),
    "DateTime": st.datetimes().map(lambda at: graphql.StringValueNode(value=at.isoformat())),
}
QUERIES_PER_RUN = {
    hypothesis_graphql.Mode.POSITIVE: 400,
    hypothesis_graphql.Mode.NEGATIVE: 100,
}
MUTATIONS_PER_RUN = 100
REQUESTS_PER_TOKEN = 20
TRACE_MARKERS = ("Traceback (most recent call last)", 'File "/', "asyncpg.", "tortoise.")


def _generate(strategy: st.SearchStrategy[Any], count: int) -> list[str]:
    """``count`` examples of ``strategy``, the same ones on every run."""
    found: list[str] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(query: str) -> None:
        found.append(query)

    collect()
    return found


def _documents() -> list[str]:
    documents = []
    for mode, count in QUERIES_PER_RUN.items():
        strategy = hypothesis_graphql.queries(SCHEMA, custom_scalars=SCALARS, mode=mode)
        documents += _generate(strategy, count)
    strategy = hypothesis_graphql.mutations(SCHEMA, custom_scalars=SCALARS)
    documents += _generate(strategy, MUTATIONS_PER_RUN)
    return documents


async def test_generated_queries_get_no_server_error_and_no_stack_trace(
    client: httpx.AsyncClient,
) -> None:
    documents = _documents()
    assert len(documents) >= 500
    await seed_demo()
    municipality = await Municipality.get(code=751)
    company = await Company.filter(status=VerificationStatus.VERIFIED).first()
    assert company is not None
    problems: list[tuple[str, int, str]] = []
    token = ""
    for number, document in enumerate(documents):
        if number % REQUESTS_PER_TOKEN == 0:
            writes = document.lstrip().startswith("mutation")
            token = await make_token(
                *((OPENINGS_WRITE,) if writes else (PUBLIC_READ, STATS_READ, MUNICIPALITY_READ)),
                company_id=company.id if writes else None,
                municipality_id=None if writes else municipality.id,
            )
        response = await client.post(
            "/graphql",
            json={"query": document},
            headers={"Authorization": f"Bearer {token}"},
        )
        if not _healthy(response):
            problems.append((document, response.status_code, response.text[:500]))
    assert problems == [], f"{len(problems)} bad answers, first: {problems[0]}"


def _healthy(response: httpx.Response) -> bool:
    """A 2xx or 4xx with a JSON body, every error with a code that is not ours, and no
    trace of our internals."""
    if response.status_code >= 500:
        return False
    if any(marker in response.text for marker in TRACE_MARKERS):
        return False
    try:
        body = json.loads(response.text)
    except ValueError:
        return False
    codes = [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
    return None not in codes and "INTERNAL_SERVER_ERROR" not in codes
