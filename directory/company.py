"""The company portal: candidates proposed to the company's openings, answered in one click."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.models import CodeList, CodeValue
from app.services import matches
from app.services.authorization import Action, Resource
from app.services.errors import ValidationError
from directory.access import protected
from directory.auth import acting_user
from directory.templating import render

BASE = "/company/matches"


async def candidates(request: Request) -> Response:
    principal = acting_user(request)
    found = await matches.company_matches(principal)
    return render(request, "company/matches.html", {"candidates": found})


async def candidate(request: Request) -> Response:
    return await _candidate_page(request, {})


async def _candidate_page(
    request: Request, errors: dict[str, str], status_code: int = 200
) -> Response:
    principal = acting_user(request)
    found = await matches.company_match(principal, int(request.path_params["match_id"]))
    reasons = await CodeValue.filter(list=CodeList.MATCH_REASON, valid_to=None)
    context = {"candidate": found, "reasons": reasons, "errors": errors}
    return render(request, "company/match.html", context, status_code=status_code)


async def answer(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    match_id = int(request.path_params["match_id"])
    try:
        await matches.answer_match(
            principal,
            match_id,
            answer=str(form.get("answer", "")),
            reason=str(form.get("reason", "")),
        )
    except ValidationError as invalid:
        return await _candidate_page(request, invalid.errors, status_code=400)
    return RedirectResponse(f"{BASE}/{match_id}", status_code=303)


routes = [
    protected(
        BASE,
        candidates,
        name="company_matches",
        resource=Resource.MATCH,
        action=Action.LIST,
        personal=True,
    ),
    protected(
        f"{BASE}/{{match_id:int}}",
        candidate,
        name="company_match",
        resource=Resource.MATCH,
        action=Action.READ,
        personal=True,
    ),
    protected(
        f"{BASE}/{{match_id:int}}/answer",
        answer,
        name="company_match_answer",
        resource=Resource.MATCH,
        action=Action.ANSWER,
        methods=["POST"],
        personal=True,
    ),
]
