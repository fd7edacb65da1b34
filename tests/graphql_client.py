"""Helpers for calling /graphql in tests."""

from __future__ import annotations

from typing import Any

import httpx


async def graphql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str,
) -> dict[str, Any]:
    """Run ``query`` with ``token`` and return its ``data``, failing on any GraphQL error."""
    body = await graphql_response(client, query, variables, token=token)
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


async def graphql_response(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None,
) -> dict[str, Any]:
    """The whole response body (``data``, ``errors``, ``extensions``) of ``query``."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
