"""Pathways (forløb): status histories that agree with the jobs started through
matches, target-group assessments, and plans with goals and actions."""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.demo.bulk import DemoTables
from app.demo.clock import LAST_DAY, day_between, during_workday
from app.demo.matching import JobSpell
from app.demo.people import Person
from app.demo.phrases import (
    ACTION_RESPONSIBLE,
    ASSESSMENT_NOTES,
    PLAN_ACTIONS,
    PLAN_GOALS,
    STATUS_NOTES,
)
from app.demo.reference import Reference
from app.models.pathways import PlanKind
from app.models.reference import CodeList

# Where a pathway without a job goes after its first status, and how often.
PROGRESSIONS: tuple[tuple[tuple[str, ...], int], ...] = (
    ((), 25),
    (("in_fgu",), 25),
    (("in_fgu", "in_vocational_education"), 15),
    (("in_upper_secondary",), 8),
    (("in_vocational_education",), 10),
    (("in_fgu", "dropped_out"), 7),
    (("in_vocational_education", "dropped_out"), 10),
)
PREVIOUS_OUTCOMES = ("in_job", "in_vocational_education", "in_upper_secondary")
TARGET_GROUP_WEIGHTS = {
    "young": {
        "education_ready": 40,
        "obviously_education_ready": 15,
        "activity_ready": 35,
        "no_benefit": 10,
    },
    "adult": {"job_ready": 50, "activity_ready": 40, "no_benefit": 10},
}
EDUCATION_PLAN_BELOW_AGE = 25  # the municipal youth effort's education plan; a pathway plan after


def add_pathways(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    people: list[Person],
    spells: dict[int, list[JobSpell]],
) -> None:
    """For every young person: their current pathway (and an earlier, ended one for
    some), each with its status history, an assessment and a plan."""
    statuses = set(reference.keys(CodeList.PATHWAY_STATUS))
    progressions = [
        (path, weight) for path, weight in PROGRESSIONS if all(key in statuses for key in path)
    ]
    paths, path_weights = zip(*progressions, strict=True)
    outcomes = [key for key in PREVIOUS_OUTCOMES if key in statuses] or ["in_job"]

    for person in people:
        if person.previous_pathway is not None:
            started_on, ended_on = person.previous_pathway
            outcome = rng.choice(outcomes)
            middle = day_between(rng, started_on, ended_on)
            history = [("neet", started_on)]
            if outcome != "in_job" and "in_fgu" in statuses:
                history.append(("in_fgu", middle))
            history.append((outcome, ended_on))
            _add_pathway(rng, reference, tables, person, history, ended_on, outcome)

        start = person.pathway_start
        first = "dropped_out" if "dropped_out" in statuses and rng.random() < 0.25 else "neet"
        history = [(first, start)]
        if person.id in spells:
            history.extend(_job_history(rng, start, spells[person.id], statuses))
        else:
            history.extend(_days_for(rng, start, rng.choices(paths, path_weights)[0]))
        _add_pathway(rng, reference, tables, person, history, None, None)


def _job_history(
    rng: random.Random, start: date, spells: list[JobSpell], statuses: set[str]
) -> list[tuple[str, date]]:
    """Statuses around the jobs started through matches: sometimes FGU before the first,
    a job status from each start, and back to NEET when a job ends."""
    history: list[tuple[str, date]] = []
    free_from = start
    if "in_fgu" in statuses and rng.random() < 0.3 and (spells[0].started_on - start).days > 30:
        history.append(
            ("in_fgu", day_between(rng, start + timedelta(days=7), spells[0].started_on))
        )
    for spell in spells:
        if spell.started_on < free_from:
            continue  # overlaps the previous job
        history.append(
            ("in_job_with_support" if spell.with_support else "in_job", spell.started_on)
        )
        if spell.ended_on is None:
            free_from = date.max
            continue
        history.append(("neet", spell.ended_on))
        free_from = spell.ended_on
    return history


def _days_for(rng: random.Random, start: date, path: tuple[str, ...]) -> list[tuple[str, date]]:
    """The statuses of ``path`` on increasing days after ``start``, none after LAST_DAY."""
    history = []
    day = start
    for status in path:
        day = day + timedelta(days=rng.randint(14, 150))
        if day > LAST_DAY:
            break
        history.append((status, day))
    return history


def _add_pathway(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    person: Person,
    history: list[tuple[str, date]],
    ended_on: date | None,
    outcome: str | None,
) -> None:
    pathway_id = tables.pathway.new_id()
    started_on = history[0][1]
    created_at = during_workday(rng, started_on)
    updated_at = max(created_at, during_workday(rng, history[-1][1]))
    status_id = reference.code(CodeList.PATHWAY_STATUS, history[-1][0]).id
    outcome_id = reference.code(CodeList.PATHWAY_STATUS, outcome).id if outcome else None
    tables.pathway.add(
        pathway_id, created_at, updated_at, len(history), person.id, started_on, ended_on,
        status_id, outcome_id,
    )  # fmt: skip
    for status, changed_on in history:
        at = during_workday(rng, changed_on)
        tables.pathway_status_change.add(
            tables.pathway_status_change.new_id(), at, at, pathway_id,
            reference.code(CodeList.PATHWAY_STATUS, status).id, changed_on,
            person.consultant_id, rng.choice(STATUS_NOTES.get(status, ("",))),
        )  # fmt: skip

    last_day = min(ended_on or LAST_DAY, LAST_DAY)
    young = person.age_on(started_on) < EDUCATION_PLAN_BELOW_AGE
    weights = TARGET_GROUP_WEIGHTS["young" if young else "adult"]
    groups = [key for key in reference.keys(CodeList.TARGET_GROUP) if key in weights]
    group = (
        rng.choices(groups, [weights[key] for key in groups])[0]
        if groups
        else rng.choice(reference.keys(CodeList.TARGET_GROUP))
    )
    assessed_on = day_between(rng, started_on, min(started_on + timedelta(days=14), last_day))
    at = during_workday(rng, assessed_on)
    tables.target_group_assessment.add(
        tables.target_group_assessment.new_id(), at, at, pathway_id,
        reference.code(CodeList.TARGET_GROUP, group).id, assessed_on, person.consultant_id,
        rng.choice(ASSESSMENT_NOTES),
    )  # fmt: skip

    kind = PlanKind.EDUCATION_PLAN if young else PlanKind.PATHWAY_PLAN
    created_on = day_between(rng, started_on, min(started_on + timedelta(days=21), last_day))
    _add_plan(rng, tables, pathway_id, kind, created_on, last_day)


def _add_plan(
    rng: random.Random,
    tables: DemoTables,
    pathway_id: int,
    kind: PlanKind,
    created_on: date,
    last_day: date,
) -> None:
    """A plan with 1-3 goals of 1-3 actions each; what is due by ``last_day`` is mostly done."""
    plan_id = tables.plan.new_id()
    created_at = during_workday(rng, created_on)
    tables.plan.add(plan_id, created_at, created_at, pathway_id, kind.value, created_on)
    for title in rng.sample(PLAN_GOALS[kind.value], rng.randint(1, 3)):
        goal_id = tables.plan_goal.new_id()
        due_on = created_on + timedelta(days=rng.randint(30, 240))
        achieved_on = None
        if due_on <= last_day and rng.random() < 0.55:
            achieved_on = day_between(
                rng, created_on + timedelta(days=7), min(due_on + timedelta(days=30), last_day)
            )
        elif created_on + timedelta(days=7) <= last_day and rng.random() < 0.15:
            achieved_on = day_between(rng, created_on + timedelta(days=7), last_day)
        changed_at = max(created_at, during_workday(rng, achieved_on or created_on))
        tables.plan_goal.add(goal_id, created_at, changed_at, plan_id, title, due_on, achieved_on)
        for action in rng.sample(PLAN_ACTIONS, rng.randint(1, 3)):
            planned_on = day_between(rng, created_on, due_on)
            done_on = None
            if planned_on <= last_day and rng.random() < 0.75:
                done_on = min(planned_on + timedelta(days=rng.randint(0, 7)), last_day)
            changed_at = max(created_at, during_workday(rng, done_on or created_on))
            tables.plan_action.add(
                tables.plan_action.new_id(), created_at, changed_at, goal_id, action, planned_on,
                done_on, rng.choice(ACTION_RESPONSIBLE),
            )  # fmt: skip
