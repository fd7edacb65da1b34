"""The GraphQL schema: each domain's queries merged into one ``Query``."""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

from app.api.geography.queries import GeographyQueries


@strawberry.type
class Query(GeographyQueries):
    pass


def build_schema(*, production: bool = False) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        config=StrawberryConfig(disable_field_suggestions=production),
    )


def schema_sdl() -> str:
    """The schema as SDL, as exported to graphql/schema.graphql."""
    return build_schema().as_str() + "\n"
