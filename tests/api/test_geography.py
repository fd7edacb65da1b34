import httpx

from tests.graphql_client import graphql

MUNICIPALITIES = """
query {
  municipalities { code name region { name } employmentCouncil { name } }
}
"""

REGIONS = """
query {
  regions { code name officialName nuts2 municipalities { code name } }
}
"""

ONE_MUNICIPALITY = """
query ($code: Int!) { municipality(code: $code) { code name point { lat lon } region { code } } }
"""

SEARCH = """
query ($search: String!) { municipalities(search: $search) { code name } }
"""


async def test_all_98_municipalities_with_their_regions(
    client: httpx.AsyncClient, public_token: str
) -> None:
    data = await graphql(client, MUNICIPALITIES, token=public_token)
    municipalities = data["municipalities"]
    assert len(municipalities) == 98
    by_code = {m["code"]: m for m in municipalities}
    assert by_code[101]["name"] == "København"
    assert by_code[101]["region"]["name"] == "Hovedstaden"
    assert by_code[751]["region"]["name"] == "Midtjylland"
    assert by_code[751]["employmentCouncil"]["name"] == "Regionalt beskæftigelsesråd Midtjylland"


async def test_regions_with_their_municipalities(
    client: httpx.AsyncClient, public_token: str
) -> None:
    regions = (await graphql(client, REGIONS, token=public_token))["regions"]
    assert [r["code"] for r in regions] == [1081, 1082, 1083, 1084, 1085]
    assert sum(len(r["municipalities"]) for r in regions) == 98
    assert regions[0]["officialName"] == "Region Nordjylland"


async def test_one_municipality_and_a_missing_one(
    client: httpx.AsyncClient, public_token: str
) -> None:
    data = await graphql(client, ONE_MUNICIPALITY, {"code": 461}, token=public_token)
    assert data["municipality"]["name"] == "Odense"
    assert data["municipality"]["region"]["code"] == 1083
    assert 55 < data["municipality"]["point"]["lat"] < 56
    assert (await graphql(client, ONE_MUNICIPALITY, {"code": 999}, token=public_token))[
        "municipality"
    ] is None


async def test_search_by_name_or_code(client: httpx.AsyncClient, public_token: str) -> None:
    assert (await graphql(client, SEARCH, {"search": "aar"}, token=public_token))[
        "municipalities"
    ] == [{"code": 751, "name": "Aarhus"}]
    assert (await graphql(client, SEARCH, {"search": "751"}, token=public_token))[
        "municipalities"
    ] == [{"code": 751, "name": "Aarhus"}]


async def test_malformed_query_gets_graphql_errors_not_a_server_error(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/graphql", json={"query": "{ municipalities { code "})
    assert response.status_code < 500
    body = response.json()
    assert body["errors"][0]["message"].startswith("Syntax Error")
    assert "Traceback" not in response.text


async def test_unknown_field_and_bad_variable_are_errors(
    client: httpx.AsyncClient, public_token: str
) -> None:
    response = await client.post("/graphql", json={"query": "{ municipalities { nope } }"})
    assert "Cannot query field 'nope'" in response.json()["errors"][0]["message"]
    response = await client.post(
        "/graphql", json={"query": ONE_MUNICIPALITY, "variables": {"code": "x"}}
    )
    assert "errors" in response.json()


async def test_queries_over_get_are_refused(client: httpx.AsyncClient, public_token: str) -> None:
    response = await client.get("/graphql", params={"query": "{ regions { code } }"})
    assert response.status_code in (400, 405)
    assert "regions" not in response.text or "errors" in response.text


async def test_body_that_is_not_json_is_a_client_error(
    client: httpx.AsyncClient, public_token: str
) -> None:
    response = await client.post(
        "/graphql", content=b"not json", headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500


async def test_search_matches_the_start_of_any_word(
    client: httpx.AsyncClient, public_token: str
) -> None:
    found = (await graphql(client, SEARCH, {"search": "taa"}, token=public_token))["municipalities"]
    assert {"code": 173, "name": "Lyngby-Taarbæk"} in found
    found = (await graphql(client, SEARCH, {"search": "TAASTRUP"}, token=public_token))[
        "municipalities"
    ]
    assert [m["name"] for m in found] == ["Høje-Taastrup"]
