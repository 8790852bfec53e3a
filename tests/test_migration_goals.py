"""Revision 0013: goal ratings and 4-week reviews, added beside every existing row.

A database at 0012 with a row in every table is upgraded, written to through the store,
taken down to 0012 again and back up: every older row survives each move (SQLite and
PostgreSQL), and going down loses only the new tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, inspect, text

from supple.settings import Settings
from supple.store import open_store
from supple.store.db import (
    HEAD,
    alembic_config,
    create_store_engine,
    current_revision,
    migrate,
)

T = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
OLDER_TABLES = [
    "profiles",
    "saved_answers",
    "plans",
    "sessions",
    "step_events",
    "exercise_ratings",
    "check_ins",
    "paired_devices",
    "screen_outcomes",
    "lesson_completions",
    "pain_stop_marks",
    "flare_ups",
    "walking_goals",
    "walks",
    "break_settings",
    "desk_checklists",
]
NEW_TABLES = ["psfs_ratings", "outcome_reviews"]


def _fill_0012(engine: Engine) -> None:
    stamp = T.replace(tzinfo=None).isoformat(sep=" ") if engine.dialect.name == "sqlite" else T
    as_json = "CAST(:doc AS JSON)" if engine.dialect.name == "postgresql" else ":doc"
    statements = [
        "INSERT INTO profiles (name, created_at) VALUES ('me', :t)",
        f"INSERT INTO saved_answers (profile_id, created_at, document) VALUES (1, :t, {as_json})",
        f"INSERT INTO plans (profile_id, answers_id, created_at, document) "
        f"VALUES (1, 1, :t, {as_json})",
        "INSERT INTO sessions (profile_id, plan_id, started_at, status, pain_before) "
        "VALUES (1, 1, :t, 'in_progress', 4)",
        'INSERT INTO step_events (session_id, "index", kind, planned_seconds, actual_seconds, '
        "outcome, at) VALUES (1, 0, 'hold', 30, 30, 'done', :t)",
        "INSERT INTO exercise_ratings (session_id, exercise, rating) VALUES (1, 'x', 'easy')",
        "INSERT INTO check_ins (profile_id, created_at, week_of, pain, enjoyment, activity) "
        "VALUES (1, :t, '2026-11-02', 5, 4, 3)",
        "INSERT INTO paired_devices (name, token_hash, created_at) VALUES ('phone', 'ab', :t)",
        f"INSERT INTO screen_outcomes (profile_id, created_at, level, reasons) "
        f"VALUES (1, :t, 'ok', {as_json})",
        f"INSERT INTO lesson_completions (profile_id, lesson_id, completed_at, answers) "
        f"VALUES (1, 'how-pain-works', :t, {as_json})",
        'INSERT INTO pain_stop_marks (session_id, "index", easing, events_before, at) '
        "VALUES (1, 1, NULL, 1, :t)",
        "INSERT INTO flare_ups (profile_id, day, recorded_at, note) "
        "VALUES (1, '2026-11-03', :t, 'x')",
        "INSERT INTO walking_goals (profile_id, set_at, started_on, start_minutes) "
        "VALUES (1, :t, '2026-11-02', 10)",
        "INSERT INTO walks (profile_id, day, minutes, recorded_at) "
        "VALUES (1, '2026-11-03', 12, :t)",
        f"INSERT INTO break_settings (profile_id, created_at, days, start_time, end_time, "
        f"interval_minutes, zone) VALUES (1, :t, {as_json}, '09:00', '17:00', 45, NULL)",
        f"INSERT INTO desk_checklists (profile_id, answered_at, answers) VALUES (1, :t, {as_json})",
    ]
    lists = (
        "INSERT INTO screen_outcomes",
        "INSERT INTO lesson_completions",
        "INSERT INTO break_settings",
    )
    with engine.begin() as connection:
        for sql in statements:
            document = "[]" if sql.startswith(lists) else "{}"
            connection.execute(text(sql), {"t": stamp, "doc": document})


def _rows(engine: Engine, tables: list[str]) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
        }


def test_0013_adds_goals_and_reviews_and_keeps_every_older_row_both_ways(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_store_engine(database_url)
    try:
        migrate(engine, "0012")
        _fill_0012(engine)
        before = _rows(engine, OLDER_TABLES)
        assert set(before.values()) == {1}
        migrate(engine, "0013")
        assert _rows(engine, OLDER_TABLES) == before
    finally:
        engine.dispose()

    with open_store(Settings(home=tmp_path, database_url=database_url)) as store:
        assert current_revision(store.engine) == HEAD
        store.save_psfs("me", [{"activity": "Tying my shoes", "score": 4}], now=T)
        store.save_review("me", -3, now=T)
        assert [r.score for r in store.psfs_ratings("me")] == [4.0]
        assert [r.groc for r in store.outcome_reviews("me")] == [-3]

    engine = create_store_engine(database_url)
    try:
        assert _rows(engine, NEW_TABLES) == {"psfs_ratings": 1, "outcome_reviews": 1}
        command.downgrade(alembic_config(engine), "0012")
        assert current_revision(engine) == "0012"
        assert _rows(engine, OLDER_TABLES) == before
        assert not set(NEW_TABLES) & set(inspect(engine).get_table_names())
        migrate(engine, "0013")
        assert _rows(engine, OLDER_TABLES) == before
        assert _rows(engine, NEW_TABLES) == {"psfs_ratings": 0, "outcome_reviews": 0}
    finally:
        engine.dispose()


def test_the_database_refuses_a_change_rating_outside_the_scale(
    database_url: str, tmp_path: Path
) -> None:
    """The check constraint holds even for a write that skipped the store's checks."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    with open_store(Settings(home=tmp_path, database_url=database_url)) as store:
        store.get_or_create_profile("me")
        with pytest.raises(IntegrityError), store.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO outcome_reviews (profile_id, reviewed_at, groc) VALUES (1, :t, 8)"
                ),
                {"t": T.replace(tzinfo=None) if store.engine.dialect.name == "sqlite" else T},
            )
