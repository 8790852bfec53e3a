"""The SQLite files hold health data: 0600 files in a 0700 folder, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supple.settings import Settings
from supple.store import open_store
from supple.store.sqlite_files import backup_path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """The common default, under which files are world-readable unless Supple says not."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _files(home: Path) -> list[Path]:
    return [home / name for name in ("supple.db", "supple.db-wal", "supple.db-shm")]


def test_a_new_home_is_private_and_so_are_the_files_sqlite_adds_later(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("me")
        store.save_answers_and_plan("me", {"age": 40}, {"routine": {}})
        assert all(path.exists() for path in _files(home)), "WAL files exist while open"
        assert {path.name: _mode(path) for path in _files(home)} == {
            path.name: 0o600 for path in _files(home)
        }
    assert _mode(home) == 0o700


def test_files_an_older_supple_left_readable_are_made_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("me")
    database = home / "supple.db"
    database.chmod(0o644)
    home.chmod(0o755)
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("partner")
        assert {path.name: _mode(path) for path in _files(home)} == {
            path.name: 0o600 for path in _files(home)
        }
    assert _mode(home) == 0o755, "a folder the user chose for SUPPLE_HOME is theirs"


def test_supples_own_data_folder_is_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "share" / "supple"
    home.mkdir(parents=True, mode=0o755)
    home.chmod(0o755)
    monkeypatch.setattr("supple.settings._default_home", lambda: home)
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("me")
    assert _mode(home) == 0o700
    assert _mode(home.parent) == 0o755, "only Supple's own folder"


def test_a_file_made_read_only_stays_read_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("me")
    database = home / "supple.db"
    database.chmod(0o444)
    with open_store(Settings(home=home)) as store:
        assert [p.name for p in store.profiles()] == ["me"]
    assert _mode(database) == 0o400


def test_the_web_app_makes_a_new_home_private_too(tmp_path: Path) -> None:
    """The app writes its signing key before any page opens the database."""
    from supple.web.app import create_app

    home = tmp_path / "web-home"
    create_app(Settings(home=home))
    assert _mode(home) == 0o700


def test_backup_names_carry_the_revision_and_time_and_never_replace_one(tmp_path: Path) -> None:
    database = tmp_path / "supple.db"
    moment = datetime(2026, 12, 1, 15, 30, 12, tzinfo=UTC)
    first = backup_path(database, "0002", moment)
    assert first.name == "supple.db.backup-0002-20261201T153012"
    first.write_bytes(b"")
    assert backup_path(database, "0002", moment).name == "supple.db.backup-0002-20261201T153012-2"
