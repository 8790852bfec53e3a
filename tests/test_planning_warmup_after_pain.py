"""A warm-up left out after pain is never refilled with a harder one (u16b finding 1).

The tester stopped the gentlest warm-up (Brisk walk, done as Gentle stroll) for pain in
gentle mode; the planner then filled the time with Light jog. After a pain stop, and in
gentle mode, no warm-up harder than the one that hurt may be added.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session_logs import MONDAY, fresh_answers, log
from supple.answers import Answers, parse_answers
from supple.catalog import default_catalog
from supple.planning import History, PlanMark, plan_for
from supple.planning.warmups import default_warmup_intensity

CATALOG = default_catalog()
FIXTURES = Path(__file__).parent / "fixtures" / "answers"
INTENSITY = default_warmup_intensity()
WARMUPS = sorted(key for key, e in CATALOG.exercises.items() if e.kind == "warmup")


def answers(name: str) -> Answers:
    parsed = parse_answers(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    assert isinstance(parsed, Answers)
    return parsed


def exercises_of(read: Answers, history: History) -> dict[str, str | None]:
    routine = plan_for(read, history, MONDAY).routine
    assert routine is not None
    return {item.exercise: item.variant for item in routine.items}


def after_stops(*stopped: str) -> History:
    return History(
        sessions=(log(MONDAY, stopped=stopped),),
        plans=(PlanMark(MONDAY, "beginner", ()),),
        warning_signs_answered=fresh_answers(MONDAY),
    )


def test_every_warm_up_has_an_intensity() -> None:
    assert set(INTENSITY.levels) == set(WARMUPS)


@pytest.mark.parametrize("stopped", [("brisk-walk",), ("brisk-walk", "arm-circles")])
def test_the_reported_history_gets_no_jog_in_gentle_mode(stopped: tuple[str, ...]) -> None:
    # Before the fix, stopping the stroll and the arm circles gave "Jog and march".
    gentle = answers("caution.json")
    before = exercises_of(gentle, History())
    assert "brisk-walk" in before
    after = exercises_of(gentle, after_stops(*stopped))
    assert not set(stopped) & set(after)
    assert "light-jog" not in after
    for exercise in after:
        if CATALOG.exercises[exercise].kind == "warmup":
            assert INTENSITY.levels[exercise] == INTENSITY.gentlest


def test_gentle_mode_never_plans_a_jog() -> None:
    assert "light-jog" not in exercises_of(answers("caution.json"), History())


@settings(max_examples=25, deadline=None)
@given(
    fixture=st.sampled_from(["ok.json", "caution.json"]),
    stopped=st.lists(st.sampled_from(sorted(CATALOG.exercises)), min_size=1, max_size=3),
)
def test_after_a_pain_stop_no_warm_up_is_harder_than_gentle(
    fixture: str, stopped: list[str]
) -> None:
    after = exercises_of(answers(fixture), after_stops(*stopped))
    warmups = [e for e in after if CATALOG.exercises[e].kind == "warmup"]
    assert all(INTENSITY.levels[e] <= INTENSITY.gentle_max for e in warmups)
    hurt_warmups = [e for e in stopped if CATALOG.exercises[e].kind == "warmup"]
    if hurt_warmups:
        assert all(INTENSITY.levels[e] == INTENSITY.gentlest for e in warmups), after


@pytest.mark.parametrize("fixture", ["ok.json", "caution.json"])
def test_a_stopped_warm_up_is_replaced_by_the_gentlest_at_its_easiest(fixture: str) -> None:
    read = answers(fixture)
    before = exercises_of(read, History())
    (warmup,) = [e for e in before if CATALOG.exercises[e].kind == "warmup"][:1]
    after = exercises_of(read, after_stops(warmup))
    for exercise, variant in after.items():
        record = CATALOG.exercises[exercise]
        if record.kind == "warmup" and exercise != warmup:
            assert INTENSITY.levels[exercise] == INTENSITY.gentlest
            easier = [v.name for v in record.variants if v.direction == "easier"]
            assert not easier or variant in easier, (exercise, variant)


def test_a_warm_up_stopped_while_already_at_its_easiest_is_left_out_not_served_again() -> None:
    """t13c F5: the walk hurt, so Marching in place came in as Small steps (the gentlest
    warm-up at its easiest); stopped for pain too, the next plan served Small steps again
    as "its easier version for now", the very version that had just hurt."""
    ok = answers("ok.json")
    first = exercises_of(ok, after_stops("brisk-walk"))
    assert first.get("march-in-place") == "Small steps"
    walked = after_stops("brisk-walk")
    both = History(
        sessions=(*walked.sessions, log(MONDAY, stopped=("march-in-place",))),
        plans=(PlanMark(MONDAY, "beginner", tuple(first)),),
        warning_signs_answered=walked.warning_signs_answered,
        stopped_as=(("march-in-place", "Small steps"),),
    )
    plan = plan_for(ok, both, MONDAY)
    assert plan.routine is not None
    assert "march-in-place" not in {item.exercise for item in plan.routine.items}
    (line,) = [a for a in plan.advice if a.startswith("Marching in place:")]
    assert "already done as its easier version (Small steps)" in line and "left out" in line


def test_a_warm_up_stopped_at_its_full_version_is_still_done_as_its_easier_version() -> None:
    # The same stop, with the latest plan doing the full march: it gets its easier
    # version, as the rule for a first stop says.
    ok = answers("ok.json")
    full = exercises_of(ok, History())
    history = History(
        sessions=(log(MONDAY, stopped=("march-in-place",)),),
        plans=(PlanMark(MONDAY, "beginner", ("march-in-place", *full)),),
        warning_signs_answered=fresh_answers(MONDAY),
    )
    after = exercises_of(ok, history)
    assert after.get("march-in-place") == "Small steps"
