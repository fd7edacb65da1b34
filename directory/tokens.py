"""API keys for /graphql: listed, created (the key is shown once) and revoked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.services import tokens
from app.services.authorization import Action, Resource
from app.services.errors import ValidationError
from directory.access import protected
from directory.auth import acting_user
from directory.templating import render

BASE = "/tokens"
DEFAULT_DAYS = "90"


async def tokens_page(
    request: Request,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    new_token: str = "",
    status_code: int = 200,
) -> Response:
    principal = acting_user(request)
    found = await tokens.list_tokens(principal)
    context = {
        "tokens": found,
        "scopes": tokens.scopes_for(principal),
        "values": values or {"expires_in_days": DEFAULT_DAYS, "scopes": []},
        "errors": errors or {},
        "new_token": new_token,
        "max_days": tokens.MAX_DAYS,
        "now": datetime.now(UTC),
    }
    return render(request, "tokens/tokens.html", context, status_code=status_code)


async def token_list(request: Request) -> Response:
    return await tokens_page(request)


async def create(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    try:
        _, full_token = await tokens.create_token(principal, form)
    except ValidationError as invalid:
        values = {
            "name": str(form.get("name", "")),
            "municipality": str(form.get("municipality", "")),
            "expires_in_days": str(form.get("expires_in_days", "")),
            "scopes": [str(scope) for scope in form.getlist("scopes")],
        }
        return await tokens_page(request, values=values, errors=invalid.errors, status_code=400)
    return await tokens_page(request, new_token=full_token)


async def revoke(request: Request) -> Response:
    principal = acting_user(request)
    await tokens.revoke_token(principal, int(request.path_params["token_id"]))
    return RedirectResponse(BASE, status_code=303)


TOKEN = Resource.API_TOKEN
routes = [
    protected(BASE, token_list, name="tokens", resource=TOKEN, action=Action.LIST),
    protected(
        BASE, create, name="token_create", resource=TOKEN, action=Action.CREATE, methods=["POST"]
    ),
    protected(
        f"{BASE}/{{token_id:int}}/revoke",
        revoke,
        name="token_revoke",
        resource=TOKEN,
        action=Action.REVOKE,
        methods=["POST"],
    ),
]
