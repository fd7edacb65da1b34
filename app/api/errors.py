"""Top-level GraphQL errors: each carries ``extensions.code``; anything else is masked.

Clients branch on the code, never on the message:

==========================  ===========================================================
``UNAUTHENTICATED``         no token, or a token that is not valid (HTTP 401)
``FORBIDDEN``               the token lacks the scope the field needs
``BAD_USER_INPUT``          an invalid ID, cursor, page size or argument value
``NOT_FOUND``               no such record within the token's reach
``GRAPHQL_PARSE_FAILED``    the document is not GraphQL
``GRAPHQL_VALIDATION_FAILED`` the document does not fit the schema (unknown field or enum)
``QUERY_TOO_COMPLEX``       a limit was exceeded: depth, aliases, tokens or cost
``RATE_LIMITED``            the token has spent its points for this hour
``TIMEOUT``                 execution took longer than allowed
``INTERNAL_SERVER_ERROR``   a fault on our side; details are logged, never sent
==========================  ===========================================================

Errors inside a mutation's result (validation, version conflict, not found) are not
errors here: they are typed members of the mutation's result union.
"""

from __future__ import annotations

import logging
from typing import Any

from strawberry.extensions import MaskErrors

from app.services.errors import (
    AuthenticationRequired,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    ValidationError,
)
from app.services.pagination import InvalidPageError
from graphql import GraphQLError

logger = logging.getLogger(__name__)

UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
RATE_LIMITED = "RATE_LIMITED"
TIMEOUT = "TIMEOUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"

SERVICE_CODES: dict[type[ServiceError], str] = {
    AuthenticationRequired: UNAUTHENTICATED,
    PermissionDeniedError: FORBIDDEN,
    NotFoundError: NOT_FOUND,
    ValidationError: BAD_USER_INPUT,
}


class ApiError(GraphQLError):
    """An error meant for the client: its message and code are sent as they are."""

    def __init__(self, message: str, code: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": code, **extensions})


def bad_input(message: str, *, argument: str | None = None) -> ApiError:
    return ApiError(message, BAD_USER_INPUT, **({"argument": argument} if argument else {}))


class ErrorPolicy(MaskErrors):
    """Keeps client errors (with a code), translates service errors, masks the rest.

    A masked error keeps its path and location, so the client knows *where* it failed,
    but its message is generic: no stack trace, SQL or internal name leaves the server.
    """

    def __init__(self) -> None:
        super().__init__(error_message="Internal server error.")

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._policy(error) for error in errors]

    def _policy(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, ApiError):
            return error
        if isinstance(original, ServiceError):
            code = next(c for kind, c in SERVICE_CODES.items() if isinstance(original, kind))
            extensions: dict[str, Any] = {"code": code}
            if isinstance(original, InvalidPageError):
                extensions["argument"] = original.argument
            elif isinstance(original, ValidationError):
                extensions["fields"] = original.errors
            return _with(error, str(original), extensions)
        if original is None or error.path is None:
            # Raised by graphql-core before execution: a syntax or validation error, a
            # variable of the wrong type, or a limit.
            code = (error.extensions or {}).get("code") or (
                GRAPHQL_PARSE_FAILED
                if "Syntax Error" in error.message
                else GRAPHQL_VALIDATION_FAILED
            )
            return _with(error, error.message, {**(error.extensions or {}), "code": code})
        logger.error("unexpected error in GraphQL", exc_info=original)
        return _with(error, self.error_message, {"code": INTERNAL_SERVER_ERROR}, masked=True)


def _with(
    error: GraphQLError, message: str, extensions: dict[str, Any], *, masked: bool = False
) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None if masked else error.original_error,
        extensions=extensions,
    )
