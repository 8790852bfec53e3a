"""Files named on the command line: reads are capped and strict, ``-o`` writes regular files only.

No test here writes to a device: refusals are shown with FIFOs and symbolic links in
tmp_path, and where /dev/null appears it is only inspected (it must still be a
character device afterwards) through a link the command refuses to follow.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import require
from supple.catalog import default_catalog
from supple.cli import cli
from supple.cli.files import write_output
from supple.jsonio import MAX_DEPTH, MAX_DOCUMENT_BYTES
from supple.planning import build_plan
from supple.store import open_store

ANSWERS = Path(__file__).parent / "fixtures" / "answers"
runner = CliRunner()


def supple(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(cli, list(args), input=stdin)


def refused(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def ok_text() -> str:
    return (ANSWERS / "ok.json").read_text()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def plan_file(tmp_path: Path) -> str:
    from supple.answers import parse_answers

    answers = parse_answers(json.loads(ok_text()))
    plan = build_plan(answers, default_catalog(), today=date.today()).to_dict()
    return write(tmp_path, "plan.json", json.dumps(plan))


# Reading ---------------------------------------------------------------------------


def test_a_repeated_red_flag_is_refused_not_screened_by_its_last_value(tmp_path: Path) -> None:
    text = ok_text().replace('"both_legs": false,', '"saddle_numbness": true, "both_legs": false,')
    path = write(tmp_path, "twice.json", text)
    for command in ("screen", "plan"):
        refused(
            supple(command, "--answers", path, "--json"),
            'the key "saddle_numbness" appears twice in red_flags',
        )


def deep(levels: int) -> str:
    return '{"red_flags": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize(
    "command",
    [
        ["screen", "--answers"],
        ["plan", "--answers"],
        ["timeline", "--plan"],
        ["session", "--plan"],
        ["calendar", "--plan"],
        ["import"],
    ],
    ids=lambda words: words[0],
)
def test_deep_nesting_is_a_clear_error_in_every_command_that_reads_a_file(
    command: list[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "deep.json", deep(5000))
    refused(supple(*command, path), f"nested more than {MAX_DEPTH} levels deep")


def test_a_5000_digit_number_is_a_clear_error(tmp_path: Path) -> None:
    text = ok_text().replace('"intensity": 4', '"intensity": ' + "4" * 5000)
    refused(supple("screen", "--answers", write(tmp_path, "big.json", text)), "out of range")
    refused(supple("timeline", "--plan", write(tmp_path, "big-plan.json", "[" + "9" * 5000 + "]")))


def test_nan_is_not_read_as_a_number(tmp_path: Path) -> None:
    text = ok_text().replace('"intensity": 4', '"intensity": NaN')
    path = write(tmp_path, "nan.json", text)
    refused(supple("screen", "--answers", path), "NaN is not a number JSON allows")


def test_a_file_over_the_limit_is_refused_even_when_it_is_valid_json(tmp_path: Path) -> None:
    padded = ok_text() + " " * MAX_DOCUMENT_BYTES
    path = write(tmp_path, "padded.json", padded)
    refused(supple("screen", "--answers", path), "larger than 1 MB")
    refused(supple("screen", "--answers", "-", stdin=padded.encode()), "standard input")
    refused(supple("timeline", "--plan", path), "larger than 1 MB")
    # Just under the limit still reads.
    assert supple("screen", "--answers", "-", stdin=ok_text().encode()).exit_code == 0


def test_an_endless_device_is_read_only_up_to_the_limit() -> None:
    require(Path("/dev/zero").is_char_device(), "/dev/zero")
    refused(supple("screen", "--answers", "/dev/zero"), "larger than 1 MB")


# Writing ---------------------------------------------------------------------------

Command = Callable[[Path, str], list[str]]


def _records() -> None:
    with open_store() as store:
        store.save_answers("me", json.loads(ok_text()))


COMMANDS: dict[str, tuple[str, Command]] = {
    "calendar": (".ics", lambda tmp, out: ["calendar", "--plan", plan_file(tmp), "-o", out]),
    "export": (".json", lambda tmp, out: ["export", "-o", out]),
    "handout": (".html", lambda tmp, out: ["handout", "--plan", plan_file(tmp), "-o", out]),
    "figure": (".svg", lambda tmp, out: ["figure", "cat-cow", "-o", out]),
    "figures": (".png", lambda tmp, out: ["figures", "--sheet", out]),
    "start": (".json", lambda tmp, out: ["start", "--new", "--output", out]),
}


def run_writer(name: str, tmp_path: Path, target: Path) -> Result:
    _records()
    suffix, args = COMMANDS[name]
    assert target.name.endswith(suffix)
    return supple(*args(tmp_path, str(target)))


@contextmanager
def fifo_with_reader(path: Path) -> Iterator[None]:
    """A FIFO with a reader open, so a command that wrongly opens it cannot hang."""
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        yield
    finally:
        os.close(reader)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_fifo_target_is_refused_and_left_alone(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"pipe{COMMANDS[name][0]}"
    with fifo_with_reader(target):
        result = run_writer(name, tmp_path, target)
        refused(result, "is not a regular file")
        assert stat.S_ISFIFO(target.lstat().st_mode)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_link_to_dev_null_is_refused_without_touching_it(name: str, tmp_path: Path) -> None:
    null = Path("/dev/null")
    require(null.is_char_device(), "/dev/null")
    target = tmp_path / f"null{COMMANDS[name][0]}"
    target.symlink_to(null)
    refused(run_writer(name, tmp_path, target), "symbolic link")
    assert target.is_symlink() and null.is_char_device()


@pytest.mark.parametrize("name", ["calendar", "export", "handout", "figure"])
def test_a_link_to_a_regular_file_is_refused_and_both_are_kept(name: str, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep me")
    target = tmp_path / f"link{COMMANDS[name][0]}"
    target.symlink_to(real)
    refused(run_writer(name, tmp_path, target), "symbolic link")
    assert target.is_symlink() and real.read_text() == "keep me"


def test_a_folder_target_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.ics"
    folder.mkdir()
    refused(run_writer("calendar", tmp_path, folder), "is a folder")


def test_calendar_to_stdout_still_works(tmp_path: Path) -> None:
    result = supple("calendar", "--plan", plan_file(tmp_path), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCALENDAR")


def test_regular_files_are_replaced_whole_and_privately(tmp_path: Path) -> None:
    target = tmp_path / "routine.ics"
    target.write_text("old")
    assert run_writer("calendar", tmp_path, target).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "routine.ics"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kept.json"
    target.write_text("old")

    def broken_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_disk)
    with pytest.raises(SystemExit) as stopped:
        write_output(target, b"new")
    assert stopped.value.code == 2
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.json"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_writer("calendar", tmp_path, tmp_path / "nowhere" / "routine.ics")
    refused(result, "does not exist")
