"""The Starlette endpoint for /graphql.

/graphql authenticates with ``Authorization: Bearer <token>`` only, never with the
session cookie (the session middleware leaves /graphql anonymous): without the header
the request is anonymous; with a header that is not a valid token it is refused with
401 before any resolver runs.

A body larger than :data:`~app.api.limits.MAX_BODY_BYTES` is refused with 413: at once when
its ``Content-Length`` says so, else as soon as that many bytes have streamed in, so no
larger body is ever held in memory. The other limits are schema extensions
(:mod:`app.api.limits`).
"""

from __future__ import annotations

import strawberry
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from app.api.context import Context
from app.api.errors import QUERY_TOO_COMPLEX
from app.api.limits import MAX_BODY_BYTES
from app.services.principal import Principal
from app.services.tokens import authenticate_bearer

UNAUTHENTICATED_BODY = {
    "errors": [{"message": "invalid or expired token", "extensions": {"code": "UNAUTHENTICATED"}}]
}

BODY_TOO_LARGE_BODY = {
    "errors": [
        {
            "message": f"The request body is larger than {MAX_BODY_BYTES} bytes, the maximum.",
            "extensions": {
                "code": QUERY_TOO_COMPLEX,
                "limit": "bodyBytes",
                "maximum": MAX_BODY_BYTES,
            },
        }
    ]
}


class InvalidToken(Exception):
    """An ``Authorization`` header was sent, and it holds no valid token."""


class BodyTooLarge(Exception):
    """The request body is larger than :data:`MAX_BODY_BYTES`."""


class GraphQLView(GraphQL[Context, None]):
    """Builds a fresh context, with its principal and own DataLoaders, for every request."""

    def __init__(self, schema: strawberry.Schema, *, production: bool) -> None:
        super().__init__(
            schema,
            graphql_ide=None if production else "graphiql",
            allow_queries_via_get=False,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            if _declared_length(scope) > MAX_BODY_BYTES:
                raise BodyTooLarge
            await super().__call__(scope, _counting(receive), send)
        except InvalidToken:
            response = JSONResponse(
                UNAUTHENTICATED_BODY,
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
            await response(scope, receive, send)
        except BodyTooLarge:
            await JSONResponse(BODY_TOO_LARGE_BODY, status_code=413)(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)  # subscriptions (WebSocket) are not served
        assert isinstance(response, Response)
        return Context(request=request, response=response, principal=await _principal(request))


async def _principal(request: Request) -> Principal:
    """The token's principal, anonymous without an ``Authorization`` header, or
    :class:`InvalidToken` (raised before the request is parsed or executed)."""
    ip = request.client.host if request.client else ""
    request_id: str = getattr(request.state, "request_id", "")
    header = request.headers.get("authorization")
    if header is None:
        return Principal.anonymous(ip, request_id)
    principal = await authenticate_bearer(header, ip=ip, request_id=request_id)
    if principal is None:
        raise InvalidToken
    return principal


def _declared_length(scope: Scope) -> int:
    """The ``Content-Length`` of the request, 0 when it has none (or a malformed one)."""
    length = Headers(scope=scope).get("content-length", "")
    return int(length) if length.isdigit() else 0


def _counting(receive: Receive) -> Receive:
    """``receive``, raising :class:`BodyTooLarge` once the body exceeds the maximum."""
    received = 0

    async def counting_receive() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > MAX_BODY_BYTES:
            raise BodyTooLarge
        return message

    return counting_receive
