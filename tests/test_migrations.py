"""The schema comes from the migrations, and the migrations agree with the models."""

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.transactions import in_transaction

from app.db import DatabaseTarget
from app.migrate import pending_changes
from app.models import AuditEvent, Company, Municipality, Postcode, Role, User


async def test_models_and_migrations_do_not_drift(database: DatabaseTarget) -> None:
    assert await pending_changes(database) == []


async def test_spatial_indexes_exist() -> None:
    rows = await connections.get("default").execute_query_dict(
        "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist%'"
    )
    assert {row["indexname"] for row in rows} >= {"job_opening_point_gist", "postcode_point_gist"}


async def test_audit_log_is_append_only() -> None:
    event = await AuditEvent.create(action="read", subject_type="young_person", subject_id=1)
    with pytest.raises(OperationalError, match="append-only"):
        async with in_transaction():
            await AuditEvent.filter(id=event.id).update(purpose="changed")
    with pytest.raises(OperationalError, match="append-only"):
        async with in_transaction():
            await AuditEvent.filter(id=event.id).delete()
    assert await AuditEvent.filter(id=event.id, purpose="").exists()


async def _company(cvr: str) -> Company:
    postcode = await Postcode.get(code=8000)
    return await Company.create(
        cvr=cvr, name="Testfirma ApS", postcode=postcode, municipality_id=postcode.municipality_id
    )


@pytest.mark.parametrize("cvr", ["1234567", "1234567a", "12 45678"])
async def test_cvr_must_be_eight_digits(cvr: str) -> None:
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await _company(cvr)


async def test_cvr_is_unique() -> None:
    await _company("12345678")
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await _company("12345678")


async def test_user_role_and_tenant_must_agree() -> None:
    municipality = await Municipality.get(code=101)
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await User.create(email="c@example.com", name="C", role=Role.CONSULTANT)
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await User.create(
                email="a@example.com", name="A", role=Role.ADMIN, municipality=municipality
            )
    await User.create(
        email="c@example.com", name="C", role=Role.CONSULTANT, municipality=municipality
    )


async def test_every_declared_check_constraint_exists(database: DatabaseTarget) -> None:
    from tortoise import Tortoise

    declared = {
        (model._meta.db_table, constraint.name)
        for model in Tortoise.apps["ungeloftet"].values()
        for constraint in model._meta.constraints
    }
    rows = await connections.get("default").execute_query_dict(
        "SELECT conrelid::regclass::text AS table_name, conname FROM pg_constraint WHERE contype = 'c'"
    )
    present = {(row["table_name"].strip('"'), row["conname"]) for row in rows}
    assert declared
    assert declared <= present, declared - present
