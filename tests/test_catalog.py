"""The real catalog loads, is complete, cross-checks, and stays inside the articles' figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, require
from supple.catalog import CatalogError, UnknownIdError, default_catalog, load_catalog
from supple.catalog.loader import DATA_DIR
from supple.catalog.models import Dose, Exercise

REQUIRED_EXERCISES = {
    "march-in-place", "brisk-walk", "light-jog", "arm-circles", "supine-figure-four",
    "seated-figure-four", "standing-figure-four", "knee-to-chest", "seated-spinal-twist",
    "supine-spinal-twist", "childs-pose", "kneeling-hip-flexor", "deep-lunge-glute", "side-bend",
    "cat-cow", "pigeon-pose", "clamshell", "side-lying-hip-abduction", "bird-dog",
    "prone-back-extension", "glute-bridge", "pelvic-tilt", "standing-hip-abduction",
}  # fmt: skip
REQUIRED_MUSCLES = {
    "piriformis", "gluteus-maximus", "gluteus-medius", "gluteus-minimus", "quadratus-lumborum",
    "erector-spinae", "multifidus", "hip-flexors", "obliques",
}  # fmt: skip
REQUIRED_CONDITIONS = {
    "piriformis-syndrome", "sciatica", "hip-arthritis", "muscle-strain", "prolonged-sitting",
    "postural-imbalance", "weak-gluteus-medius",
}  # fmt: skip
PUBLIC_FIELDS = {
    "id", "name", "aliases", "kind", "position", "per_side", "targets", "dosage", "steps", "cues",
    "mistakes", "variants", "required_equipment", "advanced_only", "regression", "progression",
    "sources", "movement_classes", "regression_variant", "no_regression",
}  # fmt: skip

CATALOG = default_catalog()
EXERCISES = sorted(CATALOG.exercises.values(), key=lambda ex: ex.id)


def test_every_required_record_is_present() -> None:
    assert set(CATALOG.exercises) >= REQUIRED_EXERCISES
    assert set(CATALOG.muscles) >= REQUIRED_MUSCLES
    assert set(CATALOG.conditions) >= REQUIRED_CONDITIONS
    assert len(CATALOG.principles) >= 6


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_every_field_is_filled(ex: Exercise) -> None:
    record = ex.public_dict()
    assert set(record) == PUBLIC_FIELDS
    for field in ("aliases", "steps", "mistakes", "variants", "sources", "targets"):
        assert record[field], f"{ex.id}: {field} is empty"
    assert all(len(step.split()) >= 4 for step in ex.steps), "steps should be real sentences"


def test_sources_name_real_articles() -> None:
    seeds = REPO.parent / "shared" / "seeds"
    require(seeds.is_dir(), f"the source articles in {seeds}")
    on_disk = {p.name for p in seeds.glob("*.txt")}
    seed_articles = {a.file for a in CATALOG.articles.values() if a.file}
    assert seed_articles == on_disk
    pages = {a.key for a in CATALOG.articles.values() if a.url}
    assert pages == {"nhs-back-pain-exercises", "acsm-resistance-training", "grimaldi-2015"}
    used = {s for ex in EXERCISES for s in [*ex.sources, ex.limits.source]}
    used |= {s for m in CATALOG.muscles.values() for s in m.sources}
    used |= {s for c in CATALOG.conditions.values() for s in c.sources}
    used |= {s for p in CATALOG.principles.values() for s in p.sources}
    assert used == set(CATALOG.articles), f"never cited: {set(CATALOG.articles) - used}"


def test_pigeon_is_advanced_only_with_only_an_advanced_dose() -> None:
    pigeon = CATALOG.exercises["pigeon-pose"]
    assert pigeon.advanced_only and pigeon.regression == "supine-figure-four"
    assert [level for level, _ in pigeon.dosage.levels()] == ["advanced"]
    # Held resting on the front shin and hip, not on hands and knees.
    assert pigeon.position == "seated-floor" and "kneeling_load" in pigeon.movement_classes
    assert [ex.id for ex in EXERCISES if ex.advanced_only] == ["pigeon-pose"]


def test_review_fixes_to_the_records() -> None:
    clamshell = CATALOG.exercises["clamshell"]
    assert not any("stretch" in alias for alias in clamshell.aliases), "it strengthens"
    lunge = CATALOG.exercises["deep-lunge-glute"]
    assert lunge.targets == ["hip-flexors"], "the back leg's hip flexors are what stretch"
    assert CATALOG.exercises["prone-back-extension"].kind == "mobility"


ER_END = "hip_external_rotation_end_range"
DEEP = "deep_hip_flexion"
NERVE = "neural_tension"


@pytest.mark.parametrize(
    ("exercise_id", "classes"),
    [
        ("seated-figure-four", {"hip_crossing", ER_END, "neural_tension"}),
        ("knee-to-chest", {"deep_hip_flexion", "spinal_flexion", "supine"}),
        ("supine-figure-four", {"supine", "hip_crossing", ER_END, "deep_hip_flexion"}),
        ("standing-figure-four", {"single_leg_balance", "hip_crossing", ER_END, NERVE}),
        ("clamshell", {"side_lying"}),
        ("prone-back-extension", {"prone", "spinal_extension"}),
        ("seated-spinal-twist", {"spinal_rotation", "hip_crossing", DEEP, "neural_tension"}),
        ("glute-bridge", {"supine"}),
        ("pelvic-tilt", {"supine", "spinal_flexion"}),
        # The front shin lies across the body, as in the figure-fours (physio review).
        ("pigeon-pose", {"hip_crossing", ER_END, DEEP, "kneeling_load"}),
        # Hands on the floor beside the front foot take the front hip past 90 degrees.
        ("deep-lunge-glute", {"kneeling_load", DEEP}),
        ("standing-hip-abduction", {"single_leg_balance"}),
    ],
)  # fmt: skip
def test_movement_classes_of_key_exercises(exercise_id: str, classes: set[str]) -> None:
    assert set(CATALOG.exercises[exercise_id].movement_classes) == classes


def test_variants_carry_their_own_load() -> None:
    supine = CATALOG.exercises["supine-figure-four"]
    assert "deep_hip_flexion" not in supine.classes_of("Foot stays down")
    assert "deep_hip_flexion" in supine.classes_of(None)
    seated = CATALOG.exercises["seated-figure-four"]
    assert "neural_tension" not in seated.classes_of("Stay upright")
    assert "hip_crossing" in CATALOG.exercises["knee-to-chest"].classes_of(
        "Knee toward opposite shoulder"
    )
    lunge = CATALOG.exercises["deep-lunge-glute"]
    assert "spinal_extension" in lunge.classes_of("Long lunge with arm reach")
    assert "deep_hip_flexion" not in lunge.classes_of("Short lunge")
    pigeon = CATALOG.exercises["pigeon-pose"]
    assert "hip_crossing" in pigeon.classes_of("Forward fold")


def _regression_load(ex: Exercise) -> tuple[str, frozenset[str]]:
    """Where an exercise's regression is done and what it loads."""
    if ex.regression is not None:
        gentler = CATALOG.exercises[ex.regression]
        return gentler.position, gentler.classes_of(None)
    return ex.position, ex.classes_of(ex.regression_variant)


def test_the_two_hip_flexor_lunges_regress_to_different_positions_or_loads() -> None:
    kneeling = CATALOG.exercises["kneeling-hip-flexor"]
    lunge = CATALOG.exercises["deep-lunge-glute"]
    assert _regression_load(kneeling) != _regression_load(lunge)


def test_the_seated_twist_on_a_chair_is_said_to_be_on_a_chair() -> None:
    twist = CATALOG.exercises["seated-spinal-twist"]
    assert twist.position_of("On a chair") == "seated-chair"
    assert twist.position_of(None) == "seated-floor"


def test_bird_dog_is_not_called_a_spine_extension() -> None:
    assert not any("extension" in a for a in CATALOG.exercises["bird-dog"].aliases)


def test_the_tendon_sparing_glute_move_stands() -> None:
    move = CATALOG.exercises["standing-hip-abduction"]
    assert move.kind == "strength" and move.position == "standing"
    assert "gluteus-medius" in move.targets
    assert "side_lying" not in move.movement_classes
    assert "grimaldi-2015" in move.sources


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_every_exercise_has_a_regression_or_says_why_not(ex: Exercise) -> None:
    if ex.regression is not None:
        gentler = CATALOG.exercises[ex.regression]
        assert (gentler.position, set(gentler.movement_classes)) != (
            ex.position,
            set(ex.movement_classes),
        )
    elif ex.regression_variant is not None:
        variant = ex.variant(ex.regression_variant)
        assert variant is not None and variant.direction == "easier"
    else:
        assert ex.no_regression


def test_named_regressions() -> None:
    assert CATALOG.exercises["supine-figure-four"].regression_variant == "Foot stays down"
    assert CATALOG.exercises["knee-to-chest"].regression_variant == "Other knee bent"
    assert CATALOG.exercises["deep-lunge-glute"].regression != "kneeling-hip-flexor"
    assert CATALOG.exercises["glute-bridge"].regression == "pelvic-tilt"


def test_strength_sets_grow_with_level() -> None:
    strength = [ex for ex in EXERCISES if ex.kind == "strength"]
    assert {ex.id for ex in strength} >= {"glute-bridge", "pelvic-tilt", "bird-dog", "clamshell"}
    for ex in strength:
        doses = dict(ex.dosage.levels())
        assert doses["beginner"].sets == 1 and (doses["beginner"].max_sets or 1) == 1
        assert doses["intermediate"].sets == 2 and (doses["intermediate"].max_sets or 2) == 2
        assert 2 <= doses["advanced"].sets <= (doses["advanced"].max_sets or 2) <= 3
        assert ex.limits.sets_source == "acsm-resistance-training"


def test_lookup_by_alias_and_suggestions_for_typos() -> None:
    assert CATALOG.exercise("Piriformis Stretch").id == "supine-figure-four"
    assert CATALOG.exercise("opposite arm and leg reach").id == "bird-dog"
    with pytest.raises(UnknownIdError) as caught:
        CATALOG.exercise("clamshel")
    assert "clamshell" in caught.value.suggestions


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def test_an_unknown_field_is_an_error_naming_file_and_field(data_copy: Path) -> None:
    path = data_copy / "exercises" / "clamshell.toml"
    path.write_text(path.read_text() + '\ncolour = "red"\n')
    with pytest.raises(CatalogError, match=r"clamshell\.toml.*colour"):
        load_catalog(data_copy)


def test_a_broken_link_is_reported(data_copy: Path) -> None:
    path = data_copy / "exercises" / "pigeon-pose.toml"
    path.write_text(path.read_text().replace('"supine-figure-four"', '"supine-figure-five"', 1))
    with pytest.raises(CatalogError, match="supine-figure-five"):
        load_catalog(data_copy)


def test_a_dose_out_of_shape_is_rejected() -> None:
    with pytest.raises(ValueError, match="seconds_per_rep"):
        Dose(reps=10, sets=1)
    with pytest.raises(ValueError, match="hold_seconds, reps or work_seconds"):
        Dose(sets=2)
