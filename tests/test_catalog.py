"""The real catalog loads, is complete, cross-checks, and stays inside the articles' figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, require
from supple.catalog import CatalogError, UnknownIdError, default_catalog, load_catalog
from supple.catalog.loader import DATA_DIR
from supple.catalog.models import LEVELS, Dose, Exercise

REQUIRED_EXERCISES = {
    "march-in-place", "brisk-walk", "light-jog", "arm-circles", "supine-figure-four",
    "seated-figure-four", "standing-figure-four", "knee-to-chest", "seated-spinal-twist",
    "supine-spinal-twist", "childs-pose", "kneeling-hip-flexor", "deep-lunge-glute", "side-bend",
    "cat-cow", "pigeon-pose", "clamshell", "side-lying-hip-abduction", "bird-dog",
    "prone-back-extension",
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
    "sources",
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
    assert any(v.direction == "easier" for v in ex.variants), f"{ex.id}: no easier variant"
    if ex.kind != "warmup":
        assert "mat" in ex.required_equipment or ex.position in {"standing", "seated-chair"}


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_dosage_stays_inside_what_the_articles_say(ex: Exercise) -> None:
    limits = ex.limits
    for level in LEVELS:
        dose = ex.dosage.for_level(level)
        for field in ("hold_seconds", "reps", "sets", "work_seconds"):
            value = getattr(dose, field)
            if value is None or (field == "sets" and value == 1 and limits.sets is None):
                continue
            allowed = getattr(limits, field)
            assert allowed is not None, f"{ex.id}: {field} used but the articles give no range"
            low, high = allowed
            assert low <= value <= high, f"{ex.id} {level} {field}={value} outside {allowed}"


def _work(dose: Dose, per_side: bool) -> float:
    """Seconds of effort a dose asks for, to compare levels."""
    if dose.work_seconds is not None:
        return dose.work_seconds
    per_set = (dose.reps or 1) * (dose.seconds_per_rep or dose.hold_seconds or 0)
    return per_set * dose.sets * (2 if per_side else 1)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_levels_never_get_easier_as_they_go_up(ex: Exercise) -> None:
    work = [_work(ex.dosage.for_level(level), ex.per_side) for level in LEVELS]
    assert work == sorted(work), f"{ex.id}: {dict(zip(LEVELS, work, strict=True))}"


def test_sources_name_real_articles() -> None:
    seeds = REPO.parent / "shared" / "seeds"
    require(seeds.is_dir(), f"the source articles in {seeds}")
    on_disk = {p.name for p in seeds.glob("*.txt")}
    assert set(CATALOG.articles) == on_disk
    used = {s for ex in EXERCISES for s in ex.sources}
    used |= {s for m in CATALOG.muscles.values() for s in m.sources}
    used |= {s for c in CATALOG.conditions.values() for s in c.sources}
    used |= {s for p in CATALOG.principles.values() for s in p.sources}
    assert used <= on_disk
    assert used == on_disk, f"articles never cited: {on_disk - used}"


def test_links_resolve_and_pigeon_is_guarded() -> None:
    for ex in EXERCISES:
        for link in (ex.regression, ex.progression):
            assert link is None or link in CATALOG.exercises
    pigeon = CATALOG.exercises["pigeon-pose"]
    assert pigeon.advanced_only and pigeon.regression == "supine-figure-four"
    assert [ex.id for ex in EXERCISES if ex.advanced_only] == ["pigeon-pose"]


def test_lookup_by_alias_and_suggestions_for_typos() -> None:
    assert CATALOG.exercise("Piriformis Stretch").id == "supine-figure-four"
    assert CATALOG.exercise("spine extension").id == "bird-dog"
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
