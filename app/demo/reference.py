"""The reference data the demo data points at, read once into memory."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date
from math import cos, radians
from typing import Any

from app.demo.geo import haversine_km
from app.demo.jobs import INDUSTRY_WEIGHTS, OCCUPATION_BY_CODE
from app.models.reference import CodeList

# Code lists (and keys within them) that the generator cannot do without.
REQUIRED_CODES: dict[CodeList, tuple[str, ...]] = {
    CodeList.OPENING_KIND: ("ordinary", "flex_job", "small_job", "apprenticeship"),
    CodeList.SUPPORT: (),
    CodeList.REQUIREMENT: (),
    CodeList.SUPPORT_NEED: (),
    CodeList.EDUCATION_LEVEL: ("primary_school",),
    CodeList.PATHWAY_STATUS: ("neet", "in_job", "in_job_with_support"),
    CodeList.TARGET_GROUP: (),
    CodeList.MATCH_REASON: (),
    CodeList.ORGANISATION_KIND: (),
    CodeList.OFFER_KIND: (),
    CodeList.CONTACT_KIND: (),
}


class ReferenceDataMissingError(RuntimeError):
    """The reference data the demo data needs is not in the database."""


@dataclass(frozen=True, slots=True)
class Municipality:
    id: int
    code: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Postcode:
    id: int
    name: str
    lat: float
    lon: float
    municipality_id: int


@dataclass(frozen=True, slots=True)
class Code:
    """A code value valid on the reference date."""

    id: int
    key: str
    label_da: str


@dataclass
class Reference:
    municipalities: list[Municipality]  # in code order
    postcodes: list[Postcode]  # in code order
    occupations: dict[str, Code]  # DISCO-08 sub-major code -> row (key = the code)
    industries: dict[str, int]  # DB07 section -> id
    codes: dict[CodeList, list[Code]]  # in sort order
    _nearby_postcodes: dict[int, list[Postcode]] = field(default_factory=dict, repr=False)
    _nearby_municipalities: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.municipality_by_id = {m.id: m for m in self.municipalities}
        self.municipality_by_code = {m.code: m for m in self.municipalities}
        self.postcodes_in: dict[int, list[Postcode]] = {}
        for postcode in self.postcodes:
            self.postcodes_in.setdefault(postcode.municipality_id, []).append(postcode)
        self._code_by_key = {
            (code_list, code.key): code for code_list, codes in self.codes.items() for code in codes
        }

    def code(self, code_list: CodeList, key: str) -> Code:
        return self._code_by_key[(code_list, key)]

    def keys(self, code_list: CodeList) -> list[str]:
        return [code.key for code in self.codes[code_list]]

    def nearby_postcodes(self, postcode: Postcode, count: int = 6) -> list[Postcode]:
        """The ``count`` postcodes nearest to ``postcode`` (itself excluded)."""
        if postcode.id not in self._nearby_postcodes:
            # Over a few kilometres the map is flat enough: scale longitude, skip the trigonometry.
            stretch = cos(radians(postcode.lat))
            others = (p for p in self.postcodes if p.id != postcode.id)
            self._nearby_postcodes[postcode.id] = heapq.nsmallest(
                count,
                others,
                key=lambda p: (p.lat - postcode.lat) ** 2 + ((p.lon - postcode.lon) * stretch) ** 2,
            )
        return self._nearby_postcodes[postcode.id]

    def nearby_municipalities(self, municipality_id: int, count: int) -> list[int]:
        """``municipality_id`` and the ``count - 1`` municipalities nearest to it."""
        if municipality_id not in self._nearby_municipalities:
            home = self.municipality_by_id[municipality_id]
            ranked = sorted(
                self.municipalities,
                key=lambda m: (haversine_km(home.lat, home.lon, m.lat, m.lon), m.code),
            )
            self._nearby_municipalities[municipality_id] = [m.id for m in ranked]
        return self._nearby_municipalities[municipality_id][:count]


async def load_reference(conn: Any, on: date) -> Reference:
    """Read the reference data through the asyncpg connection ``conn``; code values are
    those valid ``on`` the given day."""
    municipalities = [
        Municipality(r["id"], r["code"], r["name"], r["lat"], r["lon"])
        for r in await conn.fetch("SELECT id, code, name, lat, lon FROM municipality ORDER BY code")
    ]
    postcodes = [
        Postcode(r["id"], r["name"], r["lat"], r["lon"], r["municipality_id"])
        for r in await conn.fetch(
            "SELECT id, code, name, lat, lon, municipality_id FROM postcode ORDER BY code"
        )
    ]
    occupations = {
        r["code"]: Code(r["id"], r["code"], r["title_da"])
        for r in await conn.fetch(
            "SELECT id, code, title_da FROM occupation WHERE level = 2 ORDER BY code"
        )
    }
    industries = {r["code"]: r["id"] for r in await conn.fetch("SELECT id, code FROM industry")}
    codes: dict[CodeList, list[Code]] = {code_list: [] for code_list in CodeList}
    for r in await conn.fetch(
        "SELECT id, list, key, label_da FROM code_value"
        " WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)"
        " ORDER BY list, sort_order, key",
        on,
    ):
        codes[CodeList(r["list"])].append(Code(r["id"], r["key"], r["label_da"]))
    reference = Reference(municipalities, postcodes, occupations, industries, codes)
    _check_complete(reference)
    return reference


def _check_complete(reference: Reference) -> None:
    missing: list[str] = []
    if not reference.municipalities or not reference.postcodes:
        missing.append("municipalities and postcodes")
    missing.extend(
        f"occupation {code}" for code in OCCUPATION_BY_CODE if code not in reference.occupations
    )
    missing.extend(
        f"industry {code}" for code in INDUSTRY_WEIGHTS if code not in reference.industries
    )
    for code_list, keys in REQUIRED_CODES.items():
        present = set(reference.keys(code_list))
        if not present:
            missing.append(f"code list {code_list.value}")
        missing.extend(f"{code_list.value}.{key}" for key in keys if key not in present)
    if missing:
        raise ReferenceDataMissingError(
            "the demo data needs the reference data; load it first (python -m app load-reference)."
            f" Missing: {', '.join(missing)}"
        )
