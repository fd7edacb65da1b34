from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from app.models.accounts import Role
from app.models.companies import VerificationStatus
from app.models.matches import ContactWith, MatchStage, ReferralStatus
from app.models.openings import OpeningStatus
from app.models.pathways import PlanKind
from app.models.people import ConsentPurpose
from app.models.reference import CodeList
from json import dumps, loads
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.contrib.postgres.indexes import GinIndex
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="CodeValue",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "list",
                    fields.CharEnumField(
                        description="OPENING_KIND: opening_kind\nOPENING_STATUS: opening_status\nSUPPORT: support\nREQUIREMENT: requirement\nSUPPORT_NEED: support_need\nEDUCATION_LEVEL: education_level\nPATHWAY_STATUS: pathway_status\nTARGET_GROUP: target_group\nMATCH_STAGE: match_stage\nMATCH_REASON: match_reason\nORGANISATION_KIND: organisation_kind\nOFFER_KIND: offer_kind\nCONTACT_KIND: contact_kind",
                        enum_type=CodeList,
                        max_length=32,
                    ),
                ),
                ("key", fields.CharField(max_length=48)),
                ("label_da", fields.CharField(max_length=160)),
                ("label_en", fields.CharField(max_length=160)),
                ("sort_order", fields.SmallIntField(default=0)),
                ("valid_from", fields.DateField()),
                ("valid_to", fields.DateField(null=True)),
            ],
            options={
                "table": "code_value",
                "app": "ungeloftet",
                "unique_together": (("list", "key", "valid_from"),),
                "constraints": [
                    CheckConstraint(
                        check="key ~ '^[a-z][a-z0-9_]*$'", name="code_value_key_format"
                    ),
                    CheckConstraint(
                        check="valid_to IS NULL OR valid_to > valid_from",
                        name="code_value_valid_range",
                    ),
                ],
                "pk_attr": "id",
                "table_description": "One value of a code list, valid over a period: vocabularies change with reforms.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Industry",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=1)),
                ("divisions", fields.CharField(max_length=8)),
                ("title_da", fields.CharField(max_length=200)),
                ("title_en", fields.CharField(max_length=200)),
            ],
            options={
                "table": "industry",
                "app": "ungeloftet",
                "pk_attr": "id",
                "table_description": "A DB07 section (A-U) with its range of divisions.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Occupation",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=4)),
                ("level", fields.SmallIntField()),
                ("title_da", fields.CharField(max_length=200)),
                ("title_en", fields.CharField(max_length=200)),
                (
                    "parent",
                    fields.ForeignKeyField(
                        "ungeloftet.Occupation",
                        source_field="parent_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="children",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
            ],
            options={
                "table": "occupation",
                "app": "ungeloftet",
                "constraints": [CheckConstraint(check="level IN (1, 2)", name="occupation_level")],
                "pk_attr": "id",
                "table_description": "A DISCO-08 group: a major group (level 1, code '2') or sub-major group (level 2, '21').",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Region",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "code",
                    fields.SmallIntField(unique=True, description="DAWA region code, 1081-1085"),
                ),
                ("name", fields.CharField(max_length=80)),
                ("official_name", fields.CharField(max_length=120)),
                ("nuts2", fields.CharField(max_length=8)),
                ("valid_from", fields.DateField()),
                ("valid_to", fields.DateField(null=True)),
            ],
            options={
                "table": "region",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="valid_to IS NULL OR valid_to > valid_from", name="region_valid_range"
                    )
                ],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="EmploymentCouncil",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(unique=True, max_length=120)),
                (
                    "region",
                    fields.ForeignKeyField(
                        "ungeloftet.Region",
                        source_field="region_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="employment_councils",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("valid_from", fields.DateField()),
                ("valid_to", fields.DateField(null=True)),
            ],
            options={
                "table": "employment_council",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="valid_to IS NULL OR valid_to > valid_from",
                        name="employment_council_valid_range",
                    )
                ],
                "pk_attr": "id",
                "table_description": "A regional employment council (from 2025) or one of the eight former RAR areas.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Municipality",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "code",
                    fields.SmallIntField(
                        unique=True, description="3-digit municipality code, e.g. 101"
                    ),
                ),
                ("name", fields.CharField(max_length=80)),
                (
                    "region",
                    fields.ForeignKeyField(
                        "ungeloftet.Region",
                        source_field="region_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="municipalities",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("lat", fields.FloatField()),
                ("lon", fields.FloatField()),
            ],
            options={
                "table": "municipality",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="code BETWEEN 100 AND 999", name="municipality_code_range"
                    ),
                    CheckConstraint(
                        check="lat BETWEEN 54 AND 58 AND lon BETWEEN 8 AND 16",
                        name="municipality_point_in_denmark",
                    ),
                ],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="CouncilMembership",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="council_memberships",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "council",
                    fields.ForeignKeyField(
                        "ungeloftet.EmploymentCouncil",
                        source_field="council_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="memberships",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("valid_from", fields.DateField()),
                ("valid_to", fields.DateField(null=True)),
            ],
            options={
                "table": "council_membership",
                "app": "ungeloftet",
                "unique_together": (("municipality", "council", "valid_from"),),
                "constraints": [
                    CheckConstraint(
                        check="valid_to IS NULL OR valid_to > valid_from",
                        name="council_membership_valid_range",
                    )
                ],
                "pk_attr": "id",
                "table_description": "Which employment council a municipality belonged to, and when.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Postcode",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.SmallIntField(unique=True)),
                ("name", fields.CharField(max_length=80)),
                ("lat", fields.FloatField()),
                ("lon", fields.FloatField()),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        description="the first municipality the postcode area overlaps",
                        db_constraint=True,
                        to_field="id",
                        related_name="postcodes",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "municipalities",
                    fields.ManyToManyField(
                        "ungeloftet.Municipality",
                        unique=True,
                        description="every municipality the postcode area overlaps",
                        db_constraint=True,
                        through="postcode_municipality",
                        forward_key="municipality_id",
                        backward_key="postcode_id",
                        related_name="postcode_areas",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
            ],
            options={
                "table": "postcode",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(check="code BETWEEN 1000 AND 9999", name="postcode_code_range"),
                    CheckConstraint(
                        check="lat BETWEEN 54 AND 58 AND lon BETWEEN 8 AND 16",
                        name="postcode_point_in_denmark",
                    ),
                ],
                "pk_attr": "id",
                "table_description": "A postcode with a representative point, used for distances.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Company",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "cvr",
                    fields.CharField(unique=True, description="CVR number, 8 digits", max_length=8),
                ),
                ("name", fields.CharField(max_length=200)),
                ("address", fields.CharField(default="", max_length=200)),
                (
                    "postcode",
                    fields.ForeignKeyField(
                        "ungeloftet.Postcode",
                        source_field="postcode_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="companies",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="companies",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "industry",
                    fields.ForeignKeyField(
                        "ungeloftet.Industry",
                        source_field="industry_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="companies",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("description", fields.TextField(default="", unique=False)),
                ("website", fields.CharField(default="", max_length=300)),
                (
                    "status",
                    fields.CharEnumField(
                        default=VerificationStatus.PENDING,
                        description="PENDING: pending\nVERIFIED: verified\nREJECTED: rejected",
                        enum_type=VerificationStatus,
                        max_length=16,
                    ),
                ),
                (
                    "verified_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("rejection_reason", fields.TextField(default="", unique=False)),
                ("is_demo", fields.BooleanField(default=False)),
            ],
            options={
                "table": "company",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(check="cvr ~ '^[0-9]{8}$'", name="company_cvr_format"),
                    CheckConstraint(
                        check="status <> 'verified' OR verified_at IS NOT NULL",
                        name="company_verified_has_date",
                    ),
                ],
                "indexes": [Index(fields=["municipality_id", "status"])],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="JobOpening",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("version", fields.IntField(default=1)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "company",
                    fields.ForeignKeyField(
                        "ungeloftet.Company",
                        source_field="company_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="openings",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("title", fields.CharField(max_length=200)),
                ("description", fields.TextField(default="", unique=False)),
                (
                    "occupation",
                    fields.ForeignKeyField(
                        "ungeloftet.Occupation",
                        source_field="occupation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="openings",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "kind",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="kind_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="openings_of_kind",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("hours_min", fields.SmallIntField()),
                ("hours_max", fields.SmallIntField()),
                (
                    "postcode",
                    fields.ForeignKeyField(
                        "ungeloftet.Postcode",
                        source_field="postcode_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="openings",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="openings",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("lat", fields.FloatField()),
                ("lon", fields.FloatField()),
                ("positions", fields.SmallIntField(default=1)),
                ("start_date", fields.DateField(null=True)),
                (
                    "posted_on",
                    fields.DateField(null=True, description="set when the opening is published"),
                ),
                ("apply_by", fields.DateField(null=True)),
                ("min_age", fields.SmallIntField(null=True)),
                (
                    "requirements",
                    ArrayField(
                        default=list, description="requirement code keys", element_type="TEXT"
                    ),
                ),
                (
                    "supports",
                    ArrayField(default=list, description="support code keys", element_type="TEXT"),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=OpeningStatus.DRAFT,
                        description="DRAFT: draft\nOPEN: open\nFILLED: filled\nCLOSED: closed",
                        enum_type=OpeningStatus,
                        max_length=16,
                    ),
                ),
                ("closed_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "job_opening",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="hours_min >= 0 AND hours_min <= hours_max AND hours_max <= 37",
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
                        check="min_age IS NULL OR min_age BETWEEN 15 AND 30",
                        name="job_opening_min_age",
                    ),
                    CheckConstraint(check="version >= 1", name="job_opening_version_positive"),
                ],
                "indexes": [
                    Index(fields=["status", "municipality_id"]),
                    Index(fields=["company_id", "status"]),
                    Index(fields=["occupation_id", "status"]),
                    Index(fields=["status", "posted_on"]),
                    GinIndex(fields=["supports"], name="job_opening_supports_gin"),
                ],
                "pk_attr": "id",
                "table_description": "An opening suited to young people. Its point is copied from its postcode, so that",
            },
            bases=["VersionedModel"],
        ),
        ops.CreateModel(
            name="Organisation",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(max_length=200)),
                (
                    "kind",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="kind_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="organisations_of_kind",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("cvr", fields.CharField(null=True, unique=True, max_length=8)),
                ("description", fields.TextField(default="", unique=False)),
                ("website", fields.CharField(default="", max_length=300)),
                (
                    "email",
                    fields.CharField(
                        default="", description="the organisation's public address", max_length=254
                    ),
                ),
                ("phone", fields.CharField(default="", max_length=32)),
                (
                    "postcode",
                    fields.ForeignKeyField(
                        "ungeloftet.Postcode",
                        source_field="postcode_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="organisations",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "municipalities",
                    fields.ManyToManyField(
                        "ungeloftet.Municipality",
                        unique=True,
                        description="the municipalities the organisation serves",
                        db_constraint=True,
                        through="organisation_municipality",
                        forward_key="municipality_id",
                        backward_key="organisation_id",
                        related_name="organisations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=VerificationStatus.PENDING,
                        description="PENDING: pending\nVERIFIED: verified\nREJECTED: rejected",
                        enum_type=VerificationStatus,
                        max_length=16,
                    ),
                ),
                (
                    "verified_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("is_demo", fields.BooleanField(default=False)),
            ],
            options={
                "table": "organisation",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="cvr IS NULL OR cvr ~ '^[0-9]{8}$'", name="organisation_cvr_format"
                    ),
                    CheckConstraint(
                        check="status <> 'verified' OR verified_at IS NOT NULL",
                        name="organisation_verified_has_date",
                    ),
                ],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Initiative",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("title", fields.CharField(max_length=200)),
                ("summary", fields.TextField(default="", unique=False)),
                (
                    "owner_municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="owner_municipality_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="initiatives",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "owner_organisation",
                    fields.ForeignKeyField(
                        "ungeloftet.Organisation",
                        source_field="owner_organisation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="initiatives",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("target_group", fields.TextField(default="", unique=False)),
                ("partners", fields.TextField(default="", unique=False)),
                ("results", fields.TextField(default="", unique=False)),
                ("starts_on", fields.DateField()),
                ("ends_on", fields.DateField(null=True)),
                ("tags", ArrayField(default=list, element_type="TEXT")),
                ("is_demo", fields.BooleanField(default=False)),
            ],
            options={
                "table": "initiative",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="(owner_municipality_id IS NULL) <> (owner_organisation_id IS NULL)",
                        name="initiative_one_owner",
                    ),
                    CheckConstraint(
                        check="ends_on IS NULL OR ends_on >= starts_on", name="initiative_period"
                    ),
                ],
                "pk_attr": "id",
                "table_description": "An entry in the initiative catalogue, owned by a municipality or an organisation.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Offer",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "ungeloftet.Organisation",
                        source_field="organisation_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="offers",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="kind_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="offers_of_kind",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("title", fields.CharField(max_length=200)),
                ("description", fields.TextField(default="", unique=False)),
                ("age_min", fields.SmallIntField(default=15)),
                ("age_max", fields.SmallIntField(default=29)),
                ("is_active", fields.BooleanField(default=True)),
            ],
            options={
                "table": "offer",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="age_min >= 0 AND age_min <= age_max", name="offer_age_range"
                    )
                ],
                "indexes": [Index(fields=["organisation_id", "is_active"])],
                "pk_attr": "id",
                "table_description": "Something an organisation offers young people: mentoring, a community, a job club ...",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Pledge",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "company",
                    fields.ForeignKeyField(
                        "ungeloftet.Company",
                        source_field="company_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="pledges",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("openings_promised", fields.IntField()),
                ("joined_on", fields.DateField()),
                ("note", fields.TextField(default="", unique=False)),
            ],
            options={
                "table": "pledge",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(check="openings_promised >= 1", name="pledge_openings_positive")
                ],
                "indexes": [Index(fields=["company_id", "joined_on"])],
                "pk_attr": "id",
                "table_description": "A company's promise to the partnership: a number of openings from a date.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="User",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "email",
                    fields.CharField(unique=True, description="stored lower-cased", max_length=254),
                ),
                ("name", fields.CharField(max_length=200)),
                ("password_hash", fields.CharField(default="", max_length=200)),
                (
                    "role",
                    fields.CharEnumField(
                        description="ADMIN: admin\nCONSULTANT: consultant\nCOMPANY: company\nORGANISATION: organisation",
                        enum_type=Role,
                        max_length=16,
                    ),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="users",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "company",
                    fields.ForeignKeyField(
                        "ungeloftet.Company",
                        source_field="company_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="users",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "ungeloftet.Organisation",
                        source_field="organisation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="users",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "is_manager",
                    fields.BooleanField(
                        default=False,
                        description="municipality lead or company admin: manages colleagues",
                    ),
                ),
                ("is_active", fields.BooleanField(default=True)),
                (
                    "last_login_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("is_demo", fields.BooleanField(default=False)),
            ],
            options={
                "table": "app_user",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(check="email = lower(email)", name="app_user_email_lower"),
                    CheckConstraint(
                        check="(role = 'admin' AND municipality_id IS NULL AND company_id IS NULL AND organisation_id IS NULL) OR (role = 'consultant' AND municipality_id IS NOT NULL AND company_id IS NULL AND organisation_id IS NULL) OR (role = 'company' AND company_id IS NOT NULL AND municipality_id IS NULL AND organisation_id IS NULL) OR (role = 'organisation' AND organisation_id IS NOT NULL AND municipality_id IS NULL AND company_id IS NULL)",
                        name="app_user_role_tenant",
                    ),
                ],
                "pk_attr": "id",
                "table_description": "A person who logs in to the portals. Each role belongs to exactly one tenant",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="ApiToken",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("name", fields.CharField(max_length=200)),
                (
                    "prefix",
                    fields.CharField(
                        unique=True, description="public part, to find the token", max_length=16
                    ),
                ),
                ("secret_hash", fields.CharField(max_length=128)),
                ("scopes", ArrayField(default=list, element_type="TEXT")),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="created_tokens",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "company",
                    fields.ForeignKeyField(
                        "ungeloftet.Company",
                        source_field="company_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="api_tokens",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="api_tokens",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("expires_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "last_used_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "api_token",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="company_id IS NULL OR municipality_id IS NULL",
                        name="api_token_one_tenant",
                    )
                ],
                "pk_attr": "id",
                "table_description": "A bearer token for /graphql. Only a hash is stored; the secret is shown once.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "actor_user",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="actor_user_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="audit_events",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "actor_token",
                    fields.ForeignKeyField(
                        "ungeloftet.ApiToken",
                        source_field="actor_token_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="audit_events",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "action",
                    fields.CharField(
                        description="read, create, update, delete, export, erase", max_length=32
                    ),
                ),
                ("purpose", fields.CharField(default="", max_length=200)),
                ("subject_type", fields.CharField(max_length=48)),
                ("subject_id", fields.BigIntField()),
                (
                    "young_person_id",
                    fields.BigIntField(null=True, description="the person the record is about"),
                ),
                ("ip", fields.CharField(default="", max_length=64)),
                ("request_id", fields.CharField(default="", max_length=64)),
                (
                    "detail",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
            ],
            options={
                "table": "audit_event",
                "app": "ungeloftet",
                "indexes": [
                    Index(fields=["young_person_id", "at"]),
                    Index(fields=["actor_user_id", "at"]),
                    Index(fields=["subject_type", "subject_id"]),
                ],
                "pk_attr": "id",
                "table_description": "Who read or changed which personal record, when, from where and why.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="YoungPerson",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("version", fields.IntField(default=1)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "municipality",
                    fields.ForeignKeyField(
                        "ungeloftet.Municipality",
                        source_field="municipality_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="young_people",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "consultant",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="consultant_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="caseload",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("first_name", fields.CharField(default="", max_length=100)),
                ("last_name", fields.CharField(default="", max_length=100)),
                ("email", fields.CharField(default="", max_length=254)),
                ("phone", fields.CharField(default="", max_length=32)),
                ("birth_date", fields.DateField(null=True)),
                (
                    "birth_year",
                    fields.SmallIntField(description="kept after erasure, for age statistics"),
                ),
                (
                    "postcode",
                    fields.ForeignKeyField(
                        "ungeloftet.Postcode",
                        source_field="postcode_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="young_people",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("max_commute_km", fields.SmallIntField(default=20)),
                ("hours_available", fields.SmallIntField(default=20)),
                (
                    "interests",
                    ArrayField(default=list, description="DISCO-08 codes", element_type="TEXT"),
                ),
                ("has_drivers_licence", fields.BooleanField(default=False)),
                (
                    "support_needs",
                    ArrayField(
                        default=list,
                        description="support-need keys, never diagnoses",
                        element_type="TEXT",
                    ),
                ),
                (
                    "education_level",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="education_level_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="young_people_at_level",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("erased_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("is_demo", fields.BooleanField(default=False)),
            ],
            options={
                "table": "young_person",
                "app": "ungeloftet",
                "constraints": [
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
                        check="erased_at IS NULL OR (first_name = '' AND last_name = '' AND email = '' AND phone = '' AND birth_date IS NULL)",
                        name="young_person_erased_is_blank",
                    ),
                ],
                "indexes": [
                    Index(fields=["municipality_id", "consultant_id"]),
                    Index(fields=["municipality_id", "erased_at"]),
                ],
                "pk_attr": "id",
            },
            bases=["VersionedModel"],
        ),
        ops.CreateModel(
            name="Consent",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "young_person",
                    fields.ForeignKeyField(
                        "ungeloftet.YoungPerson",
                        source_field="young_person_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="consents",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "purpose",
                    fields.CharEnumField(
                        description="SHARE_WITH_COMPANY: share_with_company\nSHARE_WITH_ORGANISATION: share_with_organisation",
                        enum_type=ConsentPurpose,
                        max_length=32,
                    ),
                ),
                (
                    "company",
                    fields.ForeignKeyField(
                        "ungeloftet.Company",
                        source_field="company_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="consents",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "organisation",
                    fields.ForeignKeyField(
                        "ungeloftet.Organisation",
                        source_field="organisation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="consents",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("given_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "given_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="given_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="consents_recorded",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "revoked_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="revoked_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="consents_revoked",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
            ],
            options={
                "table": "consent",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="(purpose = 'share_with_company' AND company_id IS NOT NULL AND organisation_id IS NULL) OR (purpose = 'share_with_organisation' AND organisation_id IS NOT NULL AND company_id IS NULL)",
                        name="consent_recipient_matches_purpose",
                    ),
                    CheckConstraint(
                        check="revoked_at IS NULL OR revoked_at >= given_at",
                        name="consent_revoked_after_given",
                    ),
                ],
                "indexes": [Index(fields=["young_person_id", "purpose"])],
                "pk_attr": "id",
                "table_description": "One entry of a young person's consent ledger: given to one recipient for one",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Match",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("version", fields.IntField(default=1)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "young_person",
                    fields.ForeignKeyField(
                        "ungeloftet.YoungPerson",
                        source_field="young_person_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="matches",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "opening",
                    fields.ForeignKeyField(
                        "ungeloftet.JobOpening",
                        source_field="opening_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="matches",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "proposed_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="proposed_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="matches_proposed",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("proposed_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("score", fields.FloatField()),
                (
                    "explanation",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "stage",
                    fields.CharEnumField(
                        default=MatchStage.PROPOSED,
                        description="PROPOSED: proposed\nINTERESTED: interested\nNOT_NOW: not_now\nNOT_A_FIT: not_a_fit\nINTERVIEW: interview\nSTARTED: started\nRETAINED_3M: retained_3m\nENDED: ended\nEXPIRED: expired\nWITHDRAWN: withdrawn",
                        enum_type=MatchStage,
                        max_length=16,
                    ),
                ),
                ("stage_changed_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "reason",
                    fields.CharField(
                        default="", description="match_reason key of an answer", max_length=48
                    ),
                ),
            ],
            options={
                "table": "match",
                "app": "ungeloftet",
                "unique_together": (("young_person", "opening"),),
                "constraints": [
                    CheckConstraint(check="score >= 0 AND score <= 1", name="match_score_range"),
                    CheckConstraint(
                        check="stage_changed_at >= proposed_at", name="match_stage_after_proposal"
                    ),
                ],
                "indexes": [
                    Index(fields=["opening_id", "stage"]),
                    Index(fields=["stage", "stage_changed_at"]),
                ],
                "pk_attr": "id",
                "table_description": "A young person proposed for an opening, with the score and its explanation frozen",
            },
            bases=["VersionedModel"],
        ),
        ops.CreateModel(
            name="MatchEvent",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "match",
                    fields.ForeignKeyField(
                        "ungeloftet.Match",
                        source_field="match_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "stage",
                    fields.CharEnumField(
                        description="PROPOSED: proposed\nINTERESTED: interested\nNOT_NOW: not_now\nNOT_A_FIT: not_a_fit\nINTERVIEW: interview\nSTARTED: started\nRETAINED_3M: retained_3m\nENDED: ended\nEXPIRED: expired\nWITHDRAWN: withdrawn",
                        enum_type=MatchStage,
                        max_length=16,
                    ),
                ),
                ("at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "actor",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="actor_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="match_events",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("reason", fields.CharField(default="", max_length=48)),
            ],
            options={
                "table": "match_event",
                "app": "ungeloftet",
                "indexes": [Index(fields=["match_id", "at"]), Index(fields=["stage", "at"])],
                "pk_attr": "id",
                "table_description": "One timed transition of a match.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Pathway",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("version", fields.IntField(default=1)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "young_person",
                    fields.ForeignKeyField(
                        "ungeloftet.YoungPerson",
                        source_field="young_person_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="pathways",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("started_on", fields.DateField()),
                ("ended_on", fields.DateField(null=True)),
                (
                    "status",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="status_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="pathways_in_status",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "outcome",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="outcome_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="pathways_with_outcome",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
            ],
            options={
                "table": "pathway",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="ended_on IS NULL OR ended_on >= started_on", name="pathway_period"
                    )
                ],
                "indexes": [
                    Index(fields=["young_person_id", "started_on"]),
                    Index(fields=["status_id", "started_on"]),
                ],
                "pk_attr": "id",
                "table_description": "A young person's pathway. ``status`` is the latest entry of its status history.",
            },
            bases=["VersionedModel"],
        ),
        ops.CreateModel(
            name="PathwayStatusChange",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "pathway",
                    fields.ForeignKeyField(
                        "ungeloftet.Pathway",
                        source_field="pathway_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="status_changes",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "status",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="status_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="status_changes",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("changed_on", fields.DateField()),
                (
                    "recorded_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="recorded_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="status_changes_recorded",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("note", fields.TextField(default="", unique=False)),
            ],
            options={
                "table": "pathway_status_change",
                "app": "ungeloftet",
                "indexes": [
                    Index(fields=["pathway_id", "changed_on"]),
                    Index(fields=["status_id", "changed_on"]),
                ],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Plan",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "pathway",
                    fields.ForeignKeyField(
                        "ungeloftet.Pathway",
                        source_field="pathway_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="plans",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="EDUCATION_PLAN: education_plan\nPATHWAY_PLAN: pathway_plan",
                        enum_type=PlanKind,
                        max_length=16,
                    ),
                ),
                ("created_on", fields.DateField()),
            ],
            options={"table": "plan", "app": "ungeloftet", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="PlanGoal",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "plan",
                    fields.ForeignKeyField(
                        "ungeloftet.Plan",
                        source_field="plan_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="goals",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("title", fields.CharField(max_length=200)),
                ("due_on", fields.DateField(null=True)),
                ("achieved_on", fields.DateField(null=True)),
            ],
            options={"table": "plan_goal", "app": "ungeloftet", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="PlanAction",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "goal",
                    fields.ForeignKeyField(
                        "ungeloftet.PlanGoal",
                        source_field="goal_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="actions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("title", fields.CharField(max_length=200)),
                ("planned_on", fields.DateField(null=True)),
                ("done_on", fields.DateField(null=True)),
                ("responsible", fields.CharField(default="", max_length=200)),
            ],
            options={
                "table": "plan_action",
                "app": "ungeloftet",
                "pk_attr": "id",
                "table_description": "A step towards a goal, with planned and actual dates: open actions carry over",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Referral",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "young_person",
                    fields.ForeignKeyField(
                        "ungeloftet.YoungPerson",
                        source_field="young_person_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="referrals",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "offer",
                    fields.ForeignKeyField(
                        "ungeloftet.Offer",
                        source_field="offer_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="referrals",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "referred_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="referred_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="referrals_made",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("referred_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "status",
                    fields.CharEnumField(
                        default=ReferralStatus.SENT,
                        description="SENT: sent\nACCEPTED: accepted\nDECLINED: declined\nCOMPLETED: completed\nWITHDRAWN: withdrawn",
                        enum_type=ReferralStatus,
                        max_length=16,
                    ),
                ),
                (
                    "answered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("answer_note", fields.TextField(default="", unique=False)),
            ],
            options={
                "table": "referral",
                "app": "ungeloftet",
                "constraints": [
                    CheckConstraint(
                        check="answered_at IS NULL OR answered_at >= referred_at",
                        name="referral_answer_after",
                    )
                ],
                "indexes": [
                    Index(fields=["offer_id", "status"]),
                    Index(fields=["young_person_id", "referred_at"]),
                ],
                "pk_attr": "id",
                "table_description": "A young person referred to an organisation's offer, and the organisation's answer.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="SupportContact",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "young_person",
                    fields.ForeignKeyField(
                        "ungeloftet.YoungPerson",
                        source_field="young_person_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="support_contacts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "match",
                    fields.ForeignKeyField(
                        "ungeloftet.Match",
                        source_field="match_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="support_contacts",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "consultant",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="consultant_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="support_contacts",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "contact_with",
                    fields.CharEnumField(
                        description="YOUNG_PERSON: young_person\nEMPLOYER: employer",
                        enum_type=ContactWith,
                        max_length=16,
                    ),
                ),
                (
                    "kind",
                    fields.CharField(
                        description="contact_kind key: meeting, phone, ...", max_length=48
                    ),
                ),
                ("occurred_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("note", fields.TextField(default="", unique=False)),
            ],
            options={
                "table": "support_contact",
                "app": "ungeloftet",
                "indexes": [
                    Index(fields=["young_person_id", "occurred_at"]),
                    Index(fields=["consultant_id", "occurred_at"]),
                ],
                "pk_attr": "id",
                "table_description": "An IPS-style follow-along contact with the young person or the employer.",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="TargetGroupAssessment",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "pathway",
                    fields.ForeignKeyField(
                        "ungeloftet.Pathway",
                        source_field="pathway_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="assessments",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "target_group",
                    fields.ForeignKeyField(
                        "ungeloftet.CodeValue",
                        source_field="target_group_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="assessments",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("assessed_on", fields.DateField()),
                (
                    "assessed_by",
                    fields.ForeignKeyField(
                        "ungeloftet.User",
                        source_field="assessed_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="assessments_made",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("note", fields.TextField(default="", unique=False)),
            ],
            options={
                "table": "target_group_assessment",
                "app": "ungeloftet",
                "indexes": [Index(fields=["pathway_id", "assessed_on"])],
                "pk_attr": "id",
            },
            bases=["TimestampedModel"],
        ),
    ]
