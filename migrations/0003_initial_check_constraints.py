"""Hand-written: the check constraints of the initial models.

tortoise-orm 1.1.9's ``CreateModel`` records ``Meta.constraints`` in the migration state
but does not create check constraints in the database (only ``AddConstraint`` does), so
the constraints of the models created in 0001 are added here. Later constraints come
with ``AddConstraint`` operations as usual. ``tests/test_migrations.py`` checks that every
constraint the models declare exists in the database.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

CHECKS = [
    ("api_token", "api_token_one_tenant", "company_id IS NULL OR municipality_id IS NULL"),
    ("code_value", "code_value_key_format", "key ~ '^[a-z][a-z0-9_]*$'"),
    ("code_value", "code_value_valid_range", "valid_to IS NULL OR valid_to > valid_from"),
    ("company", "company_cvr_format", "cvr ~ '^[0-9]{8}$'"),
    ("company", "company_verified_has_date", "status <> 'verified' OR verified_at IS NOT NULL"),
    (
        "consent",
        "consent_recipient_matches_purpose",
        "(purpose = 'share_with_company' AND company_id IS NOT NULL AND organisation_id IS NULL) OR (purpose = 'share_with_organisation' AND organisation_id IS NOT NULL AND company_id IS NULL)",
    ),
    ("consent", "consent_revoked_after_given", "revoked_at IS NULL OR revoked_at >= given_at"),
    (
        "council_membership",
        "council_membership_valid_range",
        "valid_to IS NULL OR valid_to > valid_from",
    ),
    (
        "employment_council",
        "employment_council_valid_range",
        "valid_to IS NULL OR valid_to > valid_from",
    ),
    (
        "initiative",
        "initiative_one_owner",
        "(owner_municipality_id IS NULL) <> (owner_organisation_id IS NULL)",
    ),
    ("initiative", "initiative_period", "ends_on IS NULL OR ends_on >= starts_on"),
    (
        "job_opening",
        "job_opening_hours_range",
        "hours_min >= 0 AND hours_min <= hours_max AND hours_max <= 37",
    ),
    ("job_opening", "job_opening_positions_positive", "positions >= 1"),
    (
        "job_opening",
        "job_opening_apply_by_after_posting",
        "apply_by IS NULL OR posted_on IS NULL OR apply_by >= posted_on",
    ),
    ("job_opening", "job_opening_published_has_date", "status = 'draft' OR posted_on IS NOT NULL"),
    ("job_opening", "job_opening_min_age", "min_age IS NULL OR min_age BETWEEN 15 AND 30"),
    ("job_opening", "job_opening_version_positive", "version >= 1"),
    ("match", "match_score_range", "score >= 0 AND score <= 1"),
    ("match", "match_stage_after_proposal", "stage_changed_at >= proposed_at"),
    ("municipality", "municipality_code_range", "code BETWEEN 100 AND 999"),
    (
        "municipality",
        "municipality_point_in_denmark",
        "lat BETWEEN 54 AND 58 AND lon BETWEEN 8 AND 16",
    ),
    ("occupation", "occupation_level", "level IN (1, 2)"),
    ("offer", "offer_age_range", "age_min >= 0 AND age_min <= age_max"),
    ("organisation", "organisation_cvr_format", "cvr IS NULL OR cvr ~ '^[0-9]{8}$'"),
    (
        "organisation",
        "organisation_verified_has_date",
        "status <> 'verified' OR verified_at IS NOT NULL",
    ),
    ("pathway", "pathway_period", "ended_on IS NULL OR ended_on >= started_on"),
    ("pledge", "pledge_openings_positive", "openings_promised >= 1"),
    ("postcode", "postcode_code_range", "code BETWEEN 1000 AND 9999"),
    ("postcode", "postcode_point_in_denmark", "lat BETWEEN 54 AND 58 AND lon BETWEEN 8 AND 16"),
    ("referral", "referral_answer_after", "answered_at IS NULL OR answered_at >= referred_at"),
    ("region", "region_valid_range", "valid_to IS NULL OR valid_to > valid_from"),
    ("app_user", "app_user_email_lower", "email = lower(email)"),
    (
        "app_user",
        "app_user_role_tenant",
        "(role = 'admin' AND municipality_id IS NULL AND company_id IS NULL AND organisation_id IS NULL) OR (role = 'consultant' AND municipality_id IS NOT NULL AND company_id IS NULL AND organisation_id IS NULL) OR (role = 'company' AND company_id IS NOT NULL AND municipality_id IS NULL AND organisation_id IS NULL) OR (role = 'organisation' AND organisation_id IS NOT NULL AND municipality_id IS NULL AND company_id IS NULL)",
    ),
    ("young_person", "young_person_commute_range", "max_commute_km BETWEEN 0 AND 300"),
    ("young_person", "young_person_hours_range", "hours_available BETWEEN 0 AND 37"),
    ("young_person", "young_person_birth_year", "birth_year BETWEEN 1900 AND 2100"),
    (
        "young_person",
        "young_person_birth_year_matches",
        "birth_date IS NULL OR EXTRACT(YEAR FROM birth_date) = birth_year",
    ),
    (
        "young_person",
        "young_person_erased_is_blank",
        "erased_at IS NULL OR (first_name = '' AND last_name = '' AND email = '' AND phone = '' AND birth_date IS NULL)",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("ungeloftet", "0002_spatial_index_and_audit_guard")]

    operations = [
        ops.RunSQL(
            [
                f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" CHECK ({check})'
                for table, name, check in CHECKS
            ],
            reverse_sql=[
                f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"' for table, name, _ in CHECKS
            ],
        ),
    ]
