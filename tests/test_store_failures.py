"""A database Supple cannot use is one line saying what is wrong and how to fix it, exit 2.

Damaged or truncated files, an unreachable PostgreSQL, a mistyped
SUPPLE_DATABASE_URL, a SUPPLE_HOME that is a file, a read-only file or folder:
the same for the commands that read (history, export), the ones that plan (plan,
which reads the history) and the one that writes (checkin), for ``supple serve``
before it starts, and for the web app's pages and API.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from conftest import require
from ports import free_port
from supple.cli import cli
from supple.settings import Settings, get_settings
from supple.store import open_store

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
COMMANDS = {
    "history": ["history"],
    "export": ["export"],
    "plan": ["plan", "--answers", str(ANSWERS)],
    "checkin": ["checkin", "--pain", "4", "--enjoyment", "3", "--activity", "5"],
    "goals": ["goals", "Walking=3"],
    "review": ["review"],
}


def _run(monkeypatch: pytest.MonkeyPatch, args: list[str], **env: str) -> Result:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return CliRunner().invoke(cli, args)


def _one_line(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _garbage(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    database = home / "supple.db"
    database.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    return database


def _truncated(home: Path) -> Path:
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("me")
        store.save_checkin("me", week_of=date(2025, 12, 1), pain=4, enjoyment=3, activity=5)
    database = home / "supple.db"
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 3])
    return database


@pytest.mark.parametrize("damage", [_garbage, _truncated], ids=["garbage", "truncated"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_damaged_database_file_is_named_with_the_way_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, damage: Callable[[Path], Path]
) -> None:
    home = tmp_path / "home"
    database = damage(home)
    before = database.read_bytes()
    line = _one_line(
        _run(monkeypatch, COMMANDS[command], SUPPLE_HOME=str(home)), str(database), "damaged"
    )
    assert "supple import" in line
    assert database.read_bytes() == before, "nothing is written to a damaged file"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unreachable_postgresql_server_is_named_without_its_password(
    monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    port = free_port()
    url = f"postgresql+psycopg://supple:hunter2@127.0.0.1:{port}/supple?connect_timeout=2"
    line = _one_line(
        _run(monkeypatch, COMMANDS[command], SUPPLE_DATABASE_URL=url),
        f"127.0.0.1:{port}",
        "is running",
        "SUPPLE_DATABASE_URL",
    )
    assert "hunter2" not in line


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("not a url at all", "is not a database URL"),
        ("mysql2://someone@somewhere/db", "'mysql2'"),
        ("postgresql+nosuchdriver://someone@somewhere/db", "'postgresql+nosuchdriver'"),
    ],
)
@pytest.mark.parametrize("command", ["history", "export", "plan"])
def test_a_bad_database_url_says_what_a_good_one_looks_like(
    monkeypatch: pytest.MonkeyPatch, url: str, needle: str, command: str
) -> None:
    _one_line(
        _run(monkeypatch, COMMANDS[command], SUPPLE_DATABASE_URL=url),
        needle,
        "sqlite:///",
        "postgresql+psycopg://",
    )


@pytest.mark.parametrize("command", ["history", "export", "plan"])
def test_a_bad_postgresql_option_is_named(monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    url = "postgresql://127.0.0.1:1/x?connect_timeout=abc"
    _one_line(
        _run(monkeypatch, COMMANDS[command], SUPPLE_DATABASE_URL=url),
        "connect_timeout",
        "SUPPLE_DATABASE_URL",
    )


def test_a_chosen_sqlite_file_in_a_missing_folder_is_refused_not_created(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    database = tmp_path / "missing" / "deeper" / "x.db"
    line = _one_line(
        _run(monkeypatch, ["history"], SUPPLE_DATABASE_URL=f"sqlite:///{database}"),
        str(database.parent),
        "does not exist",
    )
    assert "SUPPLE_DATABASE_URL" in line
    assert not (tmp_path / "missing").exists()


def test_a_chosen_sqlite_path_must_be_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    _one_line(
        _run(monkeypatch, ["history"], SUPPLE_DATABASE_URL="sqlite:///relative.db"),
        "relative.db",
        "full path",
    )
    assert not (tmp_path / "relative.db").exists()


def test_a_chosen_sqlite_path_that_is_a_folder_is_named_as_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    _one_line(
        _run(monkeypatch, ["history"], SUPPLE_DATABASE_URL=f"sqlite:///{folder}"),
        f"{folder} is a folder",
    )
    assert list(folder.iterdir()) == []


def test_the_default_database_is_still_made_with_its_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)
    home = tmp_path / "new" / "home"
    result = _run(monkeypatch, ["history"], SUPPLE_HOME=str(home))
    assert result.exit_code == 0, result.output
    assert (home / "supple.db").is_file()


@pytest.mark.parametrize("below", ["", "sub"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_supple_home_that_is_a_file_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, below: str
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n")
    home = blocker / below if below else blocker
    _one_line(
        _run(monkeypatch, COMMANDS[command], SUPPLE_HOME=str(home)),
        "SUPPLE_HOME must be a folder",
    )
    assert blocker.read_text() == "mine\n"


def _unprivileged() -> list[str]:
    """A prefix that makes root obey file permissions (without it, read-only means nothing)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    require(setpriv is not None, "setpriv (util-linux), to drop root's override of permissions")
    caps = "-dac_override,-dac_read_search"
    return [str(setpriv), f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]


def _supple(home: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    env.pop("SUPPLE_DATABASE_URL", None)
    return subprocess.run(
        [*_unprivileged(), sys.executable, "-m", "supple", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_line_from(process: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert process.returncode == 2, (process.returncode, process.stdout, process.stderr)
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), process.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_a_read_only_database_file_is_named_when_writing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with open_store(Settings(home=home)) as store:
        store.get_or_create_profile("me")
    database = home / "supple.db"
    database.chmod(0o400)
    try:
        reading = _supple(home, ["history", "--json"])
        assert reading.returncode == 0, reading.stderr
        _one_line_from(_supple(home, COMMANDS["checkin"]), str(database), "read-only", "chmod u+w")
    finally:
        database.chmod(0o600)


def test_a_read_only_folder_for_a_new_database_is_named(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        for command in ("history", "checkin"):
            _one_line_from(
                _supple(parent / "home", COMMANDS[command]), "permission denied", "SUPPLE_HOME"
            )
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(0o700)


def test_serve_refuses_to_start_on_a_database_it_cannot_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    database = _garbage(home)
    result = _run(monkeypatch, ["serve", "--port", str(free_port())], SUPPLE_HOME=str(home))
    _one_line(result, str(database), "damaged")
    assert "is running" not in result.output


def test_the_web_app_answers_a_damaged_database_with_the_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    from web_fixtures import LOOPBACK_CLIENT, app_for_tests

    home = tmp_path / "home"
    _garbage(home)
    with TestClient(
        app_for_tests(Settings(home=home)), raise_server_exceptions=False, client=LOOPBACK_CLIENT
    ) as client:
        api = client.get("/api/plans")
        assert api.status_code == 503
        assert "damaged" in api.json()["detail"]
        page = client.get("/progress")
        assert page.status_code == 503
        assert "damaged" in page.text and "Traceback" not in page.text
