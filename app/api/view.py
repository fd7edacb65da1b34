"""The Starlette endpoint for /graphql."""

from __future__ import annotations

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from app.api.context import Context


class GraphQLView(GraphQL[Context, None]):
    """Builds a fresh context, with its own DataLoaders, for every request."""

    def __init__(self, schema: strawberry.Schema, *, production: bool) -> None:
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=False,
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)  # subscriptions (WebSocket) are not served
        assert isinstance(response, Response)
        return Context(request=request, response=response)
