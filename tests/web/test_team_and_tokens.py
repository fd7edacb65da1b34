"""Colleagues (invitations, deactivation) and API keys, through the pages."""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from app.models import (
    ApiToken,
    LinkPurpose,
    Municipality,
    OneTimeLink,
    OutboxMessage,
    Role,
    Session,
    User,
)
from app.services import team, tokens
from app.services.errors import NotFoundError, ValidationError
from app.services.principal import Principal
from tests.factories import csrf_token_in, log_in, make_company, make_user, post_form

NEW_PASSWORD = "blå tog kører til Odense"


async def invitation_token(email: str) -> str:
    message = await OutboxMessage.filter(to_email=email).order_by("-id").first()
    assert message is not None, "no invitation in the outbox"
    found = re.search(r"/invitation/(\S+)", message.body)
    assert found, message.body
    return found.group(1)


async def test_invitation_through_the_outbox_to_a_login(
    client: httpx.AsyncClient, app: object
) -> None:
    manager = await make_user(Role.COMPANY, is_manager=True)
    await log_in(client, manager)
    response = await post_form(
        client, "/team", "/team/invite", {"name": "Ny Kollega", "email": "Ny@Test.example.com"}
    )
    assert response.status_code == 303
    invited = await User.get(email="ny@test.example.com")
    assert (invited.role, invited.company_id, invited.is_active, invited.password_hash) == (
        Role.COMPANY,
        manager.company_id,
        False,
        "",
    )
    assert await OneTimeLink.exists(
        user_id=invited.id, purpose=LinkPurpose.INVITATION, created_by_id=manager.id
    )
    assert "Ny Kollega" in (await client.get("/team")).text

    admin = await make_user(Role.ADMIN)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as admin_client:
        await log_in(admin_client, admin)
        outbox = await admin_client.get("/admin/outbox")
        assert "ny@test.example.com" in outbox.text
        assert "/invitation/" in outbox.text
    token = await invitation_token(invited.email)

    newcomer = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    async with newcomer:
        form = await newcomer.get(f"/invitation/{token}")
        assert form.status_code == 200
        passwords = {"new_password": NEW_PASSWORD, "repeat_password": NEW_PASSWORD}
        accepted = await newcomer.post(
            f"/invitation/{token}", data={**passwords, "csrf_token": csrf_token_in(form.text)}
        )
        assert accepted.status_code == 303
        await invited.refresh_from_db()
        assert invited.is_active
        assert (await log_in(newcomer, invited, password=NEW_PASSWORD)).status_code == 303
        assert (await newcomer.get("/company/matches")).status_code == 200
        newcomer.cookies.clear()
        page = await newcomer.get("/login")
        again = await newcomer.post(
            f"/invitation/{token}", data={**passwords, "csrf_token": csrf_token_in(page.text)}
        )
        assert again.status_code == 410
        assert "allerede brugt" in again.text


async def test_bad_invitations_get_messages_and_write_nothing(client: httpx.AsyncClient) -> None:
    manager = await make_user(Role.CONSULTANT, municipality=751, is_manager=True)
    await log_in(client, manager)
    users_before = await User.all().count()
    empty = await post_form(client, "/team", "/team/invite", {"name": "", "email": "nej"})
    assert empty.status_code == 400
    assert 'id="error-name"' in empty.text
    assert 'id="error-email"' in empty.text
    assert 'value="nej"' in empty.text
    taken = await post_form(
        client, "/team", "/team/invite", {"name": "Dobbelt", "email": manager.email}
    )
    assert taken.status_code == 400
    assert "Der findes allerede en bruger med denne e-mailadresse." in taken.text
    assert await User.all().count() == users_before
    assert not await OutboxMessage.exists(subject="Du er inviteret til Ungeløftet")


async def test_a_lead_invites_into_their_own_municipality_only() -> None:
    lead = Principal.for_user(await make_user(Role.CONSULTANT, municipality=751, is_manager=True))
    company = await make_company()
    user = await team.invite_user(
        lead,
        {
            "name": "Konsulent Aarhus",
            "email": "konsulent.ny@test.example.com",
            "role": "admin",
            "company": str(company.id),
        },
        base_url="http://testserver",
    )
    assert user.role == Role.CONSULTANT
    assert user.municipality_id == lead.municipality_id
    assert user.company_id is None
    assert not user.is_manager


async def test_an_administrator_chooses_role_and_tenant() -> None:
    admin = Principal.for_user(await make_user(Role.ADMIN))
    aarhus = await Municipality.get(code=751)
    consultant = await team.invite_user(
        admin,
        {
            "name": "Leder",
            "email": "leder@test.example.com",
            "role": "consultant",
            "municipality": "751",
            "is_manager": "on",
        },
        base_url="http://testserver",
    )
    assert (consultant.role, consultant.municipality_id, consultant.is_manager) == (
        Role.CONSULTANT,
        aarhus.id,
        True,
    )
    with pytest.raises(ValidationError) as bad:
        await team.invite_user(
            admin,
            {
                "name": "X",
                "email": "x@test.example.com",
                "role": "consultant",
                "municipality": "99",
            },
            base_url="http://testserver",
        )
    assert set(bad.value.errors) == {"municipality"}
    with pytest.raises(ValidationError) as no_company:
        await team.invite_user(
            admin,
            {"name": "Y", "email": "y@test.example.com", "role": "company", "company": "0"},
            base_url="http://testserver",
        )
    assert set(no_company.value.errors) == {"company"}
    with pytest.raises(ValidationError) as no_role:
        await team.invite_user(
            admin, {"name": "Z", "email": "z@test.example.com"}, base_url="http://testserver"
        )
    assert set(no_role.value.errors) == {"role"}
    new_admin = await team.invite_user(
        admin,
        {"name": "Admin", "email": "admin2@test.example.com", "role": "admin", "is_manager": "on"},
        base_url="http://testserver",
    )
    assert (new_admin.role, new_admin.is_manager, new_admin.municipality_id) == (
        Role.ADMIN,
        False,
        None,
    )


async def test_the_team_page_lists_only_the_managers_colleagues(client: httpx.AsyncClient) -> None:
    company = await make_company()
    manager = await make_user(Role.COMPANY, company=company, is_manager=True)
    colleague = await make_user(Role.COMPANY, company=company)
    stranger = await make_user(Role.COMPANY)
    await log_in(client, manager)
    page = await client.get("/team")
    assert page.status_code == 200
    assert colleague.email in page.text
    assert stranger.email not in page.text
    assert 'name="role"' not in page.text


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.COMPANY, Role.ORGANISATION])
async def test_colleagues_who_are_not_managers_get_403(
    client: httpx.AsyncClient, role: Role
) -> None:
    await log_in(client, await make_user(role))
    assert (await client.get("/team")).status_code == 403
    response = await post_form(
        client, "/account", "/team/invite", {"name": "A", "email": "a@test.example.com"}
    )
    assert response.status_code == 403
    assert not await User.exists(email="a@test.example.com")


async def test_deactivation_ends_sessions_and_open_invitations(
    client: httpx.AsyncClient, app: object
) -> None:
    company = await make_company()
    manager = await make_user(Role.COMPANY, company=company, is_manager=True)
    colleague = await make_user(Role.COMPANY, company=company)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        await log_in(other, colleague)
        await log_in(client, manager)
        response = await post_form(client, "/team", f"/team/{colleague.id}/deactivate", {})
        assert response.status_code == 303
        assert (await other.get("/company/matches")).status_code == 303
    await colleague.refresh_from_db()
    assert not colleague.is_active
    assert not await Session.exists(user_id=colleague.id, revoked_at=None)

    principal = Principal.for_user(manager)
    invited = await team.invite_user(
        principal, {"name": "Snart væk", "email": "vaek@test.example.com"}, base_url="http://x"
    )
    token = await invitation_token(invited.email)
    await team.deactivate_user(principal, invited.id)
    page = await client.get(f"/invitation/{token}")
    assert page.status_code == 410


async def test_deactivation_outside_the_scope_is_404_and_oneself_is_refused(
    client: httpx.AsyncClient,
) -> None:
    manager = await make_user(Role.COMPANY, is_manager=True)
    stranger = await make_user(Role.COMPANY)
    await log_in(client, manager)
    outside = await post_form(client, "/team", f"/team/{stranger.id}/deactivate", {})
    assert outside.status_code == 404
    await stranger.refresh_from_db()
    assert stranger.is_active
    myself = await post_form(client, "/team", f"/team/{manager.id}/deactivate", {})
    assert myself.status_code == 400
    assert "Du kan ikke deaktivere dig selv." in myself.text
    with pytest.raises(NotFoundError):
        await team.deactivate_user(Principal.for_user(manager), 999999)


# API keys.


async def test_a_company_manager_creates_a_key_shown_once(client: httpx.AsyncClient) -> None:
    manager = await make_user(Role.COMPANY, is_manager=True)
    await log_in(client, manager)
    page = await client.get("/tokens")
    assert page.status_code == 200
    assert "stats:read" not in page.text
    created = await post_form(
        client,
        "/tokens",
        "/tokens",
        {"name": "HR-system", "scopes": "openings:write", "expires_in_days": "30"},
    )
    assert created.status_code == 200
    found = re.search(r'id="new-token">(ulf_[^<]+)<', created.text)
    assert found
    full = found.group(1)
    assert "vises kun denne ene gang" in created.text
    stored = await ApiToken.get(name="HR-system")
    _, prefix, secret = full.split("_", 2)
    assert stored.prefix == prefix
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in stored.secret_hash
    assert (stored.company_id, stored.scopes, stored.municipality_id) == (
        manager.company_id,
        ["openings:write"],
        None,
    )
    again = await client.get("/tokens")
    assert "HR-system" in again.text
    assert full not in again.text


async def test_a_company_manager_cannot_create_a_statistics_key(
    client: httpx.AsyncClient,
) -> None:
    await log_in(client, await make_user(Role.COMPANY, is_manager=True))
    response = await post_form(
        client,
        "/tokens",
        "/tokens",
        {"name": "Statistik", "scopes": "stats:read", "expires_in_days": "30"},
    )
    assert response.status_code == 400
    assert 'id="error-scopes"' in response.text
    assert 'value="Statistik"' in response.text
    assert not await ApiToken.exists(name="Statistik")


async def test_key_form_checks_every_field() -> None:
    admin = Principal.for_user(await make_user(Role.ADMIN))
    with pytest.raises(ValidationError) as empty:
        await tokens.create_token(admin, {"name": "", "expires_in_days": "366"})
    assert set(empty.value.errors) == {"name", "scopes", "expires_in_days"}
    with pytest.raises(ValidationError) as no_municipality:
        await tokens.create_token(
            admin, {"name": "KL", "scopes": ["municipality:read"], "expires_in_days": "30"}
        )
    assert set(no_municipality.value.errors) == {"municipality"}
    with pytest.raises(ValidationError) as stray_municipality:
        await tokens.create_token(
            admin,
            {
                "name": "DST",
                "scopes": ["stats:read"],
                "municipality": "101",
                "expires_in_days": "1",
            },
        )
    assert set(stray_municipality.value.errors) == {"municipality"}
    with pytest.raises(ValidationError) as company_scope:
        await tokens.create_token(
            admin, {"name": "HR", "scopes": ["openings:write"], "expires_in_days": "30"}
        )
    assert set(company_scope.value.errors) == {"scopes"}
    assert not await ApiToken.exists(name__in=["KL", "DST", "HR"])


async def test_an_administrator_creates_a_municipality_key(client: httpx.AsyncClient) -> None:
    await log_in(client, await make_user(Role.ADMIN))
    created = await post_form(
        client,
        "/tokens",
        "/tokens",
        {
            "name": "Aarhus' fagsystem",
            "scopes": ["public:read", "municipality:read"],
            "municipality": "751",
            "expires_in_days": "365",
        },
    )
    assert created.status_code == 200
    stored = await ApiToken.get(name="Aarhus' fagsystem")
    assert stored.scopes == ["public:read", "municipality:read"]
    assert stored.municipality_id == (await Municipality.get(code=751)).id
    assert stored.company_id is None


@pytest.mark.parametrize(
    ("role", "is_manager"),
    [(Role.COMPANY, False), (Role.CONSULTANT, True), (Role.ORGANISATION, True)],
)
async def test_keys_are_for_administrators_and_company_managers_only(
    client: httpx.AsyncClient, role: Role, is_manager: bool
) -> None:
    await log_in(client, await make_user(role, is_manager=is_manager))
    assert (await client.get("/tokens")).status_code == 403
    response = await post_form(
        client,
        "/account",
        "/tokens",
        {"name": "X", "scopes": "openings:write", "expires_in_days": "30"},
    )
    assert response.status_code == 403
    assert not await ApiToken.exists(name="X")


async def test_revoking_a_key_and_another_companys_key_is_404(
    client: httpx.AsyncClient,
) -> None:
    manager = await make_user(Role.COMPANY, is_manager=True)
    other = Principal.for_user(await make_user(Role.COMPANY, is_manager=True))
    form = {"scopes": ["openings:write"], "expires_in_days": "30"}
    own, _ = await tokens.create_token(Principal.for_user(manager), {**form, "name": "Egen"})
    foreign, _ = await tokens.create_token(other, {**form, "name": "Fremmed"})
    await log_in(client, manager)
    page = await client.get("/tokens")
    assert "Egen" in page.text
    assert "Fremmed" not in page.text
    outside = await post_form(client, "/tokens", f"/tokens/{foreign.id}/revoke", {})
    assert outside.status_code == 404
    await foreign.refresh_from_db()
    assert foreign.revoked_at is None
    revoked = await post_form(client, "/tokens", f"/tokens/{own.id}/revoke", {})
    assert revoked.status_code == 303
    await own.refresh_from_db()
    assert own.revoked_at is not None
    assert "Tilbagekaldt" in (await client.get("/tokens")).text


async def test_a_pending_company_cannot_create_tokens(client: httpx.AsyncClient) -> None:
    pending = await make_company(verified=False)
    manager = await make_user(Role.COMPANY, company=pending, is_manager=True)
    await log_in(client, manager)
    response = await post_form(
        client,
        "/tokens",
        "/tokens",
        {"name": "HR", "scopes": "openings:write", "expires_in_days": "30"},
    )
    assert response.status_code == 400
    assert "godkendt af sekretariatet" in response.text
    assert not await ApiToken.filter(company_id=pending.id).exists()
