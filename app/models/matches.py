"""Matches of young people to openings, follow-up contacts, and referrals to offers."""

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from app.models.accounts import User
from app.models.base import TimestampedModel, VersionedModel
from app.models.openings import JobOpening
from app.models.organisations import Offer
from app.models.people import YoungPerson


class MatchStage(StrEnum):
    """The lifecycle of a match; labels live in the ``match_stage`` code list."""

    PROPOSED = "proposed"
    INTERESTED = "interested"
    NOT_NOW = "not_now"
    NOT_A_FIT = "not_a_fit"
    INTERVIEW = "interview"
    STARTED = "started"
    RETAINED_3M = "retained_3m"
    ENDED = "ended"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class Match(VersionedModel):
    """A young person proposed for an opening, with the score and its explanation frozen
    at proposal time."""

    id = fields.IntField(primary_key=True)
    young_person: fields.ForeignKeyRelation[YoungPerson] = fields.ForeignKeyField(
        "ungeloftet.YoungPerson", related_name="matches", on_delete=fields.RESTRICT
    )
    young_person_id: int
    opening: fields.ForeignKeyRelation[JobOpening] = fields.ForeignKeyField(
        "ungeloftet.JobOpening", related_name="matches", on_delete=fields.RESTRICT
    )
    opening_id: int
    proposed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="matches_proposed", null=True, on_delete=fields.SET_NULL
    )
    proposed_by_id: int | None
    proposed_at = fields.DatetimeField()
    score = fields.FloatField()
    explanation: list[dict[str, Any]] = fields.JSONField(default=list)
    stage = fields.CharEnumField(MatchStage, max_length=16, default=MatchStage.PROPOSED)
    stage_changed_at = fields.DatetimeField()
    reason = fields.CharField(
        max_length=48, default="", description="match_reason key of an answer"
    )

    events: fields.ReverseRelation["MatchEvent"]

    class Meta:
        table = "match"
        unique_together = (("young_person", "opening"),)
        indexes = [("opening_id", "stage"), ("stage", "stage_changed_at")]
        constraints = [
            CheckConstraint(check="score >= 0 AND score <= 1", name="match_score_range"),
            CheckConstraint(
                check="stage_changed_at >= proposed_at", name="match_stage_after_proposal"
            ),
        ]


class MatchEvent(TimestampedModel):
    """One timed transition of a match."""

    id = fields.IntField(primary_key=True)
    match: fields.ForeignKeyRelation[Match] = fields.ForeignKeyField(
        "ungeloftet.Match", related_name="events", on_delete=fields.CASCADE
    )
    match_id: int
    stage = fields.CharEnumField(MatchStage, max_length=16)
    at = fields.DatetimeField()
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="match_events", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    reason = fields.CharField(max_length=48, default="")

    class Meta:
        table = "match_event"
        ordering = ["at", "id"]
        indexes = [("match_id", "at"), ("stage", "at")]


class ContactWith(StrEnum):
    YOUNG_PERSON = "young_person"
    EMPLOYER = "employer"


class SupportContact(TimestampedModel):
    """An IPS-style follow-along contact with the young person or the employer."""

    id = fields.IntField(primary_key=True)
    young_person: fields.ForeignKeyRelation[YoungPerson] = fields.ForeignKeyField(
        "ungeloftet.YoungPerson", related_name="support_contacts", on_delete=fields.CASCADE
    )
    young_person_id: int
    match: fields.ForeignKeyNullableRelation[Match] = fields.ForeignKeyField(
        "ungeloftet.Match", related_name="support_contacts", null=True, on_delete=fields.SET_NULL
    )
    match_id: int | None
    consultant: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="support_contacts", null=True, on_delete=fields.SET_NULL
    )
    consultant_id: int | None
    contact_with = fields.CharEnumField(ContactWith, max_length=16)
    kind = fields.CharField(max_length=48, description="contact_kind key: meeting, phone, ...")
    occurred_at = fields.DatetimeField()
    note = fields.TextField(default="")

    class Meta:
        table = "support_contact"
        ordering = ["-occurred_at", "id"]
        indexes = [("young_person_id", "occurred_at"), ("consultant_id", "occurred_at")]


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class Referral(TimestampedModel):
    """A young person referred to an organisation's offer, and the organisation's answer."""

    id = fields.IntField(primary_key=True)
    young_person: fields.ForeignKeyRelation[YoungPerson] = fields.ForeignKeyField(
        "ungeloftet.YoungPerson", related_name="referrals", on_delete=fields.RESTRICT
    )
    young_person_id: int
    offer: fields.ForeignKeyRelation[Offer] = fields.ForeignKeyField(
        "ungeloftet.Offer", related_name="referrals", on_delete=fields.RESTRICT
    )
    offer_id: int
    referred_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="referrals_made", null=True, on_delete=fields.SET_NULL
    )
    referred_by_id: int | None
    referred_at = fields.DatetimeField()
    status = fields.CharEnumField(ReferralStatus, max_length=16, default=ReferralStatus.SENT)
    answered_at = fields.DatetimeField(null=True)
    answer_note = fields.TextField(default="")

    class Meta:
        table = "referral"
        indexes = [("offer_id", "status"), ("young_person_id", "referred_at")]
        constraints = [
            CheckConstraint(
                check="answered_at IS NULL OR answered_at >= referred_at",
                name="referral_answer_after",
            ),
        ]
