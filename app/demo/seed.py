"""Load the deterministic demo data set: the same seed and scale give the same rows.

All rows are generated in memory first (numbered after the highest existing ids) and
then written with COPY in one transaction that keeps other writers out, so a load is
all or nothing and takes seconds even at ``scale=100``.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from app.demo.bulk import DemoTables, copy_tables, lock_tables, number_after_existing_rows
from app.demo.civil_society import add_initiatives, add_organisations
from app.demo.clock import REFERENCE_DATE
from app.demo.companies import add_companies, add_openings, synthetic_cvrs
from app.demo.matching import add_matches
from app.demo.pathways import add_pathways
from app.demo.people import add_young_people, allocate_homes
from app.demo.reference import Reference, load_reference
from app.demo.referrals import add_referrals
from app.demo.users import DEMO_USERS, KOBENHAVN, add_users
from app.models import Company
from app.services.passwords import hash_password_sync

# Volumes at scale 1; every one is multiplied by the scale.
COMPANIES = 300
OPENINGS = 1_000
ORGANISATIONS = 60
INITIATIVES = 100


class DemoAlreadyLoadedError(RuntimeError):
    """The database holds demo data already; the demo data is loaded once."""


@dataclass(frozen=True)
class DemoCounts:
    """How many rows the demo load wrote, per table."""

    companies: int
    pledges: int
    job_openings: int
    organisations: int
    organisation_municipalities: int
    offers: int
    initiatives: int
    users: int
    young_people: int
    pathways: int
    pathway_status_changes: int
    target_group_assessments: int
    plans: int
    plan_goals: int
    plan_actions: int
    matches: int
    match_events: int
    consents: int
    support_contacts: int
    referrals: int

    @classmethod
    def of(cls, tables: DemoTables) -> DemoCounts:
        t = tables
        return cls(
            companies=len(t.company.rows),
            pledges=len(t.pledge.rows),
            job_openings=len(t.job_opening.rows),
            organisations=len(t.organisation.rows),
            organisation_municipalities=len(t.organisation_municipality.rows),
            offers=len(t.offer.rows),
            initiatives=len(t.initiative.rows),
            users=len(t.app_user.rows),
            young_people=len(t.young_person.rows),
            pathways=len(t.pathway.rows),
            pathway_status_changes=len(t.pathway_status_change.rows),
            target_group_assessments=len(t.target_group_assessment.rows),
            plans=len(t.plan.rows),
            plan_goals=len(t.plan_goal.rows),
            plan_actions=len(t.plan_action.rows),
            matches=len(t.match.rows),
            match_events=len(t.match_event.rows),
            consents=len(t.consent.rows),
            support_contacts=len(t.support_contact.rows),
            referrals=len(t.referral.rows),
        )


async def demo_is_loaded() -> bool:
    """Is there demo data in the database (any company marked ``is_demo``)?"""
    return await Company.filter(is_demo=True).exists()


async def seed_demo(scale: int = 1, seed: int = 2025) -> DemoCounts:
    """Load the demo data set, every volume multiplied by ``scale`` (the demo logins in
    :data:`DEMO_USERS` exist once). Needs the migrations and the reference data;
    raises :class:`DemoAlreadyLoadedError` if demo data is there already."""
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, not {scale}")
    password_hashes = await asyncio.to_thread(_hash_demo_passwords)
    tables = DemoTables()
    async with in_transaction() as connection:
        conn = connection._connection  # the raw asyncpg connection, for COPY
        await lock_tables(conn, tables.all())
        await _refuse_if_loaded(conn)
        reference = await load_reference(conn, REFERENCE_DATE)
        taken_cvrs = {
            row["cvr"]
            for row in await conn.fetch(
                "SELECT cvr FROM company UNION SELECT cvr FROM organisation WHERE cvr IS NOT NULL"
            )
        }
        await number_after_existing_rows(conn, tables.all())
        await asyncio.to_thread(
            _generate, random.Random(seed), reference, tables, scale, password_hashes, taken_cvrs
        )
        await copy_tables(conn, tables.all())
    return DemoCounts.of(tables)


def _hash_demo_passwords() -> dict[str, str]:
    """Each distinct demo password and its argon2id hash (hashing is slow on purpose)."""
    return {password: hash_password_sync(password) for password in {u.password for u in DEMO_USERS}}


async def _refuse_if_loaded(conn: Any) -> None:
    if await conn.fetchval("SELECT EXISTS (SELECT 1 FROM company WHERE is_demo)"):
        raise DemoAlreadyLoadedError("demo data is loaded already; seed into a database without it")
    emails = [user.email for user in DEMO_USERS]
    taken = await conn.fetch("SELECT email FROM app_user WHERE email = ANY($1::text[])", emails)
    if taken:
        listed = ", ".join(sorted(row["email"] for row in taken))
        raise DemoAlreadyLoadedError(f"the demo logins exist already: {listed}")


def _generate(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    scale: int,
    password_hashes: dict[str, str],
    taken_cvrs: set[str],
) -> None:
    """Fill ``tables``: partners first, then the users and young people who work with
    them, then what happens between them."""
    homes = allocate_homes(rng, reference, scale)
    kobenhavn = reference.municipality_by_code[KOBENHAVN].id
    company_count = COMPANIES * scale
    cvrs = synthetic_cvrs(rng, company_count + ORGANISATIONS * scale, taken_cvrs)
    companies = add_companies(
        rng, reference, tables, company_count, homes, cvrs[:company_count], kobenhavn
    )
    openings = add_openings(rng, reference, tables, companies, OPENINGS * scale)
    organisations = add_organisations(
        rng, reference, tables, ORGANISATIONS * scale, homes, cvrs[company_count:], kobenhavn
    )
    add_initiatives(rng, reference, tables, INITIATIVES * scale, homes, organisations)
    staff = add_users(
        rng, reference, tables, homes, password_hashes, companies[0].id, organisations[0].id
    )
    people = add_young_people(rng, reference, tables, homes, staff.consultants)
    spells = add_matches(
        rng, reference, tables, people, openings, staff.company_users, companies[0].id, kobenhavn
    )
    add_referrals(rng, tables, people, organisations)
    add_pathways(rng, reference, tables, people, spells)
