"""Colleagues: the people a manager manages, invitations, and deactivation."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.models import Role
from app.services import team
from app.services.authorization import Action, Resource
from app.services.errors import ValidationError
from directory.access import protected
from directory.auth import acting_user
from directory.templating import render

BASE = "/team"
INVITATION_FIELDS = ("name", "email", "role", "municipality", "company", "organisation")
NOTICES = ("invited", "deactivated")


async def team_page(
    request: Request,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    principal = acting_user(request)
    colleagues = await team.list_colleagues(principal)
    notice = next((name for name in NOTICES if request.query_params.get(name)), "")
    context = {
        "colleagues": colleagues,
        "values": values or {},
        "errors": errors or {},
        "notice": notice,
        "roles": list(Role),
    }
    return render(request, "team/team.html", context, status_code=status_code)


async def invite(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    try:
        await team.invite_user(principal, form, base_url=request.app.state.settings.base_url)
    except ValidationError as invalid:
        values = {name: str(form.get(name, "")) for name in INVITATION_FIELDS}
        values["is_manager"] = str(form.get("is_manager", ""))
        return await team_page(request, values, invalid.errors, status_code=400)
    return RedirectResponse(f"{BASE}?invited=1", status_code=303)


async def deactivate(request: Request) -> Response:
    principal = acting_user(request)
    try:
        await team.deactivate_user(principal, int(request.path_params["user_id"]))
    except ValidationError as invalid:
        return await team_page(request, errors=invalid.errors, status_code=400)
    return RedirectResponse(f"{BASE}?deactivated=1", status_code=303)


routes = [
    protected(BASE, team_page, name="team", resource=Resource.USER, action=Action.LIST),
    protected(
        f"{BASE}/invite",
        invite,
        name="team_invite",
        resource=Resource.USER,
        action=Action.INVITE,
        methods=["POST"],
    ),
    protected(
        f"{BASE}/{{user_id:int}}/deactivate",
        deactivate,
        name="team_deactivate",
        resource=Resource.USER,
        action=Action.INVITE,
        methods=["POST"],
    ),
]
