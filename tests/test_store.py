"""The store's behaviour, run identically on SQLite and PostgreSQL (see store_fixtures)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from supple.settings import Settings
from supple.store import NotFoundError, StepConflictError, Store, StoreError, open_store

T0 = datetime(2026, 3, 2, 8, 30, 15, 123456, tzinfo=UTC)
PLAN = {
    "screen": {"level": "ok", "reasons": [], "routine_allowed": True},
    "routine": {
        "level": "beginner",
        "gentle": False,
        "minutes_requested": 15,
        "estimated_seconds": 870,
        "items": [{"exercise": "supine-figure-four", "hold_seconds": 30, "sets": 2}],
    },
    "advice": ["Stop if pain becomes sharp."],
}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def session_with_plan(store: Store, profile: str = "me", pain: int = 4) -> int:
    plan_id = store.save_plan(profile, PLAN, now=T0)
    return store.start_session(profile, plan_id, pain, now=at(1))


def _step_values(index: int, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "index": index,
        "kind": "hold",
        "exercise": "supine-figure-four",
        "side": "left",
        "planned_seconds": 30,
        "actual_seconds": 30.02,
        "outcome": "done",
        "now": at(2 + index),
    }
    values.update(changes)
    return values


def step(store: Store, session_id: int, index: int, **changes: Any) -> int:
    return store.record_step(session_id, **_step_values(index, **changes))


# Profiles ----------------------------------------------------------------------------


def test_profiles_are_created_once_and_keep_their_first_creation_time(store: Store) -> None:
    first = store.get_or_create_profile("  Sam ", now=T0)
    again = store.get_or_create_profile("Sam", now=at(60))
    assert first == again
    assert first.name == "Sam" and first.created_at == T0
    assert [p.name for p in store.profiles()] == ["Sam"]
    assert store.find_profile("nobody") is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_profile_names_must_be_short_and_not_blank(store: Store, name: str) -> None:
    with pytest.raises(ValueError, match="profile name"):
        store.get_or_create_profile(name)


def test_each_profile_sees_only_its_own_records(store: Store) -> None:
    mine = session_with_plan(store, "me")
    theirs = session_with_plan(store, "partner")
    step(store, mine, 0)
    step(store, theirs, 0)
    step(store, theirs, 1)
    store.rate_exercise(theirs, "bird-dog", "hard")
    assert [s.id for s in store.sessions("me")] == [mine]
    assert {e.session_id for e in store.profile_step_events("me")} == {mine}
    assert len(store.profile_step_events("partner")) == 2
    assert store.profile_ratings("me") == []
    assert store.sessions("stranger") == [] and store.latest_plan("stranger") is None


def test_has_records_tells_an_empty_profile_from_a_used_one(store: Store) -> None:
    store.get_or_create_profile("me")
    assert not store.has_records("me")
    assert not store.has_records("nobody")
    store.save_checkin("me", week_of=date(2026, 3, 2), pain=3, enjoyment=3, activity=3)
    assert store.has_records("me")


# Answers and plans -------------------------------------------------------------------


def test_latest_answers_are_the_most_recently_saved(store: Store) -> None:
    older = store.save_answers("me", {"age": 40}, now=at(0))
    newer = store.save_answers("me", {"age": 41}, now=at(5))
    latest = store.latest_answers("me")
    assert latest is not None and latest.id == newer and latest.document == {"age": 41}
    assert [a.id for a in store.saved_answers("me")] == [older, newer]
    got = store.get_answers(older)
    assert got is not None and got.profile == "me" and got.created_at == at(0)


def test_documents_come_back_as_plain_json(store: Store) -> None:
    answers_id = store.save_answers("me", {"can": ("floor", "chair"), "n": 1.5})
    saved = store.get_answers(answers_id)
    assert saved is not None and saved.document == {"can": ["floor", "chair"], "n": 1.5}
    with pytest.raises(ValueError, match="not plain JSON"):
        store.save_answers("me", {"bad": math.nan})
    with pytest.raises(ValueError, match="not plain JSON"):
        store.save_answers("me", {"bad": object()})
    for bad in ({"note": "a\x00b"}, {"a\ud800": 1}, {"n": 2**63}, _nested(40)):
        with pytest.raises(ValueError, match="not plain JSON"):
            store.save_plan("me", bad)
    assert store.plans("me") == []


def _nested(depth: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for _ in range(depth):
        document = {"x": document}
    return document


def test_a_plan_keeps_its_document_and_indexes_level_minutes_and_estimate(store: Store) -> None:
    answers_id = store.save_answers("me", {"age": 40}, now=T0)
    plan_id = store.save_plan("me", PLAN, answers_id, now=at(1))
    plan = store.get_plan(plan_id)
    assert plan is not None
    assert (plan.level, plan.minutes_requested, plan.estimated_seconds) == ("beginner", 15, 870)
    assert plan.document == PLAN and plan.answers_id == answers_id and plan.created_at == at(1)


def test_a_bare_routine_or_a_plan_without_routine_is_accepted(store: Store) -> None:
    bare = store.save_plan("me", PLAN["routine"])  # type: ignore[arg-type]
    refused = store.save_plan("me", {"screen": {"level": "emergency"}, "routine": None})
    bare_plan, refused_plan = store.get_plan(bare), store.get_plan(refused)
    assert bare_plan is not None and bare_plan.estimated_seconds == 870
    assert refused_plan is not None
    assert (refused_plan.level, refused_plan.minutes_requested) == (None, None)


def test_latest_plan_and_plans_in_order(store: Store) -> None:
    first = store.save_plan("me", PLAN, now=at(0))
    second = store.save_plan("me", {"routine": None}, now=at(10))
    latest = store.latest_plan("me")
    assert latest is not None and latest.id == second
    assert [p.id for p in store.plans("me")] == [first, second]
    assert store.get_plan(second + 100) is None


def test_answers_and_their_plan_are_kept_together_or_not_at_all(store: Store) -> None:
    answers_id, plan_id = store.save_answers_and_plan("me", {"age": 40}, PLAN, now=at(2))
    plan = store.get_plan(plan_id)
    assert plan is not None and plan.answers_id == answers_id and plan.document == PLAN
    answers = store.get_answers(answers_id)
    assert answers is not None and answers.document == {"age": 40}
    with pytest.raises(ValueError, match="not plain JSON"):
        store.save_answers_and_plan("me", {"age": 41}, {"bad": math.nan})
    assert [a.id for a in store.saved_answers("me")] == [answers_id]  # nothing half-saved


def test_a_plan_cannot_point_at_someone_elses_answers(store: Store) -> None:
    theirs = store.save_answers("partner", {"age": 30})
    with pytest.raises(NotFoundError):
        store.save_plan("me", PLAN, theirs)


# Sessions and steps ------------------------------------------------------------------


def test_a_session_records_pain_steps_ratings_and_its_end(store: Store) -> None:
    session_id = session_with_plan(store, pain=6)
    step(store, session_id, 0, kind="ready", exercise=None, side=None, planned_seconds=5)
    step(store, session_id, 1)
    step(store, session_id, 2, side="right", outcome="stopped_for_pain", actual_seconds=12.5)
    store.rate_exercise(session_id, "supine-figure-four", "painful")
    store.finish_session(session_id, pain_after=3, note="felt looser", now=at(20))

    session = store.get_session(session_id)
    assert session is not None
    assert (session.status, session.pain_before, session.pain_after) == ("completed", 6, 3)
    assert session.started_at == at(1) and session.ended_at == at(20)
    assert session.note == "felt looser"
    events = store.step_events(session_id)
    assert [(e.index, e.kind, e.side, e.outcome) for e in events] == [
        (0, "ready", None, "done"),
        (1, "hold", "left", "done"),
        (2, "hold", "right", "stopped_for_pain"),
    ]
    assert events[2].actual_seconds == 12.5 and events[0].planned_seconds == 5.0
    assert [(r.exercise, r.rating) for r in store.ratings(session_id)] == [
        ("supine-figure-four", "painful")
    ]


def test_a_step_sent_again_is_the_stored_event_and_different_values_conflict(
    store: Store,
) -> None:
    session_id = session_with_plan(store)
    first = step(store, session_id, 0)
    # A retry arrives later with the same values: the stored event, not a new row.
    assert step(store, session_id, 0, now=at(9)) == first
    assert store.record_step_once(session_id, **_step_values(0)) == (first, False)
    with pytest.raises(
        StepConflictError, match=r"step 0 of session \d+ is already recorded with another outcome"
    ):
        step(store, session_id, 0, outcome="skipped")
    assert [(e.index, e.outcome, e.at) for e in store.step_events(session_id)] == [
        (0, "done", at(2))
    ]


def test_the_database_itself_keeps_one_event_per_step(store: Store) -> None:
    session_id = session_with_plan(store)
    step(store, session_id, 0)
    insert = text(
        'INSERT INTO step_events (session_id, "index", kind, planned_seconds, '
        "actual_seconds, outcome, at) VALUES (:s, 0, 'hold', 1, 1, 'done', :now)"
    )
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(insert, {"s": session_id, "now": T0})


def test_a_committed_step_is_visible_to_another_connection_at_once(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    session_id = session_with_plan(store)
    step(store, session_id, 0)
    with open_store(Settings(home=tmp_path, database_url=database_url)) as other:
        assert [e.index for e in other.step_events(session_id)] == [0]


def test_a_quit_session_keeps_its_steps_and_refuses_more(store: Store) -> None:
    session_id = session_with_plan(store)
    step(store, session_id, 0)
    store.finish_session(session_id, status="quit", now=at(5))
    session = store.get_session(session_id)
    assert session is not None and session.status == "quit" and session.pain_after is None
    assert len(store.step_events(session_id)) == 1
    with pytest.raises(StoreError, match="already quit"):
        step(store, session_id, 1)
    with pytest.raises(StoreError, match="already quit"):
        store.finish_session(session_id)


def test_an_interrupted_session_stays_in_progress(store: Store) -> None:
    session_id = session_with_plan(store)
    step(store, session_id, 0)
    session = store.get_session(session_id)
    assert session is not None and session.status == "in_progress" and session.ended_at is None


def test_a_session_needs_a_plan_of_the_same_profile(store: Store) -> None:
    plan_id = store.save_plan("partner", PLAN)
    with pytest.raises(NotFoundError):
        store.start_session("me", plan_id, 3)
    with pytest.raises(NotFoundError):
        store.start_session("me", plan_id + 50, 3)


@pytest.mark.parametrize("pain", [-1, 11, True, 2.5])
def test_pain_ratings_are_whole_numbers_from_0_to_10(store: Store, pain: Any) -> None:
    plan_id = store.save_plan("me", PLAN)
    with pytest.raises(ValueError, match="pain_before"):
        store.start_session("me", plan_id, pain)
    session_id = store.start_session("me", plan_id, 0)
    with pytest.raises(ValueError, match="pain_after"):
        store.finish_session(session_id, pain_after=pain)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "cooldown"), ("outcome", "failed"), ("planned_seconds", -1)],
)
def test_steps_with_unknown_kinds_or_outcomes_are_refused(
    store: Store, field: str, value: Any
) -> None:
    session_id = session_with_plan(store)
    with pytest.raises(ValueError):
        step(store, session_id, 0, **{field: value})
    assert store.step_events(session_id) == []


def test_steps_need_an_existing_session(store: Store) -> None:
    with pytest.raises(NotFoundError):
        step(store, 12345, 0)


def test_rating_an_exercise_again_replaces_the_earlier_rating(store: Store) -> None:
    session_id = session_with_plan(store)
    store.rate_exercise(session_id, "bird-dog", "easy")
    store.rate_exercise(session_id, "bird-dog", "hard")
    store.rate_exercise(session_id, "clamshell", "right")
    assert {(r.exercise, r.rating) for r in store.ratings(session_id)} == {
        ("bird-dog", "hard"),
        ("clamshell", "right"),
    }
    with pytest.raises(ValueError, match="rating"):
        store.rate_exercise(session_id, "bird-dog", "awful")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        store.rate_exercise(session_id + 99, "bird-dog", "easy")


def test_sessions_are_listed_oldest_first(store: Store) -> None:
    plan_id = store.save_plan("me", PLAN, now=T0)
    late = store.start_session("me", plan_id, 2, now=at(600))
    early = store.start_session("me", plan_id, 5, now=at(60))
    assert [s.id for s in store.sessions("me")] == [early, late]


# Check-ins -------------------------------------------------------------------------


def test_a_checkin_scores_the_mean_of_its_three_items(store: Store) -> None:
    store.save_checkin("me", week_of=date(2026, 3, 9), pain=4, enjoyment=5, activity=7, now=at(9))
    store.save_checkin("me", week_of=date(2026, 3, 2), pain=6, enjoyment=6, activity=7, now=at(1))
    checkins = store.checkins("me")
    assert [c.week_of for c in checkins] == [date(2026, 3, 2), date(2026, 3, 9)]
    assert checkins[0].score == pytest.approx(19 / 3)
    assert checkins[1].score == pytest.approx(16 / 3)
    assert checkins[1].to_dict()["score"] == 5.33
    assert checkins[1].created_at == at(9)


@pytest.mark.parametrize("item", ["pain", "enjoyment", "activity"])
def test_checkin_items_are_0_to_10(store: Store, item: str) -> None:
    values = {"pain": 3, "enjoyment": 3, "activity": 3, item: 11}
    with pytest.raises(ValueError, match=item):
        store.save_checkin("me", week_of=date(2026, 3, 2), **values)
    assert store.checkins("me") == []


def test_the_database_itself_refuses_out_of_range_values(store: Store) -> None:
    """Check constraints guard the data even against writers that bypass the API."""
    store.get_or_create_profile("me")
    insert = text(
        "INSERT INTO check_ins (profile_id, created_at, week_of, pain, enjoyment, activity) "
        "VALUES (1, :now, :week, 12, 0, 0)"
    )
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(insert, {"now": T0, "week": date(2026, 3, 2)})


def test_the_database_refuses_records_without_a_profile(store: Store) -> None:
    insert = text(
        "INSERT INTO saved_answers (profile_id, created_at, document) VALUES (77, :now, '{}')"
    )
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(insert, {"now": T0})


# Time --------------------------------------------------------------------------------


def test_times_come_back_in_utc_with_microseconds(store: Store) -> None:
    tokyo = timezone(timedelta(hours=9))
    answers_id = store.save_answers("me", {}, now=datetime(2026, 3, 2, 17, 30, 1, 7, tzinfo=tokyo))
    saved = store.get_answers(answers_id)
    assert saved is not None
    assert saved.created_at == datetime(2026, 3, 2, 8, 30, 1, 7, tzinfo=UTC)
    assert saved.created_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused_rather_than_guessed(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.save_answers("me", {}, now=datetime(2026, 3, 2, 8, 0))
    assert store.saved_answers("me") == []


def test_default_times_are_the_current_utc_time(store: Store) -> None:
    before = datetime.now(UTC)
    answers_id = store.save_answers("me", {})
    after = datetime.now(UTC)
    saved = store.get_answers(answers_id)
    assert saved is not None and before <= saved.created_at <= after


# Any character a database and a UTF-8 file can hold: no lone surrogate, no NUL.
CLEAN = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(CLEAN),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(CLEAN, max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=st.dictionaries(st.text(CLEAN, max_size=8), json_values))
def test_any_json_document_round_trips_unchanged(store: Store, document: dict[str, Any]) -> None:
    answers_id = store.save_answers("me", document)
    saved = store.get_answers(answers_id)
    assert saved is not None and saved.document == document


# Backend details ---------------------------------------------------------------------


def test_models_and_migrations_describe_the_same_schema(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from supple.store.models import Base

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_file_and_folder_are_created_on_first_use(tmp_path: Path) -> None:
    home = tmp_path / "not" / "yet"
    with open_store(Settings(home=home, database_url=None)) as store:
        store.get_or_create_profile("me")
        with store.engine.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "synchronous")
            }
    assert (home / "supple.db").is_file()
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2}


def test_opening_again_keeps_everything(tmp_path: Path, database_url: str) -> None:
    configured = Settings(home=tmp_path, database_url=database_url)
    with open_store(configured) as store:
        session_id = session_with_plan(store)
        step(store, session_id, 0)
    with open_store(configured) as store:
        assert len(store.step_events(session_id)) == 1
