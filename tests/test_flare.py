"""The bad-day routine (issue 17): the screen first, every exercise at its easiest
variant, precautions and history respected, no end-range holds, 5 to 8 minutes, the
lesson's advice and the screen's warning signs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from plan_checks import assert_no_avoided_class
from strategies import valid_answers
from supple.answers import Answers, read_answers
from supple.catalog import default_catalog
from supple.learning import default_course
from supple.planning.filters import Adjustments
from supple.planning.flare import flare_plan, flare_routine
from supple.planning.flare_data import (
    FlareDataError,
    default_flare_rules,
    flare_advice,
    load_flare_rules,
    warning_signs,
)
from supple.planning.history_notes import ChangeReason
from supple.screening import default_rules
from supple.timeline import timeline_steps

TODAY = date(2026, 12, 2)
ANSWERS = Path(__file__).parent / "fixtures" / "answers"
CATALOG = default_catalog()
RULES = default_flare_rules()


def answers(name: str = "ok", **preferences: Any) -> Answers:
    raw = json.loads((ANSWERS / f"{name}.json").read_text())
    raw.setdefault("preferences", {}).update(preferences)
    read = read_answers(raw)
    assert isinstance(read, Answers)
    return read


def assert_bad_day_routine(
    read: Answers, routine: Any, removed: frozenset[str] = frozenset(), *, short: bool = False
) -> None:
    """Every constraint the bad-day routine promises; ``short``: the person's answers
    allow too few gentle moves to fill the minimum (then each is at its most)."""
    assert routine is not None
    seconds = sum(step.seconds for step in timeline_steps(routine.items, CATALOG))
    assert seconds == routine.estimated_seconds
    assert seconds <= RULES.max_seconds
    assert short or seconds >= RULES.min_seconds
    warmups = 0
    for item in routine.items:
        exercise = CATALOG.exercises[item.exercise]
        easier = [v.name for v in exercise.variants if v.direction == "easier"]
        assert item.variant in easier, (item.exercise, item.variant)
        first = exercise.dosage.first
        assert 1 <= item.sets <= first.sets
        if item.hold_seconds is not None and exercise.limits.hold_seconds is not None:
            assert item.hold_seconds == min(
                first.hold_seconds or 0, int(exercise.limits.hold_seconds[0])
            )
        assert not exercise.classes_of(item.variant) & set(RULES.leave_out_classes)
        assert item.exercise not in RULES.leave_out_exercises
        assert item.exercise not in removed
        assert not exercise.advanced_only
        warmups += item.kind == "warmup"
    assert warmups <= 1
    assert_no_avoided_class(read, routine, CATALOG)


def test_ok_answers_give_a_short_gentle_routine() -> None:
    plan = flare_plan(answers(), TODAY)
    assert_bad_day_routine(answers(), plan.routine)
    document = plan.to_dict()
    assert document["routine"]["gentle"] is True
    assert all(item["sets"] == 1 for item in document["routine"]["items"])


@pytest.mark.parametrize("name", ["emergency", "urgent", "see_clinician"])
def test_a_screen_that_withholds_a_routine_gives_no_bad_day_routine(name: str) -> None:
    plan = flare_plan(answers(name), TODAY)
    assert plan.screen.routine_allowed is False
    assert plan.routine is None
    assert plan.to_dict()["routine"] is None
    # The signs are still there (a bad day is when they matter), but no self-care
    # advice: "keep moving" beside "call 999" contradicts the screen (review MUST 1).
    assert plan.warning_signs and plan.advice == ()
    assert plan.to_dict()["advice"] == []


def test_warning_signs_due_after_a_leg_pain_stop_give_no_routine() -> None:
    plan = flare_plan(answers(), TODAY, warning_signs_due=True)
    assert plan.routine is None
    assert plan.withheld is not None and "warning-sign" in plan.withheld
    assert plan.to_dict()["withheld"] == plan.withheld
    assert flare_plan(answers(), TODAY).withheld is None


def test_the_history_keeps_out_what_it_left_out() -> None:
    first = flare_plan(answers(), TODAY)
    assert first.routine is not None
    gone = first.routine.items[0].exercise
    later = flare_plan(answers(), TODAY, adjustments=Adjustments(exclusions=frozenset({gone})))
    assert later.routine is not None
    assert gone not in {item.exercise for item in later.routine.items}
    assert_bad_day_routine(answers(), later.routine, frozenset({gone}))


def test_only_standing_still_fills_five_minutes_with_a_gentle_walk() -> None:
    read = answers(can=["standing"], equipment=[])
    routine = flare_routine(read, CATALOG)
    assert_bad_day_routine(read, routine)
    assert routine is not None
    assert "light-jog" not in {item.exercise for item in routine.items}


def test_nothing_gentle_fits_gives_no_routine_not_a_harder_one() -> None:
    # Sitting only and no chair: every seated move needs one.
    assert flare_routine(answers(can=["chair"], equipment=[]), CATALOG) is None


def test_a_person_who_can_only_sit_gets_a_short_routine_not_a_harder_one() -> None:
    read = answers(can=["chair"], equipment=["chair"])
    routine = flare_routine(read, CATALOG)
    assert_bad_day_routine(read, routine, short=True)
    assert routine is not None and routine.estimated_seconds < RULES.min_seconds
    # Short only because nothing gentler could be added or grown.
    (item,) = routine.items
    assert item.exercise == "seated-figure-four" and item.variant == "Knee toward shoulder"
    assert item.sets == CATALOG.exercises[item.exercise].dosage.first.sets


def test_the_first_easier_variant_that_escapes_the_end_range_is_taken() -> None:
    # The chain's "Stay upright" still turns the hip out to the end of its range.
    exercise = CATALOG.exercises["seated-figure-four"]
    assert exercise.regression_variant == "Stay upright"
    assert "hip_external_rotation_end_range" in exercise.classes_of("Stay upright")
    routine = flare_routine(answers(can=["chair"], equipment=["chair"]), CATALOG)
    assert routine is not None and routine.items[0].variant == "Knee toward shoulder"


def test_the_advice_is_the_flare_lessons_own_three_lines() -> None:
    lesson = default_course().get(RULES.lesson)
    assert lesson is not None
    screen = next(s for s in lesson.screens if s.heading == RULES.advice_heading)
    assert flare_advice() == tuple(screen.paragraphs)
    assert len(flare_advice()) == 3


def test_warning_signs_are_the_screens_rules_and_leave_out_who_the_person_is() -> None:
    rules = default_rules()
    signs = warning_signs()
    assert [s.level for s in signs] == ["emergency", "urgent"]
    emergency = signs[0]
    assert emergency.title == rules.levels["emergency"].title
    assert "numbness in the saddle area" in emergency.signs
    assert set(emergency.signs) <= {rule.label for rule in rules.at_level("emergency")}
    urgent = signs[1]
    assert "a fever" in urgent.signs
    assert "a history of cancer" not in urgent.signs  # who they are, not a sign


def test_a_lesson_screen_without_three_lines_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "flare.toml"
    source = Path(__file__).parents[1] / "src" / "supple" / "planning" / "flare.toml"
    broken.write_text(source.read_text().replace('"What to do"', '"What a flare-up is x"'))
    with pytest.raises(FlareDataError, match="exactly 3 lines"):
        flare_advice(load_flare_rules(broken))


def test_unknown_fields_and_bad_lengths_are_refused(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "src" / "supple" / "planning" / "flare.toml"
    broken = tmp_path / "flare.toml"
    broken.write_text(source.read_text() + '\nsurprise = "yes"\n')
    with pytest.raises(FlareDataError, match="surprise"):
        load_flare_rules(broken)
    broken.write_text(source.read_text().replace("min_seconds = 300", "min_seconds = 600"))
    with pytest.raises(FlareDataError, match="below max_seconds"):
        load_flare_rules(broken)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_answers())
def test_every_answer_set_gets_the_screen_first_and_a_safe_bad_day(raw: dict[str, Any]) -> None:
    read = read_answers(raw)
    plan = flare_plan(read, TODAY)
    if plan.screen.level in ("emergency", "urgent") or not plan.screen.routine_allowed:
        assert plan.routine is None
        return
    assert isinstance(read, Answers)
    if plan.routine is not None:
        few = read.preferences.can == ["chair"] or set(read.preferences.can) <= {"chair", "kneel"}
        assert_bad_day_routine(read, plan.routine, short=few)


def test_an_exercise_stopped_once_for_pain_stays_out_of_the_bad_day() -> None:
    # The tester's case: Lying spinal twist stopped for pain once (its easier version
    # is offered in the plan, or it is left out there) must not come back on a bad day.
    first = flare_plan(answers(), TODAY)
    assert first.routine is not None
    stopped = "supine-spinal-twist"
    assert stopped in {item.exercise for item in first.routine.items}
    variant = next(v.name for v in CATALOG.exercises[stopped].variants if v.direction == "easier")
    history = Adjustments(
        variants={stopped: variant}, reasons={stopped: ChangeReason("stopped_once")}
    )
    later = flare_plan(answers(), TODAY, adjustments=history)
    assert later.routine is not None
    assert stopped not in {item.exercise for item in later.routine.items}


def test_an_exercise_rated_painful_stays_out_but_one_rated_hard_may_stay() -> None:
    first = flare_plan(answers(), TODAY)
    assert first.routine is not None
    rated = first.routine.items[-1].exercise
    painful = Adjustments(
        step_downs={rated: 1},
        reasons={rated: ChangeReason("rated_too_much", ratings=("painful",))},
    )
    routine = flare_plan(answers(), TODAY, adjustments=painful).routine
    assert routine is not None and rated not in {item.exercise for item in routine.items}
    hard = Adjustments(
        step_downs={rated: 1}, reasons={rated: ChangeReason("rated_too_much", ratings=("hard",))}
    )
    routine = flare_plan(answers(), TODAY, adjustments=hard).routine
    assert routine is not None and rated in {item.exercise for item in routine.items}
