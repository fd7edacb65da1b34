"""Company registration, verification by the secretariat, the audit log and the outbox."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.models import (
    Company,
    OutboxMessage,
    Pledge,
    Role,
    User,
    VerificationStatus,
)
from app.services import audit, partners
from app.services.errors import PermissionDeniedError, ValidationError
from app.services.principal import Principal
from tests.factories import (
    csrf_token_in,
    log_in,
    make_company,
    make_organisation,
    make_user,
    post_form,
)

NEW_PASSWORD = "grøn cykel på bakken ved åen"
REGISTRATION: dict[str, Any] = {
    "cvr": "12345678",
    "name": "Bageriet Ved Åen ApS",
    "address": "Åboulevarden 1",
    "postcode": "8000",
    "industry": "I",
    "openings_promised": "3",
    "contact_name": "Karen Bager",
    "email": "Karen@Bageriet.example.com",
    "password": NEW_PASSWORD,
}


def new_client(app: object) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_registration_then_approval_then_the_company_user_logs_in(
    client: httpx.AsyncClient, app: object
) -> None:
    admin = await make_user(Role.ADMIN)
    registered = await post_form(client, "/register", "/register", REGISTRATION)
    assert registered.status_code == 200
    assert "afventer godkendelse" in registered.text

    company = await Company.get(cvr="12345678")
    assert company.status == VerificationStatus.PENDING
    assert company.municipality_id == (await company.postcode).municipality_id
    pledge = await Pledge.get(company_id=company.id)
    assert (pledge.openings_promised, pledge.joined_on) == (3, date.today())
    user = await User.get(email="karen@bageriet.example.com")
    assert (user.role, user.company_id, user.is_manager, user.is_active) == (
        Role.COMPANY,
        company.id,
        True,
        True,
    )
    assert NEW_PASSWORD not in user.password_hash
    notice = await OutboxMessage.get(to_email=admin.email)
    assert notice.subject == "Ny virksomhed venter på godkendelse"
    assert "/admin/companies" in notice.body

    async with new_client(app) as admin_client:
        landing = await log_in(admin_client, admin)
        assert landing.headers["location"] == "/admin/companies"
        page = await admin_client.get("/admin/companies")
        assert page.status_code == 200
        assert "Bageriet Ved Åen ApS" in page.text
        verify = f"/admin/companies/{company.id}/verify"
        no_reason = await post_form(
            admin_client, "/admin/companies", verify, {"decision": "reject"}
        )
        assert no_reason.status_code == 400
        assert f'id="error-reason-{company.id}"' in no_reason.text
        assert (await Company.get(id=company.id)).status == VerificationStatus.PENDING
        approved = await post_form(
            admin_client, "/admin/companies", verify, {"decision": "approve"}
        )
        assert approved.status_code == 303

    company = await Company.get(id=company.id)
    assert company.status == VerificationStatus.VERIFIED
    assert company.verified_at is not None
    assert await OutboxMessage.exists(to_email=user.email, subject="I er godkendt i Ungeløftet")

    client.cookies.clear()
    logged_in = await log_in(client, user, password=NEW_PASSWORD)
    assert logged_in.headers["location"] == "/company/matches"
    assert (await client.get("/company/matches")).status_code == 200


async def test_bad_registration_keeps_the_values_and_writes_nothing(
    client: httpx.AsyncClient,
) -> None:
    bad = {
        **REGISTRATION,
        "cvr": "1234",
        "postcode": "0001",
        "industry": "Å",
        "openings_promised": "0",
        "email": "ikke-en-adresse",
        "password": "kort",
    }
    response = await post_form(client, "/register", "/register", bad)
    assert response.status_code == 400
    for field in ("cvr", "postcode", "industry", "openings_promised", "email", "password"):
        assert f'id="error-{field}"' in response.text, field
    assert 'value="Bageriet Ved Åen ApS"' in response.text
    assert 'value="kort"' not in response.text
    assert not await Company.exists(name="Bageriet Ved Åen ApS")
    assert not await User.exists(name="Karen Bager")
    assert not await OutboxMessage.exists(subject="Ny virksomhed venter på godkendelse")

    unknown_postcode = await post_form(
        client, "/register", "/register", {**REGISTRATION, "postcode": "1001"}
    )
    assert "Postnummeret findes ikke." in unknown_postcode.text


async def test_a_taken_cvr_number_and_e_mail_get_their_own_messages(
    client: httpx.AsyncClient,
) -> None:
    existing = await make_company()
    someone = await make_user(Role.CONSULTANT)
    response = await post_form(
        client,
        "/register",
        "/register",
        {**REGISTRATION, "cvr": existing.cvr, "email": someone.email},
    )
    assert response.status_code == 400
    assert "Der er allerede registreret en virksomhed med dette CVR-nummer." in response.text
    assert "Der findes allerede en bruger med denne e-mailadresse." in response.text
    assert await Company.filter(cvr=existing.cvr).count() == 1


async def test_a_logged_in_user_may_not_register_a_company(client: httpx.AsyncClient) -> None:
    await log_in(client, await make_user(Role.COMPANY, is_manager=True))
    assert (await client.get("/register")).status_code == 403
    token = csrf_token_in((await client.get("/account")).text)
    response = await client.post("/register", data={**REGISTRATION, "csrf_token": token})
    assert response.status_code == 403
    assert not await Company.exists(cvr="12345678")


async def test_rejection_needs_a_reason_and_a_decision_is_final() -> None:
    admin = Principal.for_user(await make_user(Role.ADMIN))
    company = await make_company(verified=False)
    await make_user(Role.COMPANY, company=company, is_manager=True)
    with pytest.raises(ValidationError) as missing:
        await partners.decide_company(admin, company.id, decision="reject", reason="  ")
    assert "reason" in missing.value.errors
    with pytest.raises(ValidationError) as unknown:
        await partners.decide_company(admin, company.id, decision="maybe", reason="")
    assert "decision" in unknown.value.errors

    rejected = await partners.decide_company(
        admin, company.id, decision="reject", reason="CVR-nummeret hører til en anden virksomhed."
    )
    assert rejected.status == VerificationStatus.REJECTED
    assert rejected.rejection_reason.startswith("CVR-nummeret")
    mail = await OutboxMessage.get(subject="Jeres registrering i Ungeløftet er afvist")
    assert "hører til en anden virksomhed" in mail.body
    with pytest.raises(ValidationError) as again:
        await partners.decide_company(admin, company.id, decision="approve", reason="")
    assert "decision" in again.value.errors
    assert (await Company.get(id=company.id)).status == VerificationStatus.REJECTED


async def test_deciding_twice_through_the_page_shows_the_message(
    client: httpx.AsyncClient,
) -> None:
    company = await make_company(verified=True)
    await log_in(client, await make_user(Role.ADMIN))
    response = await post_form(
        client, "/admin/companies", f"/admin/companies/{company.id}/verify", {"decision": "reject"}
    )
    assert response.status_code == 400
    assert "Der er allerede truffet en afgørelse." in response.text


async def test_pending_companies_come_first_then_recent_decisions() -> None:
    admin = Principal.for_user(await make_user(Role.ADMIN))
    pending = await make_company(verified=False)
    verified = await make_company(verified=True)
    review = await partners.companies_for_review(admin)
    assert pending in review.pending
    assert verified not in review.pending
    assert verified in review.decided


async def test_organisations_are_verified_by_administrators(client: httpx.AsyncClient) -> None:
    organisation = await make_organisation()
    member = await make_user(Role.ORGANISATION, organisation=organisation)
    await log_in(client, await make_user(Role.ADMIN))
    page = await client.get("/admin/organisations")
    assert page.status_code == 200
    assert organisation.name in page.text
    verify = f"/admin/organisations/{organisation.id}/verify"
    no_reason = await post_form(client, "/admin/organisations", verify, {"decision": "reject"})
    assert no_reason.status_code == 400
    assert "Skriv en begrundelse for afvisningen." in no_reason.text
    rejected = await post_form(
        client, "/admin/organisations", verify, {"decision": "reject", "reason": "Ukendt forening"}
    )
    assert rejected.status_code == 303
    await organisation.refresh_from_db()
    assert organisation.status == VerificationStatus.REJECTED
    assert organisation.rejection_reason == "Ukendt forening"
    assert await OutboxMessage.exists(to_email=member.email)
    missing = await post_form(
        client,
        "/admin/organisations",
        "/admin/organisations/999999/verify",
        {"decision": "approve"},
    )
    assert missing.status_code == 404


async def test_unknown_company_is_not_found(client: httpx.AsyncClient) -> None:
    await log_in(client, await make_user(Role.ADMIN))
    response = await post_form(
        client, "/admin/companies", "/admin/companies/999999/verify", {"decision": "approve"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/admin/companies", "/admin/organisations", "/admin/audit", "/admin/outbox"],
)
async def test_only_administrators_see_the_admin_pages(
    client: httpx.AsyncClient, path: str
) -> None:
    anonymous = await client.get(path)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"].startswith("/login")
    for user in (
        await make_user(Role.CONSULTANT, is_manager=True),
        await make_user(Role.COMPANY, is_manager=True),
    ):
        client.cookies.clear()
        await log_in(client, user)
        assert (await client.get(path)).status_code == 403


async def test_a_company_manager_cannot_verify_companies(client: httpx.AsyncClient) -> None:
    company = await make_company(verified=False)
    await log_in(client, await make_user(Role.COMPANY, is_manager=True))
    response = await post_form(
        client, "/account", f"/admin/companies/{company.id}/verify", {"decision": "approve"}
    )
    assert response.status_code == 403
    assert (await Company.get(id=company.id)).status == VerificationStatus.PENDING


# The audit log.


async def record_events(actor: User, young_person_id: int, count: int, action: str) -> None:
    principal = Principal.for_user(actor, ip="10.1.2.3", request_id="req-1")
    for number in range(count):
        await audit.record(
            principal,
            action,
            "young_person",
            young_person_id,
            young_person_id=young_person_id,
            purpose=f"test {number}",
        )


async def test_audit_search_filters_and_pages() -> None:
    admin = Principal.for_user(await make_user(Role.ADMIN))
    consultant = await make_user(Role.CONSULTANT)
    other = await make_user(Role.CONSULTANT)
    await record_events(consultant, 900001, 55, "read")
    await record_events(other, 900002, 2, "update")

    first, total = await audit.search(admin, young_person_id=900001)
    assert total == 55
    assert len(first) == audit.PAGE_SIZE
    assert [e.id for e in first] == sorted((e.id for e in first), reverse=True)
    second, _ = await audit.search(admin, young_person_id=900001, page=2)
    assert len(second) == 5
    assert {e.id for e in first}.isdisjoint(e.id for e in second)

    by_actor, total = await audit.search(admin, actor_email=other.email.upper())
    assert total == 2
    assert all(e.young_person_id == 900002 for e in by_actor)
    assert (await audit.search(admin, action="update", young_person_id=900002))[1] == 2
    today = date.today()
    assert (await audit.search(admin, young_person_id=900002, since=today, until=today))[1] == 2
    tomorrow = today + timedelta(days=1)
    assert (await audit.search(admin, young_person_id=900002, since=tomorrow))[1] == 0
    yesterday = today - timedelta(days=1)
    assert (await audit.search(admin, young_person_id=900002, until=yesterday))[1] == 0


async def test_only_administrators_may_search_the_audit_log() -> None:
    consultant = Principal.for_user(await make_user(Role.CONSULTANT, is_manager=True))
    with pytest.raises(PermissionDeniedError):
        await audit.search(consultant)


async def test_audit_page_shows_events_and_checks_the_filters(client: httpx.AsyncClient) -> None:
    consultant = await make_user(Role.CONSULTANT)
    await record_events(consultant, 900003, 1, "export")
    await log_in(client, await make_user(Role.ADMIN))
    page = await client.get("/admin/audit", params={"young_person_id": "900003"})
    assert page.status_code == 200
    assert consultant.email in page.text
    assert "export" in page.text
    assert "10.1.2.3" in page.text
    assert "req-1" in page.text
    bad = await client.get(
        "/admin/audit",
        params={"young_person_id": "abc", "since": "2025-13-01", "until": "i går"},
    )
    assert bad.status_code == 400
    for field in ("young_person_id", "since", "until"):
        assert f'id="error-{field}"' in bad.text
    assert 'value="abc"' in bad.text
    backwards = await client.get(
        "/admin/audit", params={"since": "2025-02-01", "until": "2025-01-01"}
    )
    assert backwards.status_code == 400
    assert "Slutdatoen ligger før startdatoen." in backwards.text


async def test_audit_page_links_to_the_next_page(client: httpx.AsyncClient) -> None:
    await record_events(await make_user(Role.CONSULTANT), 900004, 51, "read")
    await log_in(client, await make_user(Role.ADMIN))
    first = await client.get("/admin/audit", params={"young_person_id": "900004"})
    assert "young_person_id=900004&amp;page=2" in first.text
    second = await client.get("/admin/audit", params={"young_person_id": "900004", "page": "2"})
    assert second.text.count("data-event-id=") == 1
    assert "page=1" in second.text


# The outbox.


async def test_outbox_page_shows_recent_messages_and_their_state(
    client: httpx.AsyncClient,
) -> None:
    from app.services.outbox import queue_email

    waiting = await queue_email("a@test.example.com", "Venter stadig", "Hej A")
    sent = await queue_email("b@test.example.com", "Allerede sendt", "Hej B")
    await OutboxMessage.filter(id=sent.id).update(sent_at=datetime.now(UTC))
    await log_in(client, await make_user(Role.ADMIN))
    page = await client.get("/admin/outbox")
    assert page.status_code == 200
    assert page.text.index("Allerede sendt") < page.text.index("Venter stadig")
    assert f'data-message-id="{waiting.id}"' in page.text
    assert "Hej A" in page.text
    assert "Sendt " in page.text
