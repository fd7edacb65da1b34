"""The civil-society organisation portal: referrals to the organisation's offers."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.services import referrals
from app.services.authorization import Action, Resource
from app.services.errors import ValidationError
from directory.access import protected
from directory.auth import acting_user
from directory.templating import render

BASE = "/organisation/referrals"


async def referral_list(
    request: Request, errors: dict[str, str] | None = None, status_code: int = 200
) -> Response:
    principal = acting_user(request)
    found = await referrals.organisation_referrals(principal)
    return render(
        request,
        "organisation/referrals.html",
        {"referrals": found, "errors": errors or {}},
        status_code=status_code,
    )


async def answer(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    try:
        await referrals.answer_referral(
            principal,
            int(request.path_params["referral_id"]),
            answer=str(form.get("answer", "")),
            note=str(form.get("note", "")),
        )
    except ValidationError as invalid:
        return await referral_list(request, invalid.errors, status_code=400)
    return RedirectResponse(BASE, status_code=303)


routes = [
    protected(
        BASE,
        referral_list,
        name="organisation_referrals",
        resource=Resource.REFERRAL,
        action=Action.LIST,
        personal=True,
    ),
    protected(
        f"{BASE}/{{referral_id:int}}/answer",
        answer,
        name="organisation_referral_answer",
        resource=Resource.REFERRAL,
        action=Action.ANSWER,
        methods=["POST"],
        personal=True,
    ),
]
