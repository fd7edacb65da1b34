"""Young people and their consents: personal, sometimes sensitive data.

Every read and change of these records goes through ``app.services`` and is audited.
Erasure blanks the personal fields and keeps the row as an anonymous placeholder, so
that matches and statistics still count.
"""

from enum import StrEnum

from tortoise import fields
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.migrations.constraints import CheckConstraint

from app.models.accounts import User
from app.models.base import TimestampedModel, VersionedModel
from app.models.companies import Company
from app.models.geography import Municipality, Postcode
from app.models.organisations import Organisation
from app.models.reference import CodeValue


class YoungPerson(VersionedModel):
    id = fields.IntField(primary_key=True)
    municipality: fields.ForeignKeyRelation[Municipality] = fields.ForeignKeyField(
        "ungeloftet.Municipality", related_name="young_people", on_delete=fields.RESTRICT
    )
    municipality_id: int
    consultant: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="caseload", null=True, on_delete=fields.SET_NULL
    )
    consultant_id: int | None
    first_name = fields.CharField(max_length=100, default="")
    last_name = fields.CharField(max_length=100, default="")
    email = fields.CharField(max_length=254, default="")
    phone = fields.CharField(max_length=32, default="")
    birth_date = fields.DateField(null=True)
    birth_year = fields.SmallIntField(description="kept after erasure, for age statistics")
    postcode: fields.ForeignKeyNullableRelation[Postcode] = fields.ForeignKeyField(
        "ungeloftet.Postcode", related_name="young_people", null=True, on_delete=fields.RESTRICT
    )
    postcode_id: int | None
    max_commute_km = fields.SmallIntField(default=20)
    hours_available = fields.SmallIntField(default=20)
    interests = ArrayField("text", default=list, description="DISCO-08 codes")
    has_drivers_licence = fields.BooleanField(default=False)
    support_needs = ArrayField(
        "text", default=list, description="support-need keys, never diagnoses"
    )
    education_level: fields.ForeignKeyNullableRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue",
        related_name="young_people_at_level",
        null=True,
        on_delete=fields.RESTRICT,
    )
    education_level_id: int | None
    erased_at = fields.DatetimeField(null=True)
    is_demo = fields.BooleanField(default=False)

    class Meta:
        table = "young_person"
        ordering = ["last_name", "first_name", "id"]
        indexes = [("municipality_id", "consultant_id"), ("municipality_id", "erased_at")]
        constraints = [
            CheckConstraint(
                check="max_commute_km BETWEEN 0 AND 300", name="young_person_commute_range"
            ),
            CheckConstraint(
                check="hours_available BETWEEN 0 AND 37", name="young_person_hours_range"
            ),
            CheckConstraint(
                check="birth_year BETWEEN 1900 AND 2100", name="young_person_birth_year"
            ),
            CheckConstraint(
                check="birth_date IS NULL OR EXTRACT(YEAR FROM birth_date) = birth_year",
                name="young_person_birth_year_matches",
            ),
            CheckConstraint(
                check=(
                    "erased_at IS NULL OR (first_name = '' AND last_name = '' AND email = ''"
                    " AND phone = '' AND birth_date IS NULL)"
                ),
                name="young_person_erased_is_blank",
            ),
        ]


class ConsentPurpose(StrEnum):
    SHARE_WITH_COMPANY = "share_with_company"
    SHARE_WITH_ORGANISATION = "share_with_organisation"


class Consent(TimestampedModel):
    """One entry of a young person's consent ledger: given to one recipient for one
    purpose, with time and by whom, until revoked."""

    id = fields.IntField(primary_key=True)
    young_person: fields.ForeignKeyRelation[YoungPerson] = fields.ForeignKeyField(
        "ungeloftet.YoungPerson", related_name="consents", on_delete=fields.CASCADE
    )
    young_person_id: int
    purpose = fields.CharEnumField(ConsentPurpose, max_length=32)
    company: fields.ForeignKeyNullableRelation[Company] = fields.ForeignKeyField(
        "ungeloftet.Company", related_name="consents", null=True, on_delete=fields.CASCADE
    )
    company_id: int | None
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "ungeloftet.Organisation", related_name="consents", null=True, on_delete=fields.CASCADE
    )
    organisation_id: int | None
    given_at = fields.DatetimeField()
    given_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="consents_recorded", null=True, on_delete=fields.SET_NULL
    )
    given_by_id: int | None
    revoked_at = fields.DatetimeField(null=True)
    revoked_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="consents_revoked", null=True, on_delete=fields.SET_NULL
    )
    revoked_by_id: int | None

    class Meta:
        table = "consent"
        indexes = [("young_person_id", "purpose")]
        constraints = [
            CheckConstraint(
                check=(
                    "(purpose = 'share_with_company' AND company_id IS NOT NULL"
                    " AND organisation_id IS NULL)"
                    " OR (purpose = 'share_with_organisation' AND organisation_id IS NOT NULL"
                    " AND company_id IS NULL)"
                ),
                name="consent_recipient_matches_purpose",
            ),
            CheckConstraint(
                check="revoked_at IS NULL OR revoked_at >= given_at",
                name="consent_revoked_after_given",
            ),
        ]
