"""Feature tests for ``supple screen``: the JSON contract, emergencies and bad input."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from screen_cases import FIXTURES_V1, cleared_today
from supple.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
runner = CliRunner()


def fixture(name: str) -> str:
    if name == "cleared":
        return str(cleared_today(Path(tempfile.mkdtemp())))
    return str(FIXTURES / f"{name}.json")


@pytest.mark.parametrize(
    ("name", "level", "allowed"),
    [
        ("ok", "ok", True),
        ("caution", "caution", True),
        ("see_clinician", "see_clinician", False),
        ("urgent", "urgent", False),
        ("cleared", "see_clinician", True),
        ("book_review", "book_review", True),
        ("emergency", "emergency", False),
    ],
)
def test_json_output_is_the_screen_contract(name: str, level: str, allowed: bool) -> None:
    result = runner.invoke(cli, ["screen", "--answers", fixture(name), "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert {"level", "reasons", "routine_allowed", "unanswered"} <= set(document)
    assert set(document) <= {"level", "reasons", "routine_allowed", "unanswered", "clearances"}
    assert document["level"] == level
    assert document["routine_allowed"] is allowed
    assert document["unanswered"] == []
    for reason in document["reasons"]:
        assert {"rule", "level", "advice", "sources"} <= set(reason)
        assert set(reason) <= {"rule", "level", "advice", "sources", "action"}
        assert reason["advice"] and reason["sources"]


def test_a_rule_with_its_own_action_replaces_the_levels_in_words_and_json(
    tmp_path: Path,
) -> None:
    """Pregnancy warning signs send the person to the maternity unit, not a GP."""
    raw = json.loads((FIXTURES / "ok.json").read_text())
    raw["about"]["pregnancy"] = "pregnant"
    raw["red_flags"]["pregnancy_warning"] = True
    path = tmp_path / "pregnant.json"
    path.write_text(json.dumps(raw))
    words = runner.invoke(cli, ["screen", "--answers", str(path)], env={"COLUMNS": "220"})
    text = " ".join(words.stdout.split())
    assert "maternity unit or midwife now" in text
    assert "urgent GP appointment" not in text
    document = json.loads(runner.invoke(cli, ["screen", "--answers", str(path), "--json"]).stdout)
    (reason,) = [r for r in document["reasons"] if r["rule"] == "pregnancy_warning"]
    assert "maternity unit" in reason["action"]


def test_an_emergency_exits_0_and_tells_the_person_to_get_help_now() -> None:
    result = runner.invoke(
        cli, ["screen", "--answers", fixture("emergency")], env={"COLUMNS": "220"}
    )
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Call 999" in text
    assert "emergency department" in text
    assert "No exercise routine" in text
    assert "numbness in the saddle area" in text
    document = json.loads(
        runner.invoke(cli, ["screen", "--answers", fixture("emergency"), "--json"]).stdout
    )
    assert document["routine_allowed"] is False
    assert [r["rule"] for r in document["reasons"][:2]] == ["saddle_numbness", "bladder_change"]


def test_human_output_lists_each_reason_and_whether_a_routine_follows() -> None:
    result = runner.invoke(cli, ["screen", "--answers", fixture("caution")])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Go gently" in text
    assert "sharp, shooting or burning pain" in text
    assert "pain spreading into a leg" in text
    assert "A gentle routine can be built" in text
    assert "Next: supple plan --answers" in text and "caution.json" in text
    held = runner.invoke(
        cli, ["screen", "--answers", fixture("see_clinician")], env={"COLUMNS": "220"}
    ).stdout
    again = "answer the questions again (Start on the web, or supple start in a terminal)"
    assert f"{again} and give the date" in " ".join(held.split())


def test_a_cleared_screen_says_who_cleared_it_and_when() -> None:
    shown = runner.invoke(cli, ["screen", "--answers", fixture("cleared")], env={"COLUMNS": "220"})
    text = " ".join(shown.stdout.split())
    assert "Cleared by your clinician on" in text and "for: pain after a fall or knock" in text
    assert "No routine is offered" not in text


@pytest.mark.parametrize("name", ["ok", "emergency", "see_clinician"])
def test_a_version_1_file_is_screened_for_what_it_says_and_lists_the_unanswered(
    name: str,
) -> None:
    path = str(FIXTURES_V1 / f"{name}.json")
    result = runner.invoke(cli, ["screen", "--answers", path, "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert "about.age" in document["unanswered"] and "pain.onset" in document["unanswered"]
    assert document["routine_allowed"] is False
    assert document["level"] == name
    shown = runner.invoke(cli, ["screen", "--answers", path], env={"COLUMNS": "220"})
    human = " ".join(shown.stdout.split())
    assert "still to answer" in human and "No exercise routine is offered" in human
    if name == "ok":
        assert "Fine to start" not in human and "none of the warning signs" not in human


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
    assert "unanswered: red_flags.saddle_numbness" in result.stderr
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
