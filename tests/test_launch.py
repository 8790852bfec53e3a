"""The quick answers of the ``supple`` entry point are exactly click's, and skip click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supple import launch

SUPPLE = Path(sys.executable).with_name("supple")
CLICK_ONLY = "import sys; from supple.cli import main; main(sys.argv[1:])"
QUICK_ONLY = "import sys; from supple.launch import main; main(sys.argv[1:])"


def run(command: list[str], columns: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    return subprocess.run(command, capture_output=True, env=env, check=True)


def test_the_stored_help_is_what_click_prints_for_the_current_source() -> None:
    key, text = Path(launch.HELP_FILE).read_text(encoding="utf-8").split("\n", 1)
    fix = "the CLI changed: run `.venv/bin/python -m supple.launch` to store its new help"
    assert key == launch.source_key(), fix
    assert text == launch.click_help(), fix


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]])
@pytest.mark.parametrize("columns", [None, "80", "200"])
def test_the_quick_answer_is_byte_for_byte_clicks(args: list[str], columns: str | None) -> None:
    by_click = run([sys.executable, "-c", CLICK_ONLY, *args], columns)
    by_script = run([str(SUPPLE), *args], columns)
    assert by_script.stdout == by_click.stdout
    assert by_script.stderr == by_click.stderr == b""


def test_help_and_version_never_import_click() -> None:
    check = QUICK_ONLY + "; print('click' in sys.modules, file=sys.stderr)"
    for args in (["--help"], ["-h"], ["--version"]):
        assert run([sys.executable, "-c", check, *args]).stderr == b"False\n", args


def test_a_narrow_terminal_or_a_changed_source_falls_back_to_click(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    narrow = run([str(SUPPLE), "--help"], columns="60").stdout
    assert narrow == run([sys.executable, "-c", CLICK_ONLY, "--help"], columns="60").stdout
    assert max(len(line) for line in narrow.decode().splitlines()) <= 58
    monkeypatch.setenv("COLUMNS", "100")
    assert launch.quick_answer(["--help"]) is not None
    stale = tmp_path / "quick_help.txt"
    stale.write_text("00000000\nold help\n", encoding="utf-8")
    monkeypatch.setattr(launch, "HELP_FILE", str(stale))
    assert launch.quick_answer(["--help"]) is None
    monkeypatch.setattr(launch, "HELP_FILE", str(tmp_path / "missing.txt"))
    assert launch.quick_answer(["--help"]) is None


@pytest.mark.parametrize("args", [[], ["--help", "plan"], ["plan", "--help"], ["-V"]])
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert launch.quick_answer(args) is None
