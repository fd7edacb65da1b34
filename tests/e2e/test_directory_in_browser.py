"""The public directory in a real browser."""

from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import LiveServer

MUNICIPALITY_ITEMS = "#municipality-list li"


async def test_filter_narrows_the_list_without_a_page_load(
    live_server: LiveServer, page: Page
) -> None:
    await page.goto(live_server.url + "/")
    await expect(page.locator(MUNICIPALITY_ITEMS)).to_have_count(98)
    # A full page load would forget this marker.
    await page.evaluate("window.__sameDocument = true")

    await page.get_by_label("Søg efter kommune").press_sequentially("aar", delay=50)

    await expect(page.locator(MUNICIPALITY_ITEMS)).to_have_count(1)
    await expect(page.locator(MUNICIPALITY_ITEMS).first).to_contain_text("Aarhus")
    assert await page.evaluate("window.__sameDocument") is True
    await expect(page).to_have_url(live_server.url + "/?q=aar")


async def test_the_pushed_url_works_on_its_own(live_server: LiveServer, page: Page) -> None:
    await page.goto(live_server.url + "/?q=aar")
    await expect(page.locator(MUNICIPALITY_ITEMS)).to_have_count(1)
    await expect(page.get_by_label("Søg efter kommune")).to_have_value("aar")


async def test_the_filter_works_without_javascript(
    live_server: LiveServer, browser: Browser
) -> None:
    context = await browser.new_context(java_script_enabled=False, locale="da-DK")
    page = await context.new_page()
    try:
        await page.goto(live_server.url + "/")
        await page.get_by_label("Søg efter kommune").fill("odense")
        await page.get_by_role("button", name="Søg").click()
        await expect(page).to_have_url(live_server.url + "/?q=odense")
        await expect(page.locator(MUNICIPALITY_ITEMS)).to_have_count(1)
    finally:
        await context.close()
