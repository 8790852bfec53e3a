"""The person's history as the progress core sees it, and plans that use it.

The store hands out plain records; the core wants one ``History`` value (sessions
as ``SessionLog``, check-ins as ``CheckIn``, earlier plans) and a ``today``. This is
the one place that translation happens, for the CLI and the web app alike, so the
progress page, ``supple progress``, the API and the next plan all read the history
the same way. Days are the person's local days: a session at 00:30 belongs to the
day it was done on, as they remember it.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from supple.answers import AnswersDocument, AnswersError, read_answers
from supple.catalog import Catalog
from supple.catalog.models import LEVELS, Level
from supple.planning import History, Plan, adaptation_for, plan_for, plan_with_adaptation
from supple.planning.history import plan_marks
from supple.planning.stored import stored_exercises, stored_variants
from supple.progress import Adaptation, CheckIn, Progress, SessionLog, summarise
from supple.progress.next_plan import as_planned
from supple.progress.weekly import WeeklySummary
from supple.store import AnswersRecord, Store
from supple.store.history_rows import HistoryKey, HistoryRows, HistorySnapshot


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def session_logs(store: Store, profile: str) -> tuple[SessionLog, ...]:
    """Every session as the progress core sees it, from one column read of the store
    (not a record per session, step and rating: issue 14).

    The logs are kept per store and profile and given again, unread, while the
    database says the history is unchanged (its history version, migration 0014, which
    every write of a session, step or rating renews, whichever process makes it) and
    the local time zone is the same (it decides each session's day). A long history
    is then turned into logs once per change, not once per page; the tuple is shared,
    so it is immutable."""
    zone = _zone()
    with _LOCK:
        kept = _KEPT.setdefault(store, {}).get(profile)
    known = kept.key if kept is not None and kept.zone == zone else None
    rows = store.history_rows(profile, known=known)
    if rows is None and kept is not None:
        return kept.logs
    logs = tuple(logs_from_rows(rows)) if rows is not None else ()
    if rows is not None and rows.key is not None:
        with _LOCK:
            _KEPT.setdefault(store, {})[profile] = KeptLogs(rows.key, zone, logs)
    return logs


def _zone() -> Any:
    """What decides the local day of a moment here: the process's time zone."""
    return (time.timezone, time.altzone, time.tzname)


# Per store (weakly: a closed store's logs go with it), per profile: the history key
# the logs were read at, the time zone they were dated in, and the logs.
class KeptLogs(NamedTuple):
    key: HistoryKey  # of the sessions part, when the logs were read
    zone: Any  # the time zone they were dated in
    logs: tuple[SessionLog, ...]


class KeptHistory(NamedTuple):
    key: HistoryKey  # of the records part, when the History was made
    logs: tuple[SessionLog, ...]  # the session logs it was made with
    zone: Any
    history: History


_KEPT: WeakKeyDictionary[Store, dict[str, KeptLogs]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def logs_from_rows(rows: HistoryRows) -> list[SessionLog]:
    """The sessions of ``rows`` as the progress core sees them."""
    stopped: dict[int, set[str]] = defaultdict(set)
    for session_id, exercise in rows.pain_stops:
        if exercise:
            stopped[session_id].add(exercise)
    leg: dict[int, set[str]] = defaultdict(set)
    for session_id, exercise in rows.leg_pain_stops:
        if exercise:
            leg[session_id].add(exercise)
    ratings: dict[int, dict[str, Any]] = defaultdict(dict)
    for session_id, exercise, rating in rows.ratings:
        ratings[session_id][exercise] = rating
    uncounted = set(rows.uncounted_leg_stops)
    no_stops: frozenset[str] = frozenset()
    return [
        SessionLog(
            id=row.id,
            day=local_day(row.started_at),
            completed=row.status == "completed",
            pain_before=row.pain_before,
            pain_after=row.pain_after,
            stopped_for_pain=frozenset(stopped[row.id]) if row.id in stopped else no_stops,
            stopped_leg_pain=frozenset(leg[row.id]) if row.id in leg else no_stops,
            ratings=dict(ratings[row.id]) if row.id in ratings else {},
            started_at=row.started_at,
            leg_pain_uncounted=row.id in uncounted,
            plan_id=row.plan_id,
        )
        for row in rows.sessions
    ]


def checkins(store: Store, profile: str) -> list[CheckIn]:
    return checkins_from_rows(store.checkin_rows(profile))


def checkins_from_rows(rows: list[tuple[date, int, int, int]]) -> list[CheckIn]:
    return [
        CheckIn(week_of=week_of, pain=pain, enjoyment=enjoyment, activity=activity)
        for week_of, pain, enjoyment, activity in rows
    ]


def progress(
    store: Store,
    profile: str,
    today: date | None = None,
    *,
    logs: Sequence[SessionLog] | None = None,
    weekly: WeeklySummary | None = None,
) -> Progress:
    """The progress summary; ``logs`` passes ``session_logs`` already read for this
    request (the page and ``supple progress`` also adapt from them), so a long
    history is read once, not twice, and ``weekly`` their ``WeeklySummary`` as of
    ``today`` (``weekly_summary``), so it is counted once too."""
    if logs is None:
        logs = session_logs(store, profile)
    return summarise(logs, checkins(store, profile), today or date.today(), weekly=weekly)


def weekly_summary(logs: Sequence[SessionLog], today: date) -> WeeklySummary:
    """The weekly counts of ``logs`` as of ``today``, for ``progress`` and ``adaptation``
    of one request to share."""
    return WeeklySummary.of(logs, today)


def load_history(
    store: Store,
    profile: str,
    *,
    logs: Sequence[SessionLog] | None = None,
    answers: AnswersRecord | None = None,
) -> History:
    """Everything the store knows that the next plan depends on, as one core value;
    ``logs`` as for ``progress``, ``answers`` the latest answers when already read.

    Three reads with a fixed number of statements however long the history (issue 14):
    the sessions (``session_logs``, unless given), one transaction for the check-ins,
    answers, flare-ups and the plans the level reads (the first and last of the latest
    run at one level: what ``History.level``, ``latest_exercises`` and the level-up's
    ``level_since`` need), then one query for the few plan documents whose exercises
    matter (the latest plan's, and those of each exercise's latest stop). The History
    made is kept per store and profile and given again while the session logs are the
    same tuple and the records' version (migration 0014: plans, answers, check-ins,
    flare-ups) and the time zone are unchanged: then one short read decides it."""
    zone = _zone()
    with _LOCK:
        kept = _KEPT_HISTORY.setdefault(store, {}).get(profile)
        kept_logs = _KEPT.setdefault(store, {}).get(profile)
    if logs is None and kept is not None and kept_logs is not None:
        # Both parts kept: one short read of their keys may settle it.
        keys = store.history_keys(profile)
        if (
            keys.get("records") == kept.key
            and keys.get("sessions") == kept_logs.key
            and kept.logs is kept_logs.logs
            and kept.zone == zone == kept_logs.zone
        ):
            return _answered(kept.history, answers)
    sessions = tuple(session_logs(store, profile) if logs is None else logs)
    usable = kept is not None and kept.logs is sessions and kept.zone == zone
    snapshot = store.history_snapshot(profile, known=kept.key if kept and usable else None)
    if snapshot is None and kept is not None:
        made = kept.history
    else:
        made = _history(store, profile, sessions, snapshot or HistorySnapshot([], [], None, []))
        if snapshot is not None and snapshot.key is not None:
            with _LOCK:
                kept_now = KeptHistory(snapshot.key, sessions, zone, made)
                _KEPT_HISTORY.setdefault(store, {})[profile] = kept_now
    return _answered(made, answers)


def _answered(made: History, answers: AnswersRecord | None) -> History:
    if answers is not None and answers.created_at != made.warning_signs_answered:
        return replace(made, warning_signs_answered=answers.created_at)
    return made


def _history(
    store: Store, profile: str, sessions: tuple[SessionLog, ...], snapshot: HistorySnapshot
) -> History:
    dated = sorted(
        ((local_day(row.created_at), row) for row in snapshot.plans), key=lambda pair: pair[0]
    )  # the same stable order plan_marks gives, so its last mark is this last row
    known = [row for _, row in dated if row.level in LEVELS]
    latest = known[-1].id if known else None
    stops = latest_stop_plans(sessions)
    wanted = {plan_id for plan_id in stops.values() if plan_id is not None}
    documents = store.plan_documents(profile, wanted | ({latest} if latest is not None else set()))
    exercises = stored_exercises(documents[latest]) if latest in documents else ()
    return History(
        sessions=sessions,
        stopped_as=stopped_as(stops, documents),
        checkins=tuple(checkins_from_rows(snapshot.checkins)),
        plans=plan_marks(
            [(day, row.level, exercises if row.id == latest else ()) for day, row in dated]
        ),
        warning_signs_answered=snapshot.answered_at,
        flare_ups=tuple(snapshot.flare_days),
    )


# Per store and profile: the records' key, the session logs and time zone the history
# was made with, and the History (the next plan's input), given again while all three
# are unchanged.
_KEPT_HISTORY: WeakKeyDictionary[Store, dict[str, KeptHistory]] = WeakKeyDictionary()


def latest_stop_plans(logs: tuple[SessionLog, ...]) -> dict[str, int | None]:
    """The plan of the session of each exercise's latest stop for pain."""
    latest: dict[str, int | None] = {}
    for log in logs:
        if log.stopped_for_pain or log.stopped_leg_pain:  # few do: ``stops`` makes a set
            for exercise in log.stops:
                latest[exercise] = log.plan_id
    return latest


def stopped_as(
    stops: dict[str, int | None], documents: dict[int, dict[str, Any]]
) -> tuple[tuple[str, str], ...]:
    """The variant each exercise stopped for pain was done as, in the plan of the
    session of its latest stop (``History.stopped_as``), from those plans' documents."""
    variants: dict[int, dict[str, str]] = {}
    found: list[tuple[str, str]] = []
    for exercise, plan_id in sorted(stops.items()):
        if plan_id is None or plan_id not in documents:
            continue
        if plan_id not in variants:
            variants[plan_id] = dict(stored_variants(documents[plan_id]))
        variant = variants[plan_id].get(exercise)
        if variant is not None:
            found.append((exercise, variant))
    return tuple(found)


def adaptation(
    store: Store,
    profile: str,
    catalog: Catalog,
    today: date | None = None,
    *,
    logs: Sequence[SessionLog] | None = None,
    weekly: WeeklySummary | None = None,
) -> Adaptation:
    """What the history says about the next plan (``supple.planning.adaptation_for``);
    ``logs`` and ``weekly`` as for ``progress``."""
    history = load_history(store, profile, logs=logs)
    return adaptation_for(history, catalog, today or date.today(), weekly=weekly)


def next_plan(
    store: Store,
    profile: str,
    catalog: Catalog,
    today: date | None = None,
    *,
    logs: Sequence[SessionLog] | None = None,
    weekly: WeeklySummary | None = None,
) -> Adaptation:
    """What the next plan changes, as the plan that would be made now has it
    (``supple.progress.next_plan.as_planned``): the latest answers, with the current
    plan's minutes, level and swaps, and the stored history, through the one planning
    path, built once. The same for ``supple progress``, ``GET /api/progress`` and the
    progress page; ``logs`` and ``weekly`` as for ``progress``."""
    today = today or date.today()
    record = store.latest_answers(profile)
    history = load_history(store, profile, logs=logs, answers=record)
    answers = _readable(record)
    names = {key: exercise.name for key, exercise in catalog.exercises.items()}
    if answers is None:
        return as_planned(adaptation_for(history, catalog, today, weekly=weekly), None, names)
    current = store.latest_plan(profile)
    document = current.document if current is not None else {}
    routine = document.get("routine") or {}
    level = routine.get("level")
    plan, adapted = plan_with_adaptation(
        answers,
        history,
        today,
        catalog=catalog,
        minutes=routine.get("minutes_requested"),
        level=level if level in LEVELS else None,
        swaps=dict(document.get("swaps") or {}),  # the web keeps them there (web.living)
        weekly=weekly,
    )
    return as_planned(adapted, plan, names)


def _readable(record: AnswersRecord | None) -> AnswersDocument | None:
    """The stored answers as the planner reads them; None when there are none, or
    they can no longer be read (then no plan can be made from them)."""
    if record is None:
        return None
    try:
        return read_answers(record.document)
    except AnswersError:
        return None


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
