import re

import httpx
import pytest


def municipality_names(html: str) -> list[str]:
    return re.findall(r'<span class="name">([^<]+)</span>', html)


async def test_home_lists_all_98_municipalities_by_region(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert len(municipality_names(response.text)) == 98
    assert response.text.count('class="region-group"') == 5
    assert "98 kommuner" in response.text
    assert '<html lang="da">' in response.text


async def test_filter_works_without_javascript(client: httpx.AsyncClient) -> None:
    response = await client.get("/", params={"q": "aar"})
    assert municipality_names(response.text) == ["Aarhus"]
    assert 'value="aar"' in response.text
    assert "<html" in response.text


async def test_htmx_partial_request_gets_only_the_list_fragment(client: httpx.AsyncClient) -> None:
    headers = {"HX-Request": "true", "HX-Request-Type": "partial"}
    response = await client.get("/", params={"q": "aar"}, headers=headers)
    assert municipality_names(response.text) == ["Aarhus"]
    assert "<html" not in response.text
    assert "<form" not in response.text
    assert "HX-Request-Type" in response.headers["vary"]


async def test_full_htmx_request_gets_the_page(client: httpx.AsyncClient) -> None:
    headers = {"HX-Request": "true", "HX-Request-Type": "full"}
    response = await client.get("/", headers=headers)
    assert "<html" in response.text


async def test_no_match_says_so_and_escapes_the_query(client: httpx.AsyncClient) -> None:
    response = await client.get("/", params={"q": "<script>x</script>"})
    assert response.status_code == 200
    assert municipality_names(response.text) == []
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text
    assert "<script>x</script>" not in response.text


async def test_english_is_available_and_remembered(client: httpx.AsyncClient) -> None:
    response = await client.get("/", params={"lang": "en"})
    assert '<html lang="en">' in response.text
    assert "98 municipalities" in response.text
    assert response.cookies.get("lang") == "en"
    again = await client.get("/")
    assert "98 municipalities" in again.text
    client.cookies.clear()
    browser = await client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert browser.headers["content-language"] == "en"
    client.cookies.clear()
    assert (await client.get("/")).headers["content-language"] == "da"


async def test_unknown_page_is_a_friendly_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/page")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.text
    assert 'href="/"' in response.text


async def test_unknown_route_asked_for_json_gets_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/thing", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "not found"}}


async def test_unsafe_method_without_a_token_is_refused_not_a_500(
    client: httpx.AsyncClient,
) -> None:
    response = await client.delete("/")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("path", "body"),
    [("/healthz", {"status": "ok"}), ("/readyz", {"status": "ready", "database": "ok"})],
)
async def test_health_endpoints(client: httpx.AsyncClient, path: str, body: dict[str, str]) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.json() == body


async def test_htmx_is_served_from_static(client: httpx.AsyncClient) -> None:
    response = await client.get("/static/vendor/htmx/htmx.min.js")
    assert response.status_code == 200
    assert "htmx" in response.text[:2000]
