"""The desk routine: only chair and standing moves, one to two minutes, and the
planner's precautions, exclusions and gentle variants respected."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from strategies import TODAY, valid_answers
from supple.answers import Answers, read_answers
from supple.catalog import default_catalog
from supple.desk.routine import (
    DESK_POSITIONS,
    MAX_SECONDS,
    MIN_SECONDS,
    NO_REMINDERS,
    WITHHELD_ANSWERS,
    WITHHELD_SCREEN,
    DeskRoutine,
    desk_routine,
)
from supple.planning import History, Plan, plan_for
from supple.planning.filters import allowed_positions
from supple.planning.precautions import default_precautions
from supple.timeline import transition_seconds

FIXTURES = Path(__file__).parent / "fixtures"
CATALOG = default_catalog()
PROFILES = sorted(p.stem for p in (FIXTURES / "profiles").glob("*.json"))


def _answers(path: Path) -> Any:
    return read_answers(json.loads(path.read_text()))


def _routine(answers: Any, plan: Plan | None = None) -> DeskRoutine:
    return desk_routine(answers, plan or plan_for(answers, History(), TODAY), CATALOG)


def assert_safe(answers: Answers, plan: Plan, routine: DeskRoutine) -> None:
    """What every desk routine must be, whatever the answers."""
    if routine.withheld is not None:
        assert routine.moves == () and routine.seconds == 0
        return
    assert plan.screen.routine_allowed
    assert MIN_SECONDS <= routine.seconds <= MAX_SECONDS
    moves = routine.moves
    pairs = itertools.pairwise(moves)
    transitions = sum(transition_seconds(a.position, b.position) for a, b in pairs)
    assert routine.seconds == sum(m.seconds for m in moves) + transitions
    positions = allowed_positions(answers.preferences.can)
    triggered = default_precautions().triggered(answers.facts())
    for move in moves:
        exercise = CATALOG.exercises[move.exercise]
        assert move.position in DESK_POSITIONS and move.position in positions
        assert exercise.position_of(move.variant) == move.position
        assert "upright_walking" not in exercise.classes_of(move.variant)
        assert "kneeling_load" not in exercise.classes_of(move.variant)
        assert move.exercise not in plan.adjustments.removed
        for rule in triggered:
            if rule.effect == "avoid":
                assert not rule.loads(exercise, move.variant), (move.exercise, rule.id)
        if plan.screen.gentle:
            assert not exercise.advanced_only


@pytest.mark.parametrize("name", PROFILES)
def test_each_clinical_profile_gets_a_safe_desk_routine(name: str) -> None:
    answers = _answers(FIXTURES / "profiles" / f"{name}.json")
    plan = plan_for(answers, History(), TODAY)
    routine = desk_routine(answers, plan, CATALOG)
    assert_safe(answers, plan, routine)


def test_a_typical_desk_routine_mixes_a_chair_and_a_standing_move() -> None:
    routine = _routine(_answers(FIXTURES / "answers" / "ok.json"))
    assert routine.withheld is None
    assert {m.position for m in routine.moves} == {"seated-chair", "standing"}


@given(valid_answers(routine_ready=True))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_answers_give_a_safe_desk_routine(raw: dict[str, Any]) -> None:
    answers = read_answers(raw)
    assert isinstance(answers, Answers)
    plan = plan_for(answers, History(), TODAY)
    assert_safe(answers, plan, desk_routine(answers, plan, CATALOG))


def test_someone_who_cannot_stand_gets_chair_moves_only() -> None:
    answers = _answers(FIXTURES / "answers" / "ok.json")
    seated = answers.model_copy(
        update={"preferences": answers.preferences.model_copy(update={"can": ["chair"]})}
    )
    routine = _routine(seated)
    assert routine.moves and {m.position for m in routine.moves} == {"seated-chair"}
    assert_safe(seated, plan_for(seated, History(), TODAY), routine)


def test_an_exercise_the_history_keeps_out_is_never_a_break_move() -> None:
    answers = _answers(FIXTURES / "answers" / "ok.json")
    plan = plan_for(answers, History(), TODAY)
    first = _routine(answers, plan).moves[0].exercise
    kept_out = replace(plan, adjustments=replace(plan.adjustments, exclusions=frozenset({first})))
    assert first not in {m.exercise for m in desk_routine(answers, kept_out, CATALOG).moves}


def test_no_moves_when_the_screen_withholds_the_routine_or_nothing_is_answered() -> None:
    seen = _answers(FIXTURES / "answers" / "see_clinician.json")
    assert _routine(seen).withheld == WITHHELD_SCREEN
    assert _routine(seen).reminders_refused is None
    assert desk_routine(None, None, CATALOG).withheld == WITHHELD_ANSWERS


@pytest.mark.parametrize("name", ["emergency", "urgent"])
def test_an_emergency_or_urgent_screen_shows_its_own_action_and_refuses_reminders(
    name: str,
) -> None:
    """The physiotherapist's review (MUST 5): "changing position is still fine" and
    reminders every 45 minutes do not belong beside "call 999" or "see a doctor today"."""
    answers = _answers(FIXTURES / "answers" / f"{name}.json")
    routine = _routine(answers)
    screened = plan_for(answers, History(), TODAY).screen
    assert routine.moves == ()
    assert routine.withheld == f"{screened.title}. {screened.action}"
    assert "still fine" not in routine.withheld
    assert routine.reminders_refused == NO_REMINDERS
    assert routine.to_dict()["reminders_refused"] == NO_REMINDERS


def test_a_gentle_screen_does_break_moves_as_their_easier_variants() -> None:
    answers = _answers(FIXTURES / "answers" / "cleared.json")
    plan = plan_for(answers, History(), TODAY)
    assert plan.screen.gentle
    routine = desk_routine(answers, plan, CATALOG)
    for move in routine.moves:
        exercise = CATALOG.exercises[move.exercise]
        easier = [v.name for v in exercise.variants if v.direction == "easier"]
        assert move.variant in easier or not easier
