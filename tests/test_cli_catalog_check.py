"""Feature tests for ``supple catalog check`` on the packaged catalog and broken copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from supple.catalog.loader import DATA_DIR
from supple.cli import cli

runner = CliRunner()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def _break(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_packaged_catalog_is_clean() -> None:
    result = runner.invoke(cli, ["catalog", "check"])
    assert result.exit_code == 0, result.output
    assert "Catalog OK" in result.output
    report = json.loads(runner.invoke(cli, ["catalog", "check", "--json"]).output)
    assert report["ok"] is True and report["problems"] == []


def test_a_clean_copy_is_clean_too(data_copy: Path) -> None:
    result = runner.invoke(cli, ["catalog", "check", "--path", str(data_copy)])
    assert result.exit_code == 0, result.output


def test_a_copy_broken_several_ways_lists_every_problem_and_exits_2(data_copy: Path) -> None:
    _break(data_copy, "exercises/clamshell.toml", "per_side = true", 'per_side = "yes"')
    _break(
        data_copy,
        "exercises/childs-pose.toml",
        'required_equipment = ["mat"]',
        "required_equipment = []",
    )
    _break(
        data_copy,
        "exercises/bird-dog.toml",
        'movement_classes = ["kneeling_load"]',
        'movement_classes = ["kneeling"]',
    )
    _break(data_copy, "poses/glute-bridge.toml", "left_knee = 120", "left_knee = 220")
    (data_copy / "poses" / "pelvic-tilt.toml").unlink()
    result = runner.invoke(cli, ["catalog", "check", "--path", str(data_copy)])
    assert result.exit_code == 2
    for expected in (
        "exercises/clamshell.toml: per_side:",
        "exercises/childs-pose.toml: required_equipment:",
        "exercises/bird-dog.toml: movement_classes.0:",
        "poses/glute-bridge.toml: start.left_knee:",
        "poses/pelvic-tilt.toml: (file): every exercise needs a pose",
        "Error: 5 problem(s)",
    ):
        assert expected in result.stderr, result.stderr
    report = json.loads(
        runner.invoke(cli, ["catalog", "check", "--path", str(data_copy), "--json"]).output
    )
    assert report["ok"] is False
    assert {(p["file"], p["field"]) for p in report["problems"]} == {
        ("exercises/clamshell.toml", "per_side"),
        ("exercises/childs-pose.toml", "required_equipment"),
        ("exercises/bird-dog.toml", "movement_classes.0"),
        ("poses/glute-bridge.toml", "start.left_knee"),
        ("poses/pelvic-tilt.toml", "(file)"),
    }


def test_unreadable_toml_is_reported_not_a_traceback(data_copy: Path) -> None:
    (data_copy / "exercises" / "clamshell.toml").write_text("id = \n")
    result = runner.invoke(cli, ["catalog", "check", "--path", str(data_copy)])
    assert result.exit_code == 2
    assert "exercises/clamshell.toml: (file): not valid TOML" in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_that_is_not_a_catalog_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["catalog", "check", "--path", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not a catalog data folder" in result.stderr
