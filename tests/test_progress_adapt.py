"""Pain stops, leg-pain stops and ratings: each change with its reason, worded once (issue 13)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from session_logs import MONDAY, fresh_answers, log, weeks_of
from supple.answers import Answers, parse_answers
from supple.catalog import default_catalog
from supple.planning import Adjustments, Plan, build_plan, with_swaps
from supple.progress import Adaptation, SessionLog, adapt, movement_exclusions, needs_recheck

CATALOG = default_catalog()
REGRESSIONS = {key: e.regression for key, e in CATALOG.exercises.items()}
NAMES = {key: e.name for key, e in CATALOG.exercises.items()}
ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"


def answers() -> Answers:
    return parse_answers(json.loads(ANSWERS.read_text()))


def adapted(sessions: list[SessionLog], **kwargs: object) -> Adaptation:
    today = max(s.day for s in sessions) if sessions else MONDAY
    options: dict[str, object] = {
        "today": today,
        "level": "beginner",
        "level_since": None,
        "regressions": REGRESSIONS,
        "names": NAMES,
        "warning_signs_answered": fresh_answers(today),
        **kwargs,
    }
    return adapt(sessions, **options)  # type: ignore[arg-type]


def plan_with(history: Adjustments, swaps: dict[str, str] | None = None) -> Plan:
    return build_plan(answers(), CATALOG, today=MONDAY, adjustments=with_swaps(history, swaps))


def advice_for(history: Adjustments) -> list[str]:
    return plan_with(history).advice


def line_about(advice: list[str], exercise: str) -> str:
    found = [a for a in advice if a.startswith(NAMES[exercise] + ":")]
    assert len(found) == 1, advice
    return found[0]


# Reasons reach the plan's words ---------------------------------------------------------


def test_stopped_once_with_no_easier_version_says_once_not_twice() -> None:
    # Issue 13: "left out because it was stopped for pain twice" after a single stop.
    assert REGRESSIONS["kneeling-hip-flexor"] is None
    result = adapted([log(MONDAY, stopped=("kneeling-hip-flexor",))])
    assert [(c.exercise, c.action, c.why.cause) for c in result.changes] == [
        ("kneeling-hip-flexor", "leave_out", "stopped_once_no_easier")
    ]
    line = line_about(advice_for(result.adjustments()), "kneeling-hip-flexor")
    assert "twice" not in line
    assert "once" in line and "no easier version" in line


def test_stopped_once_is_replaced_by_its_easier_version_and_says_so() -> None:
    result = adapted([log(MONDAY, stopped=("seated-spinal-twist",))])
    adjustments = result.adjustments()
    assert adjustments.replacements == {"seated-spinal-twist": "supine-spinal-twist"}
    assert adjustments.reasons["seated-spinal-twist"].cause == "stopped_once"
    assert result.changes[0].reason.startswith("Stopped for pain once: replaced")
    # These answers' plan holds the lying twist anyway: it is not a stand-in there.
    line = line_about(advice_for(adjustments), "seated-spinal-twist")
    assert line == (
        f"{NAMES['seated-spinal-twist']}: Stopped for pain once: left out; "
        f"{NAMES['supine-spinal-twist']} stays in your plan."
    )
    # Where the easier version is not in the plan otherwise, it replaces the exercise.
    child = adapted([log(MONDAY, stopped=("childs-pose",))])
    line = line_about(advice_for(child.adjustments()), "childs-pose")
    assert line == f"{NAMES['childs-pose']}: {child.changes[0].reason}"
    assert line.endswith(f"replaced by its easier version, {NAMES['knee-to-chest']}.")


def test_stopped_twice_is_left_out_to_be_checked() -> None:
    result = adapted(
        [log(MONDAY, stopped=("bird-dog",)), log(MONDAY + timedelta(1), stopped=("bird-dog",))]
    )
    assert result.have_checked == ("bird-dog",)
    line = line_about(advice_for(result.adjustments()), "bird-dog")
    assert "Stopped for pain twice: left out" in line and "ask a GP or physiotherapist" in line


def test_rated_painful_is_one_step_easier_and_says_which_rating() -> None:
    result = adapted([log(MONDAY, ratings={"kneeling-hip-flexor": "painful"})])
    assert result.adjustments().step_downs == {"kneeling-hip-flexor": 1}
    line = line_about(advice_for(result.adjustments()), "kneeling-hip-flexor")
    assert line == f"{NAMES['kneeling-hip-flexor']}: Rated painful once: one step easier."
    twice = adapted(
        [
            log(MONDAY, ratings={"glute-bridge": "hard"}),
            log(MONDAY + timedelta(1), ratings={"glute-bridge": "painful"}),
        ]
    )
    assert "Rated hard and painful twice: 2 steps easier." in twice.changes[0].reason


def test_an_escalation_is_the_first_line_of_the_plan_and_no_level_is_offered() -> None:
    # Issue 13: climbing pain gave "You have been doing well" and no GP advice in the plan.
    sessions, _ = weeks_of([[3, 3, 3], [5, 6, 6], [8, 8, 8]])
    result = adapted(sessions)
    advice = advice_for(result.adjustments())
    assert advice[0].startswith(
        "Book an appointment with a GP or physiotherapist in the next week or two"
    )
    assert not any("steady practice" in a or "move up" in a for a in advice)


def test_without_an_escalation_the_plan_names_what_a_level_up_changes() -> None:
    from session_logs import spread

    plan = {"bird-dog": CATALOG.exercises["bird-dog"]}
    result = adapted(spread(6, 14), plan_exercises=plan)
    built = plan_with(result.adjustments())
    offer = [a for a in built.advice if a.startswith("Good, steady practice")]
    assert len(offer) == 1
    # What changes is the plan's own: Bird dog is not in these answers' plan.
    assert "Bird dog" not in offer[0]
    planned = built.adjustments.level_up
    assert planned is not None and planned.planned and planned.doses
    assert "Kneeling hip flexor stretch: holds 20 s to 30 s" in offer[0]


# A stop for pain that spreads down the leg ------------------------------------------------

CLASSES = {
    "seated-figure-four": frozenset({"hip_crossing", "neural_tension"}),
    "standing-figure-four": frozenset({"hip_crossing", "neural_tension", "single_leg_balance"}),
    "supine-figure-four": frozenset({"hip_crossing", "supine"}),
    "knee-to-chest": frozenset({"supine", "deep_hip_flexion"}),
    "bird-dog": frozenset({"kneeling_load"}),
}


def test_a_leg_pain_stop_leaves_out_every_exercise_of_the_same_movement() -> None:
    result = adapted([log(MONDAY, leg=("seated-figure-four",))], movement_classes=CLASSES)
    adjustments = result.adjustments()
    assert adjustments.exclusions == {
        "seated-figure-four",
        "standing-figure-four",
        "supine-figure-four",
    }
    assert adjustments.replacements == {}
    why = adjustments.reasons["supine-figure-four"]
    assert (why.cause, why.because_of, why.movements) == (
        "same_movement_as_leg_pain_stop",
        "seated-figure-four",
        ("hip_crossing",),
    )
    # The shared movement in words, never its class id.
    assert any("(bringing the thigh across the body)" in c.reason for c in result.changes)
    assert not any("hip crossing" in c.reason or "hip_crossing" in c.reason for c in result.changes)


def test_without_movement_classes_a_leg_pain_stop_leaves_out_that_exercise_alone() -> None:
    result = adapted([log(MONDAY, leg=("standing-figure-four",))])
    adjustments = result.adjustments()
    # Never its regression: it may load the same movement.
    assert adjustments.exclusions == {"standing-figure-four"} and adjustments.replacements == {}
    assert movement_exclusions([log(MONDAY, leg=("x",))], {})["x"].cause == "leg_pain_stop"


def test_a_regression_of_the_same_movement_is_not_offered_after_a_leg_pain_stop() -> None:
    sessions = [
        log(MONDAY, stopped=("standing-figure-four",)),
        log(MONDAY + timedelta(1), leg=("knee-to-chest",)),
    ]
    classes = {**CLASSES, "seated-figure-four": frozenset({"supine"})}
    result = adapted(sessions, movement_classes=classes)
    # standing -> seated (shares "supine" with knee-to-chest here): left out, none easier.
    change = next(c for c in result.changes if c.exercise == "standing-figure-four")
    assert change.action == "leave_out" and change.why.cause == "stopped_once_no_easier"


def test_a_leg_pain_stop_asks_the_warning_sign_questions_again() -> None:
    stop = log(MONDAY, leg=("seated-figure-four",))
    before = datetime.combine(MONDAY - timedelta(1), datetime.min.time())
    assert adapted([stop], warning_signs_answered=before).ask_warning_signs
    assert adapted([stop], warning_signs_answered=None).ask_warning_signs
    after = datetime.combine(MONDAY + timedelta(1), datetime.min.time())
    assert not adapted([stop], warning_signs_answered=after).ask_warning_signs
    text = advice_for(adapted([stop], warning_signs_answered=before).adjustments())
    assert any("warning-sign questions again before your next session" in a for a in text)
    # An ordinary sharp-pain stop does not.
    assert not adapted([log(MONDAY, stopped=("bird-dog",))], warning_signs_answered=before).recheck


def test_answers_the_same_day_clear_a_leg_pain_stop_only_when_they_came_after_it() -> None:
    morning = datetime(2026, 1, 5, 8, 0)
    evening = datetime(2026, 1, 5, 20, 0)
    unknown_time = log(MONDAY, leg=("bird-dog",))
    assert needs_recheck([unknown_time], evening)
    timed = log(MONDAY, leg=("bird-dog",), started_at=datetime(2026, 1, 5, 12, 0))
    assert needs_recheck([timed], morning)
    assert not needs_recheck([timed], evening)


# Swaps are the person's, never the history's ------------------------------------------------


def test_a_swap_is_worded_as_the_persons_choice_and_never_undoes_the_history() -> None:
    result = adapted(
        [log(MONDAY, stopped=("bird-dog",)), log(MONDAY + timedelta(1), stopped=("bird-dog",))]
    )
    history = result.adjustments()
    plan = plan_with(history, swaps={"bird-dog": "clamshell", "cat-cow": "bird-dog"})
    assert plan.routine is not None
    chosen = [i.exercise for i in plan.routine.items]
    assert "bird-dog" not in chosen
    assert not any(a.startswith(f"{NAMES['cat-cow']}: You swapped") for a in plan.advice)


def test_a_swap_says_what_was_swapped_for_what() -> None:
    plan = plan_with(Adjustments(), swaps={"clamshell": "side-bend"})
    assert plan.routine is not None
    if "side-bend" in [i.exercise for i in plan.routine.items]:
        assert f"{NAMES['clamshell']}: You swapped it for {NAMES['side-bend']}." in plan.advice
    else:
        assert any("did not fit" in a for a in plan.advice)


@pytest.mark.parametrize("cause", ["stopped_once", "stopped_twice", "rated_too_much"])
def test_every_change_carries_its_reason_into_the_adjustments(cause: str) -> None:
    sessions = {
        "stopped_once": [log(MONDAY, stopped=("seated-spinal-twist",))],
        "stopped_twice": [log(MONDAY, stopped=("cat-cow",)), log(MONDAY, stopped=("cat-cow",))],
        "rated_too_much": [log(MONDAY, ratings={"cat-cow": "hard"})],
    }[cause]
    adjustments = adapted(sessions).adjustments()
    changed = set(adjustments.replacements) | adjustments.exclusions | set(adjustments.step_downs)
    assert changed and changed == set(adjustments.reasons)
    assert {r.cause for r in adjustments.reasons.values()} == {cause}
