"""API tokens' rate limit: a budget of points per clock hour, counted in PostgreSQL.

Each request made with a token spends its cost (see :mod:`app.api.limits`) in the
token's window for the current hour (UTC) with one atomic upsert on ``rate_limit_window``,
so every app process shares the count. A request that takes the hour's total over
:data:`POINTS_PER_HOUR` is refused, and stays counted: once over, a token is refused until
the next hour starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise import connections

POINTS_PER_HOUR = 5_000
WINDOW = timedelta(hours=1)

SPEND_SQL = """
INSERT INTO rate_limit_window (token_id, window_start, points)
SELECT id, $2, $3 FROM api_token
WHERE id = $1 AND revoked_at IS NULL AND expires_at > statement_timestamp()
ON CONFLICT (token_id, window_start)
DO UPDATE SET points = rate_limit_window.points + EXCLUDED.points
RETURNING points
"""
"""Add ``$3`` points to token ``$1``'s window starting at ``$2``, when the token is live
(not revoked, not expired by the database's clock); the new total (no row: not live)."""


@dataclass(frozen=True)
class Budget:
    """A token's hour after spending ``cost``: ``used`` counts this request too."""

    cost: int
    used: int
    reset_at: datetime
    limit: int = POINTS_PER_HOUR

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def exceeded(self) -> bool:
        return self.used > self.limit


def window_start(now: datetime) -> datetime:
    """The start of the clock hour (UTC) that contains ``now``."""
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


async def spend(token_id: int, cost: int, now: datetime) -> Budget | None:
    """Spend ``cost`` points of the token's budget for the hour of ``now``; None, spending
    nothing, when the token is no longer live (revoked or expired): the check that stops
    a revoked token at once, whatever a process remembers of it."""
    start = window_start(now)
    rows = await connections.get("default").execute_query_dict(SPEND_SQL, [token_id, start, cost])
    if not rows:
        return None
    return Budget(cost=cost, used=rows[0]["points"], reset_at=start + WINDOW)
