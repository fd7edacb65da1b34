"""Pathways (forløb): status over time, target-group assessments and plans."""

from enum import StrEnum

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from app.models.accounts import User
from app.models.base import TimestampedModel, VersionedModel
from app.models.people import YoungPerson
from app.models.reference import CodeValue


class Pathway(VersionedModel):
    """A young person's pathway. ``status`` is the latest entry of its status history."""

    id = fields.IntField(primary_key=True)
    young_person: fields.ForeignKeyRelation[YoungPerson] = fields.ForeignKeyField(
        "ungeloftet.YoungPerson", related_name="pathways", on_delete=fields.CASCADE
    )
    young_person_id: int
    started_on = fields.DateField()
    ended_on = fields.DateField(null=True)
    status: fields.ForeignKeyRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue", related_name="pathways_in_status", on_delete=fields.RESTRICT
    )
    status_id: int
    outcome: fields.ForeignKeyNullableRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue",
        related_name="pathways_with_outcome",
        null=True,
        on_delete=fields.RESTRICT,
    )
    outcome_id: int | None

    class Meta:
        table = "pathway"
        ordering = ["-started_on", "id"]
        indexes = [("young_person_id", "started_on"), ("status_id", "started_on")]
        constraints = [
            CheckConstraint(
                check="ended_on IS NULL OR ended_on >= started_on", name="pathway_period"
            ),
        ]


class PathwayStatusChange(TimestampedModel):
    id = fields.IntField(primary_key=True)
    pathway: fields.ForeignKeyRelation[Pathway] = fields.ForeignKeyField(
        "ungeloftet.Pathway", related_name="status_changes", on_delete=fields.CASCADE
    )
    pathway_id: int
    status: fields.ForeignKeyRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue", related_name="status_changes", on_delete=fields.RESTRICT
    )
    status_id: int
    changed_on = fields.DateField()
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User",
        related_name="status_changes_recorded",
        null=True,
        on_delete=fields.SET_NULL,
    )
    recorded_by_id: int | None
    note = fields.TextField(default="")

    class Meta:
        table = "pathway_status_change"
        ordering = ["changed_on", "id"]
        indexes = [("pathway_id", "changed_on"), ("status_id", "changed_on")]


class TargetGroupAssessment(TimestampedModel):
    id = fields.IntField(primary_key=True)
    pathway: fields.ForeignKeyRelation[Pathway] = fields.ForeignKeyField(
        "ungeloftet.Pathway", related_name="assessments", on_delete=fields.CASCADE
    )
    pathway_id: int
    target_group: fields.ForeignKeyRelation[CodeValue] = fields.ForeignKeyField(
        "ungeloftet.CodeValue", related_name="assessments", on_delete=fields.RESTRICT
    )
    target_group_id: int
    assessed_on = fields.DateField()
    assessed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "ungeloftet.User", related_name="assessments_made", null=True, on_delete=fields.SET_NULL
    )
    assessed_by_id: int | None
    note = fields.TextField(default="")

    class Meta:
        table = "target_group_assessment"
        ordering = ["assessed_on", "id"]
        indexes = [("pathway_id", "assessed_on")]


class PlanKind(StrEnum):
    EDUCATION_PLAN = "education_plan"
    PATHWAY_PLAN = "pathway_plan"


class Plan(TimestampedModel):
    id = fields.IntField(primary_key=True)
    pathway: fields.ForeignKeyRelation[Pathway] = fields.ForeignKeyField(
        "ungeloftet.Pathway", related_name="plans", on_delete=fields.CASCADE
    )
    pathway_id: int
    kind = fields.CharEnumField(PlanKind, max_length=16)
    created_on = fields.DateField()

    class Meta:
        table = "plan"
        ordering = ["created_on", "id"]


class PlanGoal(TimestampedModel):
    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "ungeloftet.Plan", related_name="goals", on_delete=fields.CASCADE
    )
    plan_id: int
    title = fields.CharField(max_length=200)
    due_on = fields.DateField(null=True)
    achieved_on = fields.DateField(null=True)

    class Meta:
        table = "plan_goal"
        ordering = ["due_on", "id"]


class PlanAction(TimestampedModel):
    """A step towards a goal, with planned and actual dates: open actions carry over
    when the consultant changes."""

    id = fields.IntField(primary_key=True)
    goal: fields.ForeignKeyRelation[PlanGoal] = fields.ForeignKeyField(
        "ungeloftet.PlanGoal", related_name="actions", on_delete=fields.CASCADE
    )
    goal_id: int
    title = fields.CharField(max_length=200)
    planned_on = fields.DateField(null=True)
    done_on = fields.DateField(null=True)
    responsible = fields.CharField(max_length=200, default="")

    class Meta:
        table = "plan_action"
        ordering = ["planned_on", "id"]
