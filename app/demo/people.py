"""Synthetic young people: where they live, who follows them, what they want and need."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from app.demo.bulk import DemoTables
from app.demo.clock import LAST_DAY, PROGRAMME_START, REFERENCE_DATE, day_between, during_workday
from app.demo.jobs import OCCUPATIONS
from app.demo.names import FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, ascii_slug
from app.demo.reference import Postcode, Reference
from app.models.reference import CodeList

# Where most young people of the demo live (municipality code -> number at scale 1):
# the five largest cities and three more, two of them in Region Sjælland. Multiples of
# the caseload, so that every consultant follows about 20.
FOCUS_MUNICIPALITIES: dict[int, int] = {
    101: 100,  # København
    751: 80,  # Aarhus
    461: 60,  # Odense
    851: 40,  # Aalborg
    561: 40,  # Esbjerg
    265: 20,  # Roskilde
    330: 20,  # Slagelse
    791: 40,  # Viborg
}
OTHER_MUNICIPALITIES = 5  # chosen at random, with this many young people each at scale 1
PEOPLE_PER_OTHER_MUNICIPALITY = 20
AGE_WEIGHTS: dict[int, int] = {
    15: 3, 16: 4, 17: 5, 18: 8, 19: 9, 20: 9, 21: 9, 22: 8, 23: 8, 24: 7, 25: 6, 26: 5,
    27: 5, 28: 4, 29: 4,
}  # fmt: skip
EDUCATION_WEIGHTS: dict[str, int] = {
    "primary_school": 40,
    "fgu": 15,
    "vocational": 20,
    "upper_secondary": 20,
    "higher_education": 5,
}
COMMUTE_KM = (5, 10, 15, 20, 25, 30, 40)
HOURS_AVAILABLE = (8, 10, 15, 20, 25, 30, 37)
EARLIEST_PREVIOUS_PATHWAY = date(2024, 1, 2)


@dataclass(slots=True)
class Person:
    """What later steps need to know about a young person."""

    id: int
    municipality_id: int
    postcode: Postcode
    consultant_id: int
    birth_date: date
    interests: list[str]
    support_needs: list[str]
    hours_available: int
    max_commute_km: int
    has_drivers_licence: bool
    pathway_start: date  # of the current pathway
    previous_pathway: tuple[date, date] | None  # an earlier, ended pathway

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


def allocate_homes(rng: random.Random, reference: Reference, scale: int) -> dict[int, int]:
    """How many young people live in which municipality (id -> count), in code order."""
    counts = {
        reference.municipality_by_code[code].id: count * scale
        for code, count in FOCUS_MUNICIPALITIES.items()
    }
    others = [
        m.id
        for m in reference.municipalities
        if m.id not in counts and reference.postcodes_in.get(m.id)
    ]
    for municipality_id in rng.sample(others, OTHER_MUNICIPALITIES):
        counts[municipality_id] = PEOPLE_PER_OTHER_MUNICIPALITY * scale
    return {m.id: counts[m.id] for m in reference.municipalities if m.id in counts}


def add_young_people(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    homes: dict[int, int],
    consultants: dict[int, list[int]],
) -> list[Person]:
    """Young people in ``homes``, each assigned to a consultant of their municipality."""
    education = {
        key: EDUCATION_WEIGHTS.get(key, 5) for key in reference.keys(CodeList.EDUCATION_LEVEL)
    }
    support_needs = reference.keys(CodeList.SUPPORT_NEED)
    occupations = [profile.code for profile in OCCUPATIONS]
    ages, age_weights = list(AGE_WEIGHTS), list(AGE_WEIGHTS.values())

    homes_in_order = [municipality_id for municipality_id, n in homes.items() for _ in range(n)]
    rng.shuffle(homes_in_order)
    assigned: dict[int, int] = dict.fromkeys(homes, 0)
    people: list[Person] = []
    for municipality_id in homes_in_order:
        caseloads = consultants[municipality_id]
        consultant_id = caseloads[assigned[municipality_id] % len(caseloads)]
        assigned[municipality_id] += 1

        person_id = tables.young_person.new_id()
        female = rng.random() < 0.5
        first_name = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        last_name = rng.choice(LAST_NAMES)
        age = rng.choices(ages, age_weights)[0]
        latest_birth = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age)
        earliest_birth = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age - 1)
        birth_date = day_between(rng, earliest_birth + timedelta(days=1), latest_birth)
        licence = age >= 18 and rng.random() < 0.35
        wants_support = rng.random() >= 0.45  # DESIGN §1: about 40 % have a disability
        needs = rng.sample(support_needs, min(rng.randint(1, 3), len(support_needs)))
        needs = needs if wants_support else []
        level = _education_level(rng, education, age)

        # Pathways are for 15-29-year-olds: none starts before the 15th birthday.
        fifteen = _birthday(birth_date, 15)
        first_start = min(max(PROGRAMME_START, fifteen), LAST_DAY)
        start = day_between(rng, first_start, max(first_start, LAST_DAY - timedelta(days=14)))
        previous = None
        earliest_previous = max(EARLIEST_PREVIOUS_PATHWAY, fifteen)
        if rng.random() < 0.15 and (start - earliest_previous).days >= 120:
            previous_start = day_between(rng, earliest_previous, start - timedelta(days=120))
            previous_end = day_between(
                rng, previous_start + timedelta(days=60), start - timedelta(days=30)
            )
            previous = (previous_start, previous_end)
        created = during_workday(rng, previous[0] if previous else start)

        person = Person(
            id=person_id,
            municipality_id=municipality_id,
            postcode=rng.choice(reference.postcodes_in[municipality_id]),
            consultant_id=consultant_id,
            birth_date=birth_date,
            interests=sorted(rng.sample(occupations, rng.randint(1, 3))),
            support_needs=sorted(needs, key=support_needs.index),
            hours_available=rng.choice(HOURS_AVAILABLE),
            max_commute_km=rng.choice(COMMUTE_KM[2:] if licence else COMMUTE_KM[:5]),
            has_drivers_licence=licence,
            pathway_start=start,
            previous_pathway=previous,
        )
        people.append(person)
        tables.young_person.add(
            person_id,
            created,
            created,
            1,
            municipality_id,
            consultant_id,
            first_name,
            last_name,
            f"{ascii_slug(first_name)}.{ascii_slug(last_name)}{person_id}@example.com",
            f"+45 20 00 {rng.randrange(100):02d} {rng.randrange(100):02d}",
            birth_date,
            birth_date.year,
            person.postcode.id,
            person.max_commute_km,
            person.hours_available,
            person.interests,
            licence,
            person.support_needs,
            reference.code(CodeList.EDUCATION_LEVEL, level).id,
            True,
        )
    return people


def _birthday(birth_date: date, age: int) -> date:
    if (birth_date.month, birth_date.day) == (2, 29):
        return date(birth_date.year + age, 3, 1)
    return birth_date.replace(year=birth_date.year + age)


def _education_level(rng: random.Random, weights: dict[str, int], age: int) -> str:
    if age <= 16:
        return "primary_school"
    choices = {key: w for key, w in weights.items() if key != "higher_education" or age >= 21}
    return rng.choices(list(choices), list(choices.values()))[0]
