"""Feature tests for ``supple timeline``: steps of a saved plan, as JSON and as a table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from supple.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
runner = CliRunner()


def saved_plan(tmp_path: Path, name: str = "ok", *extra: str) -> tuple[Path, dict[str, Any]]:
    result = runner.invoke(
        cli, ["plan", "--answers", str(FIXTURES / f"{name}.json"), "--json", "--no-save", *extra]
    )
    assert result.exit_code == 0
    path = tmp_path / f"{name}-plan.json"
    path.write_text(result.stdout)
    return path, json.loads(result.stdout)


def test_json_lists_every_step_and_the_total_matches_the_plan(tmp_path: Path) -> None:
    path, plan = saved_plan(tmp_path, "ok", "--minutes", "20")
    result = runner.invoke(cli, ["timeline", "--plan", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"steps", "total_seconds"}
    assert document["total_seconds"] == plan["routine"]["estimated_seconds"]
    assert sum(step["seconds"] for step in document["steps"]) == document["total_seconds"]
    kinds = {step["kind"] for step in document["steps"]}
    assert kinds <= {"ready", "warmup", "hold", "reps", "switch", "rest", "transition"}
    assert document["steps"][0]["kind"] == "ready"
    for step in document["steps"]:
        assert set(step) == {
            "kind",
            "exercise",
            "side",
            "seconds",
            "say",
            "reps",
            "tempo",
            "variant",
        }
        # Only a reps step has a rep count and a tempo for the player to cue.
        assert (step["kind"] == "reps") == (step["reps"] is not None) == (step["tempo"] is not None)
        assert step["side"] in (None, "left", "right")
    exercises = [i["exercise"] for i in plan["routine"]["items"]]
    seen = list(dict.fromkeys(step["exercise"] for step in document["steps"]))
    assert seen == exercises


def test_human_output_is_a_table_with_the_total(tmp_path: Path) -> None:
    path, plan = saved_plan(tmp_path, "caution")
    result = runner.invoke(cli, ["timeline", "--plan", str(path)], env={"COLUMNS": "220"})
    assert result.exit_code == 0
    total = plan["routine"]["estimated_seconds"]
    assert f"Total: {total // 60}:{total % 60:02d}" in result.stdout
    assert "switch" in result.stdout and "ready" in result.stdout


def test_a_withheld_routine_has_no_timeline(tmp_path: Path) -> None:
    path, _ = saved_plan(tmp_path, "emergency")
    result = runner.invoke(cli, ["timeline", "--plan", str(path)])
    assert result.exit_code == 2 and "withheld" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "not valid JSON"),
        ('{"red_flags": {}}', "not a plan"),
        ("[1, 2]", "not a plan"),
    ],
)
def test_bad_plan_files_exit_2(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content)
    result = runner.invoke(cli, ["timeline", "--plan", str(path)])
    assert result.exit_code == 2 and message in result.stderr


def test_a_tampered_plan_exits_2_naming_the_field(tmp_path: Path) -> None:
    path, plan = saved_plan(tmp_path)
    plan["routine"]["items"][1]["duration_seconds"] += 7
    path.write_text(json.dumps(plan))
    result = runner.invoke(cli, ["timeline", "--plan", str(path)])
    assert result.exit_code == 2
    assert "routine.items[1].duration_seconds" in result.stderr
    plan["routine"]["items"][1]["sets"] = 9
    path.write_text(json.dumps(plan))
    result = runner.invoke(cli, ["timeline", "--plan", str(path)])
    assert result.exit_code == 2
    assert "routine.items[1].sets: 9 is more than the catalog allows" in result.stderr


def test_a_missing_file_or_no_saved_plan_exits_2(tmp_path: Path) -> None:
    missing = runner.invoke(cli, ["timeline", "--plan", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    latest = runner.invoke(cli, ["timeline", "--plan", "latest"])
    assert latest.exit_code == 2 and "supple plan --answers" in latest.stderr
