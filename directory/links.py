"""Pages behind one-time links: forgotten password, reset, and accepting an invitation."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.models import LinkPurpose
from app.services import accounts
from app.services.errors import ValidationError
from app.services.links import InvalidLink, peek_link
from directory.templating import render

TITLES = {
    LinkPurpose.PASSWORD_RESET: "Vælg en ny adgangskode",
    LinkPurpose.INVITATION: "Velkommen til Ungeløftet",
}


async def forgot_form(request: Request) -> Response:
    return render(request, "auth/forgot.html", {"email": "", "errors": {}, "sent": False})


async def forgot(request: Request) -> Response:
    form = await request.form()
    email = str(form.get("email", "")).strip()
    if "@" not in email:
        errors = {"email": "Skriv den e-mailadresse, du logger ind med."}
        return render(
            request,
            "auth/forgot.html",
            {"email": email, "errors": errors, "sent": False},
            status_code=400,
        )
    await accounts.request_password_reset(email, base_url=request.app.state.settings.base_url)
    return render(request, "auth/forgot.html", {"email": email, "errors": {}, "sent": True})


async def reset_form(request: Request) -> Response:
    return await _link_form(request, LinkPurpose.PASSWORD_RESET)


async def reset(request: Request) -> Response:
    return await _link_submit(request, LinkPurpose.PASSWORD_RESET)


async def invitation_form(request: Request) -> Response:
    return await _link_form(request, LinkPurpose.INVITATION)


async def accept_invitation(request: Request) -> Response:
    return await _link_submit(request, LinkPurpose.INVITATION)


async def _link_form(request: Request, purpose: LinkPurpose) -> Response:
    token = request.path_params["token"]
    try:
        link = await peek_link(token, purpose)
    except InvalidLink as invalid:
        return _invalid(request, invalid)
    context: dict[str, object] = {
        "purpose": purpose.value,
        "title": TITLES[purpose],
        "email": link.user.email,
        "errors": {},
    }
    return render(request, "auth/set_password.html", context)


async def _link_submit(request: Request, purpose: LinkPurpose) -> Response:
    token = request.path_params["token"]
    form = await request.form()
    try:
        user = await accounts.set_password_from_link(
            token,
            purpose,
            new=str(form.get("new_password", "")),
            repeat=str(form.get("repeat_password", "")),
        )
    except InvalidLink as invalid:
        return _invalid(request, invalid)
    except ValidationError as problems:
        link = await peek_link(token, purpose)
        context = {"purpose": purpose.value, "title": TITLES[purpose], "email": link.user.email}
        return render(
            request,
            "auth/set_password.html",
            {**context, "errors": problems.errors},
            status_code=400,
        )
    return RedirectResponse(f"/login?password_set=1&email={user.email}", status_code=303)


def _invalid(request: Request, invalid: InvalidLink) -> Response:
    return render(
        request, "auth/link_invalid.html", {"problem": invalid.problem.value}, status_code=410
    )
