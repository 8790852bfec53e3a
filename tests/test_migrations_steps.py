"""Revision 0003: one step event per session and index, duplicates merged on upgrade."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Engine, inspect, text

from supple.store.db import alembic_config, create_store_engine, current_revision, migrate

T = datetime(2025, 12, 1, 7, 0, tzinfo=UTC)
# (index, outcome, actual seconds) in the order an older Supple wrote them: a retried
# step 0 whose retry was a pain stop, step 1 sent three times, step 2 once.
WRITTEN = [
    (0, "done", 30.0),
    (1, "done", 29.5),
    (0, "stopped_for_pain", 12.0),
    (1, "done", 29.5),
    (1, "done", 29.5),
    (2, "skipped", 0.0),
]


def _fill_second_revision(engine: Engine) -> None:
    stamp = T.replace(tzinfo=None).isoformat(sep=" ") if engine.dialect.name == "sqlite" else T
    document = "CAST('{}' AS JSON)" if engine.dialect.name == "postgresql" else "'{}'"
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO profiles (name, created_at) VALUES ('me', :t)"), {"t": stamp}
        )
        connection.execute(
            text(
                f"INSERT INTO plans (profile_id, created_at, document) VALUES (1, :t, {document})"
            ),
            {"t": stamp},
        )
        for _ in range(2):
            connection.execute(
                text(
                    "INSERT INTO sessions (profile_id, plan_id, started_at, status, pain_before) "
                    "VALUES (1, 1, :t, 'in_progress', 3)"
                ),
                {"t": stamp},
            )
        for session in (1, 2):
            for index, outcome, seconds in WRITTEN if session == 1 else WRITTEN[:1]:
                connection.execute(
                    text(
                        'INSERT INTO step_events (session_id, "index", kind, planned_seconds, '
                        "actual_seconds, outcome, at) "
                        "VALUES (:s, :i, 'hold', 30, :a, :o, :t)"
                    ),
                    {"s": session, "i": index, "a": seconds, "o": outcome, "t": stamp},
                )
        connection.execute(
            text(
                "INSERT INTO exercise_ratings (session_id, exercise, rating) "
                "VALUES (1, 'x', 'easy')"
            )
        )


def _events(engine: Engine) -> list[tuple[int, int, int, str, float]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                'SELECT id, session_id, "index", outcome, actual_seconds FROM step_events '
                "ORDER BY id"
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_upgrading_keeps_the_earliest_event_of_each_step_and_every_pain_stop(
    database_url: str,
) -> None:
    engine = create_store_engine(database_url)
    try:
        migrate(engine, "0002")
        _fill_second_revision(engine)
        migrate(engine, "0003")
        assert _events(engine) == [
            (1, 1, 0, "stopped_for_pain", 30.0),
            (2, 1, 1, "done", 29.5),
            (6, 1, 2, "skipped", 0.0),
            (7, 2, 0, "done", 30.0),
        ]
        unique = inspect(engine).get_unique_constraints("step_events")
        assert [c["column_names"] for c in unique] == [["session_id", "index"]]
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM sessions")).scalar() == 2
            assert connection.execute(text("SELECT count(*) FROM exercise_ratings")).scalar() == 1

        command.downgrade(alembic_config(engine), "0002")
        assert current_revision(engine) == "0002"
        assert len(_events(engine)) == 4
        assert inspect(engine).get_unique_constraints("step_events") == []
        migrate(engine, "0003")
        assert len(_events(engine)) == 4
    finally:
        engine.dispose()
