"""The consultant's pages: forms re-render with messages at the fields, nothing half-written."""

from __future__ import annotations

import json

import httpx

from app.models import Role, YoungPerson
from tests.factories import csrf_token_in, log_in, make_user, post_form
from tests.test_young_people import VALID


async def test_create_edit_export_and_erase_through_the_pages(client: httpx.AsyncClient) -> None:
    consultant = await make_user(Role.CONSULTANT, municipality=101)
    await log_in(client, consultant)
    new = "/consultant/young-people/new"

    bad = await post_form(
        client, new, "/consultant/young-people", {**VALID, "first_name": "", "postcode": "8000"}
    )
    assert bad.status_code == 400
    assert 'id="error-first_name"' in bad.text
    assert "ikke i din kommune" in bad.text
    assert 'value="Hansen"' in bad.text
    assert not await YoungPerson.filter(last_name="Hansen").exists()

    created = await post_form(client, new, "/consultant/young-people", VALID)
    assert created.status_code == 303
    person_url = created.headers["location"]
    profile = await client.get(person_url)
    assert "Sofie Hansen" in profile.text
    assert profile.headers["cache-control"] == "no-store"

    stale_form = await client.get(f"{person_url}/edit")
    token = csrf_token_in(stale_form.text)
    first = await client.post(
        person_url, data={**VALID, "first_name": "Sara", "version": "1", "csrf_token": token}
    )
    assert first.status_code == 303
    conflict = await client.post(
        person_url, data={**VALID, "first_name": "Sif", "version": "1", "csrf_token": token}
    )
    assert conflict.status_code == 409
    assert "En anden har ændret profilen" in conflict.text

    exported = await client.get(f"{person_url}/export")
    assert exported.headers["content-disposition"].startswith("attachment")
    assert json.loads(exported.text)["profile"]["first_name"] == "Sara"

    not_confirmed = await post_form(client, person_url, f"{person_url}/erase", {"confirm": "nej"})
    assert not_confirmed.status_code == 303
    assert "Sara" in (await client.get(person_url)).text
    erased = await post_form(client, person_url, f"{person_url}/erase", {"confirm": "SLET"})
    assert erased.status_code == 303
    assert (await client.get(person_url)).status_code == 404


async def test_caseload_search_swaps_only_the_list(client: httpx.AsyncClient) -> None:
    consultant = await make_user(Role.CONSULTANT, municipality=101)
    await log_in(client, consultant)
    await post_form(client, "/consultant/young-people/new", "/consultant/young-people", VALID)
    response = await client.get(
        "/consultant/young-people",
        params={"q": "sof"},
        headers={"HX-Request": "true", "HX-Request-Type": "partial"},
    )
    assert "Sofie Hansen" in response.text
    assert "<html" not in response.text
