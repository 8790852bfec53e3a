"""The loader's catalog checks: each rule rejects a copy of the catalog broken that way.

Each case copies the packaged data folder, breaks one thing and expects the loader to
name the file and the field, so a mistake in the data can never reach the planner.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supple.catalog import CatalogError, load_catalog
from supple.catalog.loader import DATA_DIR, inspect_catalog

# (file, text to replace, replacement, file and field the problem must name)
BREAKS = {
    "dose outside its limits": (
        "exercises/clamshell.toml", "[dosage.beginner]\nreps = 8", "[dosage.beginner]\nreps = 20",
        r"exercises/clamshell\.toml: dosage\.beginner\.reps: 20 is outside",
    ),
    "harder level is easier": (
        "exercises/knee-to-chest.toml", "[dosage.advanced]\nhold_seconds = 30\nsets = 3",
        "[dosage.advanced]\nhold_seconds = 20\nsets = 2",
        r"knee-to-chest\.toml: dosage\.advanced: asks for less work",
    ),
    "floor move without a mat": (
        "exercises/childs-pose.toml", 'required_equipment = ["mat"]', "required_equipment = []",
        r"childs-pose\.toml: required_equipment: .*needs a mat",
    ),
    "no easier variant": (
        "exercises/light-jog.toml", 'direction = "easier"', 'direction = "harder"',
        r"light-jog\.toml: variants: needs at least one easier variant",
    ),
    "no regression and no reason": (
        "exercises/brisk-walk.toml", 'regression_variant = "Gentle stroll"\n', "",
        r"brisk-walk\.toml: \(record\): .*exactly one of regression",
    ),
    "regression to the same position and load": (
        "exercises/clamshell.toml", 'regression_variant = "Small-range clamshell"',
        'regression = "side-lying-hip-abduction"',
        r"clamshell\.toml: regression: 'side-lying-hip-abduction' is in the same position",
    ),
    "regression variant needs more kit": (
        "exercises/supine-spinal-twist.toml", 'regression_variant = "Part-way lowering"',
        'regression_variant = "Cushion under the knees"',
        r"supine-spinal-twist\.toml: regression_variant: needs cushion",
    ),
    "regression chain loops": (
        "exercises/seated-figure-four.toml", 'regression_variant = "Stay upright"',
        'regression = "standing-figure-four"',
        r"regression: the chain loops: seated-figure-four -> standing-figure-four -> seated",
    ),
    "unknown movement class": (
        "exercises/clamshell.toml", 'movement_classes = ["side_lying"]',
        'movement_classes = ["side_lyng"]', r"clamshell\.toml: movement_classes\.0: Input",
    ),
    "loose type": (
        "exercises/clamshell.toml", "per_side = true", 'per_side = "yes"',
        r"clamshell\.toml: per_side: Input should be a valid boolean",
    ),
    "strength sets that do not grow with level": (
        "exercises/bird-dog.toml", "[dosage.beginner]\nreps = 10\nsets = 1\nmax_sets = 1",
        "[dosage.beginner]\nreps = 10\nsets = 2\nmax_sets = 2",
        r"bird-dog\.toml: dosage\.beginner\.sets: a strength move does 1-1 sets at beginner",
    ),
    "beginner strength allowed to grow past one set": (
        "exercises/glute-bridge.toml", "sets = 1\nmax_sets = 1\n", "sets = 1\n",
        r"glute-bridge\.toml: dosage\.beginner\.sets: .*this dose allows 1-3",
    ),
    "advanced-only move with a beginner dose": (
        "exercises/pigeon-pose.toml", "[dosage.advanced]",
        "[dosage.beginner]\nhold_seconds = 20\nsets = 2\n\n[dosage.advanced]",
        r"pigeon-pose\.toml: dosage: an advanced-only exercise has an advanced dose and no other",
    ),
    "source not in the articles": (
        "exercises/pelvic-tilt.toml", 'source = "nhs-back-pain-exercises"',
        'source = "nhs-back-pain"', r"pelvic-tilt\.toml: limits\.source: source 'nhs-back-pain'",
    ),
}  # fmt: skip


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def test_the_packaged_catalog_has_no_problems() -> None:
    catalog, problems = inspect_catalog()
    assert catalog is not None and problems == []


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_a_broken_copy_is_rejected_naming_file_and_field(data_copy: Path, case: str) -> None:
    file, old, new, expected = BREAKS[case]
    path = data_copy / file
    text = path.read_text()
    assert old in text, f"the break for {case!r} no longer matches {file}"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(CatalogError, match=expected):
        load_catalog(data_copy)


def test_a_missing_pose_is_a_problem(data_copy: Path) -> None:
    (data_copy / "poses" / "glute-bridge.toml").unlink()
    with pytest.raises(CatalogError, match=r"poses/glute-bridge\.toml: \(file\): every exercise"):
        load_catalog(data_copy)


def test_every_problem_is_reported_not_just_the_first(data_copy: Path) -> None:
    for case in ("loose type", "floor move without a mat", "harder level is easier"):
        file, old, new, _ = BREAKS[case]
        path = data_copy / file
        path.write_text(path.read_text().replace(old, new, 1))
    _, problems = inspect_catalog(data_copy)
    assert {p.file for p in problems} == {
        "exercises/clamshell.toml",
        "exercises/childs-pose.toml",
        "exercises/knee-to-chest.toml",
    }
