"""The GraphQL schema: each domain's queries and mutations merged into one root each."""

from __future__ import annotations

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from app.api.codes.queries import CodeQueries
from app.api.errors import ErrorPolicy
from app.api.execution import PlainFieldsFirst
from app.api.geography.queries import GeographyQueries
from app.api.limits import LIMITS
from app.api.network.queries import NetworkQueries
from app.api.node import NodeQueries
from app.api.openings.mutations import OpeningMutations
from app.api.openings.queries import OpeningQueries
from app.api.pathways.queries import PathwayQueries
from app.api.statistics.queries import StatisticsQueries
from app.api.text import NoNulCharacters
from graphql import GraphQLError


@strawberry.type
class Query(
    NodeQueries,
    OpeningQueries,
    NetworkQueries,
    GeographyQueries,
    CodeQueries,
    PathwayQueries,
    StatisticsQueries,
):
    pass


@strawberry.type
class Mutation(OpeningMutations):
    pass


def extensions(*, production: bool) -> list[type[SchemaExtension]]:
    """The schema extensions, in order: limits first, the error policy last."""
    return [NoNulCharacters, *LIMITS, ErrorPolicy]


class Schema(strawberry.Schema):
    """Logs no client errors: :class:`ErrorPolicy` logs the unexpected ones, with their
    traceback, and a bad ID or page size is the client's business, not the log's."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return


def build_schema(*, production: bool = False) -> strawberry.Schema:
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions(production=production),
        execution_context_class=PlainFieldsFirst,
        config=StrawberryConfig(disable_field_suggestions=production),
    )


def schema_sdl() -> str:
    """The schema as SDL, as exported to graphql/schema.graphql."""
    return build_schema().as_str() + "\n"
