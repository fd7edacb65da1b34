"""Error responses: a friendly page for people, a JSON body for programs.

Nothing here ever shows a stack trace; unexpected errors are logged with the request id.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from directory.templating import render

log = logging.getLogger(__name__)

MESSAGES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/graphql"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status_code: int, detail: str = "") -> Response:
    code = MESSAGES.get(status_code, "error")
    if wants_json(request):
        body = {"error": {"code": code, "message": detail or code.replace("_", " ")}}
        return JSONResponse(body, status_code=status_code)
    return render(
        request,
        "errors/error.html",
        {"status_code": status_code, "code": code},
        status_code=status_code,
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = error_response(
        request, exc.status_code, str(exc.detail) if exc.status_code != 404 else ""
    )
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500)
