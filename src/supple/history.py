"""The person's history as the progress core sees it, and plans that use it.

The store hands out plain records; the progress core wants ``SessionLog`` and
``CheckIn`` values and a ``today``. This is the one place that translation happens,
for the CLI and the web app alike, so the progress page, ``supple progress``, the API
and the next plan all read the history the same way. Days are the person's local
days: a session at 00:30 belongs to the day it was done on, as they remember it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from supple.answers import Answers
from supple.catalog import Catalog
from supple.catalog.models import Level
from supple.planning import Adjustments, Plan, build_plan
from supple.planning.explain import history_advice
from supple.progress import (
    Adaptation,
    CheckIn,
    Progress,
    SessionLog,
    adapt,
    current_level_since,
    summarise,
)
from supple.store import Store

LEVELS: tuple[Level, ...] = ("beginner", "intermediate", "advanced")


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def session_logs(store: Store, profile: str) -> list[SessionLog]:
    stopped: dict[int, set[str]] = defaultdict(set)
    for event in store.profile_step_events(profile):
        if event.outcome == "stopped_for_pain" and event.exercise:
            stopped[event.session_id].add(event.exercise)
    ratings: dict[int, dict[str, Any]] = defaultdict(dict)
    for rating in store.profile_ratings(profile):
        ratings[rating.session_id][rating.exercise] = rating.rating
    return [
        SessionLog(
            id=record.id,
            day=local_day(record.started_at),
            completed=record.status == "completed",
            pain_before=record.pain_before,
            pain_after=record.pain_after,
            stopped_for_pain=frozenset(stopped[record.id]),
            ratings=dict(ratings[record.id]),
        )
        for record in store.sessions(profile)
    ]


def checkins(store: Store, profile: str) -> list[CheckIn]:
    return [
        CheckIn(week_of=c.week_of, pain=c.pain, enjoyment=c.enjoyment, activity=c.activity)
        for c in store.checkins(profile)
    ]


def progress(store: Store, profile: str, today: date | None = None) -> Progress:
    return summarise(session_logs(store, profile), checkins(store, profile), today or date.today())


def adaptation(
    store: Store, profile: str, catalog: Catalog, today: date | None = None
) -> Adaptation:
    """What the history says about the next plan (regressions, step-downs, level offer)."""
    plans = [(local_day(p.created_at), p.level) for p in store.plans(profile) if p.level in LEVELS]
    level: Level = plans[-1][1] if plans else "beginner"
    return adapt(
        session_logs(store, profile),
        today=today or date.today(),
        level=level,
        level_since=current_level_since(plans),
        regressions={key: exercise.regression for key, exercise in catalog.exercises.items()},
        variants={
            key: exercise.regression_variant
            for key, exercise in catalog.exercises.items()
            if exercise.regression_variant is not None
        },
    )


def plan_with_history(
    answers: Answers,
    catalog: Catalog,
    history: Adjustments,
    *,
    minutes: int | None = None,
    level: Level | None = None,
    swaps: dict[str, str] | None = None,
) -> Plan:
    """``build_plan`` with the history's adjustments and the person's own swaps.

    A swap is passed to the planner as a replacement, so the routine still fits the
    time and the ordering rules; the planner's wording for history replacements ("it
    caused pain") would be wrong for a swap the person chose, so that line is replaced
    by one that says what happened.
    """
    swaps = {k: v for k, v in (swaps or {}).items() if k not in history.replacements}
    adjustments = Adjustments(
        replacements={**history.replacements, **swaps},
        variants=history.variants,
        exclusions=history.exclusions,
        step_downs=history.step_downs,
        offer_level=history.offer_level,
    )
    plan = build_plan(answers, catalog, minutes=minutes, level=level, adjustments=adjustments)
    if not swaps:
        return plan
    wrong = set(history_advice(catalog, Adjustments(replacements=swaps)))
    names = {key: exercise.name for key, exercise in catalog.exercises.items()}
    chosen = {item.exercise for item in plan.routine.items} if plan.routine else set()
    own = [
        f"You swapped {names.get(k, k)} for {names.get(v, v)}."
        if v in chosen
        else f"You swapped out {names.get(k, k)}; {names.get(v, v)} did not fit the time, "
        "so the planner chose other exercises."
        for k, v in swaps.items()
    ]
    return Plan(
        plan.screen,
        plan.assessment,
        plan.routine,
        [*own, *(a for a in plan.advice if a not in wrong)],
    )
