"""Logging in and out, a wrong password and the idle timeout, in a real browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg
from playwright.async_api import Page, expect

from app.demo import DEMO_USERS
from app.models import Role
from tests.e2e.conftest import LiveServer

CONSULTANT = next(u for u in DEMO_USERS if u.role == Role.CONSULTANT)


async def log_in(page: Page, server: LiveServer, email: str, password: str) -> None:
    await page.goto(server.url + "/login")
    await page.get_by_label("E-mail").fill(email)
    await page.get_by_label("Adgangskode").fill(password)
    await page.get_by_role("button", name="Log ind").click()


async def test_log_in_and_out(live_server: LiveServer, page: Page) -> None:
    await log_in(page, live_server, CONSULTANT.email, CONSULTANT.password)
    await expect(page).to_have_url(live_server.url + "/consultant/young-people")
    await expect(page.get_by_role("heading", name="Unge i din kommune")).to_be_visible()
    await expect(page.locator("tbody tr")).not_to_have_count(0)

    await page.get_by_role("button", name="Log ud").click()
    await expect(page.get_by_text("Du er logget ud.")).to_be_visible()
    await page.goto(live_server.url + "/consultant/young-people")
    await expect(page).to_have_url(live_server.url + "/login?next=%2Fconsultant%2Fyoung-people")


async def test_wrong_password_keeps_the_address_and_says_why(
    live_server: LiveServer, page: Page
) -> None:
    await log_in(page, live_server, CONSULTANT.email, "forkert adgangskode")
    await expect(page.get_by_role("alert")).to_have_text("Forkert e-mail eller adgangskode.")
    await expect(page.get_by_label("E-mail")).to_have_value(CONSULTANT.email)
    await expect(page.get_by_label("Adgangskode")).to_have_value("")


async def test_idle_session_is_logged_out(live_server: LiveServer, page: Page) -> None:
    await log_in(page, live_server, CONSULTANT.email, CONSULTANT.password)
    await expect(page).to_have_url(live_server.url + "/consultant/young-people")
    conn = await asyncpg.connect(**live_server.database.connect_kwargs())
    try:
        await conn.execute(
            "UPDATE session SET last_seen_at = $1 WHERE revoked_at IS NULL AND user_id ="
            " (SELECT id FROM app_user WHERE email = $2)",
            datetime.now(UTC) - timedelta(minutes=31),
            CONSULTANT.email,
        )
    finally:
        await conn.close()
    await page.reload()
    await expect(
        page.get_by_text("Du blev logget ud, fordi du ikke havde været aktiv")
    ).to_be_visible()
    await expect(page.get_by_label("E-mail")).to_be_visible()
