"""Reading a whole history in a few queries gives exactly what reading it session by
session gave: ``supple history --json`` and the progress core's session logs.

The references below are the earlier, per-session way of reading, kept here as the
definition of the right answer; the statement counts show the new reads do not grow
with the number of sessions.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event

from supple import history
from supple.cli import cli
from supple.progress import SessionLog
from supple.settings import Settings
from supple.store import Store, open_store

T0 = datetime(2026, 1, 5, 7, 45, tzinfo=UTC)
PLAN = {
    "screen": {"level": "ok", "reasons": [], "routine_allowed": True},
    "routine": {
        "level": "beginner",
        "gentle": False,
        "minutes_requested": 15,
        "estimated_seconds": 870,
        "items": [{"exercise": "clamshell", "hold_seconds": None, "sets": 2}],
    },
    "advice": [],
}
EXERCISES = ("clamshell", "supine-figure-four", "glute-bridge", None)
OUTCOMES = (
    "done",
    "done",
    "done",
    "skipped",
    "stopped_for_pain",
    "stopped_leg_pain",
    "leg_pain_uncounted",
)


def seed(store: Store, sessions: int, rng: random.Random) -> None:
    """Sessions over several weeks with every kind of step, ratings and re-ratings."""
    plan_id = store.save_plan("me", PLAN, now=T0)
    for number in range(sessions):
        start = T0 + timedelta(days=number, hours=rng.choice((0, 16)))
        session_id = store.start_session("me", plan_id, rng.randint(0, 10), now=start)
        for index in range(rng.randint(0, 9)):
            exercise = rng.choice(EXERCISES)
            store.record_step(
                session_id,
                index=index,
                kind="ready" if exercise is None else "hold",
                exercise=exercise,
                side=None,
                planned_seconds=20,
                actual_seconds=round(rng.uniform(0, 40), 3),
                outcome=rng.choice(OUTCOMES),
                now=start + timedelta(seconds=30 * index),
            )
        for exercise in rng.sample(EXERCISES[:3], rng.randint(0, 3)):
            store.rate_exercise(session_id, exercise, rng.choice(("right", "easy", "painful")))
            if rng.random() < 0.3:
                store.rate_exercise(session_id, exercise, "hard")
        if rng.random() < 0.8:
            status = rng.choice(("completed", "quit"))
            store.finish_session(session_id, status=status, pain_after=rng.randint(0, 10))


def history_the_old_way(store: Store) -> list[dict[str, Any]]:
    rows = []
    for session in store.sessions("me"):
        events = store.step_events(session.id)
        stops = ("stopped_for_pain", "stopped_leg_pain")
        stopped = {e.exercise for e in events if e.outcome in stops and e.exercise}
        leg = {e.exercise for e in events if e.outcome == "stopped_leg_pain" and e.exercise}
        rows.append(
            {
                **session.to_dict(),
                "steps_done": sum(1 for e in events if e.outcome == "done"),
                "steps_skipped": sum(1 for e in events if e.outcome == "skipped"),
                "active_seconds": round(sum(e.actual_seconds for e in events), 1),
                "stopped_for_pain": sorted(stopped),
                "stopped_leg_pain": sorted(leg),
                "leg_pain_uncounted": any(e.outcome == "leg_pain_uncounted" for e in events),
                "ratings": {r.exercise: r.rating for r in store.ratings(session.id)},
            }
        )
    return json.loads(json.dumps(rows))


def session_logs_the_old_way(store: Store) -> list[SessionLog]:
    stopped: dict[int, set[str]] = {}
    leg: dict[int, set[str]] = {}
    uncounted: set[int] = set()
    for e in store.profile_step_events("me"):
        if e.outcome == "leg_pain_uncounted":
            uncounted.add(e.session_id)
        if e.outcome == "stopped_for_pain" and e.exercise:
            stopped.setdefault(e.session_id, set()).add(e.exercise)
        if e.outcome == "stopped_leg_pain" and e.exercise:
            leg.setdefault(e.session_id, set()).add(e.exercise)
    return [
        SessionLog(
            id=s.id,
            day=history.local_day(s.started_at),
            completed=s.status == "completed",
            pain_before=s.pain_before,
            pain_after=s.pain_after,
            stopped_for_pain=frozenset(stopped.get(s.id, ())),
            ratings={r.exercise: r.rating for r in store.ratings(s.id)},
            stopped_leg_pain=frozenset(leg.get(s.id, ())),
            started_at=s.started_at,
            leg_pain_uncounted=s.id in uncounted,
            plan_id=s.plan_id,
        )
        for s in store.sessions("me")
    ]


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def history_json() -> tuple[Any, int]:
    with counted() as statements:
        result = CliRunner().invoke(cli, ["history", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), len(statements)


def test_history_json_is_what_reading_each_session_gave() -> None:
    with open_store() as store:
        seed(store, 30, random.Random(14))
        expected = history_the_old_way(store)
    shown, _ = history_json()
    assert shown == {"version": 1, "profile": "me", "sessions": expected}
    assert any(row["stopped_for_pain"] for row in expected)
    assert any(len(row["ratings"]) > 1 for row in expected)


def test_session_logs_are_what_reading_every_step_gave() -> None:
    with open_store() as store:
        seed(store, 30, random.Random(41))
        assert list(history.session_logs(store, "me")) == session_logs_the_old_way(store)
        assert any(log.stopped_for_pain for log in history.session_logs(store, "me"))


def test_history_json_asks_the_same_number_of_queries_for_any_length() -> None:
    with open_store() as store:
        seed(store, 2, random.Random(1))
    _, few = history_json()
    with open_store() as store:
        seed(store, 20, random.Random(2))
    _, many = history_json()
    assert few == many


def test_check_ins_and_plan_levels_read_as_columns_are_what_the_records_give() -> None:
    from supple.progress import CheckIn

    rng = random.Random(7)
    with open_store() as store:
        seed(store, 3, rng)
        for week in (3, 1, 2, 1):  # out of order, and one week twice
            store.save_checkin(
                "me",
                week_of=T0.date() + timedelta(weeks=week),
                pain=rng.randint(0, 10),
                enjoyment=rng.randint(0, 10),
                activity=rng.randint(0, 10),
                now=T0 + timedelta(days=rng.randint(0, 30)),
            )
        for level in ("intermediate", "beginner"):
            store.save_plan("me", {**PLAN, "routine": {**PLAN["routine"], "level": level}}, now=T0)
        assert history.checkins(store, "me") == [
            CheckIn(week_of=c.week_of, pain=c.pain, enjoyment=c.enjoyment, activity=c.activity)
            for c in store.checkins("me")
        ]
        records = [(p.id, p.created_at, p.level) for p in store.plans("me")]
        assert [level for _, _, level in records] == ["beginner", "intermediate", "beginner"]
        # The latest run at one level is the last plan alone.
        assert store.history_snapshot("me").plans == records[-1:]
        assert store.checkin_rows("nobody") == [] and store.history_snapshot("nobody").plans == []


def test_earlier_plans_give_what_every_document_gave(tmp_path: Path) -> None:
    """The next plan reads the level of the latest plan, the day its run at that level
    began and the latest plan's exercises; the marks read give what the marks built
    from every stored document give, whatever the order of saving, days shared by
    several plans, runs at one level and withheld plans (no level)."""
    from supple.planning.history import History, plan_marks
    from supple.planning.stored import stored_exercises
    from supple.progress.adapt import current_level_since

    def read(marks: tuple[Any, ...]) -> tuple[Any, ...]:
        made = History(plans=marks)
        since = current_level_since([(m.day, m.level) for m in marks])
        return made.level, since, made.latest_exercises

    rng = random.Random(11)
    for trial in range(30):
        with open_store(Settings(home=tmp_path / str(trial), database_url=None)) as store:
            store.get_or_create_profile("me", now=T0)
            assert history.load_history(store, "me").plans == ()
            for number in range(rng.randint(1, 9)):
                level = rng.choice(("beginner", "intermediate", "advanced", None))
                items = [
                    {**PLAN["routine"]["items"][0], "exercise": e}
                    for e in rng.sample(
                        ("clamshell", "glute-bridge", "bird-dog", "cat-cow"), rng.randint(0, 3)
                    )
                ]
                document: dict[str, Any] = {
                    **PLAN,
                    "routine": None
                    if level is None
                    else {**PLAN["routine"], "level": level, "items": items},
                }
                at = T0 + timedelta(hours=rng.choice((0, 5, 30, 60)) * number)
                store.save_plan("me", document, now=at)
            reference = plan_marks(
                [
                    (history.local_day(p.created_at), p.level, stored_exercises(p.document))
                    for p in store.plans("me")
                ]
            )
            assert read(history.load_history(store, "me").plans) == read(reference), trial


def stops_on_their_own_plans(store: Store, sessions: int) -> None:
    """``sessions`` sessions, each on a plan of its own doing its exercise as a variant,
    and each stopping that exercise for pain (three exercises take turns)."""
    exercises = EXERCISES[:3]
    for number in range(sessions):
        exercise = exercises[number % 3]
        item = {**PLAN["routine"]["items"][0], "exercise": exercise, "variant": f"v{number}"}
        document = {**PLAN, "routine": {**PLAN["routine"], "items": [item]}}
        start = T0 + timedelta(days=number)
        plan_id = store.save_plan("me", document, now=start)
        session_id = store.start_session("me", plan_id, 3, now=start)
        store.record_step(
            session_id,
            index=0,
            kind="hold",
            exercise=exercise,
            side=None,
            planned_seconds=20,
            actual_seconds=5,
            outcome="stopped_for_pain",
            now=start + timedelta(seconds=5),
        )
        store.finish_session(session_id, status="quit", pain_after=5)


def test_the_next_plans_history_takes_as_many_statements_for_any_length(
    tmp_path: Path,
) -> None:
    """What every history-aware plan reads (``load_history``) asks a fixed number of
    statements however many sessions and plans there are and however many plans the
    latest stops were made in (issue 14); each stopped exercise still carries the
    variant of the plan of its latest stop."""
    counts = []
    for sessions in (1, 9):
        with open_store(Settings(home=tmp_path / str(sessions), database_url=None)) as store:
            stops_on_their_own_plans(store, sessions)
            with counted() as statements:
                loaded = history.load_history(store, "me")
            counts.append(len(statements))
    assert counts[0] == counts[1], counts
    assert loaded.stopped_as == (
        ("clamshell", "v6"),
        ("glute-bridge", "v8"),
        ("supine-figure-four", "v7"),
    )


def test_pain_stops_are_found_through_the_outcome_index() -> None:
    """The session logs' stop read looks the stopped steps up by outcome (migration
    0008), not by walking every step of every session of the profile."""
    issued: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        issued.append((statement, parameters))

    with open_store() as store:
        seed(store, 3, random.Random(3))
        event.listen(Engine, "before_cursor_execute", keep)
        try:
            history.session_logs(store, "me")
        finally:
            event.remove(Engine, "before_cursor_execute", keep)
        stop_reads = [
            (q, p) for q, p in issued if "step_events" in q and "stopped_leg_pain" in str(p)
        ]
        assert len(stop_reads) == 1, issued
        statement, parameters = stop_reads[0]
        with store.engine.connect() as connection:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    steps = [row[-1] for row in plan if "step_events" in row[-1]]
    assert steps and all("ix_step_events_outcome" in detail for detail in steps), plan


MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 2),
    max_value=datetime(2026, 11, 28),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=5, minutes=45))]
    ),
)
SESSIONS = st.lists(
    st.tuples(
        MOMENTS,
        st.integers(0, 10),
        st.sampled_from(["completed", "quit", None]),  # None: still in progress
        st.none() | st.integers(0, 10),
        st.sampled_from([None, "stopped_for_pain", "stopped_leg_pain"]),
    ),
    max_size=8,
)
PROFILES = itertools.count()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(SESSIONS)
def test_session_logs_read_as_columns_are_what_the_records_give(
    store: Store, sessions: list[tuple[datetime, int, str | None, int | None, str | None]]
) -> None:
    """Any moment (microseconds, any offset), status and pain, on SQLite and PostgreSQL:
    the start times read as the driver gives them are the records' UTC times, and each
    session falls on the same local day."""
    profile = f"p{next(PROFILES)}"
    plan_id = store.save_plan(profile, PLAN, now=T0)
    for start, before, status, after, stop in sessions:
        session_id = store.start_session(profile, plan_id, before, now=start)
        if stop is not None:
            store.record_step(
                session_id,
                index=0,
                kind="hold",
                exercise="clamshell",
                side=None,
                planned_seconds=20,
                actual_seconds=12.5,
                outcome=stop,
                now=start,
            )
        if status is not None:
            store.finish_session(session_id, status=status, pain_after=after)  # type: ignore[arg-type]
    logs = history.session_logs(store, profile)
    records = store.sessions(profile)
    assert [(log.id, log.started_at, log.day) for log in logs] == [
        (r.id, r.started_at, history.local_day(r.started_at)) for r in records
    ]
    assert [(log.completed, log.pain_before, log.pain_after) for log in logs] == [
        (r.status == "completed", r.pain_before, r.pain_after) for r in records
    ]
    assert all(log.started_at is not None and log.started_at.tzinfo is UTC for log in logs)
    stopped = {log.id for log in logs if log.stops}
    assert len(stopped) == sum(1 for *_, stop in sessions if stop)
