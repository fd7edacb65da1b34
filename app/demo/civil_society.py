"""Civil-society organisations, their offers, and the catalogue of initiatives."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.demo.bulk import DemoTables
from app.demo.clock import LAST_DAY, PROGRAMME_START, REFERENCE_DATE, day_between, during_workday
from app.demo.geo import haversine_km
from app.demo.names import ORGANISATION_NAME_TEMPLATES, ascii_slug, fill_name
from app.demo.phrases import (
    INITIATIVE_SUMMARIES,
    INITIATIVE_TAGS,
    INITIATIVE_TARGET_GROUPS,
    INITIATIVE_TITLES,
    OFFER_KINDS_FOR_ORGANISATION,
    OFFERS,
    ORGANISATION_DESCRIPTIONS,
)
from app.demo.reference import Reference
from app.models.companies import VerificationStatus
from app.models.reference import CodeList

MAX_MUNICIPALITIES_SERVED = 5
FEATURED_OFFERS = 3  # the demo organisation user's organisation shows several offers
AGE_RANGES = ((15, 29), (15, 29), (15, 24), (18, 29), (16, 25))
SHARE_NEAR_YOUNG_PEOPLE = 0.7  # of organisations based where the young people live
FIRST_INITIATIVE = date(2023, 1, 2)
LAST_INITIATIVE = date(2026, 9, 1)


@dataclass(slots=True)
class Offer:
    id: int
    organisation_id: int
    age_min: int
    age_max: int
    is_active: bool


@dataclass(slots=True)
class Organisation:
    id: int
    kind: str
    home_id: int  # the municipality it is based in
    verified: bool
    served: list[int]  # municipality ids, home first
    name: str = ""
    offers: list[Offer] = field(default_factory=list)


def add_organisations(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    count: int,
    homes: dict[int, int],
    cvrs: list[str],
    featured_municipality_id: int,
) -> list[Organisation]:
    """``count`` organisations, each serving 1-5 municipalities with 1-4 offers; every
    municipality in ``homes`` is served by at least one. The first is the demo
    organisation user's: verified, based in ``featured_municipality_id``."""
    kinds = reference.keys(CodeList.ORGANISATION_KIND)
    offer_kinds = reference.keys(CodeList.OFFER_KIND)
    home_ids, home_weights = list(homes), list(homes.values())
    with_postcodes = [m.id for m in reference.municipalities if reference.postcodes_in.get(m.id)]

    organisations: list[Organisation] = []
    for index in range(count):
        featured = index == 0
        if featured:
            home = featured_municipality_id
        elif rng.random() < SHARE_NEAR_YOUNG_PEOPLE:
            home = rng.choices(home_ids, home_weights)[0]
        else:
            home = rng.choice(with_postcodes)
        kind = kinds[0] if featured else rng.choice(kinds)
        verified = featured or rng.random() < 0.8
        neighbours = reference.nearby_municipalities(home, 7)[1:]
        served = [home, *rng.sample(neighbours, rng.randint(0, MAX_MUNICIPALITIES_SERVED - 1))]
        organisations.append(
            Organisation(tables.organisation.new_id(), kind, home, verified, served)
        )
    _serve_every_home(reference, organisations, homes)

    for index, organisation in enumerate(organisations):
        kind = organisation.kind
        municipality = reference.municipality_by_id[organisation.home_id]
        templates = ORGANISATION_NAME_TEMPLATES.get(
            kind, ORGANISATION_NAME_TEMPLATES["association"]
        )
        organisation.name = fill_name(rng, rng.choice(templates), municipality.name)
        created_on = day_between(rng, PROGRAMME_START, LAST_DAY - timedelta(days=60))
        created_at = during_workday(rng, created_on)
        verified_at = None
        if organisation.verified:
            verified_at = during_workday(rng, created_on + timedelta(days=rng.randint(1, 30)))
        slug = ascii_slug(organisation.name, "-")
        tables.organisation.add(
            organisation.id,
            created_at,
            verified_at or created_at,
            organisation.name,
            reference.code(CodeList.ORGANISATION_KIND, kind).id,
            cvrs.pop() if rng.random() < 0.6 else None,
            rng.choice(ORGANISATION_DESCRIPTIONS),
            f"https://{slug}.example.com",
            f"kontakt@{slug}.example.com",
            f"+45 20 00 {rng.randrange(100):02d} {rng.randrange(100):02d}",
            rng.choice(reference.postcodes_in[organisation.home_id]).id,
            (
                VerificationStatus.VERIFIED if organisation.verified else VerificationStatus.PENDING
            ).value,
            verified_at,
            "",
            True,
        )
        for municipality_id in organisation.served:
            tables.organisation_municipality.add(organisation.id, municipality_id)

        usual = [k for k in OFFER_KINDS_FOR_ORGANISATION.get(kind, ()) if k in offer_kinds]
        wanted = FEATURED_OFFERS if index == 0 else rng.randint(1, 4)
        chosen = rng.sample(usual or offer_kinds, min(wanted, len(usual or offer_kinds)))
        for offer_kind in chosen:
            organisation.offers.append(
                _add_offer(rng, reference, tables, organisation.id, offer_kind, created_at)
            )
    return organisations


def _serve_every_home(
    reference: Reference, organisations: list[Organisation], homes: dict[int, int]
) -> None:
    """Let the nearest organisation with room serve each home municipality nobody serves."""
    served = {m for organisation in organisations for m in organisation.served}
    for municipality_id in homes:
        if municipality_id in served:
            continue
        target = reference.municipality_by_id[municipality_id]
        with_room = [o for o in organisations if len(o.served) < MAX_MUNICIPALITIES_SERVED]
        nearest = min(
            with_room or organisations,
            key=lambda o: haversine_km(
                reference.municipality_by_id[o.home_id].lat,
                reference.municipality_by_id[o.home_id].lon,
                target.lat,
                target.lon,
            ),
        )
        nearest.served.append(municipality_id)
        served.add(municipality_id)


def _add_offer(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    organisation_id: int,
    kind: str,
    created_at: datetime,
) -> Offer:
    kind_code = reference.code(CodeList.OFFER_KIND, kind)
    title, description = rng.choice(OFFERS.get(kind, ((kind_code.label_da, ""),)))
    age_min, age_max = rng.choice(AGE_RANGES)
    offer = Offer(tables.offer.new_id(), organisation_id, age_min, age_max, rng.random() < 0.9)
    tables.offer.add(
        offer.id, created_at, created_at, organisation_id, kind_code.id, title, description,
        age_min, age_max, offer.is_active,
    )  # fmt: skip
    return offer


def add_initiatives(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    count: int,
    homes: dict[int, int],
    organisations: list[Organisation],
) -> None:
    """``count`` catalogue entries, 60 % owned by a municipality, the rest by an organisation."""
    home_ids, home_weights = list(homes), list(homes.values())
    for _ in range(count):
        organisation = None if rng.random() < 0.6 else rng.choice(organisations)
        if organisation is not None:
            municipality = reference.municipality_by_id[organisation.home_id]
            partners = f"{organisation.name}, {_kommune(municipality.name)}, lokale virksomheder"
        else:
            if rng.random() < 0.7:
                municipality = reference.municipality_by_id[rng.choices(home_ids, home_weights)[0]]
            else:
                municipality = rng.choice(reference.municipalities)
            partners = (
                f"Jobcenter {municipality.name}, FGU, {rng.randint(3, 40)} lokale virksomheder"
            )
        starts_on = day_between(rng, FIRST_INITIATIVE, LAST_INITIATIVE)
        ends_on = None
        if rng.random() < 0.5:
            ends_on = starts_on + timedelta(days=rng.randint(180, 900))
        participants = rng.randint(12, 150)
        if ends_on is not None and ends_on < REFERENCE_DATE:
            placed = rng.randint(participants // 4, participants * 3 // 4)
            results = f"{participants} unge deltog, og {placed} kom i job eller uddannelse."
        else:
            results = f"Indsatsen er i gang; {participants} unge er startet indtil nu."
        created_at = during_workday(rng, max(starts_on, PROGRAMME_START))
        tables.initiative.add(
            tables.initiative.new_id(),
            created_at,
            created_at,
            rng.choice(INITIATIVE_TITLES).format(city=municipality.name),
            rng.choice(INITIATIVE_SUMMARIES),
            None if organisation else municipality.id,
            organisation.id if organisation else None,
            rng.choice(INITIATIVE_TARGET_GROUPS),
            partners,
            results,
            starts_on,
            ends_on,
            rng.sample(INITIATIVE_TAGS, rng.randint(2, 4)),
            True,
        )


def _kommune(name: str) -> str:
    """'Aarhus' -> 'Aarhus Kommune'; København's municipality is 'Københavns Kommune'."""
    return "Københavns Kommune" if name == "København" else f"{name} Kommune"
