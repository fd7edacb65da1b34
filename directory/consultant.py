"""The job consultant's portal: the caseload of young people in their own municipality."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.models import CodeList, CodeValue, Company, Occupation, Organisation, YoungPerson
from app.services import young_people
from app.services.authorization import Action, Resource, require
from app.services.errors import ConflictError, ValidationError
from directory.access import protected
from directory.auth import acting_user
from directory.templating import render

BASE = "/consultant/young-people"


def _person_id(request: Request) -> int:
    return int(request.path_params["person_id"])


async def _choices() -> dict[str, Any]:
    return {
        "occupations": await Occupation.filter(level=2).order_by("code"),
        "support_needs": await CodeValue.filter(list=CodeList.SUPPORT_NEED, valid_to=None),
        "education_levels": await CodeValue.filter(list=CodeList.EDUCATION_LEVEL, valid_to=None),
    }


def _form_values(person: YoungPerson | None, form: FormData | None = None) -> dict[str, Any]:
    """What the profile form shows: the submitted values, or the stored ones."""
    if form is not None:
        return {
            **{key: str(form.get(key, "")) for key in form},
            "interests": form.getlist("interests"),
            "support_needs": form.getlist("support_needs"),
            "has_drivers_licence": form.get("has_drivers_licence") == "on",
        }
    if person is None:
        return {
            "max_commute_km": "20",
            "hours_available": "20",
            "interests": [],
            "support_needs": [],
        }
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "postcode": str(person.postcode.code) if person.postcode else "",
        "max_commute_km": str(person.max_commute_km),
        "hours_available": str(person.hours_available),
        "has_drivers_licence": person.has_drivers_licence,
        "interests": person.interests,
        "support_needs": person.support_needs,
        "education_level": person.education_level.key if person.education_level else "",
        "version": str(person.version),
    }


async def caseload(request: Request) -> Response:
    principal = acting_user(request)
    query = request.query_params.get("q", "")[:100]
    people = await young_people.list_young_people(principal, query)
    return render(
        request, "consultant/caseload.html", {"people": people, "q": query}, block="caseload"
    )


async def new_form(request: Request) -> Response:
    require(acting_user(request), Resource.YOUNG_PERSON, Action.CREATE)
    context = {"values": _form_values(None), "errors": {}, "person": None, **await _choices()}
    return render(request, "consultant/profile_form.html", context)


async def create(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    try:
        person = await young_people.create_young_person(principal, form)
    except ValidationError as invalid:
        context = {
            "values": _form_values(None, form),
            "errors": invalid.errors,
            "person": None,
            **await _choices(),
        }
        return render(request, "consultant/profile_form.html", context, status_code=400)
    return RedirectResponse(f"{BASE}/{person.id}", status_code=303)


async def profile(request: Request) -> Response:
    principal = acting_user(request)
    found = await young_people.get_profile(principal, _person_id(request))
    context = {
        "profile": found,
        "errors": {},
        "companies": await Company.filter(status="verified").order_by("name").limit(200),
        "organisations": await Organisation.filter(status="verified").order_by("name").limit(200),
        "contact_kinds": await CodeValue.filter(list=CodeList.CONTACT_KIND, valid_to=None),
    }
    return render(request, "consultant/profile.html", context)


async def edit_form(request: Request) -> Response:
    principal = acting_user(request)
    found = await young_people.get_profile(principal, _person_id(request))
    context = {
        "values": _form_values(found.person),
        "errors": {},
        "person": found.person,
        **await _choices(),
    }
    return render(request, "consultant/profile_form.html", context)


async def update(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    person_id = _person_id(request)
    version_text = str(form.get("version", ""))
    errors: dict[str, str] = {}
    try:
        if not version_text.isdigit():
            raise ValidationError({"version": "Genindlæs siden, og prøv igen."})
        await young_people.update_young_person(
            principal, person_id, form, version=int(version_text)
        )
    except ValidationError as invalid:
        errors = invalid.errors
    except ConflictError:
        errors = {
            "version": "En anden har ændret profilen, mens du redigerede. Genindlæs siden, og ret igen."
        }
    if errors:
        found = await young_people.get_profile(principal, person_id)
        context = {
            "values": _form_values(None, form),
            "errors": errors,
            "person": found.person,
            **await _choices(),
        }
        return render(
            request,
            "consultant/profile_form.html",
            context,
            status_code=409 if "version" in errors else 400,
        )
    return RedirectResponse(f"{BASE}/{person_id}", status_code=303)


async def give_consent(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    recipient = str(form.get("recipient", ""))
    kind, _, number = recipient.partition(":")
    ids: dict[str, int | None] = {"company_id": None, "organisation_id": None}
    if number.isdigit() and kind in ("company", "organisation"):
        ids[f"{kind}_id"] = int(number)
    try:
        await young_people.give_consent(principal, _person_id(request), **ids)
    except ValidationError:
        return RedirectResponse(f"{BASE}/{_person_id(request)}?consent_error=1", status_code=303)
    return RedirectResponse(f"{BASE}/{_person_id(request)}", status_code=303)


async def revoke_consent(request: Request) -> Response:
    principal = acting_user(request)
    await young_people.revoke_consent(
        principal, _person_id(request), int(request.path_params["consent_id"])
    )
    return RedirectResponse(f"{BASE}/{_person_id(request)}", status_code=303)


async def add_contact(request: Request) -> Response:
    principal = acting_user(request)
    try:
        await young_people.add_support_contact(principal, _person_id(request), await request.form())
    except ValidationError:
        return RedirectResponse(f"{BASE}/{_person_id(request)}?contact_error=1", status_code=303)
    return RedirectResponse(f"{BASE}/{_person_id(request)}", status_code=303)


async def export(request: Request) -> Response:
    principal = acting_user(request)
    person_id = _person_id(request)
    data = await young_people.export_young_person(principal, person_id)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="ung-{person_id}.json"'},
    )


async def erase(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    if form.get("confirm") != "SLET":
        return RedirectResponse(f"{BASE}/{_person_id(request)}?erase_error=1", status_code=303)
    await young_people.erase_young_person(principal, _person_id(request))
    return RedirectResponse(f"{BASE}?erased=1", status_code=303)


YP, CONSENT, CONTACT = Resource.YOUNG_PERSON, Resource.CONSENT, Resource.SUPPORT_CONTACT
routes = [
    protected(BASE, caseload, name="caseload", resource=YP, action=Action.LIST, personal=True),
    protected(f"{BASE}/new", new_form, name="young_person_new", resource=YP, action=Action.CREATE),
    protected(
        BASE,
        create,
        name="young_person_create",
        resource=YP,
        action=Action.CREATE,
        methods=["POST"],
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}",
        profile,
        name="young_person",
        resource=YP,
        action=Action.READ,
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}/edit",
        edit_form,
        name="young_person_edit",
        resource=YP,
        action=Action.UPDATE,
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}",
        update,
        name="young_person_update",
        resource=YP,
        action=Action.UPDATE,
        methods=["POST"],
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}/consents",
        give_consent,
        name="consent_give",
        resource=CONSENT,
        action=Action.CREATE,
        methods=["POST"],
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}/consents/{{consent_id:int}}/revoke",
        revoke_consent,
        name="consent_revoke",
        resource=CONSENT,
        action=Action.REVOKE,
        methods=["POST"],
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}/contacts",
        add_contact,
        name="contact_add",
        resource=CONTACT,
        action=Action.CREATE,
        methods=["POST"],
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}/export",
        export,
        name="young_person_export",
        resource=YP,
        action=Action.EXPORT,
        personal=True,
    ),
    protected(
        f"{BASE}/{{person_id:int}}/erase",
        erase,
        name="young_person_erase",
        resource=YP,
        action=Action.ERASE,
        methods=["POST"],
        personal=True,
    ),
]
