"""Reference lists: DISCO-08 occupations, DB07 industries, and versioned code lists."""

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from app.models.base import TimestampedModel


class Occupation(TimestampedModel):
    """A DISCO-08 group: a major group (level 1, code '2') or sub-major group (level 2, '21')."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=4, unique=True)
    level = fields.SmallIntField()
    title_da = fields.CharField(max_length=200)
    title_en = fields.CharField(max_length=200)
    parent: fields.ForeignKeyNullableRelation["Occupation"] = fields.ForeignKeyField(
        "ungeloftet.Occupation", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None

    class Meta:
        table = "occupation"
        ordering = ["code"]
        constraints = [CheckConstraint(check="level IN (1, 2)", name="occupation_level")]


class Industry(TimestampedModel):
    """A DB07 section (A-U) with its range of divisions."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=1, unique=True)
    divisions = fields.CharField(max_length=8)
    title_da = fields.CharField(max_length=200)
    title_en = fields.CharField(max_length=200)

    class Meta:
        table = "industry"
        ordering = ["code"]


class CodeList(StrEnum):
    """The vocabularies kept as data, each with Danish and English labels."""

    OPENING_KIND = "opening_kind"
    OPENING_STATUS = "opening_status"
    SUPPORT = "support"
    REQUIREMENT = "requirement"
    SUPPORT_NEED = "support_need"
    EDUCATION_LEVEL = "education_level"
    PATHWAY_STATUS = "pathway_status"
    TARGET_GROUP = "target_group"
    MATCH_STAGE = "match_stage"
    MATCH_REASON = "match_reason"
    ORGANISATION_KIND = "organisation_kind"
    OFFER_KIND = "offer_kind"
    CONTACT_KIND = "contact_kind"


class CodeValue(TimestampedModel):
    """One value of a code list, valid over a period: vocabularies change with reforms."""

    id = fields.IntField(primary_key=True)
    list = fields.CharEnumField(CodeList, max_length=32)
    key = fields.CharField(max_length=48)
    label_da = fields.CharField(max_length=160)
    label_en = fields.CharField(max_length=160)
    sort_order = fields.SmallIntField(default=0)
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)

    class Meta:
        table = "code_value"
        ordering = ["list", "sort_order", "key"]
        unique_together = (("list", "key", "valid_from"),)
        constraints = [
            CheckConstraint(check="key ~ '^[a-z][a-z0-9_]*$'", name="code_value_key_format"),
            CheckConstraint(
                check="valid_to IS NULL OR valid_to > valid_from", name="code_value_valid_range"
            ),
        ]
