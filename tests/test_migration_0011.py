"""Revision 0011 (flare-ups, walking goals, walks) on SQLite and PostgreSQL: upgrading a
database with a row in every table keeps them all, the new tables work through the
store, and going back down keeps every other table's rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from supple.settings import Settings
from supple.store import open_store
from supple.store.db import alembic_config, create_store_engine, current_revision, migrate
from supple.store.schema import RecordError
from test_migration_walk import RowMaker, _assert_kept, _snapshot

NEW_TABLES = {"flare_ups", "walking_goals", "walks"}
NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def test_0011_keeps_every_row_and_its_tables_work(database_url: str, tmp_path: Path) -> None:
    rows = RowMaker()
    engine = create_store_engine(database_url)
    try:
        migrate(engine, "0010")
        rows.fill(engine)
        before = _snapshot(engine)
        assert all(rows for _, rows in before.values()), "a row in every table"
        assert not NEW_TABLES & set(inspect(engine).get_table_names())
        migrate(engine, "0011")
        after = _snapshot(engine)
        _assert_kept(before, after, "0010 -> 0011")
        assert set(after) >= NEW_TABLES
    finally:
        engine.dispose()

    with open_store(Settings(home=tmp_path, database_url=database_url)) as store:
        profile = store.profiles()[0].name
        store.record_flare_up(profile, date(2026, 12, 1), "stiff after the drive", now=NOW)
        store.set_walking_goal(profile, date(2026, 12, 1), 10, now=NOW)
        store.log_walk(profile, date(2026, 12, 1), 12, now=NOW)
        with pytest.raises(RecordError, match="minutes"):
            store.log_walk(profile, date(2026, 12, 1), 0, now=NOW)
        assert [(f.day, f.note) for f in store.flare_ups(profile)] == [
            (date(2026, 12, 1), "stiff after the drive")
        ]
        goal = store.current_walking_goal(profile)
        assert goal is not None and goal.start_minutes == 10
        assert [w.minutes for w in store.walks(profile)] == [12]

    engine = create_store_engine(database_url)
    try:
        rows.fill(engine)
        before = _snapshot(engine)
        command.downgrade(alembic_config(engine), "0010")
        assert current_revision(engine) == "0010"
        after = _snapshot(engine)
        assert not NEW_TABLES & set(after)
        _assert_kept(before, after, "0011 -> 0010")
    finally:
        engine.dispose()
