"""Rendering pages and their fragments.

A page and its fragments live in one template. An htmx request that swaps part of a
page (``HX-Request-Type: partial``) gets just the named block (jinja2-fragments); any
other request gets the whole page, so every URL also works without JavaScript.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2_fragments.starlette import Jinja2Blocks
from starlette.requests import Request
from starlette.responses import Response

from app.settings import PROJECT_ROOT
from directory import csrf
from directory.i18n import LANGUAGE_COOKIE, gettext_functions, requested_language, select_language

LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600
VARY = "HX-Request, HX-Request-Type, Cookie, Accept-Language"

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PROJECT_ROOT / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    extensions=["jinja2.ext.i18n"],
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Blocks(env=environment)


@jinja2.pass_context
def url(context: dict[str, Any], name: str, /, **path_params: Any) -> str:
    """The path of a named route, e.g. ``url('static', path='css/app.css')``: a path, not an
    absolute URL, so pages stay correct behind a proxy."""
    request: Request = context["request"]
    return str(request.app.url_path_for(name, **path_params))


environment.globals["url"] = url


def csrf_token_for(request: Request) -> tuple[str, str | None]:
    """The CSRF token for forms on this page, and a new anonymous nonce to set, if any."""
    session = request.state.session
    if session is not None:
        token: str = session.csrf_token
        return token, None
    nonce = request.cookies.get(csrf.ANONYMOUS_COOKIE, "")
    new_nonce = None if nonce else csrf.new_nonce()
    secret = str(request.app.state.settings.secret_key)
    return csrf.anonymous_token(secret, nonce or new_nonce or ""), new_nonce


def is_partial(request: Request) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Request-Type") == "partial"
    )


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    block: str | None = None,
    status_code: int = 200,
) -> Response:
    """Render ``template``, or only ``block`` of it for a partial htmx request."""
    language = select_language(request)
    token, new_nonce = csrf_token_for(request)
    full_context = {
        **(context or {}),
        "lang": language,
        "principal": request.state.principal,
        "csrf_token": token,
        **gettext_functions(language),
    }
    if block is not None and is_partial(request):
        response = templates.TemplateResponse(
            request, template, full_context, status_code=status_code, block_name=block
        )
    else:
        response = templates.TemplateResponse(
            request, template, full_context, status_code=status_code
        )
    response.headers["Vary"] = VARY
    response.headers["Content-Language"] = language
    if new_nonce:
        response.set_cookie(
            csrf.ANONYMOUS_COOKIE,
            new_nonce,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    if requested_language(request):
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=LANGUAGE_COOKIE_MAX_AGE,
            httponly=True,
            samesite="lax",
        )
    return response
