"""Feature tests for ``supple plan``: the output contract, options, bad input and saving."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plan_checks import touched_by_precautions
from screen_cases import FIXTURES_V1, cleared_today
from supple.answers import read_answers
from supple.catalog import default_catalog
from supple.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
runner = CliRunner()


def fixture(name: str) -> str:
    if name == "cleared":
        return str(cleared_today(Path(tempfile.mkdtemp())))
    return str(FIXTURES / f"{name}.json")


def plan_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(cli, ["plan", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize(
    ("name", "has_routine", "gentle"),
    [
        ("ok", True, False),
        ("caution", True, True),
        ("cleared", True, True),
        ("see_clinician", False, None),
        ("urgent", False, None),
        ("emergency", False, None),
    ],
)
def test_json_is_the_output_contract(name: str, has_routine: bool, gentle: bool | None) -> None:
    document = plan_json("--answers", fixture(name))
    assert set(document) == {
        "version",
        "escalation",
        "screen",
        "assessment",
        "routine",
        "advice",
        "kept_out",
        "success",
    }
    assert document["escalation"] is None  # no history, nothing to escalate
    assert document["success"] is None  # nor anything to call a success
    assert {"level", "reasons", "routine_allowed", "unanswered"} <= set(document["screen"])
    for contributor in document["assessment"]["contributors"]:
        assert set(contributor) == {"id", "score", "evidence"}
    assert document["advice"]
    routine = document["routine"]
    if not has_routine:
        assert routine is None
        return
    assert routine["gentle"] is gentle
    assert routine["items"] and routine["estimated_seconds"] <= routine["minutes_requested"] * 60
    answers = read_answers(json.loads(Path(fixture(name)).read_text()))
    catalog = default_catalog()
    for item in routine["items"]:
        assert item["why"]
        # A variant comes from gentle mode or from a precaution about this exercise.
        touched = touched_by_precautions(catalog.exercises[item["exercise"]], answers)
        assert (item["variant"] is not None) <= (gentle or touched)


def test_minutes_and_level_options_override_the_answers() -> None:
    routine = plan_json("--answers", fixture("ok"), "--minutes", "40", "--level", "advanced")[
        "routine"
    ]
    assert routine["minutes_requested"] == 40 and routine["level"] == "advanced"
    assert 0.85 * 2400 <= routine["estimated_seconds"] <= 2400


@pytest.mark.parametrize("minutes", ["7", "61", "0", "ten"])
def test_minutes_out_of_range_exit_2_naming_the_option(minutes: str) -> None:
    result = runner.invoke(cli, ["plan", "--answers", fixture("ok"), "--minutes", minutes])
    assert result.exit_code == 2
    assert "--minutes" in result.stderr


def test_an_unknown_level_exits_2() -> None:
    result = runner.invoke(cli, ["plan", "--answers", fixture("ok"), "--level", "expert"])
    assert result.exit_code == 2 and "--level" in result.stderr


def test_answers_from_stdin() -> None:
    text = Path(fixture("ok")).read_text()
    result = runner.invoke(cli, ["plan", "--answers", "-", "--json"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["routine"]["items"]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["red_flags"].pop("saddle_numbness"), "unanswered: red_flags.saddle_numbness"),
        (lambda d: d["pain"].update(intensity=11), "pain.intensity"),
        (lambda d: d["pain"].update(worse_sitting="yes"), "pain.worse_sitting"),
        (lambda d: d.update(preferences={"minutes": 90}), "preferences.minutes"),
        (lambda d: d.update(preferences={"can": ["fly"]}), "preferences.can"),
        (lambda d: d.update(mood="fine"), "mood"),
    ],
)
def test_bad_answers_exit_2_naming_the_field_and_save_nothing(change: Any, named: str) -> None:
    document = json.loads(Path(fixture("ok")).read_text())
    change(document)
    result = runner.invoke(cli, ["plan", "--answers", "-"], input=json.dumps(document))
    assert result.exit_code == 2
    assert named in result.stderr
    assert result.stdout == ""
    latest = runner.invoke(cli, ["timeline", "--plan", "latest"])
    assert latest.exit_code == 2 and "no saved plan" in latest.stderr


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    missing = runner.invoke(cli, ["plan", "--answers", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = runner.invoke(cli, ["plan", "--answers", str(broken)])
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_human_output_shows_screen_contributors_routine_and_advice() -> None:
    result = runner.invoke(cli, ["plan", "--answers", fixture("caution")], env={"COLUMNS": "220"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "(caution)" in text
    assert "What may be involved (not a diagnosis)" in text
    assert "Quadratus lumborum" in text and "pain is in the lower back on one side" in text
    assert "Your routine:" in text and "gentle" in text
    assert "easier:" in text
    assert "Advice" in text
    document = plan_json("--answers", fixture("caution"), "--no-save")
    for item in document["routine"]["items"]:
        assert item["name"] in text


def test_an_emergency_exits_0_with_no_routine_and_the_screen_first() -> None:
    result = runner.invoke(cli, ["plan", "--answers", fixture("emergency")], env={"COLUMNS": "220"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Call 999" in text
    assert "Your routine:" not in text


def test_a_version_1_file_gets_no_routine_and_is_asked_again() -> None:
    document = plan_json("--answers", str(FIXTURES_V1 / "ok.json"), "--no-save")
    assert document["routine"] is None
    assert "about.age" in document["screen"]["unanswered"]
    assert any("supple start" in line for line in document["advice"])


def test_the_plan_is_saved_for_the_timeline_unless_asked_not_to() -> None:
    document = plan_json("--answers", fixture("ok"), "--minutes", "12")
    timeline = runner.invoke(cli, ["timeline", "--plan", "latest", "--json"])
    assert timeline.exit_code == 0, timeline.stderr
    assert json.loads(timeline.stdout)["total_seconds"] == document["routine"]["estimated_seconds"]
    plan_json("--answers", fixture("ok"), "--minutes", "30", "--no-save")
    again = json.loads(runner.invoke(cli, ["timeline", "--plan", "latest", "--json"]).stdout)
    assert again["total_seconds"] == document["routine"]["estimated_seconds"]
