"""Every migration, up and down, keeps every row of every table that survives it.

Tables, columns and revisions are read from the database and the script directory,
so a new revision is walked without touching this file. Rows are made from what
the schema says (foreign keys point at the newest parent row, check constraints
give the allowed value), and a table's rows are compared column by column before
and after each move, so a cascade delete or a foreign key set to NULL by a table
rebuild shows up as a difference. A throwaway revision that only retypes
``sessions.note`` with ``batch_alter_table`` proves the rebuild case even while no
packaged revision rebuilds a parent table on the way up.
"""

from __future__ import annotations

import itertools
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from supple.store import StoreError
from supple.store.db import MIGRATIONS, alembic_config, create_store_engine, current_revision

Snapshot = dict[str, tuple[list[str], list[tuple[str, ...]]]]

RETYPE_NOTE = '''"""Test only: retype sessions.note, so SQLite rebuilds the sessions table."""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.alter_column("note", type_=sa.String(2000), existing_type=sa.Text())


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.alter_column("note", type_=sa.Text(), existing_type=sa.String(2000))
'''

ORPHAN_STEPS = '''"""Test only: a broken migration leaving step events without their session."""

from alembic import op

revision = "9002"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM sessions")


def downgrade() -> None:
    pass
'''


def _config(engine: Engine, extra: Path | None) -> Config:
    """The packaged migrations, plus a folder of test-only revisions when given."""
    config = alembic_config(engine)
    if extra is not None:
        config.set_main_option("path_separator", "os")
        config.set_main_option(
            "version_locations", os.pathsep.join([str(MIGRATIONS / "versions"), str(extra)])
        )
    return config


def _extra_revision(tmp_path: Path, engine: Engine, source: str) -> Path:
    folder = tmp_path / "extra_versions"
    folder.mkdir()
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    (folder / "test_only_revision.py").write_text(source.format(head=head))
    return folder


def _chain(config: Config) -> list[str]:
    """Every revision, oldest first (the chain is linear: a test checks the single head)."""
    return [script.revision for script in ScriptDirectory.from_config(config).walk_revisions()][
        ::-1
    ]


def _tables(engine: Engine) -> sa.MetaData:
    metadata = sa.MetaData()
    metadata.reflect(engine)
    if "alembic_version" in metadata.tables:
        metadata.remove(metadata.tables["alembic_version"])
    return metadata


def _snapshot(engine: Engine) -> Snapshot:
    shot: Snapshot = {}
    with engine.connect() as connection:
        for table in _tables(engine).sorted_tables:
            columns = [column.name for column in table.columns]
            rows = connection.execute(sa.select(table)).all()
            shot[table.name] = (columns, sorted(tuple(str(value) for value in row) for row in rows))
    return shot


def _project(
    columns: list[str], rows: list[tuple[str, ...]], keep: list[str]
) -> list[tuple[str, ...]]:
    where = [columns.index(name) for name in keep]
    return sorted(tuple(row[i] for i in where) for row in rows)


def _assert_kept(before: Snapshot, after: Snapshot, move: str) -> None:
    """Every table on both sides holds the same rows in the columns both sides have."""
    for name in before.keys() & after.keys():
        (old_columns, old_rows), (new_columns, new_rows) = before[name], after[name]
        keep = [column for column in old_columns if column in new_columns]
        assert len(new_rows) == len(old_rows), (
            f"{move}: {name} went {len(old_rows)} -> {len(new_rows)}"
        )
        assert _project(new_columns, new_rows, keep) == _project(old_columns, old_rows, keep), (
            f"{move}: rows of {name} changed"
        )


# Tables whose rows only the database's triggers write (migration 0014 keeps one
# history version per profile with sessions): the row maker's sessions fill them.
KEPT_BY_TRIGGERS = {"history_versions"}


class RowMaker:
    """Inserts one row into every table, parents first, each pointing at the newest parent
    (tables kept by triggers get theirs from the rows of the others)."""

    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.newest: dict[str, Any] = {}

    def fill(self, engine: Engine) -> None:
        inspector = sa.inspect(engine)
        with engine.begin() as connection:
            for table in _tables(engine).sorted_tables:
                if table.name in KEPT_BY_TRIGGERS:
                    continue
                checks = [c["sqltext"] for c in inspector.get_check_constraints(table.name)]
                row = {
                    column.name: self._value(table, column, checks)
                    for column in table.columns
                    if not (column.primary_key and isinstance(column.type, sa.Integer))
                }
                result = connection.execute(sa.insert(table).values(row))
                self.newest[table.name] = result.inserted_primary_key[0]

    def _value(self, table: sa.Table, column: sa.Column[Any], checks: list[str]) -> Any:
        for key in column.foreign_keys:
            return self.newest[key.column.table.name]
        n = next(self.counter)
        ruled = [text for text in checks if re.search(rf"\b{re.escape(column.name)}\b", text)]
        literals = [found for text in ruled for found in re.findall(r"'([^']*)'", text)]
        numbers = [int(found) for text in ruled for found in re.findall(r"(?<![\w.])(\d+)\b", text)]
        kind = column.type
        if isinstance(kind, sa.JSON):
            return {"row": n}
        if isinstance(kind, sa.DateTime):
            return datetime(2025, 12, 1, 7, n % 60, 30, tzinfo=UTC)
        if isinstance(kind, sa.Date):
            return date(2025, 12, 1)
        if isinstance(kind, sa.Boolean):
            return True
        if isinstance(kind, sa.Integer):
            return numbers[0] if numbers else n
        if isinstance(kind, sa.Float | sa.Numeric):
            return n + 0.25
        if isinstance(kind, sa.String):
            if literals:
                return literals[0]
            return f"{table.name[:8]}-{n}"[: kind.length or None]
        raise AssertionError(f"the row maker does not know {table.name}.{column.name}: {kind!r}")


def _walk(engine: Engine, config: Config) -> None:
    """base -> each revision in turn -> head, then head -> each older revision -> head."""
    chain = _chain(config)
    rows = RowMaker()
    done: list[str] = []

    def move(target: str, step: Any) -> None:
        before = _snapshot(engine)
        step(config, target)
        assert current_revision(engine) == target
        after = _snapshot(engine)
        _assert_kept(before, after, f"{current} -> {target}")
        rows.fill(engine)
        assert all(rows_ for _, rows_ in _snapshot(engine).values()), "every table has rows"
        done.append(target)

    current = "base"
    for revision in chain:
        move(revision, command.upgrade)
        current = revision
    head = chain[-1]
    for revision in reversed(chain[:-1]):
        move(revision, command.downgrade)
        current = revision
        move(head, command.upgrade)
        current = head
    assert done[: len(chain)] == chain


def test_every_revision_up_and_down_keeps_every_row(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        _walk(engine, _config(engine, None))
    finally:
        engine.dispose()


def test_a_revision_that_rebuilds_the_sessions_table_keeps_its_children(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_store_engine(database_url)
    try:
        _walk(engine, _config(engine, _extra_revision(tmp_path, engine, RETYPE_NOTE)))
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_migration_that_breaks_a_foreign_key_is_rolled_back(
    database_url: str, tmp_path: Path
) -> None:
    """With foreign keys off during migrations, the check afterwards is what catches orphans."""
    engine = create_store_engine(database_url)
    try:
        config = _config(engine, _extra_revision(tmp_path, engine, ORPHAN_STEPS))
        chain = _chain(config)
        command.upgrade(config, chain[-2])
        RowMaker().fill(engine)
        before = _snapshot(engine)
        with pytest.raises(StoreError, match="foreign key"):
            command.upgrade(config, chain[-1])
        assert current_revision(engine) == chain[-2]
        assert _snapshot(engine) == before
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_connections_used_after_a_migration_enforce_foreign_keys_again(database_url: str) -> None:
    from supple.store.db import migrate

    engine = create_store_engine(database_url)
    try:
        migrate(engine)
        for _ in range(3):  # the pool hands back the connection the migration used
            with engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        engine.dispose()
