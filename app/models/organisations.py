"""Civil-society organisations, their offers, and the catalogue of initiatives."""

from tortoise import fields
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.migrations.constraints import CheckConstraint

from app.models.base import TimestampedModel
from app.models.companies import VerificationStatus
from app.models.geography import Municipality, Postcode
from app.models.reference import CodeValue


class Organisation(TimestampedModel):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    kind: fields.ForeignKeyRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue", related_name="organisations_of_kind", on_delete=fields.RESTRICT
    )
    kind_id: int
    cvr = fields.CharField(max_length=8, null=True, unique=True)
    description = fields.TextField(default="")
    website = fields.CharField(max_length=300, default="")
    email = fields.CharField(
        max_length=254, default="", description="the organisation's public address"
    )
    phone = fields.CharField(max_length=32, default="")
    postcode: fields.ForeignKeyNullableRelation[Postcode] = fields.ForeignKeyField(
        "ungeloftet.Postcode", related_name="organisations", null=True, on_delete=fields.RESTRICT
    )
    postcode_id: int | None
    municipalities: fields.ManyToManyRelation[Municipality] = fields.ManyToManyField(
        "ungeloftet.Municipality",
        related_name="organisations",
        through="organisation_municipality",
        description="the municipalities the organisation serves",
    )
    status = fields.CharEnumField(
        VerificationStatus, max_length=16, default=VerificationStatus.PENDING
    )
    verified_at = fields.DatetimeField(null=True)
    rejection_reason = fields.TextField(default="")
    is_demo = fields.BooleanField(default=False)

    offers: fields.ReverseRelation["Offer"]

    class Meta:
        table = "organisation"
        ordering = ["name"]
        constraints = [
            CheckConstraint(
                check="cvr IS NULL OR cvr ~ '^[0-9]{8}$'", name="organisation_cvr_format"
            ),
            CheckConstraint(
                check="status <> 'verified' OR verified_at IS NOT NULL",
                name="organisation_verified_has_date",
            ),
        ]


class Offer(TimestampedModel):
    """Something an organisation offers young people: mentoring, a community, a job club ..."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "ungeloftet.Organisation", related_name="offers", on_delete=fields.CASCADE
    )
    organisation_id: int
    kind: fields.ForeignKeyRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue", related_name="offers_of_kind", on_delete=fields.RESTRICT
    )
    kind_id: int
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    age_min = fields.SmallIntField(default=15)
    age_max = fields.SmallIntField(default=29)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "offer"
        indexes = [("organisation_id", "is_active")]
        constraints = [
            CheckConstraint(check="age_min >= 0 AND age_min <= age_max", name="offer_age_range"),
        ]


class Initiative(TimestampedModel):
    """An entry in the initiative catalogue, owned by a municipality or an organisation."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    summary = fields.TextField(default="")
    owner_municipality: fields.ForeignKeyNullableRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="initiatives", null=True, on_delete=fields.RESTRICT
    )
    owner_municipality_id: int | None
    owner_organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "ungeloftet.Organisation", related_name="initiatives", null=True, on_delete=fields.CASCADE
    )
    owner_organisation_id: int | None
    target_group = fields.TextField(default="")
    partners = fields.TextField(default="")
    results = fields.TextField(default="")
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    tags = ArrayField("text", default=list)
    is_demo = fields.BooleanField(default=False)

    class Meta:
        table = "initiative"
        ordering = ["-starts_on", "id"]
        constraints = [
            CheckConstraint(
                check="(owner_municipality_id IS NULL) <> (owner_organisation_id IS NULL)",
                name="initiative_one_owner",
            ),
            CheckConstraint(
                check="ends_on IS NULL OR ends_on >= starts_on", name="initiative_period"
            ),
        ]
