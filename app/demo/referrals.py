"""Referrals of young people to organisations' offers, with the consents they rest on."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.demo.bulk import DemoTables
from app.demo.civil_society import Offer, Organisation
from app.demo.clock import LAST_DAY, NOW, day_between, days_later, during_workday
from app.demo.people import Person
from app.demo.phrases import REFERRAL_NOTES
from app.models.matches import ReferralStatus
from app.models.people import ConsentPurpose

SHARE_REFERRED = 0.3  # of young people referred at least once
FEATURED_REFERRALS = 15  # for the demo organisation user to answer, at every scale
REFERRALS_PER_PERSON = (1, 1, 1, 2)  # chosen from at random
STATUS_WEIGHTS = {
    ReferralStatus.ACCEPTED: 35,
    ReferralStatus.COMPLETED: 25,
    ReferralStatus.DECLINED: 15,
    ReferralStatus.WITHDRAWN: 10,
    ReferralStatus.SENT: 15,  # never answered
}
FRESH_DAYS = 7  # referrals younger than this are mostly still unanswered
PICK_ATTEMPTS = 5


def add_referrals(
    rng: random.Random,
    tables: DemoTables,
    people: list[Person],
    organisations: list[Organisation],
) -> None:
    """Referrals of about 30 % of ``people`` to active offers that serve their
    municipality and fit their age. The first organisation (the demo one) gets about
    FEATURED_REFERRALS of them."""
    offers: dict[int, list[Offer]] = {}
    featured: dict[int, list[Offer]] = {}
    for index, organisation in enumerate(organisations):
        active = [offer for offer in organisation.offers if offer.is_active]
        for municipality_id in organisation.served:
            offers.setdefault(municipality_id, []).extend(active)
            if index == 0:
                featured.setdefault(municipality_id, []).extend(active)
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    reachable = sum(1 for person in people if person.municipality_id in featured)
    expected = SHARE_REFERRED * sum(REFERRALS_PER_PERSON) / len(REFERRALS_PER_PERSON) * reachable
    featured_share = min(1.0, FEATURED_REFERRALS / max(expected, 1.0))

    for person in people:
        first_day = person.pathway_start + timedelta(days=3)
        if rng.random() >= SHARE_REFERRED or first_day > LAST_DAY:
            continue
        days = sorted(
            day_between(rng, first_day, LAST_DAY) for _ in range(rng.choice(REFERRALS_PER_PERSON))
        )
        referred_to: set[int] = set()  # organisations, each referred to once
        for referred_on in days:
            pool = offers.get(person.municipality_id, [])
            if featured.get(person.municipality_id) and rng.random() < featured_share:
                pool = featured[person.municipality_id]
            offer = _pick_offer(rng, pool, person.age_on(referred_on))
            if offer is None or offer.organisation_id in referred_to:
                continue
            referred_to.add(offer.organisation_id)
            referred_at = during_workday(rng, referred_on)
            fresh = (LAST_DAY - referred_on).days < FRESH_DAYS
            status = ReferralStatus.SENT if fresh else rng.choices(statuses, status_weights)[0]
            answered_at: datetime | None = None
            changed_at = referred_at
            if status in REFERRAL_NOTES:
                answered_at = days_later(rng, referred_at, 0, 10)
                if answered_at >= NOW:
                    status, answered_at = ReferralStatus.SENT, None
                else:
                    changed_at = answered_at
            elif status is ReferralStatus.WITHDRAWN:
                changed_at = days_later(rng, referred_at, 1, 20)
                if changed_at >= NOW:
                    status, changed_at = ReferralStatus.SENT, referred_at
            note = rng.choice(REFERRAL_NOTES[status]) if status in REFERRAL_NOTES else ""
            tables.referral.add(
                tables.referral.new_id(), referred_at, changed_at, person.id, offer.id,
                person.consultant_id, referred_at, status.value, answered_at, note,
            )  # fmt: skip

            given_at = referred_at - timedelta(minutes=rng.randint(5, 120))
            revoked = status is ReferralStatus.WITHDRAWN and rng.random() < 0.5
            revoked_at = changed_at if revoked else None
            tables.consent.add(
                tables.consent.new_id(), given_at, revoked_at or given_at, person.id,
                ConsentPurpose.SHARE_WITH_ORGANISATION.value, None, offer.organisation_id,
                given_at, person.consultant_id, revoked_at,
                person.consultant_id if revoked else None,
            )  # fmt: skip


def _pick_offer(rng: random.Random, pool: list[Offer], age: int) -> Offer | None:
    """An offer of ``pool`` open to someone of ``age``; None when a few tries find none."""
    if not pool:
        return None
    for _ in range(PICK_ATTEMPTS):
        offer = rng.choice(pool)
        if offer.age_min <= age <= offer.age_max:
            return offer
    return None
