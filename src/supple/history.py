"""The person's history as the progress core sees it, and plans that use it.

The store hands out plain records; the core wants one ``History`` value (sessions
as ``SessionLog``, check-ins as ``CheckIn``, earlier plans) and a ``today``. This is
the one place that translation happens, for the CLI and the web app alike, so the
progress page, ``supple progress``, the API and the next plan all read the history
the same way. Days are the person's local days: a session at 00:30 belongs to the
day it was done on, as they remember it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from supple.answers import AnswersDocument
from supple.catalog import Catalog
from supple.catalog.models import Level
from supple.planning import History, Plan, adaptation_for, plan_for
from supple.planning.history import plan_marks
from supple.progress import Adaptation, CheckIn, Progress, SessionLog, summarise
from supple.store import Store


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def session_logs(store: Store, profile: str) -> list[SessionLog]:
    stopped: dict[int, set[str]] = defaultdict(set)
    for session_id, exercise in store.pain_stops(profile):
        if exercise:
            stopped[session_id].add(exercise)
    leg: dict[int, set[str]] = defaultdict(set)
    for session_id, exercise in store.leg_pain_stops(profile):
        if exercise:
            leg[session_id].add(exercise)
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
            stopped_leg_pain=frozenset(leg[record.id]),
            ratings=dict(ratings[record.id]),
            started_at=record.started_at,
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


def plan_exercise_ids(document: dict[str, Any]) -> tuple[str, ...]:
    """The exercise ids of a stored plan document, in routine order."""
    routine = document.get("routine")
    items = routine.get("items", []) if isinstance(routine, dict) else []
    ids = (item.get("exercise") for item in items if isinstance(item, dict))
    return tuple(key for key in ids if isinstance(key, str))


def load_history(store: Store, profile: str) -> History:
    """Everything the store knows that the next plan depends on, as one core value."""
    answers = store.latest_answers(profile)
    return History(
        sessions=tuple(session_logs(store, profile)),
        checkins=tuple(checkins(store, profile)),
        plans=plan_marks(
            [
                (local_day(p.created_at), p.level, plan_exercise_ids(p.document))
                for p in store.plans(profile)
            ]
        ),
        warning_signs_answered=answers.created_at if answers else None,
    )


def adaptation(
    store: Store, profile: str, catalog: Catalog, today: date | None = None
) -> Adaptation:
    """What the history says about the next plan (``supple.planning.adaptation_for``)."""
    return adaptation_for(load_history(store, profile), catalog, today or date.today())


def stored_plan_for(
    store: Store,
    profile: str,
    answers: AnswersDocument,
    catalog: Catalog,
    *,
    today: date | None = None,
    minutes: int | None = None,
    level: Level | None = None,
    swaps: dict[str, str] | None = None,
    answered_now: datetime | None = None,
) -> Plan:
    """``supple.planning.plan_for`` with this profile's stored history.

    ``answered_now``: the person has just answered the questions (warning signs
    included) at this moment, so a request to answer them again is already met.
    """
    history = load_history(store, profile)
    if answered_now is not None:
        history = replace(history, warning_signs_answered=answered_now)
    return plan_for(
        answers,
        history,
        today or date.today(),
        catalog=catalog,
        minutes=minutes,
        level=level,
        swaps=swaps,
    )
