"""The e-mail outbox and the PostgreSQL-backed job queue."""

from typing import Any

from tortoise import fields
from tortoise.models import Model


class OutboxMessage(Model):
    """An e-mail written in the same transaction as the change it reports, sent later."""

    id = fields.IntField(primary_key=True)
    to_email = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=200)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField(
        null=True, description="after a failure: wait until then"
    )
    last_error = fields.TextField(default="")

    class Meta:
        table = "outbox_message"
        ordering = ["-created_at", "-id"]
        indexes = [("sent_at", "created_at")]


class Job(Model):
    """Deferred or periodic work. Workers claim rows with ``FOR UPDATE SKIP LOCKED``, so a
    job runs once however many processes work; ``unique_key`` makes enqueueing idempotent."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=64)
    payload: dict[str, Any] = fields.JSONField(default=dict)
    unique_key = fields.CharField(max_length=200, null=True, unique=True)
    run_at = fields.DatetimeField()
    attempts = fields.SmallIntField(default=0)
    max_attempts = fields.SmallIntField(default=5)
    locked_at = fields.DatetimeField(null=True)
    locked_by = fields.CharField(max_length=100, default="")
    finished_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "job"
        indexes = [("finished_at", "run_at")]
