"""Hand-written: what the model layer cannot express.

- GiST indexes on the points of job openings and postcodes, for distance searches
  that prefilter on a bounding box (``point(lon, lat) <@ box(...)``).
- The audit log is append-only: UPDATE, DELETE and TRUNCATE raise an error.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("ungeloftet", "0001_initial")]

    operations = [
        ops.RunSQL(
            [
                "CREATE INDEX job_opening_point_gist ON job_opening USING gist (point(lon, lat))",
                "CREATE INDEX postcode_point_gist ON postcode USING gist (point(lon, lat))",
            ],
            reverse_sql=[
                "DROP INDEX job_opening_point_gist",
                "DROP INDEX postcode_point_gist",
            ],
        ),
        ops.RunSQL(
            [
                """
                CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$
                """,
                """
                CREATE TRIGGER audit_event_no_update_or_delete
                BEFORE UPDATE OR DELETE ON audit_event
                FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()
                """,
                """
                CREATE TRIGGER audit_event_no_truncate
                BEFORE TRUNCATE ON audit_event
                FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()
                """,
            ],
            reverse_sql=[
                "DROP TRIGGER audit_event_no_truncate ON audit_event",
                "DROP TRIGGER audit_event_no_update_or_delete ON audit_event",
                "DROP FUNCTION audit_event_is_append_only()",
            ],
        ),
    ]
