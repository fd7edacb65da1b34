"""Load the reference data in ``data/`` (see ``data/SOURCES.md``) idempotently.

Every table is upserted on its natural key, so a second run changes nothing and a
corrected CSV updates the rows in place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from app.services.rows import forget_reference_rows
from app.settings import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"
REGIONS_FOUNDED = "2007-01-01"
REGIONS_MERGING_IN_2027 = {1084, 1085}  # Hovedstaden and Sjælland become Region Østdanmark


@dataclass(frozen=True)
class ReferenceCounts:
    regions: int
    employment_councils: int
    municipalities: int
    postcodes: int
    occupations: int
    industries: int
    code_values: int


def read_csv(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


async def load_reference_data(data_dir: Path = DATA_DIR) -> ReferenceCounts:
    async with in_transaction() as conn:
        await _regions(conn, data_dir)
        await _employment_councils(conn, data_dir)
        await _municipalities(conn, data_dir)
        await _council_memberships(conn, data_dir)
        await _postcodes(conn, data_dir)
        await _occupations(conn, data_dir)
        await _industries(conn, data_dir)
        await _code_values(conn, data_dir)
    forget_reference_rows()
    return await reference_counts()


async def reference_counts() -> ReferenceCounts:
    conn = connections.get("default")
    tables = (
        "region",
        "employment_council",
        "municipality",
        "postcode",
        "occupation",
        "industry",
        "code_value",
    )
    counts = [
        (await conn.execute_query_dict(f"SELECT count(*) AS n FROM {table}"))[0]["n"]  # noqa: S608
        for table in tables
    ]
    return ReferenceCounts(*counts)


async def _many(conn: BaseDBAsyncClient, sql: str, rows: list[list[Any]]) -> None:
    if rows:
        await conn.execute_many(sql, rows)


def _date(value: str) -> Any:
    from datetime import date

    return date.fromisoformat(value) if value else None


async def _regions(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    rows = [
        [
            int(r["region_code"]),
            r["region_name"],
            r["official_name"],
            r["nuts2"],
            _date(REGIONS_FOUNDED),
            _date("2027-01-01") if int(r["region_code"]) in REGIONS_MERGING_IN_2027 else None,
        ]
        for r in read_csv("regions.csv", data_dir)
    ]
    await _many(
        conn,
        """
        INSERT INTO region (code, name, official_name, nuts2, valid_from, valid_to, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, now(), now())
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, official_name = EXCLUDED.official_name,
            nuts2 = EXCLUDED.nuts2, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
            updated_at = now()
        """,
        rows,
    )


async def _employment_councils(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    rows = [
        [
            r["name"],
            int(r["region_code"]) if r["region_code"] else None,
            _date(r["valid_from"]),
            _date(r["valid_to"]),
        ]
        for r in read_csv("employment_councils.csv", data_dir)
    ]
    await _many(
        conn,
        """
        INSERT INTO employment_council (name, region_id, valid_from, valid_to, created_at, updated_at)
        VALUES ($1, (SELECT id FROM region WHERE code = $2), $3, $4, now(), now())
        ON CONFLICT (name) DO UPDATE SET region_id = EXCLUDED.region_id,
            valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, updated_at = now()
        """,
        rows,
    )


async def _municipalities(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    rows = [
        [int(r["code"]), r["name"], int(r["region_code"]), float(r["lat"]), float(r["lon"])]
        for r in read_csv("kommuner.csv", data_dir)
    ]
    await _many(
        conn,
        """
        INSERT INTO municipality (code, name, region_id, lat, lon, created_at, updated_at)
        VALUES ($1, $2, (SELECT id FROM region WHERE code = $3), $4, $5, now(), now())
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_id = EXCLUDED.region_id,
            lat = EXCLUDED.lat, lon = EXCLUDED.lon, updated_at = now()
        """,
        rows,
    )


async def _council_memberships(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    councils = read_csv("employment_councils.csv", data_dir)
    regional = {int(c["region_code"]): c for c in councils if c["region_code"]}
    rar = {c["name"]: c for c in councils if not c["region_code"]}
    region_of = {int(r["code"]): int(r["region_code"]) for r in read_csv("kommuner.csv", data_dir)}
    rows: list[list[Any]] = []
    for municipality_code, region_code in region_of.items():
        council = regional[region_code]
        rows.append([municipality_code, council["name"], _date(council["valid_from"]), None])
    for r in read_csv("rar.csv", data_dir):
        council = rar[r["rar_name"]]
        rows.append(
            [
                int(r["code"]),
                council["name"],
                _date(council["valid_from"]),
                _date(council["valid_to"]),
            ]
        )
    await _many(
        conn,
        """
        INSERT INTO council_membership (municipality_id, council_id, valid_from, valid_to, created_at, updated_at)
        VALUES ((SELECT id FROM municipality WHERE code = $1),
                (SELECT id FROM employment_council WHERE name = $2), $3, $4, now(), now())
        ON CONFLICT (municipality_id, council_id, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to,
            updated_at = now()
        """,
        rows,
    )


async def _postcodes(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    postcodes = read_csv("postnumre.csv", data_dir)
    rows: list[list[Any]] = []
    links: list[list[Any]] = []
    for r in postcodes:
        codes = [int(code) for code in r["municipality_codes"].split(";")]
        rows.append([int(r["postcode"]), r["name"], float(r["lat"]), float(r["lon"]), codes[0]])
        links.extend([int(r["postcode"]), code] for code in codes)
    await _many(
        conn,
        """
        INSERT INTO postcode (code, name, lat, lon, municipality_id, created_at, updated_at)
        VALUES ($1, $2, $3, $4, (SELECT id FROM municipality WHERE code = $5), now(), now())
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
            municipality_id = EXCLUDED.municipality_id, updated_at = now()
        """,
        rows,
    )
    await _many(
        conn,
        """
        INSERT INTO postcode_municipality (postcode_id, municipality_id)
        VALUES ((SELECT id FROM postcode WHERE code = $1), (SELECT id FROM municipality WHERE code = $2))
        ON CONFLICT DO NOTHING
        """,
        links,
    )


async def _occupations(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    sql = """
        INSERT INTO occupation (code, level, title_da, title_en, parent_id, created_at, updated_at)
        VALUES ($1, $2, $3, $4, (SELECT id FROM occupation WHERE code = $5), now(), now())
        ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, title_da = EXCLUDED.title_da,
            title_en = EXCLUDED.title_en, parent_id = EXCLUDED.parent_id, updated_at = now()
        """
    majors = [
        [r["code"], 1, r["title_da"], r["title_en"], None]
        for r in read_csv("disco08_major_groups.csv", data_dir)
    ]
    subs = [
        [r["code"], 2, r["title_da"], r["title_en"], r["major_code"]]
        for r in read_csv("disco08_submajor_groups.csv", data_dir)
    ]
    await _many(conn, sql, majors)
    await _many(conn, sql, subs)


async def _industries(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    rows = [
        [r["section"], r["divisions"], r["title_da_dst"], r["title_en_nace_rev2"]]
        for r in read_csv("db07_sections.csv", data_dir)
    ]
    await _many(
        conn,
        """
        INSERT INTO industry (code, divisions, title_da, title_en, created_at, updated_at)
        VALUES ($1, $2, $3, $4, now(), now())
        ON CONFLICT (code) DO UPDATE SET divisions = EXCLUDED.divisions, title_da = EXCLUDED.title_da,
            title_en = EXCLUDED.title_en, updated_at = now()
        """,
        rows,
    )


async def _code_values(conn: BaseDBAsyncClient, data_dir: Path) -> None:
    rows = [
        [
            r["list"],
            r["key"],
            r["label_da"],
            r["label_en"],
            int(r["sort_order"]),
            _date(r["valid_from"]),
            _date(r["valid_to"]),
        ]
        for r in read_csv("code_lists.csv", data_dir)
    ]
    await _many(
        conn,
        """
        INSERT INTO code_value (list, key, label_da, label_en, sort_order, valid_from, valid_to, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())
        ON CONFLICT (list, key, valid_from) DO UPDATE SET label_da = EXCLUDED.label_da,
            label_en = EXCLUDED.label_en, sort_order = EXCLUDED.sort_order, valid_to = EXCLUDED.valid_to,
            updated_at = now()
        """,
        rows,
    )
