from app.api.schema import schema_sdl
from app.settings import PROJECT_ROOT


def test_exported_schema_is_up_to_date() -> None:
    exported = (PROJECT_ROOT / "graphql" / "schema.graphql").read_text(encoding="utf-8")
    assert exported == schema_sdl(), "graphql/schema.graphql is stale: run `make schema`"
