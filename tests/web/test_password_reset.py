"""Forgotten password: a link by e-mail that expires and works once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from app.models import OneTimeLink, OutboxMessage, Role, Session
from tests.factories import log_in, make_user, post_form

NEW_PASSWORD = "blå cykler kører langsomt"


def link_in(body: str) -> str:
    found = re.search(r"https?://[^\s]+(/password/reset/[\w-]+)", body)
    assert found, body
    return found.group(1)


async def test_reset_link_sets_a_new_password_once(client: httpx.AsyncClient, app: object) -> None:
    user = await make_user(Role.CONSULTANT)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other_device:
        await log_in(other_device, user)
        sent = await post_form(
            client, "/password/forgot", "/password/forgot", {"email": user.email.upper()}
        )
        assert sent.status_code == 200
        assert "Hvis der findes en konto" in sent.text
        message = await OutboxMessage.get(to_email=user.email)
        path = link_in(message.body)

        form = await client.get(path)
        assert form.status_code == 200
        weak = await post_form(
            client, path, path, {"new_password": "kort", "repeat_password": "kort"}
        )
        assert weak.status_code == 400
        assert "mindst 12 tegn" in weak.text
        assert not await OneTimeLink.filter(used_at__isnull=False).exists()

        done = await post_form(
            client, path, path, {"new_password": NEW_PASSWORD, "repeat_password": NEW_PASSWORD}
        )
        assert done.status_code == 303
        assert (await other_device.get("/account")).status_code == 303
        assert not await Session.filter(user_id=user.id, revoked_at=None).exists()

        again = await client.get(path)
        assert again.status_code == 410
        assert "allerede brugt" in again.text
        assert (await log_in(client, user, password=NEW_PASSWORD)).status_code == 303


async def test_unknown_address_gets_the_same_answer_and_no_mail(client: httpx.AsyncClient) -> None:
    response = await post_form(
        client, "/password/forgot", "/password/forgot", {"email": "ingen@test.example.com"}
    )
    assert response.status_code == 200
    assert "Hvis der findes en konto" in response.text
    assert not await OutboxMessage.filter(to_email="ingen@test.example.com").exists()


async def test_bad_address_is_a_field_error(client: httpx.AsyncClient) -> None:
    response = await post_form(
        client, "/password/forgot", "/password/forgot", {"email": "ikke en adresse"}
    )
    assert response.status_code == 400
    assert 'id="error-email"' in response.text


async def test_expired_forged_and_replaced_links_are_refused(client: httpx.AsyncClient) -> None:
    user = await make_user(Role.COMPANY)
    await post_form(client, "/password/forgot", "/password/forgot", {"email": user.email})
    first = link_in((await OutboxMessage.get(to_email=user.email)).body)
    await OneTimeLink.filter(user_id=user.id).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    expired = await client.get(first)
    assert expired.status_code == 410
    assert "udløbet" in expired.text
    forged = await client.get("/password/reset/not-a-real-token")
    assert forged.status_code == 410
    assert "findes ikke" in forged.text
    posted = await post_form(
        client,
        "/password/forgot",
        first,
        {"new_password": NEW_PASSWORD, "repeat_password": NEW_PASSWORD},
    )
    assert posted.status_code == 410
