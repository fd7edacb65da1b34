"""Server-side sessions, failed logins and one-time links."""

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from app.models.accounts import User


class Session(Model):
    """A login. The cookie holds a random key; only its SHA-256 is stored."""

    id = fields.IntField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    csrf_token = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(description="absolute end, whatever the activity")
    idle_timeout_minutes = fields.SmallIntField()
    ip = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=300, default="")
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "session"
        indexes = [("user_id", "revoked_at")]
        constraints = [
            CheckConstraint(check="idle_timeout_minutes > 0", name="session_idle_timeout_positive"),
            CheckConstraint(check="expires_at > created_at", name="session_expires_after_creation"),
        ]


class LoginFailure(Model):
    """One failed login, counted per account and per address to throttle guessing."""

    id = fields.BigIntField(primary_key=True)
    email = fields.CharField(max_length=254, description="as typed, lower-cased")
    ip = fields.CharField(max_length=64)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "login_failure"
        indexes = [("email", "at"), ("ip", "at")]


class LinkPurpose(StrEnum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"


class OneTimeLink(Model):
    """An invitation or password-reset link: expires, and works once."""

    id = fields.IntField(primary_key=True)
    purpose = fields.CharEnumField(LinkPurpose, max_length=16)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="one_time_links", on_delete=fields.CASCADE
    )
    user_id: int
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="links_created", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "one_time_link"
        indexes = [("user_id", "purpose")]
