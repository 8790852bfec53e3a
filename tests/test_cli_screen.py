"""Feature tests for ``supple screen``: the JSON contract, emergencies and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supple.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
runner = CliRunner()


def fixture(name: str) -> str:
    return str(FIXTURES / f"{name}.json")


@pytest.mark.parametrize(
    ("name", "level", "allowed"),
    [
        ("ok", "ok", True),
        ("caution", "caution", True),
        ("see_clinician", "see_clinician", False),
        ("urgent", "urgent", False),
        ("cleared", "see_clinician", True),
        ("emergency", "emergency", False),
    ],
)
def test_json_output_is_the_screen_contract(name: str, level: str, allowed: bool) -> None:
    result = runner.invoke(cli, ["screen", "--answers", fixture(name), "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"level", "reasons", "routine_allowed"}
    assert document["level"] == level
    assert document["routine_allowed"] is allowed
    for reason in document["reasons"]:
        assert set(reason) == {"answer", "level", "advice"}
        assert reason["advice"]


def test_an_emergency_exits_0_and_tells_the_person_to_get_help_now() -> None:
    result = runner.invoke(cli, ["screen", "--answers", fixture("emergency")])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Call emergency services" in text
    assert "emergency department" in text
    assert "No exercise routine" in text
    assert "numbness in the saddle area" in text
    document = json.loads(
        runner.invoke(cli, ["screen", "--answers", fixture("emergency"), "--json"]).stdout
    )
    assert document["routine_allowed"] is False
    assert [r["answer"] for r in document["reasons"][:2]] == ["saddle_numbness", "bladder_change"]


def test_human_output_lists_each_reason_and_whether_a_routine_follows() -> None:
    result = runner.invoke(cli, ["screen", "--answers", fixture("caution")])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Go gently" in text
    assert "sharp, shooting or burning pain" in text
    assert "pain spreading down the leg" in text
    assert "A gentle routine can be built" in text
    assert "Next: supple plan --answers" in text and "caution.json" in text
    assert "cleared_by_clinician" in runner.invoke(
        cli, ["screen", "--answers", fixture("see_clinician")]
    ).stdout.replace("\n", " ")


def test_answers_can_come_from_stdin() -> None:
    text = (FIXTURES / "caution.json").read_text()
    result = runner.invoke(cli, ["screen", "--answers", "-", "--json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["level"] == "caution"


def test_a_bad_answers_file_exits_2_naming_the_field(tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "ok.json").read_text())
    raw["pain"]["side"] = "middle"
    del raw["red_flags"]["saddle_numbness"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(raw))
    result = runner.invoke(cli, ["screen", "--answers", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unanswered: saddle_numbness" in result.stderr
    assert "pain.side" in result.stderr and "left, right, both" in result.stderr


def test_a_file_that_is_not_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text("red_flags: none\n")
    result = runner.invoke(cli, ["screen", "--answers", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not valid JSON" in result.stderr and "line 1" in result.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = runner.invoke(cli, ["screen", "--answers", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "does not exist" in result.stderr and "nowhere.json" in result.stderr


def test_bad_stdin_exits_2() -> None:
    result = runner.invoke(cli, ["screen", "--answers", "-"], input="[1, 2]")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "must be a JSON object" in result.stderr


def test_the_answers_option_is_required() -> None:
    result = runner.invoke(cli, ["screen"])
    assert result.exit_code == 2
    assert "--answers" in result.stderr
