"""The GraphQL schema: each domain's queries and mutations merged into one root each."""

from __future__ import annotations

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig

from app.api.errors import ErrorPolicy
from app.api.geography.queries import GeographyQueries


@strawberry.type
class Query(GeographyQueries):
    pass


def extensions(*, production: bool) -> list[type[SchemaExtension]]:
    """The schema extensions, in order: limits first, the error policy last."""
    return [ErrorPolicy]


def build_schema(*, production: bool = False) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        extensions=extensions(production=production),
        config=StrawberryConfig(disable_field_suggestions=production),
    )


def schema_sdl() -> str:
    """The schema as SDL, as exported to graphql/schema.graphql."""
    return build_schema().as_str() + "\n"
