"""Logging in and out, sessions, throttling and CSRF, through the HTML routes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app.models import LoginFailure, Role, Session
from app.services.auth import ACCOUNT_FAILURES_PER_HOUR
from tests.factories import PASSWORD, csrf_token_in, log_in, make_user, post_form


async def test_login_starts_a_server_side_session(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    response = await log_in(client, user)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "session=" in cookie
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert await Session.filter(user_id=user.id, revoked_at=None).count() == 1
    account = await client.get("/account")
    assert account.status_code == 200
    assert user.name in account.text
    assert account.headers["cache-control"] == "no-store"


async def test_wrong_password_and_unknown_user_get_the_same_answer(
    client: httpx.AsyncClient,
) -> None:
    user = await make_user(Role.CONSULTANT)
    page = await client.get("/login")
    token = csrf_token_in(page.text)
    wrong = await client.post(
        "/login", data={"email": user.email, "password": "forkert forkert", "csrf_token": token}
    )
    unknown = await client.post(
        "/login",
        data={
            "email": "nobody@test.example.com",
            "password": "forkert forkert",
            "csrf_token": token,
        },
    )
    assert wrong.status_code == unknown.status_code == 400
    assert "Forkert e-mail eller adgangskode." in wrong.text
    assert "Forkert e-mail eller adgangskode." in unknown.text
    assert f'value="{user.email}"' in wrong.text
    assert "forkert forkert" not in wrong.text
    assert await LoginFailure.filter(email=user.email).count() == 1


async def test_empty_fields_get_messages_at_the_fields(client: httpx.AsyncClient) -> None:
    response = await post_form(client, "/login", "/login", {"email": "", "password": ""})
    assert response.status_code == 400
    assert 'id="error-email"' in response.text
    assert 'id="error-password"' in response.text


async def test_101st_failed_login_in_an_hour_is_refused_even_with_the_right_password(
    client: httpx.AsyncClient,
) -> None:
    user = await make_user(Role.CONSULTANT)
    spread = datetime.now(UTC) - timedelta(minutes=30)
    await LoginFailure.bulk_create(
        [LoginFailure(email=user.email, ip="10.0.0.9") for _ in range(ACCOUNT_FAILURES_PER_HOUR)]
    )
    await LoginFailure.filter(email=user.email).update(at=spread)
    response = await log_in(client, user)
    assert response.status_code == 429
    assert "For mange forkerte forsøg på denne konto" in response.text
    assert not await Session.exists(user_id=user.id)


async def test_back_off_after_five_quick_failures(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    for _ in range(5):
        await log_in(client, user, password="forkert forkert")
    response = await log_in(client, user)
    assert response.status_code == 429
    assert "Vent" in response.text
    assert int(response.headers["retry-after"]) >= 1


async def test_logout_ends_the_session(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    await log_in(client, user)
    cookie = client.cookies.get("session")
    response = await post_form(client, "/account", "/logout", {})
    assert response.status_code == 303
    client.cookies.set("session", cookie or "")
    again = await client.get("/account")
    assert again.status_code == 303
    assert again.headers["location"].startswith("/login")


async def test_post_without_csrf_token_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    user = await make_user(Role.CONSULTANT)
    await log_in(client, user)
    response = await client.post("/logout")
    assert response.status_code == 403
    assert "intet er ændret" in response.text
    assert await Session.filter(user_id=user.id, revoked_at=None).count() == 1
    forged = await client.post("/logout", data={"csrf_token": "forged"})
    assert forged.status_code == 403
    assert (await client.get("/account")).status_code == 200


async def test_cross_site_post_is_refused(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    await log_in(client, user)
    page = await client.get("/account")
    token = csrf_token_in(page.text)
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
        response = await client.post("/logout", data={"csrf_token": token}, headers=headers)
        assert response.status_code == 403
    assert await Session.filter(user_id=user.id, revoked_at=None).count() == 1


async def test_htmx_requests_may_send_the_token_as_a_header(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    await log_in(client, user)
    token = csrf_token_in((await client.get("/account")).text)
    response = await client.post("/logout", headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert response.status_code == 303


async def test_idle_timeout_ends_the_session(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    await log_in(client, user)
    await Session.filter(user_id=user.id).update(
        last_seen_at=datetime.now(UTC) - timedelta(minutes=31)
    )
    response = await client.get("/account")
    assert response.status_code == 303
    assert "expired=1" in response.headers["location"]
    assert await Session.filter(user_id=user.id, revoked_at=None).count() == 0
    login_page = await client.get(response.headers["location"])
    assert "ikke havde været aktiv" in login_page.text


async def test_absolute_timeout_ends_the_session(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.ADMIN)
    await log_in(client, user)
    past = datetime.now(UTC) - timedelta(minutes=1)
    await Session.filter(user_id=user.id).update(
        expires_at=past, created_at=past - timedelta(hours=12)
    )
    assert (await client.get("/account")).status_code == 303


async def test_next_only_leads_to_this_site(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.CONSULTANT)
    page = await client.get("/login", params={"next": "//evil.example/x"})
    response = await client.post(
        "/login",
        data={
            "email": user.email,
            "password": PASSWORD,
            "next": "//evil.example/x",
            "csrf_token": csrf_token_in(page.text),
        },
    )
    assert response.headers["location"] == "/consultant/young-people"


async def test_sessions_page_lists_and_ends_other_sessions(
    client: httpx.AsyncClient, app: object
) -> None:
    user = await make_user(Role.CONSULTANT)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other_device:
        await log_in(other_device, user)
        await log_in(client, user)
        page = await client.get("/account")
        assert page.text.count("data-session-id=") == 2
        response = await post_form(client, "/account", "/account/sessions/end-others", {})
        assert response.status_code == 303
        assert (await other_device.get("/account")).status_code == 303
    assert (await client.get("/account")).status_code == 200


async def test_someone_elses_session_cannot_be_ended(client: httpx.AsyncClient) -> None:
    victim = await make_user(Role.CONSULTANT)
    await log_in(client, victim)
    victim_session = await Session.get(user_id=victim.id)
    client.cookies.clear()
    attacker = await make_user(Role.CONSULTANT)
    await log_in(client, attacker)
    response = await post_form(client, "/account", f"/account/sessions/{victim_session.id}/end", {})
    assert response.status_code == 404
    assert await Session.filter(id=victim_session.id, revoked_at=None).exists()


async def test_password_change_checks_and_ends_other_sessions(
    client: httpx.AsyncClient, app: object
) -> None:
    user = await make_user(Role.CONSULTANT)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other_device:
        await log_in(other_device, user)
        await log_in(client, user)
        bad = await post_form(
            client,
            "/account",
            "/account/password",
            {
                "current_password": "forkert forkert",
                "new_password": "qwerty123456",
                "repeat_password": "x",
            },
        )
        assert bad.status_code == 400
        assert "Den nuværende adgangskode er forkert." in bad.text
        assert "for almindelig" in bad.text
        good = await post_form(
            client,
            "/account",
            "/account/password",
            {
                "current_password": PASSWORD,
                "new_password": "grøn cykel på bakken",
                "repeat_password": "grøn cykel på bakken",
            },
        )
        assert good.status_code == 200
        assert "Din adgangskode er skiftet" in good.text
        assert (await other_device.get("/account")).status_code == 303
    assert (await client.get("/account")).status_code == 200


@pytest.mark.parametrize("path", ["/", "/login", "/no/such/page"])
async def test_security_headers(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert len(response.headers["x-request-id"]) == 32
