"""Regions, employment councils, municipalities and postcodes.

Geography changes (the 2025 employment councils, Region Østdanmark from 2027), so
regions, councils and memberships carry validity dates instead of being hard-coded.
"""

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from app.models.base import TimestampedModel


class Region(TimestampedModel):
    id = fields.IntField(primary_key=True)
    code = fields.SmallIntField(unique=True, description="DAWA region code, 1081-1085")
    name = fields.CharField(max_length=80)
    official_name = fields.CharField(max_length=120)
    nuts2 = fields.CharField(max_length=8)
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)

    municipalities: fields.ReverseRelation["Municipality"]

    class Meta:
        table = "region"
        ordering = ["code"]
        constraints = [
            CheckConstraint(
                check="valid_to IS NULL OR valid_to > valid_from", name="region_valid_range"
            ),
        ]


class EmploymentCouncil(TimestampedModel):
    """A regional employment council (from 2025) or one of the eight former RAR areas."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120, unique=True)
    region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "ungeloftet.Region",
        related_name="employment_councils",
        null=True,
        on_delete=fields.RESTRICT,
    )
    region_id: int | None
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)

    class Meta:
        table = "employment_council"
        constraints = [
            CheckConstraint(
                check="valid_to IS NULL OR valid_to > valid_from",
                name="employment_council_valid_range",
            ),
        ]


class Municipality(TimestampedModel):
    id = fields.IntField(primary_key=True)
    code = fields.SmallIntField(unique=True, description="3-digit municipality code, e.g. 101")
    name = fields.CharField(max_length=80)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "ungeloftet.Region", related_name="municipalities", on_delete=fields.RESTRICT
    )
    region_id: int
    lat = fields.FloatField()
    lon = fields.FloatField()

    class Meta:
        table = "municipality"
        ordering = ["name"]
        constraints = [
            CheckConstraint(check="code BETWEEN 100 AND 999", name="municipality_code_range"),
            CheckConstraint(
                check="lat BETWEEN 54 AND 58 AND lon BETWEEN 8 AND 16",
                name="municipality_point_in_denmark",
            ),
        ]


class CouncilMembership(TimestampedModel):
    """Which employment council a municipality belonged to, and when."""

    id = fields.IntField(primary_key=True)
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="council_memberships", on_delete=fields.CASCADE
    )
    municipality_id: int
    council: fields.ForeignKeyRelation[EmploymentCouncil] = fields.ForeignKeyField(
        "ungeloftet.EmploymentCouncil", related_name="memberships", on_delete=fields.RESTRICT
    )
    council_id: int
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)

    class Meta:
        table = "council_membership"
        unique_together = (("municipality", "council", "valid_from"),)
        constraints = [
            CheckConstraint(
                check="valid_to IS NULL OR valid_to > valid_from",
                name="council_membership_valid_range",
            ),
        ]


class Postcode(TimestampedModel):
    """A postcode with a representative point, used for distances."""

    id = fields.IntField(primary_key=True)
    code = fields.SmallIntField(unique=True)
    name = fields.CharField(max_length=80)
    lat = fields.FloatField()
    lon = fields.FloatField()
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality",
        related_name="postcodes",
        on_delete=fields.RESTRICT,
        description="the first municipality the postcode area overlaps",
    )
    municipality_id: int
    municipalities: fields.ManyToManyRelation[Municipality] = fields.ManyToManyField(
        "ungeloftet.Municipality",
        related_name="postcode_areas",
        through="postcode_municipality",
        description="every municipality the postcode area overlaps",
    )

    class Meta:
        table = "postcode"
        ordering = ["code"]
        constraints = [
            CheckConstraint(check="code BETWEEN 1000 AND 9999", name="postcode_code_range"),
            CheckConstraint(
                check="lat BETWEEN 54 AND 58 AND lon BETWEEN 8 AND 16",
                name="postcode_point_in_denmark",
            ),
        ]
