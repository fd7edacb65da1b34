"""The secretariat's pages: verifying companies and organisations, the audit log of
personal data, and the e-mail outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.services import audit, partners
from app.services.authorization import Action, Resource, require
from app.services.errors import ValidationError
from app.services.outbox_admin import outbox_messages
from directory.access import protected
from directory.auth import acting_user
from directory.templating import render

COMPANIES = "/admin/companies"
ORGANISATIONS = "/admin/organisations"
AUDIT_FILTERS = ("young_person_id", "actor_email", "action", "since", "until")


async def companies(
    request: Request,
    errors: dict[str, str] | None = None,
    failed_id: int | None = None,
    status_code: int = 200,
) -> Response:
    review = await partners.companies_for_review(acting_user(request))
    context = {
        "review": review,
        "errors": errors or {},
        "failed_id": failed_id,
        "zone": audit.DANISH_TIME,
    }
    return render(request, "admin/companies.html", context, status_code=status_code)


async def verify_company(request: Request) -> Response:
    principal = acting_user(request)
    company_id = int(request.path_params["company_id"])
    form = await request.form()
    try:
        await partners.decide_company(
            principal,
            company_id,
            decision=str(form.get("decision", "")),
            reason=str(form.get("reason", "")),
        )
    except ValidationError as invalid:
        return await companies(request, invalid.errors, company_id, status_code=400)
    return RedirectResponse(COMPANIES, status_code=303)


async def organisations(
    request: Request,
    errors: dict[str, str] | None = None,
    failed_id: int | None = None,
    status_code: int = 200,
) -> Response:
    review = await partners.organisations_for_review(acting_user(request))
    context = {"review": review, "errors": errors or {}, "failed_id": failed_id}
    return render(request, "admin/organisations.html", context, status_code=status_code)


async def verify_organisation(request: Request) -> Response:
    principal = acting_user(request)
    organisation_id = int(request.path_params["organisation_id"])
    form = await request.form()
    try:
        await partners.decide_organisation(
            principal,
            organisation_id,
            decision=str(form.get("decision", "")),
            reason=str(form.get("reason", "")),
        )
    except ValidationError as invalid:
        return await organisations(request, invalid.errors, organisation_id, status_code=400)
    return RedirectResponse(ORGANISATIONS, status_code=303)


@dataclass
class AuditFilters:
    """The audit log's search form, parsed; ``errors`` names every bad field."""

    young_person_id: int | None = None
    actor_email: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)


def parse_audit_filters(params: QueryParams) -> AuditFilters:
    filters = AuditFilters(
        actor_email=params.get("actor_email", "").strip()[:254],
        action=params.get("action", "").strip()[:32],
    )
    person = params.get("young_person_id", "").strip()
    if person.isascii() and person.isdigit() and len(person) <= 18:
        filters.young_person_id = int(person)
    elif person:
        filters.errors["young_person_id"] = "Skriv den unges nummer med cifre."
    filters.since = _date(params, "since", filters.errors)
    filters.until = _date(params, "until", filters.errors)
    if filters.since and filters.until and filters.until < filters.since:
        filters.errors["until"] = "Slutdatoen ligger før startdatoen."
    page = params.get("page", "1")
    filters.page = int(page) if page.isascii() and page.isdigit() and 0 < len(page) < 6 else 1
    return filters


def _date(params: QueryParams, name: str, errors: dict[str, str]) -> date | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = "Skriv datoen som ÅÅÅÅ-MM-DD."
        return None


def _page_link(params: QueryParams, page: int) -> str:
    kept = {name: params[name] for name in AUDIT_FILTERS if params.get(name)}
    return "?" + urlencode({**kept, "page": page})


async def audit_log(request: Request) -> Response:
    principal = acting_user(request)
    require(principal, Resource.AUDIT_LOG, Action.LIST)  # a wrong role: 403, not the form
    filters = parse_audit_filters(request.query_params)
    values = {name: request.query_params.get(name, "") for name in AUDIT_FILTERS}
    context: dict[str, Any] = {
        "values": values,
        "errors": filters.errors,
        "events": [],
        "total": 0,
        "page": filters.page,
        "previous_link": "",
        "next_link": "",
        "zone": audit.DANISH_TIME,
    }
    if filters.errors:
        return render(request, "admin/audit.html", context, status_code=400)
    events, total = await audit.search(
        principal,
        young_person_id=filters.young_person_id,
        actor_email=filters.actor_email or None,
        action=filters.action or None,
        since=filters.since,
        until=filters.until,
        page=filters.page,
    )
    context["events"], context["total"] = events, total
    if filters.page > 1:
        context["previous_link"] = _page_link(request.query_params, filters.page - 1)
    if filters.page * audit.PAGE_SIZE < total:
        context["next_link"] = _page_link(request.query_params, filters.page + 1)
    return render(request, "admin/audit.html", context)


async def outbox(request: Request) -> Response:
    messages = await outbox_messages(acting_user(request))
    return render(request, "admin/outbox.html", {"messages": messages, "zone": audit.DANISH_TIME})


routes = [
    protected(
        COMPANIES,
        companies,
        name="admin_companies",
        resource=Resource.COMPANY,
        action=Action.LIST,
    ),
    protected(
        f"{COMPANIES}/{{company_id:int}}/verify",
        verify_company,
        name="admin_company_verify",
        resource=Resource.COMPANY,
        action=Action.VERIFY,
        methods=["POST"],
    ),
    protected(
        ORGANISATIONS,
        organisations,
        name="admin_organisations",
        resource=Resource.ORGANISATION,
        action=Action.VERIFY,
    ),
    protected(
        f"{ORGANISATIONS}/{{organisation_id:int}}/verify",
        verify_organisation,
        name="admin_organisation_verify",
        resource=Resource.ORGANISATION,
        action=Action.VERIFY,
        methods=["POST"],
    ),
    protected(
        "/admin/audit",
        audit_log,
        name="admin_audit",
        resource=Resource.AUDIT_LOG,
        action=Action.LIST,
    ),
    protected(
        "/admin/outbox",
        outbox,
        name="admin_outbox",
        resource=Resource.OUTBOX,
        action=Action.LIST,
    ),
]
