"""A command that only reads never upgrades the database (issue 13, tester's finding):
on a schema an older Supple left it says so in one line, how to upgrade, exits 2 and
writes nothing; commands that save keep upgrading on their own, with the copy first."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from supple.cli import cli
from supple.store.db import HEAD, create_store_engine, current_revision, migrate

ANSWERS_FILE = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
OLDER = "0005"
runner = CliRunner()

READ_ONLY = [
    ["progress"],
    ["progress", "--json"],
    ["history"],
    ["history", "--json"],
    ["plan", "--answers", str(ANSWERS_FILE), "--no-save"],
    ["plan", "--answers", str(ANSWERS_FILE), "--no-save", "--json"],
    ["timeline", "--plan", "latest"],
    ["handout", "--plan", "latest", "-o", "HOME/sheet.html"],
    ["calendar", "--plan", "latest", "-o", "HOME/supple.ics"],
    ["export"],
    ["goals"],
    ["goals", "--json"],
    ["review"],
    ["review", "--json"],
]


def database(home: Path) -> Path:
    return home / "supple.db"


def older_database(home: Path) -> Path:
    """A database an older Supple made: the schema one revision back, one profile."""
    engine = create_store_engine(f"sqlite:///{database(home)}")
    try:
        migrate(engine, OLDER)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO profiles (name, created_at) VALUES ('me', '2026-01-05 09:00:00')"
            )
    finally:
        engine.dispose()
    return database(home)


def revision(path: Path) -> str | None:
    engine = create_store_engine(f"sqlite:///{path}")
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_read_only_command_refuses_an_older_schema_and_writes_nothing(
    command: list[str], _isolated_home: Path
) -> None:
    path = older_database(_isolated_home)
    before = digest(path)
    args = [arg.replace("HOME", str(_isolated_home)) for arg in command]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "older Supple" in lines[0] and "supple upgrade" in lines[0]
    assert "Traceback" not in result.output
    assert revision(path) == OLDER
    assert digest(path) == before
    assert not list(_isolated_home.glob("*.backup-*")), "no copy: nothing was upgraded"
    assert not (_isolated_home / "sheet.html").exists()
    assert not (_isolated_home / "supple.ics").exists()


def test_a_command_that_saves_upgrades_after_keeping_a_copy(_isolated_home: Path) -> None:
    path = older_database(_isolated_home)
    result = runner.invoke(cli, ["plan", "--answers", str(ANSWERS_FILE)])
    assert result.exit_code == 0, result.output
    assert revision(path) == HEAD
    assert len(list(_isolated_home.glob("supple.db.backup-*"))) == 1


def test_supple_upgrade_brings_the_records_up_to_date(_isolated_home: Path) -> None:
    path = older_database(_isolated_home)
    result = runner.invoke(cli, ["upgrade"])
    assert result.exit_code == 0, result.output
    assert revision(path) == HEAD
    assert len(list(_isolated_home.glob("supple.db.backup-*"))) == 1
    assert runner.invoke(cli, ["progress", "--json"]).exit_code == 0
    again = runner.invoke(cli, ["upgrade"])
    assert again.exit_code == 0 and "already up to date" in again.stdout
    assert len(list(_isolated_home.glob("supple.db.backup-*"))) == 1


def test_a_read_only_command_on_a_new_home_still_works(_isolated_home: Path) -> None:
    result = runner.invoke(cli, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    assert revision(database(_isolated_home)) == HEAD
