"""Companies in the partnership and their pledges."""

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from app.models.base import TimestampedModel
from app.models.geography import Municipality, Postcode
from app.models.reference import Industry


class VerificationStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class Company(TimestampedModel):
    id = fields.IntField(primary_key=True)
    cvr = fields.CharField(max_length=8, unique=True, description="CVR number, 8 digits")
    name = fields.CharField(max_length=200)
    address = fields.CharField(max_length=200, default="")
    postcode: fields.ForeignKeyRelation[Postcode] = fields.ForeignKeyField(
        "ungeloftet.Postcode", related_name="companies", on_delete=fields.RESTRICT
    )
    postcode_id: int
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="companies", on_delete=fields.RESTRICT
    )
    municipality_id: int
    industry: fields.ForeignKeyNullableRelation[Industry] = fields.ForeignKeyField(
        "ungeloftet.Industry", related_name="companies", null=True, on_delete=fields.RESTRICT
    )
    industry_id: int | None
    description = fields.TextField(default="")
    website = fields.CharField(max_length=300, default="")
    status = fields.CharEnumField(
        VerificationStatus, max_length=16, default=VerificationStatus.PENDING
    )
    verified_at = fields.DatetimeField(null=True)
    rejection_reason = fields.TextField(default="")
    is_demo = fields.BooleanField(default=False)

    class Meta:
        table = "company"
        ordering = ["name"]
        indexes = [("municipality_id", "status")]
        constraints = [
            CheckConstraint(check="cvr ~ '^[0-9]{8}$'", name="company_cvr_format"),
            CheckConstraint(
                check="status <> 'verified' OR verified_at IS NOT NULL",
                name="company_verified_has_date",
            ),
        ]


class Pledge(TimestampedModel):
    """A company's promise to the partnership: a number of openings from a date."""

    id = fields.IntField(primary_key=True)
    company: fields.ForeignKeyRelation[Company] = fields.ForeignKeyField(
        "ungeloftet.Company", related_name="pledges", on_delete=fields.CASCADE
    )
    company_id: int
    openings_promised = fields.IntField()
    joined_on = fields.DateField()
    note = fields.TextField(default="")

    class Meta:
        table = "pledge"
        indexes = [("company_id", "joined_on")]
        constraints = [
            CheckConstraint(check="openings_promised >= 1", name="pledge_openings_positive"),
        ]
