"""Users, API tokens and the audit log."""

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from app.models.base import TimestampedModel
from app.models.companies import Company
from app.models.geography import Municipality
from app.models.organisations import Organisation


class Role(StrEnum):
    ADMIN = "admin"
    CONSULTANT = "consultant"
    COMPANY = "company"
    ORGANISATION = "organisation"


class User(TimestampedModel):
    """A person who logs in to the portals. Each role belongs to exactly one tenant
    (a municipality, a company or an organisation), administrators to none."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True, description="stored lower-cased")
    name = fields.CharField(max_length=200)
    password_hash = fields.CharField(max_length=200, default="")
    role = fields.CharEnumField(Role, max_length=16)
    municipality: fields.ForeignKeyNullableRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    municipality_id: int | None
    company: fields.ForeignKeyNullableRelation[Company] = fields.ForeignKeyField(
        "ungeloftet.Company", related_name="users", null=True, on_delete=fields.CASCADE
    )
    company_id: int | None
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "ungeloftet.Organisation", related_name="users", null=True, on_delete=fields.CASCADE
    )
    organisation_id: int | None
    is_manager = fields.BooleanField(
        default=False, description="municipality lead or company admin: manages colleagues"
    )
    is_active = fields.BooleanField(default=True)
    last_login_at = fields.DatetimeField(null=True)
    is_demo = fields.BooleanField(default=False)

    class Meta:
        table = "app_user"
        ordering = ["name"]
        constraints = [
            CheckConstraint(check="email = lower(email)", name="app_user_email_lower"),
            CheckConstraint(
                check=(
                    "(role = 'admin' AND municipality_id IS NULL AND company_id IS NULL"
                    " AND organisation_id IS NULL)"
                    " OR (role = 'consultant' AND municipality_id IS NOT NULL AND company_id IS NULL"
                    " AND organisation_id IS NULL)"
                    " OR (role = 'company' AND company_id IS NOT NULL AND municipality_id IS NULL"
                    " AND organisation_id IS NULL)"
                    " OR (role = 'organisation' AND organisation_id IS NOT NULL"
                    " AND municipality_id IS NULL AND company_id IS NULL)"
                ),
                name="app_user_role_tenant",
            ),
        ]


class ApiToken(TimestampedModel):
    """A bearer token for /graphql. Only a hash is stored; the secret is shown once."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    prefix = fields.CharField(
        max_length=16, unique=True, description="public part, to find the token"
    )
    secret_hash = fields.CharField(max_length=128)
    scopes = ArrayField("text", default=list)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="created_tokens", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    company: fields.ForeignKeyNullableRelation[Company] = fields.ForeignKeyField(
        "ungeloftet.Company", related_name="api_tokens", null=True, on_delete=fields.CASCADE
    )
    company_id: int | None
    municipality: fields.ForeignKeyNullableRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="api_tokens", null=True, on_delete=fields.RESTRICT
    )
    municipality_id: int | None
    expires_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
        constraints = [
            CheckConstraint(
                check="company_id IS NULL OR municipality_id IS NULL", name="api_token_one_tenant"
            ),
        ]


class AuditEvent(Model):
    """Who read or changed which personal record, when, from where and why.

    Append-only: the database refuses UPDATE and DELETE on this table (see the
    migration). Subjects are kept as type and id rather than foreign keys, so that
    the log outlives erasure of the record it speaks of.
    """

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True)
    actor_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="audit_events", null=True, on_delete=fields.RESTRICT
    )
    actor_user_id: int | None
    actor_token: fields.ForeignKeyNullableRelation[ApiToken] = fields.ForeignKeyField(
        "ungeloftet.ApiToken", related_name="audit_events", null=True, on_delete=fields.RESTRICT
    )
    actor_token_id: int | None
    action = fields.CharField(
        max_length=32, description="read, create, update, delete, export, erase"
    )
    purpose = fields.CharField(max_length=200, default="")
    subject_type = fields.CharField(max_length=48)
    subject_id = fields.BigIntField()
    young_person_id = fields.BigIntField(null=True, description="the person the record is about")
    ip = fields.CharField(max_length=64, default="")
    request_id = fields.CharField(max_length=64, default="")
    detail: dict[str, Any] = fields.JSONField(default=dict)

    class Meta:
        table = "audit_event"
        ordering = ["-at", "-id"]
        indexes = [
            ("young_person_id", "at"),
            ("actor_user_id", "at"),
            ("subject_type", "subject_id"),
        ]
