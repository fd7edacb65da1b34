"""What both sides of the comparison read: the GraphQL queries, and the raw SQL whose
JSON must equal the GraphQL response's nodes (the run checks that it does).

The public openings are the app's default search: open openings of verified companies,
newest first (``posted_on`` then ``id``, both descending), in keyset pages.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

NESTED_QUERY = """
query Openings($first: Int!, $after: String) {
  openings(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id title hoursMin hoursMax positions postedOn applyBy status
      company { id name cvr website }
      municipality { id code name region { code name } }
    }
  }
}
"""
"""A page of openings with their company and municipality (and its region)."""

FLAT_QUERY = """
query Openings($first: Int!, $after: String) {
  openings(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id title hoursMin hoursMax positions postedOn applyBy status }
  }
}
"""
"""The same page without relations: the statement count's baseline."""

_SELECT = """
SELECT o.id, o.title, o.hours_min, o.hours_max, o.positions, o.posted_on, o.apply_by, o.status,
       c.id AS company_id, c.name AS company_name, c.cvr, c.website,
       m.id AS municipality_id, m.code AS municipality_code, m.name AS municipality_name,
       r.code AS region_code, r.name AS region_name
FROM job_opening o
JOIN company c ON c.id = o.company_id AND c.status = 'verified'
JOIN municipality m ON m.id = o.municipality_id
JOIN region r ON r.id = m.region_id
WHERE o.status = 'open'
"""
RAW_FIRST_PAGE = _SELECT + "ORDER BY o.posted_on DESC, o.id DESC LIMIT $1"
"""The first ``$1`` public openings with company, municipality and region: one statement."""
RAW_NEXT_PAGE = (
    _SELECT + "AND (o.posted_on, o.id) < ($2, $3) ORDER BY o.posted_on DESC, o.id DESC LIMIT $1"
)
"""The ``$1`` public openings after the one posted on ``$2`` with id ``$3``."""


def global_id(type_name: str, key: int) -> str:
    """The API's global ID (``base64url("<Type>:<id>")`` without padding)."""
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def node_of_row(row: Any) -> dict[str, Any]:
    """One opening as :data:`NESTED_QUERY` returns it, from a row of the raw SQL."""
    return {
        "id": global_id("JobOpening", row["id"]),
        "title": row["title"],
        "hoursMin": row["hours_min"],
        "hoursMax": row["hours_max"],
        "positions": row["positions"],
        "postedOn": _iso(row["posted_on"]),
        "applyBy": _iso(row["apply_by"]),
        "status": row["status"].upper(),
        "company": {
            "id": global_id("Company", row["company_id"]),
            "name": row["company_name"],
            "cvr": row["cvr"],
            "website": row["website"],
        },
        "municipality": {
            "id": global_id("Municipality", row["municipality_id"]),
            "code": row["municipality_code"],
            "name": row["municipality_name"],
            "region": {"code": row["region_code"], "name": row["region_name"]},
        },
    }


def raw_cursor(row: Any) -> str:
    """The raw endpoint's cursor: ``<posted_on>_<id>`` (plain, it is a baseline)."""
    return f"{row['posted_on'].isoformat()}_{row['id']}"


def parse_raw_cursor(cursor: str) -> tuple[date, int]:
    """The sort values in a :func:`raw_cursor`; ValueError when it is not one."""
    posted_on, _, key = cursor.partition("_")
    return date.fromisoformat(posted_on), int(key)
