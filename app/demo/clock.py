"""The demo data's fixed calendar: it never depends on the wall clock."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

REFERENCE_DATE = date(2026, 11, 1)
"""'Today' in the demo data: ages, open openings and pipelines are as of this date."""

LAST_DAY = REFERENCE_DATE - timedelta(days=1)
"""The last whole day before 'now': recorded events happen on or before it."""

NOW = datetime.combine(REFERENCE_DATE, time(0, 0), tzinfo=UTC)
"""The moment the demo data is as of (the reference date's first moment, UTC): every
recorded event happened before it."""

PROGRAMME_START = date(2025, 3, 1)
"""When the first companies, pathways and initiatives of the partnership appear."""

_WORKDAY_START_MINUTE = 6 * 60  # 07:00 Danish winter time, in UTC
_WORKDAY_MINUTES = 9 * 60


def day_between(rng: random.Random, first: date, last: date) -> date:
    """A day in [first, last]; ``first`` when the range is empty."""
    if last <= first:
        return first
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def during_workday(rng: random.Random, day: date) -> datetime:
    """A moment of ``day`` during Danish working hours."""
    minute = _WORKDAY_START_MINUTE + rng.randrange(_WORKDAY_MINUTES)
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=UTC)


def days_later(rng: random.Random, moment: datetime, fewest: int, most: int) -> datetime:
    """A working-hours moment ``fewest``-``most`` days after ``moment`` (hours later when 0)."""
    days = rng.randint(fewest, most)
    if days == 0:
        return moment + timedelta(minutes=rng.randint(20, 240))
    return during_workday(rng, moment.date() + timedelta(days=days))
