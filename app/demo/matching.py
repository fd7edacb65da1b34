"""Matches of young people to openings with their timed transitions, the consents that
let a company see who the candidate is, and IPS-style follow-up contacts."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.demo.bulk import DemoTables
from app.demo.clock import LAST_DAY, NOW, day_between, days_later, during_workday
from app.demo.companies import Opening
from app.demo.geo import haversine_km
from app.demo.jobs import SUPPORT_FOR_NEED
from app.demo.people import Person
from app.demo.phrases import CONTACT_NOTES_EMPLOYER, CONTACT_NOTES_YOUNG_PERSON
from app.demo.reference import Reference
from app.models.matches import ContactWith, MatchStage
from app.models.openings import OpeningStatus
from app.models.people import ConsentPurpose
from app.models.reference import CodeList

Stage = MatchStage
SHARE_MATCHED = 0.6  # of young people with at least one match
MATCHES_PER_PERSON = ((1, 50), (2, 30), (3, 20))  # (count, weight)
PICK_ATTEMPTS = 8
# How a match goes after the proposal, and how often; a path is cut short where it
# would pass the reference date, so recent proposals are still early in the pipeline.
PATHS: tuple[tuple[tuple[MatchStage, ...], int], ...] = (
    ((), 10),
    ((Stage.EXPIRED,), 6),
    ((Stage.WITHDRAWN,), 4),
    ((Stage.NOT_NOW,), 8),
    ((Stage.NOT_A_FIT,), 8),
    ((Stage.INTERESTED,), 8),
    ((Stage.INTERESTED, Stage.INTERVIEW), 8),
    ((Stage.INTERESTED, Stage.INTERVIEW, Stage.NOT_A_FIT), 4),
    ((Stage.INTERESTED, Stage.WITHDRAWN), 3),
    ((Stage.INTERESTED, Stage.INTERVIEW, Stage.STARTED), 10),
    ((Stage.INTERESTED, Stage.INTERVIEW, Stage.STARTED, Stage.RETAINED_3M), 8),
    ((Stage.INTERESTED, Stage.INTERVIEW, Stage.STARTED, Stage.ENDED), 7),
    ((Stage.INTERESTED, Stage.INTERVIEW, Stage.STARTED, Stage.RETAINED_3M, Stage.ENDED), 5),
)
# (from, to) -> days between the two events; "to" alone when the origin does not matter.
DELAYS: dict[tuple[MatchStage | None, MatchStage], tuple[int, int]] = {
    (None, Stage.INTERESTED): (0, 10),
    (None, Stage.NOT_NOW): (0, 10),
    (None, Stage.NOT_A_FIT): (1, 12),
    (None, Stage.INTERVIEW): (3, 14),
    (None, Stage.STARTED): (7, 30),
    (None, Stage.RETAINED_3M): (91, 98),
    (Stage.STARTED, Stage.ENDED): (10, 85),
    (Stage.RETAINED_3M, Stage.ENDED): (20, 200),
    (None, Stage.EXPIRED): (14, 14),
    (None, Stage.WITHDRAWN): (2, 20),
}
COMPANY_ANSWERS = {
    Stage.INTERESTED,
    Stage.NOT_NOW,
    Stage.NOT_A_FIT,
    Stage.INTERVIEW,
    Stage.STARTED,
}
REASONS = {
    Stage.NOT_NOW: ("position_filled", "timing", "hours_mismatch"),
    Stage.NOT_A_FIT: ("skills_mismatch", "distance", "hours_mismatch", "other"),
}
REVOCABLE_AFTER = {Stage.ENDED, Stage.NOT_A_FIT, Stage.WITHDRAWN}
CONTACT_KINDS = {
    ContactWith.YOUNG_PERSON: ("meeting", "phone", "message", "video"),
    ContactWith.EMPLOYER: ("phone", "workplace_visit", "message", "meeting"),
}
# criterion -> weight in the score
CRITERIA = {"distance": 0.25, "occupation": 0.3, "hours": 0.2, "support": 0.15, "requirements": 0.1}
MAX_FOLLOW_UPS = 10
FEATURED_MATCHES = 15  # for the demo company admin to answer, at every scale


@dataclass(frozen=True, slots=True)
class JobSpell:
    """A job a young person started through a match."""

    started_on: date
    ended_on: date | None
    with_support: bool


def add_matches(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    people: list[Person],
    openings: list[Opening],
    company_users: dict[int, int],
    featured_company_id: int,
    featured_municipality_id: int,
) -> dict[int, list[JobSpell]]:
    """Matches (with events, consents and follow-up contacts) for about 60 % of
    ``people``, and a few general follow-up contacts for everyone. About
    FEATURED_MATCHES go to the featured company's openings, proposed for young people of
    ``featured_municipality_id``. Returns the jobs each young person started, by person
    id, in time order."""
    index = OpeningIndex(openings)
    reasons = reference.keys(CodeList.MATCH_REASON)
    contact_kinds = {
        who: [k for k in kinds if k in reference.keys(CodeList.CONTACT_KIND)]
        or reference.keys(CodeList.CONTACT_KIND)
        for who, kinds in CONTACT_KINDS.items()
    }
    paths, path_weights = zip(*PATHS, strict=True)
    counts, count_weights = zip(*MATCHES_PER_PERSON, strict=True)
    featured = [
        o
        for o in openings
        if o.company_id == featured_company_id and o.status is not OpeningStatus.DRAFT
    ]
    locals_ = sum(1 for person in people if person.municipality_id == featured_municipality_id)
    mean_matches = sum(c * w for c, w in MATCHES_PER_PERSON) / sum(count_weights)
    featured_share = min(1.0, FEATURED_MATCHES / max(SHARE_MATCHED * mean_matches * locals_, 1.0))
    consented: set[tuple[int, int]] = set()
    spells: dict[int, list[JobSpell]] = {}

    for person in people:
        _add_contacts(rng, tables, contact_kinds, person, None, person.pathway_start, None)
        if rng.random() >= SHARE_MATCHED:
            continue
        nearby = reference.nearby_municipalities(person.municipality_id, 4)
        taken: set[int] = set()
        local = person.municipality_id == featured_municipality_id
        for _ in range(rng.choices(counts, count_weights)[0]):
            path = rng.choices(paths, path_weights)[0]
            prefer = featured if local and rng.random() < featured_share else []
            # Look for an opening old enough for the whole path, else cut the path short.
            picked = index.pick(rng, person, nearby, taken, _shortest_days(path), prefer)
            picked = picked or index.pick(rng, person, nearby, taken, 0, prefer)
            if picked is None:
                continue
            opening, first_day, last_day = picked
            taken.add(opening.id)
            proposed_at = during_workday(rng, day_between(rng, first_day, last_day))
            events = _events(rng, proposed_at, path, reasons)
            company_user = company_users.get(opening.company_id)
            match_id = _add_match(reference, tables, person, opening, events, company_user)
            reached = {stage: at for stage, at, _ in events}
            if Stage.INTERESTED in reached and (person.id, opening.company_id) not in consented:
                consented.add((person.id, opening.company_id))
                _add_company_consent(rng, tables, person, opening, events)
            if Stage.STARTED in reached:
                started_at, ended_at = reached[Stage.STARTED], reached.get(Stage.ENDED)
                with_support = bool(person.support_needs) or opening.kind in (
                    "flex_job",
                    "wage_subsidy",
                )
                spells.setdefault(person.id, []).append(
                    JobSpell(started_at.date(), ended_at.date() if ended_at else None, with_support)
                )
                _add_contacts(
                    rng, tables, contact_kinds, person, match_id, started_at.date(), ended_at
                )
    for person_spells in spells.values():
        person_spells.sort(key=lambda spell: spell.started_on)
    return spells


class OpeningIndex:
    """The published openings by municipality, and by municipality and occupation."""

    def __init__(self, openings: list[Opening]) -> None:
        self.by_place: dict[int, list[Opening]] = {}
        self.by_place_and_work: dict[tuple[int, str], list[Opening]] = {}
        for opening in openings:
            if opening.status is not OpeningStatus.DRAFT:
                place = opening.postcode.municipality_id
                self.by_place.setdefault(place, []).append(opening)
                self.by_place_and_work.setdefault((place, opening.occupation), []).append(opening)

    def pick(
        self,
        rng: random.Random,
        person: Person,
        nearby: list[int],
        taken: set[int],
        days_needed: int,
        preferred: list[Opening],
    ) -> tuple[Opening, date, date] | None:
        """An opening from ``preferred`` if given, otherwise in one of the ``nearby``
        municipalities (mostly the first) and often in the person's line of interest; with
        the first and last day it can be proposed on so that ``days_needed`` days remain
        before the reference date. None when a few tries find none."""
        for _ in range(PICK_ATTEMPTS):
            place = nearby[0] if rng.random() < 0.6 else rng.choice(nearby[1:])
            if preferred:
                pool: list[Opening] | None = preferred
            elif rng.random() < 0.6:
                pool = self.by_place_and_work.get((place, rng.choice(person.interests)))
            else:
                pool = self.by_place.get(place)
            if not pool:
                continue
            opening = rng.choice(pool)
            assert opening.posted_on is not None
            first_day = max(opening.posted_on, person.pathway_start + timedelta(days=7))
            last_day = min(opening.closed_on or LAST_DAY, LAST_DAY - timedelta(days=days_needed))
            if opening.id not in taken and first_day <= last_day:
                return opening, first_day, last_day
        return None


def _delay(previous: MatchStage, stage: MatchStage) -> tuple[int, int]:
    """The fewest and most days from ``previous`` to ``stage``."""
    return DELAYS.get((previous, stage)) or DELAYS[(None, stage)]


def _shortest_days(path: tuple[MatchStage, ...]) -> int:
    """The fewest days ``path`` takes from the proposal to its last stage."""
    days, previous = 0, Stage.PROPOSED
    for stage in path:
        days += _delay(previous, stage)[0]
        previous = stage
    return days


def _events(
    rng: random.Random,
    proposed_at: datetime,
    path: tuple[MatchStage, ...],
    reasons: list[str],
) -> list[tuple[MatchStage, datetime, str]]:
    """(stage, at, reason) of each transition, from the proposal until before NOW."""
    events = [(Stage.PROPOSED, proposed_at, "")]
    previous, at = Stage.PROPOSED, proposed_at
    for stage in path:
        fewest, most = _delay(previous, stage)
        next_at = days_later(rng, at, fewest, most)
        if next_at >= NOW:
            break
        usual = [key for key in REASONS.get(stage, ()) if key in reasons] or reasons
        reason = rng.choice(usual) if stage in REASONS else ""
        events.append((stage, next_at, reason))
        previous, at = stage, next_at
    return events


def _add_match(
    reference: Reference,
    tables: DemoTables,
    person: Person,
    opening: Opening,
    events: list[tuple[MatchStage, datetime, str]],
    company_user: int | None,
) -> int:
    proposed_at = events[0][1]
    stage, stage_changed_at, reason = events[-1]
    score, explanation = explain(reference, person, opening, proposed_at.date())
    match_id = tables.match.new_id()
    tables.match.add(
        match_id, proposed_at, stage_changed_at, len(events), person.id, opening.id,
        person.consultant_id, proposed_at, score, explanation, stage.value, stage_changed_at,
        reason,
    )  # fmt: skip
    for event_stage, at, event_reason in events:
        if event_stage in COMPANY_ANSWERS:
            actor = company_user
        elif event_stage is Stage.EXPIRED:
            actor = None  # expired by the system
        else:
            actor = person.consultant_id
        tables.match_event.add(
            tables.match_event.new_id(), at, at, match_id, event_stage.value, at, actor,
            event_reason,
        )  # fmt: skip
    return match_id


def _add_company_consent(
    rng: random.Random,
    tables: DemoTables,
    person: Person,
    opening: Opening,
    events: list[tuple[MatchStage, datetime, str]],
) -> None:
    """The young person agrees to show the interested company who they are, before the
    next step; the consent is sometimes revoked once the match is over."""
    position = next(i for i, (stage, _, _) in enumerate(events) if stage is Stage.INTERESTED)
    interested_at = events[position][1]
    next_at = events[position + 1][1] if position + 1 < len(events) else NOW
    given_at = min(interested_at + timedelta(minutes=rng.randint(10, 600)), next_at)
    if given_at >= NOW:
        given_at = interested_at + (NOW - interested_at) / 2
    revoked_at = None
    final_stage, final_at, _ = events[-1]
    if final_stage in REVOCABLE_AFTER and rng.random() < 0.35:
        revoked_at = days_later(rng, final_at, 1, 30)
        if revoked_at >= NOW:
            revoked_at = None
    tables.consent.add(
        tables.consent.new_id(), given_at, revoked_at or given_at, person.id,
        ConsentPurpose.SHARE_WITH_COMPANY.value, opening.company_id, None, given_at,
        person.consultant_id, revoked_at, person.consultant_id if revoked_at else None,
    )  # fmt: skip


def _add_contacts(
    rng: random.Random,
    tables: DemoTables,
    kinds: dict[ContactWith, list[str]],
    person: Person,
    match_id: int | None,
    since: date,
    until: datetime | None,
) -> None:
    """Follow-up contacts: after a job start (``match_id``) every one to three weeks with
    the young person or the employer; otherwise a few talks with the young person."""
    at = during_workday(rng, since)
    end = min(until or NOW, NOW)
    contacts = MAX_FOLLOW_UPS if match_id is not None else rng.randint(0, 3)
    for _ in range(contacts):
        at = days_later(rng, at, 5, 20) if match_id is not None else days_later(rng, at, 3, 60)
        if at >= end:
            return
        with_employer = match_id is not None and rng.random() < 0.4
        who = ContactWith.EMPLOYER if with_employer else ContactWith.YOUNG_PERSON
        notes = CONTACT_NOTES_EMPLOYER if with_employer else CONTACT_NOTES_YOUNG_PERSON
        tables.support_contact.add(
            tables.support_contact.new_id(), at, at, person.id, match_id, person.consultant_id,
            who.value, rng.choice(kinds[who]), at, rng.choice(notes),
        )  # fmt: skip


def explain(reference: Reference, person: Person, opening: Opening, on: date) -> tuple[float, str]:
    """The match score in [0, 1] and its explanation per criterion (JSON), in Danish."""
    km = haversine_km(
        person.postcode.lat, person.postcode.lon, opening.postcode.lat, opening.postcode.lon
    )
    limit = max(person.max_commute_km, 1)
    distance = 1.0 if km <= limit else max(0.0, 1 - (km - limit) / limit)
    distance_text = f"Ca. {km:.0f} km hjemmefra (ønsker højst {person.max_commute_km} km)"

    title = reference.occupations[opening.occupation].label_da
    if opening.occupation in person.interests:
        occupation, occupation_text = 1.0, f"{title}: et af den unges interesseområder"
    elif any(code[0] == opening.occupation[0] for code in person.interests):
        occupation, occupation_text = 0.6, f"{title}: beslægtet med den unges interesser"
    else:
        occupation, occupation_text = 0.2, f"{title}: uden for den unges interesseområder"

    span = (
        f"{opening.hours_min} timer"
        if opening.hours_min == opening.hours_max
        else f"{opening.hours_min}-{opening.hours_max} timer"
    )
    if person.hours_available >= opening.hours_min:
        hours = 1.0
        hours_text = f"{span} om ugen passer med de {person.hours_available} timer, den unge kan"
    else:
        hours = person.hours_available / opening.hours_min
        hours_text = f"Kræver {span} om ugen; den unge kan {person.hours_available} timer"

    support_keys = reference.keys(CodeList.SUPPORT)
    needed = [
        key
        for key in support_keys
        if key in {SUPPORT_FOR_NEED.get(n) for n in person.support_needs}
    ]
    labels = {key: reference.code(CodeList.SUPPORT, key).label_da.lower() for key in needed}
    if not needed:
        support, support_text = 1.0, "Ingen særlige støttebehov"
    else:
        offered = [key for key in needed if key in opening.supports]
        missing = [key for key in needed if key not in opening.supports]
        support = len(offered) / len(needed)
        parts = []
        if offered:
            parts.append("tilbyder " + ", ".join(labels[key] for key in offered))
        if missing:
            parts.append("mangler " + ", ".join(labels[key] for key in missing))
        support_text = "Støtte: " + "; ".join(parts)

    unmet = []
    if "drivers_licence" in opening.requirements and not person.has_drivers_licence:
        unmet.append("kørekort")
    if opening.min_age is not None and person.age_on(on) < opening.min_age:
        unmet.append(f"mindst {opening.min_age} år")
    requirements = 0.0 if unmet else 1.0
    requirements_text = "Opfylder ikke: " + ", ".join(unmet) if unmet else "Opfylder kravene"

    scores = {
        "distance": (distance, distance_text),
        "occupation": (occupation, occupation_text),
        "hours": (hours, hours_text),
        "support": (support, support_text),
        "requirements": (requirements, requirements_text),
    }
    total = round(sum(CRITERIA[name] * score for name, (score, _) in scores.items()), 3)
    explanation = [
        {"criterion": name, "score": round(score, 2), "text_da": text}
        for name, (score, text) in scores.items()
    ]
    return min(max(total, 0.0), 1.0), json.dumps(explanation, ensure_ascii=False)
