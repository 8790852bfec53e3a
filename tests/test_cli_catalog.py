"""Feature tests for ``supple exercises`` and ``supple exercise``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from supple.cli import cli

runner = CliRunner()


def test_exercises_lists_the_catalog_as_a_table() -> None:
    result = runner.invoke(cli, ["exercises"])
    assert result.exit_code == 0, result.output
    assert "clamshell" in result.output and "pigeon-pose" in result.output


def test_exercises_json_gives_full_records_and_filters() -> None:
    result = runner.invoke(cli, ["exercises", "--kind", "strength", "--json"])
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert records and all(r["kind"] == "strength" for r in records)
    assert {"dosage", "steps", "cues", "sources", "per_side"} <= set(records[0])
    targeted = json.loads(
        runner.invoke(cli, ["exercises", "--target", "piriformis", "--json"]).output
    )
    assert "supine-figure-four" in {r["id"] for r in targeted}
    assert all("piriformis" in r["targets"] for r in targeted)
    supine = json.loads(runner.invoke(cli, ["exercises", "--position", "supine", "--json"]).output)
    assert supine and all(r["position"] == "supine" for r in supine)


def test_bad_filter_values_exit_2_with_suggestions() -> None:
    result = runner.invoke(cli, ["exercises", "--kind", "strech"])
    assert result.exit_code == 2
    assert "strech" in result.stderr and "stretch" in result.stderr
    result = runner.invoke(cli, ["exercises", "--target", "piriformus"])
    assert result.exit_code == 2 and "piriformis" in result.stderr


def test_exercise_card_shows_steps_dosage_cues_and_sources() -> None:
    result = runner.invoke(cli, ["exercise", "supine-figure-four", "--side", "right"])
    assert result.exit_code == 0, result.output
    for text in (
        "Steps",
        "Dosage",
        "beginner",
        "advanced",
        "Stop:",
        "Variants",
        "Sources",
        "right",
    ):
        assert text in result.output


def test_exercise_accepts_an_alias_and_prints_json() -> None:
    result = runner.invoke(cli, ["exercise", "opposite arm and leg reach", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["id"] == "bird-dog"


def test_unknown_exercise_names_it_and_suggests_close_ids() -> None:
    result = runner.invoke(cli, ["exercise", "bird-dgo"])
    assert result.exit_code == 2
    assert "bird-dgo" in result.stderr and "bird-dog" in result.stderr
    assert result.stdout == ""


def test_unknown_command_suggests_the_closest() -> None:
    result = runner.invoke(cli, ["exercize"])
    assert result.exit_code == 2 and "exercise" in result.stderr
