"""The person's history as the progress core sees it, and plans that use it.

The store hands out plain records; the progress core wants ``SessionLog`` and
``CheckIn`` values and a ``today``. This is the one place that translation happens,
for the CLI and the web app alike, so the progress page, ``supple progress``, the API
and the next plan all read the history the same way. Days are the person's local
days: a session at 00:30 belongs to the day it was done on, as they remember it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from supple.answers import AnswersDocument
from supple.catalog import Catalog
from supple.catalog.models import Exercise, Level
from supple.planning import Adjustments, Plan, build_plan
from supple.planning.history_notes import ChangeReason
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


def session_logs(store: Store, profile: str, *, pain_only: bool = False) -> list[SessionLog]:
    """Every session as the progress core sees it, from one column read of the store
    (not a record per session, step and rating: issue 14). ``pain_only`` leaves out
    the pain stops and ratings, for what reads only the pain (the pain chart)."""
    rows = store.history_rows(profile, sessions_only=pain_only)
    stopped: dict[int, set[str]] = defaultdict(set)
    for session_id, exercise in rows.pain_stops:
        if exercise:
            stopped[session_id].add(exercise)
    ratings: dict[int, dict[str, Any]] = defaultdict(dict)
    for session_id, exercise, rating in rows.ratings:
        ratings[session_id][exercise] = rating
    no_stops: frozenset[str] = frozenset()
    return [
        SessionLog(
            id=row.id,
            day=local_day(row.started_at),
            completed=row.status == "completed",
            pain_before=row.pain_before,
            pain_after=row.pain_after,
            stopped_for_pain=frozenset(stopped[row.id]) if row.id in stopped else no_stops,
            ratings=dict(ratings[row.id]) if row.id in ratings else {},
            started_at=row.started_at,
        )
        for row in rows.sessions
    ]


def checkins(store: Store, profile: str) -> list[CheckIn]:
    return [
        CheckIn(week_of=week_of, pain=pain, enjoyment=enjoyment, activity=activity)
        for week_of, pain, enjoyment, activity in store.checkin_rows(profile)
    ]


def progress(
    store: Store, profile: str, today: date | None = None, *, logs: list[SessionLog] | None = None
) -> Progress:
    """The progress summary; ``logs`` passes ``session_logs`` already read for this
    request (the page and ``supple progress`` also adapt from them), so a long
    history is read once, not twice."""
    if logs is None:
        logs = session_logs(store, profile)
    return summarise(logs, checkins(store, profile), today or date.today())


def movement_classes(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Each exercise's movement classes, once the catalog records them (issue 12); until
    then empty, and a leg-pain stop leaves out the stopped exercise alone."""
    return {
        key: frozenset(getattr(exercise, "movement_classes", ()) or ())
        for key, exercise in catalog.exercises.items()
    }


def plan_exercises(store: Store, profile: str, catalog: Catalog) -> dict[str, Exercise]:
    """The catalog records of the latest plan's exercises, for what a level-up changes."""
    latest = store.latest_plan(profile)
    routine = latest.document.get("routine") if latest else None
    items = routine.get("items", []) if isinstance(routine, dict) else []
    keys = {item.get("exercise") for item in items if isinstance(item, dict)}
    return {
        key: catalog.exercises[key]
        for key in sorted(k for k in keys if isinstance(k, str))
        if key in catalog.exercises
    }


def adaptation(
    store: Store,
    profile: str,
    catalog: Catalog,
    today: date | None = None,
    *,
    logs: list[SessionLog] | None = None,
) -> Adaptation:
    """What the history says about the next plan (regressions, step-downs, level offer,
    when to see someone, when to ask the warning-sign questions again). ``logs`` as
    for ``progress``."""
    plans: list[tuple[date, Level]] = [
        (local_day(created), level)
        for created, level in store.plan_levels(profile)
        if level in LEVELS
    ]
    level: Level = plans[-1][1] if plans else "beginner"
    answers = store.latest_answers(profile)
    return adapt(
        session_logs(store, profile) if logs is None else logs,
        today=today or date.today(),
        level=level,
        level_since=current_level_since(plans),
        regressions={key: exercise.regression for key, exercise in catalog.exercises.items()},
        checkins=checkins(store, profile),
        movement_classes=movement_classes(catalog),
        warning_signs_answered=answers.created_at if answers else None,
        plan_exercises=plan_exercises(store, profile, catalog),
        names={key: exercise.name for key, exercise in catalog.exercises.items()},
        variants={
            key: exercise.regression_variant
            for key, exercise in catalog.exercises.items()
            if exercise.regression_variant is not None
        },
    )


def plan_with_history(
    answers: AnswersDocument,
    catalog: Catalog,
    history: Adjustments,
    *,
    minutes: int | None = None,
    level: Level | None = None,
    swaps: dict[str, str] | None = None,
    today: date | None = None,
) -> Plan:
    """``build_plan`` with the history's adjustments and the person's own swaps.

    A swap is passed to the planner as a replacement, so the routine still fits the
    time and the ordering rules, with the reason ``swapped`` so the plan says the
    person chose it. A swap never overrides a change the history made.
    """
    removed = history.removed
    swaps = {k: v for k, v in (swaps or {}).items() if k not in removed and v not in removed}
    adjustments = replace(
        history,
        replacements={**history.replacements, **swaps},
        reasons={**history.reasons, **{k: ChangeReason("swapped") for k in swaps}},
    )
    return build_plan(
        answers,
        catalog,
        today=today or date.today(),
        minutes=minutes,
        level=level,
        adjustments=adjustments,
    )
