"""Upgrading a database made by an older Supple keeps every record (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from supple.settings import Settings
from supple.store import StoreError, open_store
from supple.store.db import HEAD, alembic_config, create_store_engine, current_revision, migrate

FIRST = "0001"
T = [datetime(2025, 12, 1, 7, minute, 30, 250000, tzinfo=UTC) for minute in range(10)]
ANSWERS = {"preferences": {"level": "beginner", "minutes": 15}, "age": 52}
PLAN = {"routine": {"level": "beginner", "minutes_requested": 15, "estimated_seconds": 880}}


def _stamp(engine: Engine, moment: datetime) -> str:
    if engine.dialect.name == "sqlite":
        return moment.replace(tzinfo=None).isoformat(sep=" ")
    return moment.isoformat()


def _fill_first_revision(engine: Engine) -> None:
    """Rows for every table of revision 0001, written the way that version wrote them."""
    json_param = "CAST(:doc AS JSON)" if engine.dialect.name == "postgresql" else ":doc"
    s = [_stamp(engine, moment) for moment in T]
    statements: list[tuple[str, dict[str, object]]] = [
        ("INSERT INTO profiles (name, created_at) VALUES ('me', :t)", {"t": s[0]}),
        ("INSERT INTO profiles (name, created_at) VALUES ('partner', :t)", {"t": s[1]}),
        (
            f"INSERT INTO saved_answers (profile_id, created_at, document) "
            f"VALUES (1, :t, {json_param})",
            {"t": s[2], "doc": json.dumps(ANSWERS)},
        ),
        (
            "INSERT INTO plans (profile_id, answers_id, created_at, level, minutes_requested, "
            f"estimated_seconds, document) VALUES (1, 1, :t, 'beginner', 15, 880, {json_param})",
            {"t": s[3], "doc": json.dumps(PLAN)},
        ),
        (
            "INSERT INTO sessions (profile_id, plan_id, started_at, ended_at, status, "
            "pain_before, pain_after) VALUES (1, 1, :t, :end, 'completed', 6, 4)",
            {"t": s[4], "end": s[7]},
        ),
        (
            "INSERT INTO sessions (profile_id, plan_id, started_at, status, pain_before) "
            "VALUES (1, 1, :t, 'in_progress', 5)",
            {"t": s[8]},
        ),
        (
            'INSERT INTO step_events (session_id, "index", kind, exercise, side, '
            "planned_seconds, actual_seconds, outcome, at) "
            "VALUES (1, 0, 'hold', 'supine-figure-four', 'left', 30, 30.5, 'done', :t)",
            {"t": s[5]},
        ),
        (
            'INSERT INTO step_events (session_id, "index", kind, exercise, side, '
            "planned_seconds, actual_seconds, outcome, at) "
            "VALUES (1, 1, 'switch', NULL, NULL, 5, 4.75, 'stopped_for_pain', :t)",
            {"t": s[6]},
        ),
        (
            "INSERT INTO exercise_ratings (session_id, exercise, rating) "
            "VALUES (1, 'supine-figure-four', 'hard')",
            {},
        ),
    ]
    with engine.begin() as connection:
        for sql, params in statements:
            connection.execute(text(sql), params)


@pytest.fixture
def old_database(database_url: str) -> str:
    engine = create_store_engine(database_url)
    try:
        migrate(engine, FIRST)
        assert current_revision(engine) == FIRST
        assert "check_ins" not in inspect(engine).get_table_names()
        _fill_first_revision(engine)
    finally:
        engine.dispose()
    return database_url


def test_the_known_head_is_the_single_newest_packaged_revision(database_url: str) -> None:
    from alembic.script import ScriptDirectory

    engine = create_store_engine(database_url)
    try:
        script = ScriptDirectory.from_config(alembic_config(engine))
        assert script.get_heads() == [HEAD]
        assert HEAD != FIRST, "the upgrade test needs at least two revisions"
    finally:
        engine.dispose()


def test_upgrading_from_the_first_revision_keeps_every_record(
    old_database: str, tmp_path: Path
) -> None:
    with open_store(Settings(home=tmp_path, database_url=old_database)) as store:
        assert current_revision(store.engine) == HEAD
        assert [(p.name, p.created_at) for p in store.profiles()] == [
            ("me", T[0]),
            ("partner", T[1]),
        ]
        answers = store.latest_answers("me")
        assert answers is not None
        assert (answers.id, answers.created_at, answers.document) == (1, T[2], ANSWERS)
        plan = store.latest_plan("me")
        assert plan is not None
        assert (plan.id, plan.answers_id, plan.created_at, plan.document) == (1, 1, T[3], PLAN)
        assert (plan.level, plan.minutes_requested, plan.estimated_seconds) == ("beginner", 15, 880)

        done, interrupted = store.sessions("me")
        assert (done.started_at, done.ended_at, done.status) == (T[4], T[7], "completed")
        assert (done.pain_before, done.pain_after, done.note) == (6, 4, None)
        assert (interrupted.status, interrupted.ended_at, interrupted.pain_after) == (
            "in_progress",
            None,
            None,
        )
        steps = store.step_events(done.id)
        assert [(e.index, e.kind, e.exercise, e.side) for e in steps] == [
            (0, "hold", "supine-figure-four", "left"),
            (1, "switch", None, None),
        ]
        assert [(e.planned_seconds, e.actual_seconds, e.outcome, e.at) for e in steps] == [
            (30.0, 30.5, "done", T[5]),
            (5.0, 4.75, "stopped_for_pain", T[6]),
        ]
        assert [(r.exercise, r.rating) for r in store.ratings(done.id)] == [
            ("supine-figure-four", "hard")
        ]


def test_what_the_new_revision_adds_works_on_an_upgraded_database(
    old_database: str, tmp_path: Path
) -> None:
    with open_store(Settings(home=tmp_path, database_url=old_database)) as store:
        store.save_checkin("me", week_of=date(2025, 12, 1), pain=5, enjoyment=4, activity=6)
        store.finish_session(2, status="quit", note="phone rang")
        assert [c.score for c in store.checkins("me")] == [5.0]
        session = store.get_session(2)
        assert session is not None and session.note == "phone rang"
        indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("sessions")}
        assert "ix_sessions_profile_id_started_at" in indexes


def test_opening_an_up_to_date_database_changes_nothing(database_url: str, tmp_path: Path) -> None:
    configured = Settings(home=tmp_path, database_url=database_url)
    with open_store(configured) as store:
        store.get_or_create_profile("me")
        head = current_revision(store.engine)
    with open_store(configured) as store:
        assert current_revision(store.engine) == head
        assert [p.name for p in store.profiles()] == ["me"]


def test_a_database_from_a_newer_supple_is_refused_plainly(
    database_url: str, tmp_path: Path
) -> None:
    configured = Settings(home=tmp_path, database_url=database_url)
    with open_store(configured) as store, store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer Supple"):
        open_store(configured)


def test_several_processes_opening_a_new_database_at_once_all_succeed(
    database_url: str, tmp_path: Path
) -> None:
    """The web app and a command started together on a new installation must not clash."""
    import subprocess
    import sys

    opener = (
        "import sys; from pathlib import Path; from supple.settings import Settings; "
        "from supple.store import open_store; "
        "store = open_store(Settings(home=Path.cwd(), database_url=sys.argv[1])); "
        "store.get_or_create_profile('me'); store.close()"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", opener, database_url],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], errors
    with open_store(Settings(home=tmp_path, database_url=database_url)) as store:
        assert current_revision(store.engine) == HEAD
        assert [p.name for p in store.profiles()] == ["me"]


def _counts(engine: Engine, tables: list[str]) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar_one()
            for table in tables
        }


def test_downgrading_to_the_first_revision_and_back_keeps_every_child_row(
    old_database: str,
) -> None:
    """0002's downgrade rebuilds sessions; with foreign keys on that deleted their steps."""
    from alembic import command

    tables = ["profiles", "saved_answers", "plans", "sessions", "step_events", "exercise_ratings"]
    engine = create_store_engine(old_database)
    try:
        before = _counts(engine, tables)
        migrate(engine)
        command.downgrade(alembic_config(engine), FIRST)
        assert current_revision(engine) == FIRST
        assert _counts(engine, tables) == before
        migrate(engine)
        assert current_revision(engine) == HEAD
        assert _counts(engine, tables) == before
        with engine.connect() as connection:
            plan_answers = connection.execute(text("SELECT answers_id FROM plans")).scalar_one()
        assert plan_answers == 1, "a rebuild must not set plans.answers_id to NULL either"
    finally:
        engine.dispose()


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_upgrading_a_sqlite_file_first_writes_a_private_copy_of_it(
    old_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3
    import stat

    database = _sqlite_path(old_database)
    with open_store(Settings(home=tmp_path, database_url=old_database)) as store:
        store.get_or_create_profile("after-upgrade")
    copies = sorted(database.parent.glob("supple.db.backup-*"))
    assert [copy.name[: len("supple.db.backup-0001-")] for copy in copies] == [
        "supple.db.backup-0001-"
    ]
    (copy,) = copies
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001",)
        ]
        names = connection.execute("SELECT name FROM profiles ORDER BY id").fetchall()
        assert names == [("me",), ("partner",)]
        assert connection.execute("SELECT COUNT(*) FROM step_events").fetchone() == (2,)
    finally:
        connection.close()
    message = capsys.readouterr().err
    assert message.count(str(copy)) == 1 and "revision 0001" in message

    with open_store(Settings(home=tmp_path, database_url=old_database)):
        pass
    assert sorted(database.parent.glob("supple.db.backup-*")) == copies, "no copy when current"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_new_database_needs_no_copy(database_url: str, tmp_path: Path) -> None:
    with open_store(Settings(home=tmp_path, database_url=database_url)) as store:
        store.get_or_create_profile("me")
    assert list(_sqlite_path(database_url).parent.glob("*.backup-*")) == []


@pytest.mark.parametrize("backend", ["sqlite"])
def test_no_upgrade_without_the_copy(
    old_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy that cannot be written (here: its name is taken by a folder) stops the upgrade."""
    database = _sqlite_path(old_database)
    taken = database.with_name("supple.db.backup-taken")
    taken.mkdir()
    monkeypatch.setattr("supple.store.sqlite_files.backup_path", lambda *_: taken)
    with pytest.raises(StoreError, match="cannot write a copy"):
        open_store(Settings(home=tmp_path, database_url=old_database))
    engine = create_store_engine(old_database)
    try:
        assert current_revision(engine) == FIRST
    finally:
        engine.dispose()
