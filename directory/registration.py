"""Companies register themselves (CVR, pledge, first user) and then wait for the
secretariat to verify them."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from app.models import Industry
from app.services import partners
from app.services.authorization import Action, Resource, require
from app.services.errors import ValidationError
from app.services.principal import Principal
from directory.access import protected
from directory.templating import render

FIELDS = ("cvr", "name", "address", "postcode", "industry", "openings_promised")
CONTACT_FIELDS = ("contact_name", "email")


async def _form_page(
    request: Request, values: dict[str, str], errors: dict[str, str], status_code: int = 200
) -> Response:
    context: dict[str, Any] = {
        "values": values,
        "errors": errors,
        "industries": await Industry.all().order_by("code"),
    }
    return render(request, "registration/register.html", context, status_code=status_code)


def _kept_values(form: FormData) -> dict[str, str]:
    """What the form shows again after an error: everything but the password."""
    return {name: str(form.get(name, "")) for name in (*FIELDS, *CONTACT_FIELDS)}


async def register_form(request: Request) -> Response:
    principal: Principal = request.state.principal
    require(principal, Resource.COMPANY, Action.CREATE)
    return await _form_page(request, {"openings_promised": "1"}, {})


async def register(request: Request) -> Response:
    principal: Principal = request.state.principal
    form = await request.form()
    try:
        company = await partners.register_company(
            principal, form, base_url=request.app.state.settings.base_url
        )
    except ValidationError as invalid:
        return await _form_page(request, _kept_values(form), invalid.errors, status_code=400)
    return render(request, "registration/received.html", {"company": company})


routes = [
    protected(
        "/register",
        register_form,
        name="register",
        resource=Resource.COMPANY,
        action=Action.CREATE,
    ),
    protected(
        "/register",
        register,
        name="register_submit",
        resource=Resource.COMPANY,
        action=Action.CREATE,
        methods=["POST"],
    ),
]
