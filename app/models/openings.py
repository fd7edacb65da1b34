"""Job openings posted by companies."""

from enum import StrEnum

from tortoise import fields
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.contrib.postgres.indexes import GinIndex
from tortoise.migrations.constraints import CheckConstraint

from app.models.base import VersionedModel
from app.models.companies import Company
from app.models.geography import Municipality, Postcode
from app.models.reference import CodeValue, Occupation

MAX_HOURS_PER_WEEK = 37


class OpeningStatus(StrEnum):
    """The workflow of an opening: draft -> open -> filled or closed."""

    DRAFT = "draft"
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class JobOpening(VersionedModel):
    """An opening suited to young people. Its point is copied from its postcode, so that
    distance searches use one spatial index (see the migration) without a join."""

    id = fields.IntField(primary_key=True)
    company: fields.ForeignKeyRelation[Company] = fields.ForeignKeyField(
        "ungeloftet.Company", related_name="openings", on_delete=fields.CASCADE
    )
    company_id: int
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    occupation: fields.ForeignKeyRelation[Occupation] = fields.ForeignKeyField(
        "ungeloftet.Occupation", related_name="openings", on_delete=fields.RESTRICT
    )
    occupation_id: int
    kind: fields.ForeignKeyRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue", related_name="openings_of_kind", on_delete=fields.RESTRICT
    )
    kind_id: int
    hours_min = fields.SmallIntField()
    hours_max = fields.SmallIntField()
    postcode: fields.ForeignKeyRelation[Postcode] = fields.ForeignKeyField(
        "ungeloftet.Postcode", related_name="openings", on_delete=fields.RESTRICT
    )
    postcode_id: int
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="openings", on_delete=fields.RESTRICT
    )
    municipality_id: int
    lat = fields.FloatField()
    lon = fields.FloatField()
    positions = fields.SmallIntField(default=1)
    start_date = fields.DateField(null=True)
    posted_on = fields.DateField(null=True, description="set when the opening is published")
    apply_by = fields.DateField(null=True)
    min_age = fields.SmallIntField(null=True)
    requirements = ArrayField("text", default=list, description="requirement code keys")
    supports = ArrayField("text", default=list, description="support code keys")
    status = fields.CharEnumField(OpeningStatus, max_length=16, default=OpeningStatus.DRAFT)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "job_opening"
        ordering = ["-posted_on", "id"]
        indexes = [
            ("status", "municipality_id"),
            ("company_id", "status"),
            ("occupation_id", "status"),
            ("status", "posted_on"),
            GinIndex(fields=("supports",), name="job_opening_supports_gin"),
        ]
        constraints = [
            CheckConstraint(
                check=f"hours_min >= 0 AND hours_min <= hours_max AND hours_max <= {MAX_HOURS_PER_WEEK}",
                name="job_opening_hours_range",
            ),
            CheckConstraint(check="positions >= 1", name="job_opening_positions_positive"),
            CheckConstraint(
                check="apply_by IS NULL OR posted_on IS NULL OR apply_by >= posted_on",
                name="job_opening_apply_by_after_posting",
            ),
            CheckConstraint(
                check="status = 'draft' OR posted_on IS NOT NULL",
                name="job_opening_published_has_date",
            ),
            CheckConstraint(
                check="min_age IS NULL OR min_age BETWEEN 15 AND 30", name="job_opening_min_age"
            ),
            CheckConstraint(check="version >= 1", name="job_opening_version_positive"),
        ]
