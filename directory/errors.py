"""Error responses: a friendly page for people, a JSON body for programs.

Nothing here ever shows a stack trace; unexpected errors are logged with the request id.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import Receive, Scope, Send

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


def error_response(
    request: Request, status_code: int, detail: str = "", *, reason: str = ""
) -> Response:
    code = MESSAGES.get(status_code, "error")
    if wants_json(request):
        body = {"error": {"code": reason or code, "message": detail or code.replace("_", " ")}}
        return JSONResponse(body, status_code=status_code)
    context = {"status_code": status_code, "code": code, "reason": reason}
    return render(request, "errors/error.html", context, status_code=status_code)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = error_response(
        request, exc.status_code, str(exc.detail) if exc.status_code != 404 else ""
    )
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def forbidden_request(scope: Scope, receive: Receive, send: Send, reason: str) -> None:
    """The answer to a state-changing request that failed the CSRF or origin check."""
    response = error_response(Request(scope), 403, "missing or invalid CSRF token", reason=reason)
    await response(scope, receive, send)


async def not_found(request: Request, exc: Exception) -> Response:
    """Out of the actor's scope: answered as if it did not exist."""
    return error_response(request, 404)


async def forbidden(request: Request, exc: Exception) -> Response:
    return error_response(request, 403)


async def login_required(request: Request, exc: Exception) -> Response:
    """Send the visitor to the login page, and back here afterwards."""
    expired = "&expired=1" if request.state.session_expired else ""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/login?next={quote(target, safe='')}{expired}"
    if request.headers.get("HX-Request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500)
