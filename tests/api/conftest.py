"""Tokens for the GraphQL tests, one per scope."""

from __future__ import annotations

import pytest

from app.services.authorization import PUBLIC_READ, STATS_READ
from tests.factories import make_token


@pytest.fixture
async def public_token() -> str:
    return await make_token(PUBLIC_READ)


@pytest.fixture
async def stats_token() -> str:
    return await make_token(STATS_READ)
