"""A company registers and an administrator verifies it; an invitation link works once."""

from __future__ import annotations

import re
import secrets

import asyncpg
from playwright.async_api import Browser, Page, expect

from app.demo import DEMO_USERS
from app.models import Role
from tests.e2e.conftest import LiveServer
from tests.e2e.test_login_in_browser import log_in

ADMIN = next(u for u in DEMO_USERS if u.role == Role.ADMIN)
LEAD = next(u for u in DEMO_USERS if u.role == Role.CONSULTANT and "leder" in u.email)
PASSWORD = "en god og lang adgangskode"


async def test_company_registers_and_an_administrator_verifies_it(
    live_server: LiveServer, browser: Browser, page: Page
) -> None:
    suffix = secrets.token_hex(3)
    cvr = "4" + "".join(secrets.choice("0123456789") for _ in range(7))
    name = f"Havnens Værksted {suffix} ApS"
    email = f"kontakt-{suffix}@test.example.com"

    await page.goto(live_server.url + "/")
    await page.get_by_role("link", name="Er I en virksomhed? Tilmeld jer partnerskabet").click()
    await page.get_by_label("CVR-nummer").fill(cvr)
    await page.get_by_label("Virksomhedens navn").fill(name)
    await page.get_by_label("Adresse").fill("Havnegade 4")
    await page.get_by_label("Postnummer").fill("8000")
    await page.get_by_label("Antal jobåbninger I vil skabe").fill("3")
    await page.get_by_label("Dit navn").fill("Mette Holm")
    await page.get_by_label("Din e-mail").fill(email)
    await page.get_by_label("Vælg en adgangskode").fill(PASSWORD)
    await page.get_by_role("button", name="Tilmeld virksomheden").click()
    await expect(page.get_by_role("heading", name="Tak for tilmeldingen")).to_be_visible()

    admin_context = await browser.new_context(locale="da-DK")
    admin = await admin_context.new_page()
    try:
        await log_in(admin, live_server, ADMIN.email, ADMIN.password)
        await expect(
            admin.get_by_role("heading", name="Virksomheder til godkendelse")
        ).to_be_visible()
        pending = admin.locator("article.partner", has_text=name)
        await pending.get_by_role("button", name="Afvis").click()
        # Rejecting without a reason is refused, with the message at the field.
        await expect(
            admin.locator("article.partner", has_text=name).locator("p.error")
        ).to_be_visible()
        await (
            admin.locator("article.partner", has_text=name)
            .get_by_role("button", name="Godkend")
            .click()
        )
        await expect(admin.get_by_text(name)).to_be_visible()
        await expect(
            admin.locator("article.partner", has_text=name).get_by_role("button", name="Godkend")
        ).to_have_count(0)
    finally:
        await admin_context.close()

    await log_in(page, live_server, email, PASSWORD)
    await expect(page).to_have_url(live_server.url + "/company/matches")


async def test_an_invitation_link_works_once(
    live_server: LiveServer, browser: Browser, page: Page
) -> None:
    invitee = f"ny-konsulent-{secrets.token_hex(3)}@test.example.com"
    await log_in(page, live_server, LEAD.email, LEAD.password)
    await page.goto(live_server.url + "/team")
    await page.get_by_label("Navn", exact=True).fill("Jonas Berg")
    await page.get_by_label("E-mail").fill(invitee)
    await page.get_by_role("button", name="Send invitation").click()
    await expect(page.get_by_text(invitee)).to_be_visible()

    conn = await asyncpg.connect(**live_server.database.connect_kwargs())
    try:
        body = await conn.fetchval("SELECT body FROM outbox_message WHERE to_email = $1", invitee)
    finally:
        await conn.close()
    found = re.search(r"(/invitation/[\w-]+)", body)
    assert found, body
    link = live_server.url + found.group(1)

    context = await browser.new_context(locale="da-DK")
    guest = await context.new_page()
    try:
        await guest.goto(link)
        await guest.get_by_label("Ny adgangskode").fill(PASSWORD)
        await guest.get_by_label("Gentag adgangskoden").fill(PASSWORD)
        await guest.get_by_role("button", name="Gem adgangskode").click()
        await expect(guest.get_by_text("Din adgangskode er gemt")).to_be_visible()
        await guest.get_by_label("Adgangskode").fill(PASSWORD)
        await guest.get_by_role("button", name="Log ind").click()
        await expect(guest).to_have_url(live_server.url + "/consultant/young-people")

        await guest.goto(link)
        await expect(guest.get_by_text("Linket er allerede brugt")).to_be_visible()
    finally:
        await context.close()
