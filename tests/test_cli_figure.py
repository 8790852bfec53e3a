"""``supple figure`` and ``supple figures`` from the command line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from supple.catalog import default_catalog
from supple.cli import cli
from supple.figures.png import PNG_SIGNATURE


def test_figure_prints_svg_to_stdout() -> None:
    result = CliRunner().invoke(cli, ["figure", "bird-dog", "--side", "right"])
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert root.tag.endswith("svg")
    assert "Right side" in result.stdout


def test_figure_writes_png_and_svg(tmp_path: Path) -> None:
    png, svg = tmp_path / "f.png", tmp_path / "f.svg"
    runner = CliRunner()
    assert runner.invoke(cli, ["figure", "cat-cow", "--pose", "end", "-o", str(png)]).exit_code == 0
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert runner.invoke(cli, ["figure", "cat-cow", "-o", str(svg)]).exit_code == 0
    assert "<animate" in svg.read_text(encoding="utf-8")


def test_unknown_id_exits_2_with_closest_ids() -> None:
    result = CliRunner().invoke(cli, ["figure", "bird-dgo"])
    assert result.exit_code == 2
    assert "bird-dog" in result.stderr
    assert result.stdout == ""


def test_wrong_output_type_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["figure", "cat-cow", "-o", str(tmp_path / "f.jpg")])
    assert result.exit_code == 2


def test_figures_sheet_reports_progress(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.png"
    result = CliRunner().invoke(cli, ["figures", "--sheet", str(sheet)])
    assert result.exit_code == 0, result.output
    assert sheet.read_bytes().startswith(PNG_SIGNATURE)
    count = len(default_catalog().exercises)
    assert f"[{count}/{count}]" in result.stderr
