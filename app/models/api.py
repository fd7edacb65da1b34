"""What the GraphQL API keeps between requests: rate-limit windows and idempotency keys."""

from typing import Any

from tortoise import fields
from tortoise.models import Model

from app.models.accounts import ApiToken


class RateLimitWindow(Model):
    """The points a token has spent in one hour. One row per token and hour, upserted
    with ``INSERT ... ON CONFLICT`` so every app process shares the count."""

    id = fields.BigIntField(primary_key=True)
    token: fields.ForeignKeyRelation[ApiToken] = fields.ForeignKeyField(
        "ungeloftet.ApiToken", related_name="rate_limit_windows", on_delete=fields.CASCADE
    )
    token_id: int
    window_start = fields.DatetimeField()
    points = fields.IntField(default=0)

    class Meta:
        table = "rate_limit_window"
        unique_together = (("token", "window_start"),)
        indexes = [("window_start",)]


class IdempotencyKey(Model):
    """The first result of a mutation sent with an idempotency key: the same key with the
    same input gets that result again; with another input, an error."""

    id = fields.BigIntField(primary_key=True)
    token: fields.ForeignKeyRelation[ApiToken] = fields.ForeignKeyField(
        "ungeloftet.ApiToken", related_name="idempotency_keys", on_delete=fields.CASCADE
    )
    token_id: int
    key = fields.CharField(max_length=100)
    operation = fields.CharField(max_length=64)
    input_hash = fields.CharField(max_length=64, description="SHA-256 of the canonical input")
    result: dict[str, Any] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "idempotency_key"
        unique_together = (("token", "key"),)
        indexes = [("created_at",)]
