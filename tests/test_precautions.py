"""Precautions as data (issue 12): every rule pinned with a case, the loader's checks,
and named case profiles whose routine and 'left out because' lines are pinned."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_checks import assert_no_avoided_class
from screen_cases import TODAY
from strategies import valid_answers
from supple.answers import Answers, read_answers
from supple.catalog import default_catalog
from supple.planning import build_plan
from supple.planning.precautions import (
    PRECAUTIONS_PATH,
    PrecautionsError,
    apply_precautions,
    default_precautions,
    load_precautions,
)

FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
BASE = json.loads((Path(__file__).parent / "fixtures" / "answers" / "ok.json").read_text())
ALL_EQUIPMENT = ["mat", "chair", "strap", "cushion", "block"]
CALM = {"hurts_crossing_legs": False}


def facts_with(**changes: Any) -> dict[str, Any]:
    """The ok answers with some fields changed ("pain.worse_bending": True)."""
    raw = copy.deepcopy(BASE)
    for path, value in {**{f"pain.{k}": v for k, v in CALM.items()}, **changes}.items():
        section, _, field = path.replace("__", ".").partition(".")
        target = raw[section]
        *parents, last = field.split(".")
        for parent in parents:
            target = target[parent]
        target[last] = value
    return read_answers(raw).facts()


def decide(facts: dict[str, Any]) -> Any:
    catalog = default_catalog()
    triggered = default_precautions().triggered(facts)
    return triggered, apply_precautions(
        catalog.exercises.values(), triggered, equipment=ALL_EQUIPMENT, base_variants={}
    )


LEFT_OUT = "left out"
SHORTER = "shorter"
CUE = "cue"
# (rule, answers that trigger it, an exercise, what happens to it: left out, shorter
# holds, or the variant it is done as)
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("gluteal_tendon_side_lying", {"pain.worse_lying_on_side": True}, "clamshell", LEFT_OUT),
    (
        "gluteal_tendon_side_lying",
        {"pain.areas": ["outer_hip"], "pain.worse_stairs_or_walking": True},
        "side-lying-hip-abduction",
        LEFT_OUT,
    ),
    ("gluteal_tendon_crossing", {"pain.worse_lying_on_side": True}, "supine-figure-four", LEFT_OUT),
    # Pigeon's front shin lies across the body as in the figure-fours, and loads that
    # leg's outer hip.
    ("gluteal_tendon_crossing", {"pain.worse_lying_on_side": True}, "pigeon-pose", LEFT_OUT),
    ("hip_replacement_crossing", {"history.hip_replacement": "earlier"}, "pigeon-pose", LEFT_OUT),
    (
        "gluteal_tendon_crossing",
        {"pain.worse_lying_on_side": True},
        "seated-spinal-twist",
        "On a chair",
    ),
    (
        "below_knee_neural_tension",
        {"pain.legs.left": "below_knee"},
        "standing-figure-four",
        LEFT_OUT,
    ),
    (
        "below_knee_crossing_upright",
        {"pain.legs.right": "below_knee"},
        "seated-figure-four",
        LEFT_OUT,
    ),
    (
        "below_knee_crossing_easier",
        {"pain.legs.left": "below_knee"},
        "supine-figure-four",
        "Foot stays down",
    ),
    ("stenosis_extension", {"pain.legs_worse_walking_eased_sitting": True}, "cat-cow", LEFT_OUT),
    (
        "stenosis_extension",
        {"pain.legs_worse_walking_eased_sitting": True},
        "prone-back-extension",
        LEFT_OUT,
    ),
    (
        "stenosis_walking",
        {"pain.legs_worse_walking_eased_sitting": True},
        "march-in-place",
        "Seated march",
    ),
    ("stenosis_walking", {"pain.legs_worse_walking_eased_sitting": True}, "brisk-walk", LEFT_OUT),
    ("bending_flexion_easier", {"pain.worse_bending": True}, "knee-to-chest", "Other knee bent"),
    ("bending_flexion_holds", {"pain.worse_bending": True}, "childs-pose", SHORTER),
    (
        "hip_replacement_crossing",
        {"history.hip_replacement": "earlier"},
        "supine-figure-four",
        LEFT_OUT,
    ),
    # Both knees dropped to one side take the top thigh across the body.
    (
        "hip_replacement_crossing",
        {"history.hip_replacement": "earlier"},
        "supine-spinal-twist",
        LEFT_OUT,
    ),
    (
        "gluteal_tendon_crossing",
        {"pain.worse_lying_on_side": True},
        "supine-spinal-twist",
        LEFT_OUT,
    ),
    (
        "hip_replacement_deep_flexion",
        {"history.hip_replacement": "earlier"},
        "knee-to-chest",
        LEFT_OUT,
    ),
    # Hands on the floor beside the front foot take the front hip past 90 degrees; the
    # short lunge keeps the hands on the thigh and the trunk upright.
    (
        "hip_replacement_deep_flexion",
        {"history.hip_replacement": "earlier"},
        "deep-lunge-glute",
        "Short lunge",
    ),
    (
        "hip_replacement_side_lying",
        {"history.hip_replacement": "last_12_months"},
        "clamshell",
        LEFT_OUT,
    ),
    (
        "hip_replacement_side_lying",
        {"history.hip_replacement": "last_12_months"},
        "side-lying-hip-abduction",
        LEFT_OUT,
    ),
    (
        "hip_replacement_side_lying_pillow",
        {"history.hip_replacement": "earlier"},
        "side-lying-hip-abduction",
        CUE,
    ),
    (
        "hip_replacement_rotation",
        {"history.hip_replacement": "last_12_months"},
        "seated-figure-four",
        LEFT_OUT,
    ),
    ("pregnancy_prone", {"about.pregnancy": "pregnant"}, "prone-back-extension", LEFT_OUT),
    (
        "pregnancy_rotation",
        {"about.pregnancy": "gave_birth_last_12_weeks"},
        "supine-spinal-twist",
        LEFT_OUT,
    ),
    ("bone_fragility_rotation", {"history.bone_fragility": True}, "seated-spinal-twist", LEFT_OUT),
    ("bone_fragility_flexion_holds", {"history.bone_fragility": True}, "childs-pose", LEFT_OUT),
    ("bone_fragility_flexion_holds", {"history.bone_fragility": True}, "knee-to-chest", LEFT_OUT),
    ("bone_fragility_flexion_easier", {"history.bone_fragility": True}, "cat-cow", "Small rounds"),
    ("bone_fragility_flexion_shorter", {"history.bone_fragility": True}, "cat-cow", SHORTER),
    (
        "crossing_legs_easier",
        {"pain.hurts_crossing_legs": True},
        "seated-figure-four",
        "Stay upright",
    ),
    ("hip_arthritis_deep_rotation", {"pain.hip_arthritis": True}, "pigeon-pose", LEFT_OUT),
    (
        "hip_arthritis_rotation_easier",
        {"pain.hip_arthritis": True},
        "supine-figure-four",
        "Foot stays down",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "exercise", "outcome"), CASES)
def test_each_precaution_rule_does_what_it_says(
    rule: str, answers: dict[str, Any], exercise: str, outcome: str
) -> None:
    triggered, guarded = decide(facts_with(**answers))
    assert rule in {r.id for r in triggered}
    kept = {e.id for e in guarded.pool}
    if outcome == LEFT_OUT:
        assert exercise not in kept
        assert any(c.exercise == exercise and c.rule.id == rule for c in guarded.left_out)
    elif outcome == SHORTER:
        assert exercise in guarded.shorter
    elif outcome == CUE:
        assert exercise in kept and exercise not in guarded.variants
        assert any(c.exercise == exercise and c.rule.id == rule for c in guarded.softened)
    else:
        assert guarded.variants[exercise] == outcome
        assert any(c.exercise == exercise and c.rule.id == rule for c in guarded.softened)


def test_every_rule_has_a_case() -> None:
    # pregnancy_supine is a time budget, pinned on a whole plan below.
    cases = {case[0] for case in CASES} | {"pregnancy_supine"}
    assert {rule.id for rule in default_precautions().rule} == cases


def test_calm_answers_trigger_no_precaution() -> None:
    triggered, guarded = decide(facts_with())
    assert triggered == []
    assert len(guarded.pool) == len(default_catalog().exercises)


def test_an_unanswered_question_triggers_nothing() -> None:
    facts = facts_with(**{"pain.worse_lying_on_side": True})
    del facts["pain.worse_lying_on_side"]
    assert "gluteal_tendon_side_lying" not in {r.id for r in default_precautions().triggered(facts)}


def test_pregnancy_keeps_lying_on_the_back_to_a_minute_in_all() -> None:
    raw = copy.deepcopy(BASE)
    raw["about"]["pregnancy"] = "pregnant"
    raw["preferences"].update(
        can=["floor", "standing", "chair"], equipment=ALL_EQUIPMENT, minutes=30
    )
    plan = build_plan(read_answers(raw), default_catalog(), today=TODAY)
    assert plan.routine is not None
    supine = sum(i.duration_seconds for i in plan.routine.items if i.position == "supine")
    assert 0 < supine <= 60


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extra = 1\n", "extra"),
        ('movement_class = "hip_crossing"\n', "not valid TOML"),
        ('[[rule]]\nid = "half_a_rule"\n', r"rule\.24\.when: Field required"),
    ],
)
def test_the_loader_refuses_a_broken_file(tmp_path: Path, text: str, message: str) -> None:
    broken = tmp_path / "precautions.toml"
    broken.write_text(PRECAUTIONS_PATH.read_text() + "\n" + text)
    with pytest.raises(PrecautionsError, match=message):
        load_precautions(broken)


def test_the_loader_refuses_an_unknown_class_and_unknown_field(tmp_path: Path) -> None:
    original = PRECAUTIONS_PATH.read_text()
    for wrong in (
        original.replace('movement_class = "prone"', 'movement_class = "lying_face_down"'),
        original.replace('effect = "avoid"\nside', 'effect = "avoid"\nsides = 2\nside', 1),
    ):
        broken = tmp_path / "precautions.toml"
        broken.write_text(wrong)
        with pytest.raises(PrecautionsError, match=r"rule\.\d+"):
            load_precautions(broken)


# --- named case profiles -------------------------------------------------------------

PROFILES = sorted(p.stem for p in FIXTURES.glob("*.json"))
WORDED = (
    "Left out:",
    "Done as the easier version",
    "Easier version first:",
    "Shorter holds:",
    "Kept short:",
    "With care:",
)


def render_profile(name: str) -> str:
    """The routine (exercise, variant, dose) and the precaution lines, one per line."""
    answers = read_answers(json.loads((FIXTURES / f"{name}.json").read_text()))
    plan = build_plan(answers, default_catalog(), today=TODAY)
    lines = [f"screen: {plan.screen.level}"]
    lines.extend(
        f"likely: {c.id} {c.score:.2f} ({'; '.join(c.evidence)})" for c in plan.assessment.likely()
    )
    for item in plan.routine.items if plan.routine else ():
        dose = f"hold {item.hold_seconds}" if item.reps is None else f"{item.reps} reps"
        lines.append(f"{item.kind}: {item.exercise} [{item.variant or '-'}] {dose} x{item.sets}")
    lines.extend(line for line in plan.advice if line.startswith(WORDED))
    return "\n".join(lines) + "\n"


def test_there_are_the_nine_named_profiles() -> None:
    assert (
        sorted(
            [
                "desk_stiffness",
                "gluteal_tendinopathy",
                "hip_replacement",
                "nerve_root",
                "osteoporosis",
                "piriformis",
                "pregnancy",
                "si_joint",
                "stenosis",
            ]
        )
        == PROFILES
    )


@pytest.mark.parametrize("name", PROFILES)
def test_profile_routine_and_reasons_are_pinned(name: str) -> None:
    expected = (FIXTURES / f"{name}.expected.txt").read_text()
    assert render_profile(name) == expected


# Each profile names the contributor its story is about; None where the story is about a
# precaution (pregnancy, a hip replacement, fragile bones) rather than a pain pattern.
PROFILE_CONTRIBUTORS: dict[str, str | None] = {
    "desk_stiffness": "hip-flexors",
    "gluteal_tendinopathy": "gluteal-tendon",
    "hip_replacement": None,
    "nerve_root": "nerve-root",
    "osteoporosis": None,
    "piriformis": "piriformis",
    "pregnancy": None,
    "si_joint": "si-joint",
    "stenosis": "stenosis-pattern",
}


@pytest.mark.parametrize("name", PROFILES)
def test_each_profile_points_to_its_contributor(name: str) -> None:
    assert set(PROFILE_CONTRIBUTORS) == set(PROFILES)
    expected = PROFILE_CONTRIBUTORS[name]
    lines = render_profile(name).splitlines()
    assert any(line.startswith("likely: ") for line in lines)
    if expected is not None:
        assert any(line.startswith(f"likely: {expected} ") for line in lines)


@pytest.mark.parametrize("minutes", [10, 15, 30])
def test_the_stenosis_pattern_gets_bending_forward_moves_not_only_no_arching(
    minutes: int,
) -> None:
    raw = json.loads((FIXTURES / "stenosis.json").read_text())
    raw["preferences"]["minutes"] = minutes
    plan = build_plan(read_answers(raw), default_catalog(), today=TODAY)
    assert plan.routine is not None
    chosen = [item.exercise for item in plan.routine.items if item.kind != "warmup"]
    flexion = [e for e in chosen if e in ("knee-to-chest", "childs-pose")]
    assert flexion, chosen
    if minutes >= 15:
        assert set(flexion) == {"knee-to-chest", "childs-pose"}, chosen
    assert "cat-cow" not in chosen and "prone-back-extension" not in chosen


def test_a_swap_on_the_web_never_offers_what_a_precaution_concerns() -> None:
    from supple.web.routes.pages_plan import alternatives

    raw = copy.deepcopy(BASE)
    raw["preferences"].update(can=["floor", "standing", "chair", "kneel"], equipment=ALL_EQUIPMENT)
    routine = {
        "routine": {"level": "beginner", "gentle": False, "items": [{"exercise": "cat-cow"}]}
    }
    calm = [e.id for e in alternatives(default_catalog(), read_answers(raw), routine, "cat-cow")]
    assert "prone-back-extension" in calm
    raw["about"]["pregnancy"] = "pregnant"
    pregnant = read_answers(raw)
    offered = [e.id for e in alternatives(default_catalog(), pregnant, routine, "cat-cow")]
    assert "prone-back-extension" not in offered


# --- the safety property over random answers that trigger precautions ---------------


@st.composite
def answers_with_precautions(draw: st.DrawFn) -> dict[str, Any]:
    """Routine-ready answers plus the precaution answers a routine is still built for
    (pregnancy, an earlier hip replacement, fragile bones with a gradual start, pain
    below a knee, the stenosis pattern with an assessment), so every rule gets tried."""
    raw = draw(valid_answers(routine_ready=True))
    raw["about"]["pregnancy"] = draw(
        st.sampled_from(["no", "pregnant", "gave_birth_last_12_weeks"])
    )
    raw["history"]["hip_replacement"] = draw(st.sampled_from(["none", "earlier"]))
    if draw(st.booleans()):
        raw["history"]["bone_fragility"] = True
        raw["pain"]["onset"] = "gradual"
    side = draw(st.sampled_from(["left", "right", None]))
    if side is not None:
        raw["pain"]["legs"] = {"left": "none", "right": "none", side: "below_knee"}
        raw["pain"].pop("legs_both_new_or_worse", None)
    raw["pain"]["legs_worse_walking_eased_sitting"] = draw(st.booleans())
    raw["preferences"] = {
        **raw.get("preferences", {}),
        "minutes": draw(st.integers(8, 60)),
        "can": draw(
            st.lists(
                st.sampled_from(["standing", "chair", "floor", "kneel"]), min_size=1, unique=True
            )
        ),
        "equipment": draw(st.lists(st.sampled_from(ALL_EQUIPMENT), unique=True)),
    }
    return raw


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=answers_with_precautions())
def test_no_routine_ever_holds_a_move_a_triggered_precaution_avoids(raw: dict[str, Any]) -> None:
    answers = read_answers(raw)
    assert isinstance(answers, Answers)
    plan = build_plan(answers, default_catalog(), today=TODAY)
    assert_no_avoided_class(answers, plan.routine, default_catalog())
    if plan.routine is not None:
        families = _families(plan.routine)
        assert len(families) == len(set(families)), families


def test_a_move_softened_by_two_rules_is_explained_once() -> None:
    # The nerve-root pattern: the chair twist escapes both the nerve-tension rule and the
    # upright crossed-leg rule; a crossed-leg note on a chair twist only confuses.
    answers = read_answers(json.loads((FIXTURES / "nerve_root.json").read_text()))
    plan = build_plan(answers, default_catalog(), today=TODAY)
    softened = [line for line in plan.advice if "Seated spinal twist (On a chair)" in line]
    assert len(softened) == 1
    assert "crossed-leg" not in softened[0]


def test_a_short_gentle_routine_says_gentle_mode_keeps_it_short() -> None:
    raw = json.loads((FIXTURES / "nerve_root.json").read_text())
    raw["preferences"].update(level="advanced", minutes=30)
    plan = build_plan(read_answers(raw), default_catalog(), today=TODAY)
    assert plan.routine is not None and plan.routine.gentle
    short = [line for line in plan.advice if line.startswith("This routine takes about")]
    assert len(short) == 1 and "gentle mode" in short[0]


def test_side_lying_after_an_earlier_hip_replacement_carries_the_pillow_cue() -> None:
    raw = copy.deepcopy(BASE)
    raw["history"]["hip_replacement"] = "earlier"
    raw["preferences"].update(can=["floor"], equipment=ALL_EQUIPMENT, minutes=30)
    plan = build_plan(read_answers(raw), default_catalog(), today=TODAY)
    assert plan.routine is not None
    side = [i.name for i in plan.routine.items if i.position == "side-lying"]
    assert side
    cue = [line for line in plan.advice if line.startswith("With care:")]
    assert len(cue) == 1 and "pillow between the knees" in cue[0]
    assert all(name in cue[0] for name in side)


def test_the_stenosis_pattern_warms_up_sitting_not_walking() -> None:
    # Walking brings on this pattern's leg pain; the march is done sitting instead.
    answers = read_answers(json.loads((FIXTURES / "stenosis.json").read_text()))
    plan = build_plan(answers, default_catalog(), today=TODAY)
    assert plan.routine is not None
    warmups = [(i.exercise, i.variant) for i in plan.routine.items if i.kind == "warmup"]
    assert ("march-in-place", "Seated march") in warmups
    assert not any(e in ("brisk-walk", "light-jog") for e, _ in warmups)


def _families(routine: Any) -> list[str]:
    catalog = default_catalog()
    found = [catalog.exercises[i.exercise].family for i in routine.items]
    return [family for family in found if family is not None]


@pytest.mark.parametrize("name", PROFILES)
def test_a_routine_holds_at_most_one_move_of_a_family(name: str) -> None:
    answers = read_answers(json.loads((FIXTURES / f"{name}.json").read_text()))
    plan = build_plan(answers, default_catalog(), today=TODAY)
    assert plan.routine is not None
    families = _families(plan.routine)
    assert len(families) == len(set(families)), families


def test_the_figure_fours_and_the_hip_flexor_lunges_are_families() -> None:
    exercises = default_catalog().exercises
    fours = {"supine-figure-four", "seated-figure-four", "standing-figure-four"}
    assert {exercises[e].family for e in fours} == {"figure-four"}
    lunges = {"kneeling-hip-flexor", "deep-lunge-glute"}
    assert {exercises[e].family for e in lunges} == {"hip-flexor-lunge"}
