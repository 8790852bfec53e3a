"""Version-1 documents (before issue 11) are read by upgrading, and always re-asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from screen_cases import FIXTURES_V1, TODAY
from supple.answers import QUESTION_FIELDS, AnswersError, IncompleteAnswers, read_answers
from supple.catalog import default_catalog
from supple.planning import build_plan
from supple.screening import screen

V1_FILES = sorted(FIXTURES_V1.glob("*.json"))

# Issue 11: what version 2 adds or asks differently is unanswered after an upgrade.
ALWAYS_REASKED = {
    "about.age",
    "about.pregnancy",
    "red_flags.peeing_sensation_change",
    "red_flags.sexual_change",
    "red_flags.sudden_tearing_pain",
    "red_flags.faint_or_collapse",
    "red_flags.pulsing_tummy",
    "red_flags.loin_colic",
    "red_flags.recent_infection",
    "red_flags.cannot_bear_weight_after_fall",
    "red_flags.walking_much_harder_after_fall",
    "red_flags.pregnancy_warning",
    "red_flags.numbness_tingling",
    "red_flags.leg_weakness",
    "history.bone_fragility",
    "history.recent_spine_procedure",
    "history.hip_replacement",
    "pain.areas",
    "pain.onset",
    "pain.trend",
    "pain.first_episode",
    "pain.assessed",
    "pain.stops_sleep_or_self_care",
    "pain.struggling_to_cope",
    "pain.morning_stiffness_over_30_min",
    "pain.eases_with_movement_not_rest",
    "pain.wakes_second_half_of_night",
    "pain.legs_worse_walking_eased_sitting",
}


def v1(name: str) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((FIXTURES_V1 / f"{name}.json").read_text())
    return raw


@pytest.mark.parametrize("path", V1_FILES, ids=[p.stem for p in V1_FILES])
def test_every_version_1_fixture_upgrades_and_never_gets_a_routine(path: Path) -> None:
    document = read_answers(json.loads(path.read_text()))
    assert isinstance(document, IncompleteAnswers)
    assert set(document.unanswered) >= ALWAYS_REASKED
    assert set(document.unanswered) <= set(QUESTION_FIELDS)
    assert document.values["version"] == 2
    assert "cleared_by_clinician" not in document.to_dict()
    result = screen(document, today=TODAY)
    assert result.routine_allowed is False
    assert result.to_dict()["unanswered"] == list(document.unanswered)
    plan = build_plan(document, default_catalog(), today=TODAY)
    assert plan.routine is None and plan.assessment.contributors == []
    assert read_answers(document.to_dict()) == document


def test_an_emergency_answer_is_an_emergency_whatever_else_is_missing() -> None:
    result = screen(read_answers(v1("emergency")), today=TODAY)
    assert result.level == "emergency"
    assert {"saddle_numbness", "bladder_change"} <= {r.rule for r in result.reasons}


def test_a_clearance_from_version_1_is_dropped_and_must_be_given_again() -> None:
    raw = v1("cleared")
    assert raw["cleared_by_clinician"] is True
    document = read_answers(raw)
    assert isinstance(document, IncompleteAnswers)
    assert document.clearance == () and "clearance" not in document.to_dict()


def test_answers_with_the_same_meaning_are_kept_and_others_are_provisional() -> None:
    raw = v1("see_clinician")  # numbness in one leg, pain below the right knee
    document = read_answers(raw)
    assert isinstance(document, IncompleteAnswers)
    values = document.values
    assert values["red_flags"]["saddle_numbness"] is False
    assert "red_flags.saddle_numbness" not in document.unanswered
    assert values["pain"]["intensity"] == 5
    # A "yes" to numbness in one leg means at least one leg: counted, and asked again.
    assert values["red_flags"]["numbness_tingling"] == "one_leg"
    assert "red_flags.numbness_tingling" in document.unanswered
    assert values["pain"]["legs"] == {"right": "below_knee", "left": "none"}
    assert {"pain.legs.left", "pain.legs.right"} <= set(document.unanswered)
    result = screen(document, today=TODAY)
    assert result.level == "see_clinician"


def test_a_version_1_no_to_numbness_is_asked_again_not_assumed() -> None:
    document = read_answers(v1("ok"))
    assert "numbness_tingling" not in document.values["red_flags"]
    assert document.values["pain"]["legs"] == {"left": "none", "right": "none"}
    assert "pain.legs.left" not in document.unanswered


def test_a_version_1_document_missing_a_red_flag_upgrades_instead_of_failing() -> None:
    raw = v1("ok")
    del raw["red_flags"]["fever"]
    document = read_answers(raw)
    assert "red_flags.fever" in document.unanswered


@pytest.mark.parametrize(
    ("change", "start"),
    [
        (("red_flags", "fever", "no"), "red_flags.fever:"),
        (("pain", "radiates", "foot"), "pain.radiates:"),
        (("pain", "colour", "red"), "pain.colour: unknown field"),
    ],
)
def test_a_broken_version_1_document_is_still_an_error(
    change: tuple[str, str, object], start: str
) -> None:
    section, key, value = change
    raw = v1("ok")
    raw[section][key] = value
    with pytest.raises(AnswersError) as caught:
        read_answers(raw)
    assert caught.value.problems[0].startswith(start)


def test_an_export_with_version_1_answers_imports_and_upgrades_on_read(store: Any) -> None:
    """Exports made before issue 11 hold version-1 answers: they restore unchanged and are
    read as incomplete (re-asked), never as an error."""
    store.save_answers("old", v1("see_clinician"))
    exported = json.loads(json.dumps(store.export_profile("old")))
    store.import_export(exported, profile="restored")
    record = store.latest_answers("restored")
    assert record is not None and record.document == v1("see_clinician")
    document = read_answers(record.document)
    assert isinstance(document, IncompleteAnswers)
    assert screen(document, today=TODAY).routine_allowed is False
