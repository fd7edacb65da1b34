"""Shared model building blocks."""

from tortoise import fields
from tortoise.models import Model

APP = "ungeloftet"


class TimestampedModel(Model):
    """A record that knows when it was created and last changed."""

    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A record edited concurrently: writers must name the version they read."""

    version = fields.IntField(default=1)

    class Meta:
        abstract = True
