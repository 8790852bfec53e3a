"""The routine planner: every rule of the issue's Planner section, one by one and at random.

Unit tests use a small fixture catalog (tests/fixtures/catalog) whose contents the tests
control; the property tests run the real catalog against random valid answers.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plan_checks import (
    PHASES,
    WARMUP_MAX,
    allowed,
    assert_no_avoided_class,
    brute_force_cost,
    capacity_seconds,
    cost,
    eligible,
    exercise_capacity,
    phases_of,
    removed_by_precautions,
    serves,
    touched_by_precautions,
)
from screen_cases import TODAY, calm, changed, days_ago
from strategies import valid_answers
from supple.answers import PAIN_BOOLEANS, Answers, parse_answers
from supple.assessment import assess
from supple.catalog import Catalog, default_catalog, load_catalog
from supple.catalog.models import Exercise
from supple.planning import Adjustments, build_plan, plan_routine
from supple.planning.filters import allowed_positions, dosing, easier_variant
from supple.planning.selection import GENTLE_MAX_MOVES
from supple.screening import CLEARABLE, default_rules, screen
from supple.timeline import build_timeline

FIXTURES = Path(__file__).parent / "fixtures"
# Changes to the calm fixture (tests/fixtures/answers/ok.json) that the tests start from.
BASE_PAIN: dict[str, Any] = {
    "intensity": 3,
    "areas": ["upper_buttock", "deep_buttock"],
    "side": "left",
    "character": "dull_ache",
    "weeks": 4,
    "worse_sitting": True,
    "worse_sit_to_stand": False,
    "tender_deep_buttock": True,
    "hurts_crossing_legs": True,
    "sitting_hours": 2,
}
# A warning sign by name, and the answer that raises it.
FLAG_VALUES: dict[str, Any] = {"numbness_tingling": "one_leg", "leg_weakness": "one_leg"}


@functools.cache
def fixture_catalog() -> Catalog:
    return load_catalog(FIXTURES / "catalog")


@pytest.fixture(scope="module")
def small() -> Catalog:
    return fixture_catalog()


def make(*, flags: dict[str, bool] | None = None, cleared: bool = False, **changes: Any) -> Answers:
    """Answers from a calm baseline; keyword arguments change pain fields or preferences.

    ``cleared`` adds a clinician's clearance, dated yesterday, for every clearable rule
    the answers trigger (a rule that cannot be cleared stays uncleared).
    """
    raw = calm()
    raw["pain"].update(BASE_PAIN)
    raw["preferences"] = {}
    for key, value in changes.items():
        (raw["pain"] if key in raw["pain"] else raw["preferences"])[key] = value
    for name, on in (flags or {}).items():
        if on:
            raw["red_flags"][name] = FLAG_VALUES.get(name, True)
    answers = parse_answers(raw)
    if not cleared:
        return answers
    rules = default_rules()
    serious = [r.rule for r in screen(answers, today=TODAY).reasons if r.level in CLEARABLE]
    raw["pain"]["assessed"] = True  # a clearance needs a clinician who examined this pain
    raw["clearance"] = [
        {"rule": rule, "date": days_ago(1), "triggering": serious}
        for rule in serious
        if rules.by_id(rule).clearable
    ]
    return parse_answers(raw)


def routine_of(answers: Answers, catalog: Catalog, **kw: Any) -> dict[str, Any]:
    plan = build_plan(answers, catalog, **kw, today=TODAY).to_dict()
    assert plan["routine"] is not None
    routine: dict[str, Any] = plan["routine"]
    return routine


def ids(routine: dict[str, Any]) -> list[str]:
    return [item["exercise"] for item in routine["items"]]


def warmup_seconds(routine: dict[str, Any]) -> int:
    return sum(i["duration_seconds"] for i in routine["items"] if i["kind"] == "warmup")


# --- eligibility -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("can", "expected"),
    [
        (["floor"], {"seated-floor", "supine", "prone", "side-lying"}),
        (["kneel"], set()),
        (
            ["floor", "kneel"],
            {
                "seated-floor",
                "supine",
                "prone",
                "side-lying",
                "kneeling",
                "half-kneeling",
                "all-fours",
            },
        ),
        (["chair"], {"seated-chair"}),
        (["standing"], {"standing"}),
        ([], set()),
    ],
)
def test_can_maps_to_positions_exactly_as_the_issue_says(
    can: list[str], expected: set[str]
) -> None:
    assert allowed_positions(can) == expected


@pytest.mark.parametrize(
    "can", [["standing"], ["chair"], ["floor"], ["floor", "kneel"], ["standing", "chair"]]
)
def test_only_positions_the_person_can_do_appear(small: Catalog, can: list[str]) -> None:
    routine = routine_of(make(can=can, minutes=30), small)
    assert routine["items"]
    assert {item["position"] for item in routine["items"]} <= allowed(can)


def test_kneeling_without_floor_is_not_offered(small: Catalog) -> None:
    routine = routine_of(make(can=["standing", "kneel"], minutes=30), small)
    assert {i["position"] for i in routine["items"]} == {"standing"}


def test_equipment_the_person_lacks_rules_an_exercise_out(small: Catalog) -> None:
    with_mat = ids(routine_of(make(equipment=["mat", "chair"], minutes=40), small))
    without = ids(routine_of(make(equipment=["chair"], minutes=40), small))
    assert "supine-figure-four" in with_mat
    mat_moves = {k for k, e in small.exercises.items() if "mat" in e.required_equipment}
    assert not set(without) & mat_moves


def test_advanced_only_exercises_appear_only_at_advanced_level(small: Catalog) -> None:
    # Pigeon is the fixture's advanced-only stretch for the piriformis.
    for level in ("beginner", "intermediate"):
        assert "pigeon" not in ids(routine_of(make(level=level, minutes=60), small))
    assert "pigeon" in ids(routine_of(make(level="advanced", minutes=60), small))


# --- gentle mode -------------------------------------------------------------------


def test_gentle_mode_uses_beginner_doses_easier_variants_and_nothing_advanced(
    small: Catalog,
) -> None:
    answers = make(level="advanced", minutes=60, character="sharp")
    assert screen(answers, today=TODAY).gentle
    routine = routine_of(answers, small)
    assert routine["gentle"] is True and routine["level"] == "advanced"
    assert "pigeon" not in ids(routine)
    for item in routine["items"]:
        beginner = small.exercises[item["exercise"]].dosage.beginner
        assert item["hold_seconds"] == beginner.hold_seconds
        assert item["reps"] == beginner.reps
        assert item["variant"] is not None
        easier = {
            v.name for v in small.exercises[item["exercise"]].variants if v.direction == "easier"
        }
        assert item["variant"] in easier


def test_gentle_mode_keeps_beginner_sets_and_few_moves() -> None:
    # Nerve-root pattern at advanced level for 30 minutes (physio review: 15 moves and
    # stretches at 3 sets in a mode that promises beginner doses).
    raw = json.loads((FIXTURES / "profiles" / "nerve_root.json").read_text())
    raw["preferences"].update(level="advanced", minutes=30)
    answers = parse_answers(raw)
    assert isinstance(answers, Answers)
    catalog = default_catalog()
    plan = build_plan(answers, catalog, today=TODAY)
    assert plan.routine is not None and plan.routine.gentle
    moves = [item for item in plan.routine.items if item.kind != "warmup"]
    assert 0 < len(moves) <= GENTLE_MAX_MOVES
    for item in moves:
        assert item.sets == catalog.exercises[item.exercise].dosage.for_level("beginner").sets


def test_a_variant_needing_missing_equipment_is_not_suggested(small: Catalog) -> None:
    # Every fixture exercise lists "Smaller range" (no equipment) before "Strap help".
    routine = routine_of(make(minutes=30, character="burning", equipment=["mat", "chair"]), small)
    assert {i["variant"] for i in routine["items"]} == {"Smaller range"}
    catalog = default_catalog()
    figure_four = catalog.exercises["supine-figure-four"]
    assert figure_four.variants[0].equipment == ["strap"]
    real = routine_of(make(minutes=60, character="sharp", equipment=["mat"]), catalog)
    for item in real["items"]:
        if item["exercise"] == "supine-figure-four":
            assert item["variant"] == "Foot stays down"


def test_variant_is_null_outside_gentle_mode(small: Catalog) -> None:
    routine = routine_of(make(minutes=30), small)
    assert all(item["variant"] is None for item in routine["items"])


# --- dosage ------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_dosage_follows_the_level(small: Catalog, level: str) -> None:
    routine = routine_of(make(level=level, minutes=20), small)
    for item in routine["items"]:
        exercise = small.exercises[item["exercise"]]
        dose = exercise.dosage.for_level(level)  # type: ignore[arg-type]
        assert (item["hold_seconds"], item["reps"]) == (dose.hold_seconds, dose.reps)
        top = int(exercise.limits.sets[1]) if exercise.limits.sets else dose.sets
        assert dose.sets <= item["sets"] <= max(top, dose.sets)


def test_level_and_minutes_options_override_the_answers(small: Catalog) -> None:
    answers = make(level="beginner", minutes=15)
    routine = routine_of(answers, small, minutes=25, level="intermediate")
    assert routine["minutes_requested"] == 25 and routine["level"] == "intermediate"
    stretch = next(i for i in routine["items"] if i["exercise"] == "supine-figure-four")
    assert (
        stretch["hold_seconds"]
        == small.exercises["supine-figure-four"].dosage.intermediate.hold_seconds
    )


# --- warm-up and phases ------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "least"), [(8, 180), (14, 180), (15, 300), (40, 300)])
def test_warm_up_comes_first_and_lasts_long_enough(
    small: Catalog, minutes: int, least: int
) -> None:
    routine = routine_of(make(minutes=minutes), small)
    assert routine["items"][0]["kind"] == "warmup"
    assert warmup_seconds(routine) >= least


def test_phases_run_warm_up_mobility_strength_stretch(small: Catalog) -> None:
    routine = routine_of(make(minutes=45, areas=["lower_back", "outer_hip"]), small)
    kinds = [item["kind"] for item in routine["items"]]
    assert kinds == sorted(kinds, key=PHASES.index)
    assert set(kinds) == set(PHASES)


def test_without_any_warm_up_move_the_most_supported_mobility_move_stands_in(
    small: Catalog,
) -> None:
    # Floor and kneeling only: neither fixture warm-up (standing, chair) is possible.
    routine = routine_of(make(can=["floor", "kneel"], minutes=20), small)
    first = routine["items"][0]
    assert first["kind"] == "warmup"
    assert small.exercises[first["exercise"]].kind == "mobility"
    # Lying down is the most supported position, so the supine twist goes first.
    assert first["exercise"] == "supine-twist"
    assert "none of the warm-up moves suit" in first["why"]
    # Both fixture mobility moves at their top sets make the longest warm-up possible.
    warm = [i for i in routine["items"] if i["kind"] == "warmup"]
    assert [i["exercise"] for i in warm] == ["supine-twist", "cat-cow"]
    assert all(i["sets"] == 3 for i in warm)


def test_mobility_tops_up_a_warm_up_too_short_on_its_own(small: Catalog) -> None:
    # Chair only: the fixture's seated march tops out below five minutes, so the chair
    # twist joins the warm-up to make up the time.
    routine = routine_of(make(can=["chair"], minutes=20), small)
    warm = [i for i in routine["items"] if i["kind"] == "warmup"]
    assert [i["exercise"] for i in warm] == ["seated-march", "chair-twist"]
    assert "make it long enough" in warm[1]["why"]
    assert warmup_seconds(routine) > 0


def test_with_no_warm_up_or_mobility_move_possible_the_advice_says_so() -> None:
    # The real catalog has no chair-only warm-up or mobility move.
    plan = build_plan(make(can=["chair"], minutes=15), default_catalog(), today=TODAY).to_dict()
    routine = plan["routine"]
    assert routine["items"], "chair stretches are still offered"
    assert all(item["kind"] != "warmup" for item in routine["items"])
    assert any("before you start, move gently" in line for line in plan["advice"])


def test_nothing_possible_gives_an_empty_routine_not_a_crash(small: Catalog) -> None:
    plan = build_plan(make(can=["kneel"]), small, today=TODAY).to_dict()
    assert plan["routine"]["items"] == [] and plan["routine"]["estimated_seconds"] == 0
    assert any("None of the exercises suit" in line for line in plan["advice"])


# --- coverage ----------------------------------------------------------------------


def covered(routine: dict[str, Any], contributor: str, catalog: Catalog) -> bool:
    """An exercise (not a warm-up move) in the routine targets the contributor's muscles."""
    return any(
        serves(contributor, i) and catalog.exercises[i["exercise"]].kind != "warmup"
        for i in routine["items"]
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},  # piriformis pattern
        {"areas": ["outer_hip"], "worse_stairs_or_walking": True, "worse_lying_on_side": True},
        {"areas": ["lower_back"], "side": "right", "worse_bending": True, "sitting_hours": 9},
        {"legs": {"left": "none", "right": "below_knee"}, "character": "shooting"},
        {"onset": "after_effort"},
    ],
)
def test_every_likely_contributor_gets_an_exercise(small: Catalog, changes: dict[str, Any]) -> None:
    answers = make(minutes=15, **changes)
    likely = [c.id for c in assess(answers).contributors if c.score >= 0.5]
    assert likely
    routine = routine_of(answers, small)
    for contributor in likely:
        assert covered(routine, contributor, small), contributor


def test_coverage_comes_before_filling_time(small: Catalog) -> None:
    # At 8 minutes there is room for little besides the warm-up: the exercise that is
    # there must serve the likeliest contributor (piriformis), not just fill time.
    routine = routine_of(make(minutes=8), small)
    assert covered(routine, "piriformis", small)


def test_glute_medius_and_trunk_strengthening_when_time_allows(small: Catalog) -> None:
    routine = routine_of(make(minutes=30), small)
    strength = [i for i in routine["items"] if i["kind"] == "strength"]
    assert any("gluteus-medius" in i["targets"] for i in strength)
    trunk = {"multifidus", "erector-spinae", "quadratus-lumborum", "obliques"}
    assert any(trunk & set(i["targets"]) for i in strength)


def test_the_trunk_strength_slot_takes_a_true_strength_move() -> None:
    real = default_catalog()
    trunk = {m for m, muscle in real.muscles.items() if muscle.group in ("trunk", "lower-back")}
    for can in (["floor"], ["floor", "kneel", "standing"]):
        routine = routine_of(make(minutes=25, can=can, equipment=["mat"]), real)
        strength = [i for i in routine["items"] if i["kind"] == "strength"]
        assert any(trunk & set(i["targets"]) for i in strength), can
        assert "prone-back-extension" not in {i["exercise"] for i in strength}


def test_strength_sets_follow_the_level() -> None:
    real = default_catalog()
    for level, most in (("beginner", 1), ("intermediate", 2), ("advanced", 3)):
        routine = routine_of(make(minutes=60, level=level, equipment=["mat", "chair"]), real)
        sets = [i["sets"] for i in routine["items"] if i["kind"] == "strength"]
        assert sets and max(sets) <= most, (level, sets)
        assert min(sets) >= (1 if level == "beginner" else 2)


def test_a_move_that_loads_the_knees_needs_kneeling() -> None:
    real = default_catalog()
    answers = make(minutes=60, level="advanced", can=["floor", "standing"], equipment=["mat"])
    routine = routine_of(answers, real)
    for item in routine["items"]:
        assert "kneeling_load" not in real.exercises[item["exercise"]].movement_classes


def test_a_pain_stop_on_a_variant_chain_keeps_the_move_as_its_easier_variant() -> None:
    real = default_catalog()
    answers = make(minutes=30, equipment=["mat"])
    plan = build_plan(
        answers,
        real,
        today=TODAY,
        adjustments=Adjustments(variants={"knee-to-chest": "Other knee bent"}),
    )
    assert plan.routine is not None
    item = next(i for i in plan.routine.items if i.exercise == "knee-to-chest")
    assert item.variant == "Other knee bent"
    assert any("easier version for now, Other knee bent" in line for line in plan.advice)


def test_a_pain_stop_on_a_move_already_done_as_its_easier_variant_leaves_it_out() -> None:
    # These answers' crossed-leg precaution already does the figure four on the back as
    # "Foot stays down", the end of its chain: a stop leaves it out (issue 13).
    real = default_catalog()
    answers = make(minutes=30, equipment=["mat"])
    plan = build_plan(
        answers,
        real,
        today=TODAY,
        adjustments=Adjustments(variants={"supine-figure-four": "Foot stays down"}),
    )
    assert plan.routine is not None
    assert "supine-figure-four" not in {i.exercise for i in plan.routine.items}
    assert any(
        "already done as its easier version (Foot stays down)" in line for line in plan.advice
    )


def test_gentle_mode_starts_with_the_regression_variant() -> None:
    real = default_catalog()
    supine = real.exercises["supine-figure-four"]
    assert easier_variant(supine, ["mat", "strap"]) == "Foot stays down"


def test_each_why_names_the_answers_behind_it_and_never_diagnoses(small: Catalog) -> None:
    routine = routine_of(make(minutes=20), small)
    stretch = next(i for i in routine["items"] if i["exercise"] == "supine-figure-four")
    assert "pain is worse when sitting" in stretch["why"]
    assert "may be involved" in stretch["why"]
    for item in routine["items"]:
        assert item["why"]
        lowered = item["why"].lower()
        assert "you have" not in lowered and "diagnos" not in lowered


# --- time --------------------------------------------------------------------------


def test_spare_time_never_stretches_the_warm_up_past_ten_minutes() -> None:
    """Standing only, 30 minutes: the catalog has little to offer, and the answer is a
    shorter routine that says why, not twenty minutes of marching and arm circles."""
    answers = make(minutes=30, can=["standing"])
    plan = build_plan(answers, default_catalog(), today=TODAY)
    assert plan.routine is not None
    routine = plan.to_dict()["routine"]
    assert 300 <= warmup_seconds(routine) <= WARMUP_MAX
    assert routine["estimated_seconds"] < 0.85 * 30 * 60
    assert any("of the 30 minutes you asked for" in line for line in plan.advice)


@pytest.mark.parametrize("minutes", [8, 10, 15, 22, 30, 45, 60])
def test_time_never_exceeds_and_fills_at_least_85_percent(small: Catalog, minutes: int) -> None:
    answers = make(minutes=minutes)
    routine = routine_of(answers, small)
    cap = minutes * 60
    assert routine["estimated_seconds"] <= cap
    if capacity_seconds(small, answers, "beginner", False) >= 0.85 * cap:
        assert routine["estimated_seconds"] >= 0.85 * cap


def test_more_exercises_come_before_more_sets(small: Catalog) -> None:
    # A long session with room for everything: every allowed exercise is in it.
    answers = make(minutes=60, can=["standing", "chair", "floor", "kneel"])
    routine = routine_of(answers, small)
    allowed_ids = {k for k, e in small.exercises.items() if eligible(e, answers, "beginner", False)}
    assert set(ids(routine)) == allowed_ids
    # A short one: extra sets only once no further exercise fits.
    short = routine_of(make(minutes=12), small)
    if any(i["sets"] > small.exercises[i["exercise"]].dosage.beginner.sets for i in short["items"]):
        assert len(short["items"]) >= 2


def test_estimated_seconds_is_the_timeline_total(small: Catalog) -> None:
    answers = make(minutes=25)
    routine = plan_routine(answers, screen(answers, today=TODAY), assess(answers), small)
    assert routine is not None
    assert routine.estimated_seconds == build_timeline(routine, small).total_seconds


# --- order -------------------------------------------------------------------------


def test_order_is_the_exhaustive_optimum(small: Catalog) -> None:
    for minutes in (10, 20, 40, 60):
        routine = routine_of(make(minutes=minutes, areas=["lower_back", "outer_hip"]), small)
        positions = [i["position"] for i in routine["items"]]
        best = brute_force_cost(phases_of(routine))
        assert cost(positions) == best
        assert (routine["floor_transitions"], routine["position_changes"]) == best


# --- screen gates ------------------------------------------------------------------


def test_emergency_never_gets_a_routine(small: Catalog) -> None:
    plan = build_plan(
        make(flags={"saddle_numbness": True}, cleared=True), small, today=TODAY
    ).to_dict()
    assert plan["routine"] is None and plan["screen"]["level"] == "emergency"
    assert plan["advice"] and plan["advice"][0] == plan["screen"]["reasons"][0]["advice"]


@pytest.mark.parametrize("flag", ["cough_sneeze_worse", "numbness_tingling"])
def test_urgent_and_see_clinician_need_clearance_and_then_go_gently(
    small: Catalog, flag: str
) -> None:
    held = build_plan(make(flags={flag: True}, level="advanced"), small, today=TODAY).to_dict()
    assert held["routine"] is None
    assert any("until a GP or physiotherapist has examined" in a for a in held["advice"])
    cleared = build_plan(
        make(flags={flag: True}, level="advanced", cleared=True), small, today=TODAY
    ).to_dict()
    assert cleared["routine"]["gentle"] is True
    assert "pigeon" not in ids(cleared["routine"])


def test_a_rule_that_cannot_be_cleared_keeps_the_routine_withheld(small: Catalog) -> None:
    plan = build_plan(make(flags={"fever": True}, cleared=True), small, today=TODAY)
    assert plan.routine is None
    assert any("no clearance can change that" in a for a in plan.advice)


def test_very_strong_pain_caps_the_session_at_15_minutes(small: Catalog) -> None:
    plan = build_plan(make(intensity=9, minutes=40), small, today=TODAY)
    assert plan.routine is not None and plan.routine.gentle
    assert plan.routine.minutes_requested == 15
    assert plan.routine.estimated_seconds <= 15 * 60
    assert any("kept to 15 minutes" in a for a in plan.advice)


def test_plan_document_has_exactly_the_contract_keys(small: Catalog) -> None:
    plan = build_plan(make(), small, today=TODAY).to_dict()
    assert set(plan) == {
        "version",
        "escalation",
        "screen",
        "assessment",
        "routine",
        "advice",
        "kept_out",
        "success",
    }
    assert set(plan["screen"]) == {"level", "reasons", "routine_allowed", "unanswered"}
    assert set(plan["routine"]) == {
        "level",
        "gentle",
        "minutes_requested",
        "estimated_seconds",
        "floor_transitions",
        "position_changes",
        "items",
    }
    for item in plan["routine"]["items"]:
        assert set(item) == {
            "exercise",
            "name",
            "kind",
            "position",
            "per_side",
            "hold_seconds",
            "reps",
            "sets",
            "duration_seconds",
            "targets",
            "why",
            "variant",
        }
    json.dumps(plan)


# --- advice ------------------------------------------------------------------------


def test_advice_lists_the_screen_advice_then_principles_that_apply(small: Catalog) -> None:
    answers = make(character="sharp", sitting_hours=9)
    plan = build_plan(answers, small, today=TODAY).to_dict()
    reasons = [r["advice"] for r in plan["screen"]["reasons"]]
    assert plan["advice"][: len(reasons)] == reasons
    text = " ".join(plan["advice"])
    assert small.principles["movement-breaks"].rule in text
    assert small.principles["stop-on-sharp-pain"].rule in text
    calm = build_plan(
        make(sitting_hours=1, worse_sitting=False, level="advanced"), small, today=TODAY
    )
    calm_text = " ".join(calm.advice)
    assert small.principles["movement-breaks"].rule not in calm_text
    assert small.principles["start-slowly"].rule not in calm_text
    assert small.principles["check-first-with-conditions"].rule not in calm_text
    arthritis = build_plan(make(hip_arthritis=True), small, today=TODAY)
    assert small.principles["check-first-with-conditions"].rule in " ".join(arthritis.advice)


# --- adjustments (history) ---------------------------------------------------------


def test_empty_adjustments_change_nothing(small: Catalog) -> None:
    answers = make(minutes=20)
    assert (
        build_plan(answers, small, today=TODAY).to_dict()
        == build_plan(answers, small, adjustments=Adjustments(), today=TODAY).to_dict()
    )


def test_an_excluded_exercise_is_left_out_with_advice_to_have_it_checked(small: Catalog) -> None:
    answers = make(minutes=20)
    assert "supine-figure-four" in ids(routine_of(answers, small))
    plan = build_plan(
        answers,
        small,
        adjustments=Adjustments(exclusions=frozenset({"supine-figure-four"})),
        today=TODAY,
    )
    assert plan.routine is not None
    assert "supine-figure-four" not in [i.exercise for i in plan.routine.items]
    assert any("Fixture figure four: Left out" in a and "physiotherapist" in a for a in plan.advice)


def test_a_replaced_exercise_gives_way_to_its_regression(small: Catalog) -> None:
    answers = make(minutes=20, level="advanced")
    assert "pigeon" in ids(routine_of(answers, small, minutes=60))
    adjustments = Adjustments(replacements={"pigeon": "supine-figure-four"})
    plan = build_plan(answers, small, minutes=60, adjustments=adjustments, today=TODAY)
    assert plan.routine is not None
    chosen = [i.exercise for i in plan.routine.items]
    assert "pigeon" not in chosen and "supine-figure-four" in chosen
    assert any("replaced by Fixture figure four" in a for a in plan.advice)
    # A regression the person cannot do is not promised: the exercise is simply left out.
    chair_only = build_plan(make(can=["chair"]), small, adjustments=adjustments, today=TODAY)
    assert any(
        "Fixture pigeon:" in a and "does not suit this plan either, so it is left out" in a
        for a in chair_only.advice
    )


def test_step_downs_lower_the_dose_and_never_below_one_set(small: Catalog) -> None:
    exercise = small.exercises["supine-figure-four"]
    assert dosing(exercise, "advanced", 1).dose == exercise.dosage.intermediate
    assert dosing(exercise, "advanced", 2).dose == exercise.dosage.beginner
    assert dosing(exercise, "beginner", 1).dose.sets == exercise.dosage.beginner.sets - 1
    assert dosing(exercise, "beginner", 9).dose.sets == 1
    # A stepped-down exercise does not grow extra sets back within the plan.
    assert dosing(exercise, "advanced", 1).max_sets == exercise.dosage.intermediate.sets
    answers = make(minutes=60, level="advanced")
    plan = build_plan(
        answers, small, adjustments=Adjustments(step_downs={"supine-figure-four": 1}), today=TODAY
    )
    assert plan.routine is not None
    item = next(i for i in plan.routine.items if i.exercise == "supine-figure-four")
    assert (item.hold_seconds, item.sets) == (
        exercise.dosage.intermediate.hold_seconds,
        exercise.dosage.intermediate.sets,
    )


def test_a_level_offer_is_advice_only(small: Catalog) -> None:
    answers = make(minutes=20)
    plain = build_plan(answers, small, today=TODAY)
    offered = build_plan(
        answers, small, adjustments=Adjustments(offer_level="intermediate"), today=TODAY
    )
    assert offered.routine == plain.routine
    assert any("you can move up to the intermediate level" in a for a in offered.advice)


# --- determinism -------------------------------------------------------------------


def test_same_answers_same_plan(small: Catalog) -> None:
    answers = make(minutes=33, areas=["lower_back", "outer_hip", "deep_buttock"])
    first = build_plan(answers, small, today=TODAY).to_dict()
    again = build_plan(
        parse_answers(copy.deepcopy(answers.to_dict())), small, today=TODAY
    ).to_dict()
    assert first == again


# --- property tests over random valid answers (real catalog) ----------------------


def warmup_capacity(moves: list[Exercise], level: str) -> int:
    """The longest warm-up the allowed warm-up and mobility moves could give, one after
    another (continuous moves at their top time, rep moves at their top sets)."""
    return sum(exercise_capacity(e, level) for e in moves if e.kind in ("warmup", "mobility"))


def check_plan(answers: Answers, catalog: Catalog) -> None:
    """Every planner constraint of the issue, for one set of answers."""
    result = build_plan(answers, catalog, today=TODAY)
    plan = result.to_dict()
    screened = screen(answers, today=TODAY)
    if not screened.routine_allowed:
        assert plan["routine"] is None
        return
    routine = plan["routine"]
    prefs = answers.preferences
    minutes = min(prefs.minutes, screened.max_minutes or prefs.minutes)
    cap = minutes * 60
    gentle = screened.gentle
    level = prefs.level
    items = routine["items"]
    # Time: never over, and at least 85% whenever the allowed catalog can fill it; gentle
    # mode instead keeps to a few moves at beginner doses (physio review).
    assert routine["estimated_seconds"] <= cap
    assert result.routine is not None
    assert routine["estimated_seconds"] == build_timeline(result.routine, catalog).total_seconds
    if gentle:
        assert sum(i["kind"] != "warmup" for i in items) <= GENTLE_MAX_MOVES
    elif capacity_seconds(catalog, answers, level, gentle) >= 0.85 * cap:
        assert routine["estimated_seconds"] >= 0.85 * cap, (routine["estimated_seconds"], cap)
    # Phases in order; the warm-up first and long enough when a warm-up is possible.
    kinds = [i["kind"] for i in items]
    assert kinds == sorted(kinds, key=PHASES.index)
    allowed_moves = [e for e in catalog.exercises.values() if eligible(e, answers, level, gentle)]
    target = 300 if minutes >= 15 else 180
    if warmup_capacity(allowed_moves, "beginner" if gentle else level) >= target:
        assert warmup_seconds(routine) >= target
    assert warmup_seconds(routine) <= WARMUP_MAX
    # Eligibility and the gentle and advanced rules.
    for item in items:
        exercise = catalog.exercises[item["exercise"]]
        assert eligible(exercise, answers, level, gentle)
        dose_level = "beginner" if gentle else level
        dose = exercise.dosage.for_level(dose_level)  # type: ignore[arg-type]
        touched = touched_by_precautions(exercise, answers)
        assert not removed_by_precautions(exercise, answers)
        if not touched:
            assert (item["hold_seconds"], item["reps"]) == (dose.hold_seconds, dose.reps)
        assert item["sets"] >= dose.sets
        if exercise.limits.sets:
            assert item["sets"] <= max(dose.sets, int(exercise.limits.sets[1]))
        assert (item["variant"] is not None) <= (gentle or touched)
    assert_no_avoided_class(answers, result.routine, catalog)
    # Coverage: every likely contributor, or the advice says why not.
    advice = " ".join(plan["advice"])
    for contributor in assess(answers).contributors:
        if contributor.score < 0.5:
            continue
        hit = any(
            serves(contributor.id, i) and catalog.exercises[i["exercise"]].kind != "warmup"
            for i in items
        )
        assert hit or "aimed at" in advice or "None of the exercises suit" in advice
    # Order: the exhaustive optimum.
    best = brute_force_cost(phases_of(routine))
    assert (routine["floor_transitions"], routine["position_changes"]) == best
    assert cost([i["position"] for i in items]) == best
    # Deterministic.
    assert build_plan(answers, catalog, today=TODAY).to_dict() == plan


# Hypothesis found it: no symptom at all, so no contributor to aim at and only two
# stretches allowed without equipment; the warm-up must be shared among moves to fill
# 85% of 19 minutes (970 s possible, 955 s planned).
NO_SYMPTOMS_19_MINUTES = changed(
    calm(),
    {
        "pain.intensity": 0,
        "pain.areas": [],
        "pain.weeks": 0,
        "pain.sitting_hours": 0,
        "pain.legs.left": "none",
        "pain.legs.right": "none",
        **{f"pain.{name}": False for name in PAIN_BOOLEANS if name != "legs_both_new_or_worse"},
        "preferences.level": "beginner",
        "preferences.minutes": 19,
        "preferences.equipment": [],
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=valid_answers(routine_ready=True))
@example(raw=NO_SYMPTOMS_19_MINUTES)
def test_every_constraint_holds_for_random_answers_without_red_flags(raw: dict[str, Any]) -> None:
    check_plan(parse_answers(raw), default_catalog())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=valid_answers())
def test_random_answers_never_crash_and_respect_the_screen(raw: dict[str, Any]) -> None:
    check_plan(parse_answers(raw), default_catalog())


@settings(max_examples=60, deadline=None)
@given(raw=valid_answers(routine_ready=True), minutes=st.integers(8, 60))
def test_constraints_hold_on_the_fixture_catalog_too(raw: dict[str, Any], minutes: int) -> None:
    raw = {**raw, "preferences": {**raw.get("preferences", {}), "minutes": minutes}}
    check_plan(parse_answers(raw), fixture_catalog())


def test_a_variant_done_on_a_chair_is_placed_on_the_chair() -> None:
    raw = json.loads((FIXTURES / "profiles" / "nerve_root.json").read_text())
    answers = parse_answers(raw)
    assert isinstance(answers, Answers)
    plan = build_plan(answers, default_catalog(), today=TODAY)
    assert plan.routine is not None
    twist = next(i for i in plan.routine.items if i.exercise == "seated-spinal-twist")
    assert twist.variant == "On a chair" and twist.position == "seated-chair"
