"""Rows held in memory and written with PostgreSQL COPY.

The generator numbers rows itself (from the highest id already in each table), so that
child rows can point at their parents without a round trip, and moves each table's
sequence past the new rows afterwards so that later ORM inserts do not collide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    name: str
    columns: tuple[str, ...]
    has_id: bool = True
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    last_id: int = 0

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def add(self, *values: Any) -> None:
        assert len(values) == len(self.columns), f"{self.name}: {len(values)} values"
        self.rows.append(values)

    @property
    def quoted_name(self) -> str:
        return f'"{self.name}"'


_TIMES = ("created_at", "updated_at")


class DemoTables:
    """One :class:`Table` per table the demo data fills, in an order that COPY can
    follow without breaking a foreign key."""

    def __init__(self) -> None:
        self.company = Table(
            "company",
            ("id", *_TIMES, "cvr", "name", "address", "postcode_id", "municipality_id",
             "industry_id", "description", "website", "status", "verified_at",
             "rejection_reason", "is_demo"),
        )  # fmt: skip
        self.pledge = Table(
            "pledge", ("id", *_TIMES, "company_id", "openings_promised", "joined_on", "note")
        )
        self.organisation = Table(
            "organisation",
            ("id", *_TIMES, "name", "kind_id", "cvr", "description", "website", "email",
             "phone", "postcode_id", "status", "verified_at", "rejection_reason", "is_demo"),
        )  # fmt: skip
        self.organisation_municipality = Table(
            "organisation_municipality", ("organisation_id", "municipality_id"), has_id=False
        )
        self.offer = Table(
            "offer",
            ("id", *_TIMES, "organisation_id", "kind_id", "title", "description", "age_min",
             "age_max", "is_active"),
        )  # fmt: skip
        self.initiative = Table(
            "initiative",
            ("id", *_TIMES, "title", "summary", "owner_municipality_id", "owner_organisation_id",
             "target_group", "partners", "results", "starts_on", "ends_on", "tags", "is_demo"),
        )  # fmt: skip
        self.app_user = Table(
            "app_user",
            ("id", *_TIMES, "email", "name", "password_hash", "role", "municipality_id",
             "company_id", "organisation_id", "is_manager", "is_active", "is_demo"),
        )  # fmt: skip
        self.job_opening = Table(
            "job_opening",
            ("id", *_TIMES, "version", "company_id", "title", "description", "occupation_id",
             "kind_id", "hours_min", "hours_max", "postcode_id", "municipality_id", "lat", "lon",
             "positions", "start_date", "posted_on", "apply_by", "min_age", "requirements",
             "supports", "status", "closed_at"),
        )  # fmt: skip
        self.young_person = Table(
            "young_person",
            ("id", *_TIMES, "version", "municipality_id", "consultant_id", "first_name",
             "last_name", "email", "phone", "birth_date", "birth_year", "postcode_id",
             "max_commute_km", "hours_available", "interests", "has_drivers_licence",
             "support_needs", "education_level_id", "is_demo"),
        )  # fmt: skip
        self.pathway = Table(
            "pathway",
            ("id", *_TIMES, "version", "young_person_id", "started_on", "ended_on", "status_id",
             "outcome_id"),
        )  # fmt: skip
        self.pathway_status_change = Table(
            "pathway_status_change",
            ("id", *_TIMES, "pathway_id", "status_id", "changed_on", "recorded_by_id", "note"),
        )
        self.target_group_assessment = Table(
            "target_group_assessment",
            ("id", *_TIMES, "pathway_id", "target_group_id", "assessed_on", "assessed_by_id",
             "note"),
        )  # fmt: skip
        self.plan = Table("plan", ("id", *_TIMES, "pathway_id", "kind", "created_on"))
        self.plan_goal = Table(
            "plan_goal", ("id", *_TIMES, "plan_id", "title", "due_on", "achieved_on")
        )
        self.plan_action = Table(
            "plan_action",
            ("id", *_TIMES, "goal_id", "title", "planned_on", "done_on", "responsible"),
        )
        self.match = Table(
            "match",
            ("id", *_TIMES, "version", "young_person_id", "opening_id", "proposed_by_id",
             "proposed_at", "score", "explanation", "stage", "stage_changed_at", "reason"),
        )  # fmt: skip
        self.match_event = Table(
            "match_event", ("id", *_TIMES, "match_id", "stage", "at", "actor_id", "reason")
        )
        self.consent = Table(
            "consent",
            ("id", *_TIMES, "young_person_id", "purpose", "company_id", "organisation_id",
             "given_at", "given_by_id", "revoked_at", "revoked_by_id"),
        )  # fmt: skip
        self.support_contact = Table(
            "support_contact",
            ("id", *_TIMES, "young_person_id", "match_id", "consultant_id", "contact_with",
             "kind", "occurred_at", "note"),
        )  # fmt: skip
        self.referral = Table(
            "referral",
            ("id", *_TIMES, "young_person_id", "offer_id", "referred_by_id", "referred_at",
             "status", "answered_at", "answer_note"),
        )  # fmt: skip

    def all(self) -> list[Table]:
        return [value for value in vars(self).values() if isinstance(value, Table)]


async def lock_tables(conn: Any, tables: list[Table]) -> None:
    """Keep other writers out until the transaction ends (readers may go on)."""
    names = ", ".join(table.quoted_name for table in tables)
    await conn.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")


async def number_after_existing_rows(conn: Any, tables: list[Table]) -> None:
    """Start each table's numbering after its highest id."""
    numbered = [table for table in tables if table.has_id]
    sql = " UNION ALL ".join(
        f"SELECT {index} AS table_index, coalesce(max(id), 0) AS last_id FROM {table.quoted_name}"  # noqa: S608
        for index, table in enumerate(numbered)
    )
    for row in await conn.fetch(sql):
        numbered[row["table_index"]].last_id = row["last_id"]


async def copy_tables(conn: Any, tables: list[Table]) -> None:
    """COPY every table's rows, then move each sequence to the table's highest id."""
    for table in tables:
        if table.rows:
            await conn.copy_records_to_table(table.name, records=table.rows, columns=table.columns)
    for table in tables:
        if table.has_id and table.rows:
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table.quoted_name}', 'id'), max(id))"  # noqa: S608
                f" FROM {table.quoted_name}"
            )
