"""The demo data: its volumes, its spread over every code and stage, and determinism."""

from __future__ import annotations

from datetime import date

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from app.demo import DEMO_USERS, REFERENCE_DATE, DemoAlreadyLoadedError, demo_is_loaded, seed_demo
from app.models import (
    CodeList,
    CodeValue,
    Company,
    JobOpening,
    Match,
    MatchStage,
    OpeningStatus,
    Role,
    User,
    VerificationStatus,
    YoungPerson,
)
from app.services.passwords import verify_password

DIGEST_TABLES = ("company", "job_opening", "young_person", "match", "pathway", "consent")


class _Rollback(Exception):
    pass


async def table_digest() -> dict[str, str]:
    conn = connections.get("default")
    digests = {}
    for table in DIGEST_TABLES:
        rows = await conn.execute_query_dict(
            f"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS digest FROM {table} t"  # noqa: S608
        )
        digests[table] = rows[0]["digest"]
    return digests


async def test_volumes_at_scale_one() -> None:
    counts = await seed_demo()
    assert counts.companies == 300
    assert counts.job_openings == 1000
    assert counts.organisations == 60
    assert counts.initiatives == 100
    assert counts.young_people == 500
    assert counts.matches > 300
    assert await demo_is_loaded()
    assert await YoungPerson.filter(is_demo=True).count() == 500


async def test_every_kind_status_and_stage_is_present() -> None:
    await seed_demo()
    kinds = {c.id for c in await CodeValue.filter(list=CodeList.OPENING_KIND)}
    assert set(await JobOpening.all().values_list("kind_id", flat=True)) == kinds
    assert set(await JobOpening.all().values_list("status", flat=True)) == set(OpeningStatus)
    assert set(await Match.all().values_list("stage", flat=True)) == set(MatchStage)
    statuses = set(await Company.filter(is_demo=True).values_list("status", flat=True))
    assert statuses == {
        VerificationStatus.VERIFIED,
        VerificationStatus.PENDING,
        VerificationStatus.REJECTED,
    }


async def test_young_people_are_15_to_29_and_with_a_consultant_of_their_municipality() -> None:
    await seed_demo()
    people = await YoungPerson.filter(is_demo=True).prefetch_related("consultant")
    for person in people:
        assert person.birth_date is not None
        age = (REFERENCE_DATE - person.birth_date).days // 365.25
        assert 15 <= age <= 29, person.id
        assert person.consultant is not None
        assert person.consultant.municipality_id == person.municipality_id
    caseloads = [
        await YoungPerson.filter(consultant_id=c.id).count()
        for c in await User.filter(role=Role.CONSULTANT)
    ]
    assert max(caseloads) <= 25


async def test_there_is_a_demo_login_for_every_role() -> None:
    await seed_demo()
    assert {user.role for user in DEMO_USERS} == set(Role)
    for demo_user in DEMO_USERS:
        user = await User.get(email=demo_user.email)
        assert user.role == demo_user.role
        assert user.is_demo
        assert len(demo_user.password) >= 12
        assert await verify_password(user.password_hash, demo_user.password)


async def test_demo_data_is_loaded_only_once() -> None:
    await seed_demo()
    with pytest.raises(DemoAlreadyLoadedError):
        await seed_demo()


async def test_same_seed_gives_the_same_data() -> None:
    digests = []
    for _ in range(2):
        try:
            async with in_transaction():
                await seed_demo(seed=7)
                digests.append(await table_digest())
                raise _Rollback
        except _Rollback:
            pass
    assert digests[0] == digests[1]
    assert all(digests[0].values())


def test_reference_date_is_fixed() -> None:
    assert date(2026, 1, 1) < REFERENCE_DATE < date(2027, 1, 1)


def test_readme_documents_every_demo_login() -> None:
    from app.settings import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for user in DEMO_USERS:
        assert f"`{user.email}` | `{user.password}`" in readme, user.email
