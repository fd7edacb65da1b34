"""Companies in the partnership, their pledges and their job openings."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate

from app.demo.bulk import DemoTables
from app.demo.clock import (
    LAST_DAY,
    PROGRAMME_START,
    REFERENCE_DATE,
    day_between,
    during_workday,
)
from app.demo.jobs import (
    CLOSING_SENTENCES,
    INDUSTRY_OCCUPATIONS,
    INDUSTRY_WEIGHTS,
    KIND_SENTENCES,
    KIND_WEIGHTS,
    OCCUPATION_BY_CODE,
    SUPPORT_SENTENCES,
    lower_first,
    opening_title,
)
from app.demo.names import (
    COMPANY_NAME_TEMPLATES,
    COMPANY_SUFFIXES,
    STREET_NAMES,
    ascii_slug,
    fill_name,
)
from app.demo.phrases import COMPANY_DESCRIPTIONS, PLEDGE_NOTES, REJECTION_REASONS
from app.demo.reference import Postcode, Reference
from app.models.companies import VerificationStatus
from app.models.openings import MAX_HOURS_PER_WEEK, OpeningStatus
from app.models.reference import CodeList

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
STATUS_WEIGHTS = {
    VerificationStatus.VERIFIED: 70,
    VerificationStatus.PENDING: 25,
    VerificationStatus.REJECTED: 5,
}
OPENING_STATUS_WEIGHTS = {
    OpeningStatus.DRAFT: 8,
    OpeningStatus.OPEN: 70,
    OpeningStatus.FILLED: 12,
    OpeningStatus.CLOSED: 10,
}
FEATURED_COMPANY_WEIGHT = 15  # the demo company admin's company posts about 20 openings
SHARE_NEAR_YOUNG_PEOPLE = 0.55  # of companies placed where the young people live
OPEN_POSTED_WITHIN_DAYS = 120
MIN_DAYS_BEFORE_CLOSING = 20
# opening_kind key -> probability of each support key; "*" for every other support.
SUPPORT_ODDS: dict[str, dict[str, float]] = {
    "flex_job": {"mentor": 0.7, "adjusted_tasks": 0.7, "flexible_hours": 0.7, "ips": 0.4},
    "wage_subsidy": {"mentor": 0.6, "adjusted_tasks": 0.5, "ips": 0.4},
    "internship": {"mentor": 0.6, "adjusted_tasks": 0.4, "trial_period": 0.1},
    "small_job": {"flexible_hours": 0.5},
    "apprenticeship": {"mentor": 0.5, "trial_period": 0.6},
}
DEFAULT_SUPPORT_ODDS = 0.2


@dataclass(slots=True)
class Company:
    id: int
    name: str
    postcode: Postcode
    industry: str
    status: VerificationStatus
    created_on: date
    verified_on: date | None
    weight: int  # how many openings it posts, relatively


@dataclass(slots=True)
class Opening:
    """What matching needs to know about an opening."""

    id: int
    company_id: int
    occupation: str
    kind: str
    status: OpeningStatus
    posted_on: date | None
    closed_on: date | None
    postcode: Postcode
    hours_min: int
    hours_max: int
    min_age: int | None
    requirements: list[str]
    supports: list[str]


def is_real_cvr(number: str) -> bool:
    """Does ``number`` pass the modulus-11 check of real CVR numbers?"""
    return (
        sum(int(digit) * weight for digit, weight in zip(number, CVR_WEIGHTS, strict=True)) % 11
        == 0
    )


def synthetic_cvrs(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """``count`` distinct 8-digit numbers that fail the CVR check, so none of them can
    belong to a real company, and none of them in ``taken``."""
    numbers: list[str] = []
    while len(numbers) < count:
        number = str(rng.randrange(10_000_000, 100_000_000))
        if number not in taken and not is_real_cvr(number):
            taken.add(number)
            numbers.append(number)
    return numbers


def add_companies(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    count: int,
    homes: dict[int, int],
    cvrs: list[str],
    featured_municipality_id: int,
) -> list[Company]:
    """``count`` companies with a pledge for each verified one. The first is the demo
    company admin's: verified, in ``featured_municipality_id``, in transport or trade."""
    industries, industry_weights = list(INDUSTRY_WEIGHTS), list(INDUSTRY_WEIGHTS.values())
    home_ids, home_weights = list(homes), list(homes.values())
    suffixes = [suffix for suffix, _ in COMPANY_SUFFIXES]
    suffix_weights = [weight for _, weight in COMPANY_SUFFIXES]
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())

    companies: list[Company] = []
    for index in range(count):
        featured = index == 0
        if featured:
            postcode = rng.choice(reference.postcodes_in[featured_municipality_id])
            industry = rng.choice(("H", "G"))
            status = VerificationStatus.VERIFIED
        else:
            if rng.random() < SHARE_NEAR_YOUNG_PEOPLE:
                home = rng.choices(home_ids, home_weights)[0]
                postcode = rng.choice(reference.postcodes_in[home])
            else:
                postcode = rng.choice(reference.postcodes)
            industry = rng.choices(industries, industry_weights)[0]
            status = rng.choices(statuses, status_weights)[0]
        municipality = reference.municipality_by_id[postcode.municipality_id]
        template = rng.choice(COMPANY_NAME_TEMPLATES[industry])
        suffix = rng.choices(suffixes, suffix_weights)[0]
        name = fill_name(rng, template, municipality.name, suffix)

        company_id = tables.company.new_id()
        created_on = day_between(rng, PROGRAMME_START, LAST_DAY - timedelta(days=30))
        created_at = during_workday(rng, created_on)
        verified_on: date | None = None
        verified_at: datetime | None = None
        updated_at = created_at
        rejection_reason = ""
        if status is VerificationStatus.VERIFIED:
            joined_on = created_on + timedelta(days=rng.randint(0, 10))
            verified_on = joined_on + timedelta(days=rng.randint(1, 20))
            verified_at = updated_at = during_workday(rng, verified_on)
            pledged_at = max(created_at, during_workday(rng, joined_on))
            tables.pledge.add(
                tables.pledge.new_id(),
                pledged_at,
                pledged_at,
                company_id,
                rng.choices(range(1, 11), (14, 16, 14, 12, 10, 8, 6, 5, 4, 3))[0],
                joined_on,
                rng.choice(PLEDGE_NOTES),
            )
        elif status is VerificationStatus.REJECTED:
            rejection_reason = rng.choice(REJECTION_REASONS)
            updated_at = during_workday(rng, created_on + timedelta(days=rng.randint(1, 20)))
        website = f"https://www.{ascii_slug(name)}.example.com" if rng.random() < 0.5 else ""
        tables.company.add(
            company_id,
            created_at,
            updated_at,
            cvrs[index],
            name,
            f"{rng.choice(STREET_NAMES)} {rng.randint(1, 120)}",
            postcode.id,
            postcode.municipality_id,
            reference.industries[industry],
            rng.choice(COMPANY_DESCRIPTIONS),
            website,
            status.value,
            verified_at,
            rejection_reason,
            True,
        )
        weight = FEATURED_COMPANY_WEIGHT if featured else rng.choice((1, 1, 2, 3, 5))
        companies.append(
            Company(company_id, name, postcode, industry, status, created_on, verified_on, weight)
        )
    return companies


def add_openings(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    companies: list[Company],
    count: int,
) -> list[Opening]:
    """``count`` openings of every kind and status. Published ones belong to verified
    companies; drafts to verified or pending ones."""
    verified = [c for c in companies if c.status is VerificationStatus.VERIFIED]
    drafting = [c for c in companies if c.status is not VerificationStatus.REJECTED]
    # Cumulative weights: choices() would otherwise add up all weights on every call.
    verified_cumulative = list(accumulate(c.weight for c in verified))
    drafting_cumulative = list(accumulate(c.weight for c in drafting))
    kinds = reference.keys(CodeList.OPENING_KIND)
    kind_weights = [KIND_WEIGHTS.get(kind, 5) for kind in kinds]
    supports = reference.keys(CodeList.SUPPORT)
    requirement_keys = reference.keys(CodeList.REQUIREMENT)
    statuses, status_weights = list(OPENING_STATUS_WEIGHTS), list(OPENING_STATUS_WEIGHTS.values())

    openings: list[Opening] = []
    for _ in range(count):
        status = rng.choices(statuses, status_weights)[0]
        if status is OpeningStatus.DRAFT:
            company = rng.choices(drafting, cum_weights=drafting_cumulative)[0]
        else:
            company = rng.choices(verified, cum_weights=verified_cumulative)[0]
            assert company.verified_on is not None
            if company.verified_on > LAST_DAY - timedelta(days=MIN_DAYS_BEFORE_CLOSING):
                status = OpeningStatus.OPEN  # too new a partner to have filled an opening
        codes, weights = zip(*INDUSTRY_OCCUPATIONS[company.industry], strict=True)
        profile = OCCUPATION_BY_CODE[rng.choices(codes, weights)[0]]
        kind = rng.choices(kinds, kind_weights)[0]
        if kind == "apprenticeship" and not profile.apprentice_titles:
            kind = "ordinary"
        hours_min, hours_max = _hours(rng, kind)
        base = rng.choice(profile.titles)
        apprentice = rng.choice(profile.apprentice_titles) if profile.apprentice_titles else None
        title = opening_title(kind, base, apprentice)

        odds = SUPPORT_ODDS.get(kind, {})
        offered = [key for key in supports if rng.random() < odds.get(key, DEFAULT_SUPPORT_ODDS)]
        wanted = set(profile.requirements)
        if rng.random() < 0.15:
            wanted.add("spoken_danish")
        if rng.random() < 0.05:
            wanted.add("clean_criminal_record")
        required = [key for key in requirement_keys if key in wanted and rng.random() < 0.8]
        if profile.min_age is not None and rng.random() < 0.8:
            min_age: int | None = profile.min_age
        else:
            min_age = rng.choice((15, 16, 18)) if rng.random() < 0.15 else None

        postcode = company.postcode
        if rng.random() < 0.3:
            postcode = rng.choice(reference.nearby_postcodes(postcode))

        posted_on, closed_on, apply_by, start_date = _timeline(rng, company, status)
        if posted_on is None:
            created_at = updated_at = during_workday(
                rng, day_between(rng, company.created_on, LAST_DAY)
            )
        else:
            written_on = max(posted_on - timedelta(days=rng.randint(0, 5)), company.created_on)
            created_at = during_workday(rng, written_on)
            updated_at = max(created_at, during_workday(rng, closed_on or posted_on))
        closed_at = updated_at if closed_on else None

        job = apprentice if kind == "apprenticeship" and apprentice else base
        description = " ".join(
            (
                f"Hos {company.name} i {postcode.name} søger vi en {lower_first(job)}.",
                *rng.sample(profile.tasks, 2),
                KIND_SENTENCES.get(kind, ""),
                *(SUPPORT_SENTENCES[key] for key in offered if key in SUPPORT_SENTENCES),
                rng.choice(CLOSING_SENTENCES),
            )
        )
        opening_id = tables.job_opening.new_id()
        positions = rng.choices((1, 2, 3), (70, 20, 10))[0]
        version = {OpeningStatus.DRAFT: 1, OpeningStatus.OPEN: 2}.get(status, 3)
        tables.job_opening.add(
            opening_id, created_at, updated_at, version, company.id, title, description,
            reference.occupations[profile.code].id, reference.code(CodeList.OPENING_KIND, kind).id,
            hours_min, hours_max, postcode.id, postcode.municipality_id, postcode.lat,
            postcode.lon, positions, start_date, posted_on, apply_by, min_age, required, offered,
            status.value, closed_at,
        )  # fmt: skip
        openings.append(
            Opening(
                opening_id,
                company.id,
                profile.code,
                kind,
                status,
                posted_on,
                closed_on,
                postcode,
                hours_min,
                hours_max,
                min_age,
                required,
                offered,
            )
        )
    return openings


def _hours(rng: random.Random, kind: str) -> tuple[int, int]:
    """Weekly hours (min, max) typical of ``kind``."""
    if kind == "small_job":
        low = rng.randint(4, 10)
        return low, rng.randint(low, 15)
    if kind == "flex_job":
        low = rng.randint(8, 15)
        return low, rng.randint(low, 20)
    if kind == "apprenticeship":
        return MAX_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK
    if kind == "wage_subsidy":
        low = rng.randint(25, 32)
        return low, MAX_HOURS_PER_WEEK
    if kind == "internship":
        low = rng.choice((10, 15, 20, 25))
        return low, rng.randint(low, 30)
    low = rng.choice((15, 20, 25, 30, 37))
    return low, rng.randint(low, MAX_HOURS_PER_WEEK)


def _timeline(
    rng: random.Random, company: Company, status: OpeningStatus
) -> tuple[date | None, date | None, date | None, date | None]:
    """(posted_on, closed_on, apply_by, start_date) of an opening in ``status``."""
    if status is OpeningStatus.DRAFT:
        start = REFERENCE_DATE + timedelta(days=rng.randint(14, 90))
        return None, None, None, start if rng.random() < 0.6 else None
    assert company.verified_on is not None
    closed_on: date | None = None
    if status is OpeningStatus.OPEN:
        earliest = max(
            company.verified_on, REFERENCE_DATE - timedelta(days=OPEN_POSTED_WITHIN_DAYS)
        )
        posted_on = day_between(rng, earliest, LAST_DAY)
        apply_by: date | None = day_between(
            rng,
            max(posted_on + timedelta(days=14), REFERENCE_DATE),
            max(posted_on + timedelta(days=60), REFERENCE_DATE + timedelta(days=45)),
        )
    else:
        last_posting = LAST_DAY - timedelta(days=MIN_DAYS_BEFORE_CLOSING)
        posted_on = day_between(rng, company.verified_on, last_posting)
        closed_on = day_between(
            rng, posted_on + timedelta(days=10), min(posted_on + timedelta(days=90), LAST_DAY)
        )
        apply_by = closed_on - timedelta(days=rng.randint(0, 7))
        apply_by = max(apply_by, posted_on)
    if rng.random() < 0.2:
        apply_by = None  # applications are read as they come
    start = (apply_by or posted_on) + timedelta(days=rng.randint(7, 45))
    return posted_on, closed_on, apply_by, start
