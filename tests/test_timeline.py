"""The one time model: steps, their seconds, and agreement with the planner's estimate."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routine_items import routine_item
from screen_cases import TODAY
from strategies import valid_answers
from supple.answers import parse_answers
from supple.catalog import Catalog, default_catalog, load_catalog
from supple.planning import RoutineError, build_plan, routine_from_dict
from supple.planning.routine import Routine, RoutineItem
from supple.timeline import (
    READY_SECONDS,
    REST_SECONDS,
    STEP_KINDS,
    SWITCH_SECONDS,
    TRANSITION_FLOOR_SECONDS,
    TRANSITION_SAME_SECONDS,
    TRANSITION_SECONDS,
    build_timeline,
    continuous_work_seconds,
    item_seconds,
    item_steps,
    rep_block_seconds,
    rep_tempo,
    timeline_steps,
    transition_seconds,
)

FIXTURES = Path(__file__).parent / "fixtures"


@functools.cache
def small() -> Catalog:
    return load_catalog(FIXTURES / "catalog")


def item(exercise: str, catalog: Catalog, **changes: Any) -> RoutineItem:
    """An item at the exercise's beginner dose; keyword arguments override fields."""
    return routine_item(exercise, catalog, **changes)


def routine(*items: RoutineItem) -> Routine:
    return Routine("beginner", False, 15, 0, 0, 0, tuple(items))


def test_a_one_sided_hold_goes_left_switch_right_with_rests_between_sets() -> None:
    figure = item("supine-figure-four", small(), sets=2, hold_seconds=20)
    steps = item_steps(figure, small().exercises["supine-figure-four"])
    assert [(s.kind, s.side) for s in steps] == [
        ("hold", "left"),
        ("switch", "right"),
        ("hold", "right"),
        ("rest", None),
        ("hold", "left"),
        ("switch", "right"),
        ("hold", "right"),
    ]
    assert [s.seconds for s in steps] == [
        20,
        SWITCH_SECONDS,
        20,
        REST_SECONDS,
        20,
        SWITCH_SECONDS,
        20,
    ]
    assert figure.duration_seconds == 80 + 2 * SWITCH_SECONDS + REST_SECONDS


def test_reps_take_the_catalog_pace_rounded_up() -> None:
    assert rep_block_seconds(10, 7.5) == 75
    assert rep_block_seconds(10, 0.7) == 7  # not 8 through floating-point noise
    assert rep_block_seconds(3, 2.5) == 8
    bridge = item("glute-bridge", small(), sets=2)
    steps = item_steps(bridge, small().exercises["glute-bridge"])
    assert [s.kind for s in steps] == ["reps", "rest", "reps"]
    assert steps[0].seconds == 8 * 4 and steps[0].side is None
    assert "8 slow reps, pausing 2 seconds" in steps[0].say
    # The player counts the reps and cues each part: 1 s up, the 2 s pause, 1 s down.
    assert steps[0].reps == 8 and steps[0].tempo == rep_tempo(4, 2)
    assert steps[0].to_dict()["tempo"] == {"up": 1.0, "hold": 2.0, "down": 1.0}
    assert steps[1].reps is None and steps[1].to_dict()["tempo"] is None


@given(
    st.floats(min_value=0.5, max_value=30, allow_nan=False),
    st.one_of(st.none(), st.integers(min_value=1, max_value=30)),
)
def test_a_rep_tempo_adds_up_to_the_rep_and_keeps_its_pause(spr: float, hold: int | None) -> None:
    if hold is not None and hold > spr:
        hold = None
    tempo = rep_tempo(spr, hold)
    assert tempo.hold == (hold or 0)
    assert tempo.up >= 0 and tempo.down >= 0 and abs(tempo.up - tempo.down) <= 0.0011
    assert abs(tempo.seconds - spr) < 1e-6


def test_a_continuous_warm_up_is_one_block_of_its_work_time() -> None:
    march = item("march-in-place", small(), work_seconds=300)
    steps = item_steps(march, small().exercises["march-in-place"])
    assert [(s.kind, s.seconds) for s in steps] == [("warmup", 300)]


@pytest.mark.parametrize(
    ("before", "after", "seconds"),
    [
        ("supine", "supine", TRANSITION_SAME_SECONDS),
        ("supine", "side-lying", TRANSITION_SECONDS),
        ("standing", "seated-chair", TRANSITION_SECONDS),
        ("standing", "supine", TRANSITION_FLOOR_SECONDS),
        ("all-fours", "seated-chair", TRANSITION_FLOOR_SECONDS),
    ],
)
def test_transitions_cost_more_to_and_from_the_floor(before: Any, after: Any, seconds: int) -> None:
    assert transition_seconds(before, after) == seconds


def test_a_timeline_starts_with_ready_and_puts_a_transition_before_each_next_exercise() -> None:
    catalog = small()
    items = (
        item("march-in-place", catalog, work_seconds=180),
        item("side-bend", catalog),
        item("supine-figure-four", catalog),
    )
    timeline = build_timeline(routine(*items), catalog)
    kinds = [s.kind for s in timeline.steps]
    assert kinds[0] == "ready" and timeline.steps[0].seconds == READY_SECONDS
    transitions = [s for s in timeline.steps if s.kind == "transition"]
    assert [(s.exercise, s.seconds) for s in transitions] == [
        ("side-bend", TRANSITION_SAME_SECONDS),
        ("supine-figure-four", TRANSITION_FLOOR_SECONDS),
    ]
    assert "floor" in transitions[1].say
    expected = READY_SECONDS + sum(i.duration_seconds for i in items) + 5 + 20
    assert timeline.total_seconds == expected == sum(s.seconds for s in timeline.steps)


def test_an_empty_routine_has_no_steps() -> None:
    timeline = build_timeline(routine(), small())
    assert timeline.steps == () and timeline.total_seconds == 0


def test_every_step_has_a_cue_to_say() -> None:
    plan = build_plan(parse_answers(_answers(minutes=30)), default_catalog(), today=TODAY)
    assert plan.routine is not None
    for step in build_timeline(plan.routine, default_catalog()).steps:
        assert step.kind in STEP_KINDS
        assert len(step.say) > 10 and step.seconds > 0


@given(
    work=st.integers(1, 600),
    sets=st.integers(1, 5),
    per_side=st.booleans(),
)
def test_the_work_time_of_a_continuous_move_is_recovered_from_its_duration(
    work: int, sets: int, per_side: bool
) -> None:
    march = item("march-in-place", small(), work_seconds=work, sets=sets, per_side=per_side)
    assert continuous_work_seconds(march.duration_seconds, sets, per_side) == work


@given(
    exercise=st.sampled_from(sorted(default_catalog().exercises)),
    level=st.sampled_from(["beginner", "intermediate", "advanced"]),
    sets=st.integers(0, 6),
    per_side=st.booleans(),
    hold=st.none() | st.integers(1, 120),
    work=st.none() | st.integers(1, 600),
)
def test_item_seconds_is_the_sum_of_the_item_steps(
    exercise: str,
    level: Any,
    sets: int,
    per_side: bool,
    hold: int | None,
    work: int | None,
) -> None:
    """``item_seconds`` counts without building the steps; it must add up the same."""
    catalog = default_catalog()
    record = catalog.exercises[exercise]
    made = item(exercise, catalog, sets=sets, per_side=per_side)
    made = replace(made, hold_seconds=hold if made.reps is None else made.hold_seconds)
    made = replace(made, work_seconds=work if made.work_seconds is not None else None)
    try:
        steps = item_steps(made, record)
    except ValueError as error:
        with pytest.raises(ValueError, match=re.escape(str(error))):
            item_seconds(made, record)
        return
    assert item_seconds(made, record) == sum(step.seconds for step in steps)


@settings(max_examples=120, deadline=None)
@given(raw=valid_answers(no_red_flags=True))
def test_estimated_seconds_equals_the_timeline_total_and_survives_a_round_trip(
    raw: dict[str, Any],
) -> None:
    catalog = default_catalog()
    plan = build_plan(parse_answers(raw), catalog, today=TODAY)
    if plan.routine is None:
        return
    timeline = build_timeline(plan.routine, catalog)
    assert plan.routine.estimated_seconds == timeline.total_seconds
    assert timeline.total_seconds == sum(step.seconds for step in timeline.steps)
    # Each item's duration is its own steps; the rest is get-ready and transitions.
    between = sum(s.seconds for s in timeline.steps if s.kind in ("ready", "transition"))
    assert between + sum(i.duration_seconds for i in plan.routine.items) == timeline.total_seconds
    # A saved plan (the JSON document) rebuilds exactly the same timeline.
    again = routine_from_dict(plan.to_dict()["routine"], catalog)
    assert build_timeline(again, catalog) == timeline


def _answers(**prefs: Any) -> dict[str, Any]:
    import json

    raw: dict[str, Any] = json.loads((FIXTURES / "answers" / "ok.json").read_text())
    raw["preferences"] = prefs
    return raw


def _saved() -> dict[str, Any]:
    plan = build_plan(parse_answers(_answers(minutes=20)), default_catalog(), today=TODAY)
    document: dict[str, Any] = plan.to_dict()["routine"]
    return document


@pytest.mark.parametrize(
    ("tamper", "field"),
    [
        (lambda r: r["items"][1].update(duration_seconds=1), "items[1].duration_seconds"),
        (lambda r: r["items"][1].update(sets=True), "items[1].sets"),
        (lambda r: r["items"][0].update(exercise="moonwalk"), "items[0].exercise"),
        (lambda r: r["items"][0].update(kind="dance"), "items[0].kind"),
        (lambda r: r["items"][0].update(extra=1), "items[0]"),
        (lambda r: r.update(estimated_seconds=5), "estimated_seconds"),
        (lambda r: r.pop("items"), "items"),
    ],
)
def test_a_tampered_plan_is_refused_naming_the_field(tamper: Any, field: str) -> None:
    document = _saved()
    tamper(document)
    with pytest.raises(RoutineError, match=field.replace("[", r"\[").replace("]", r"\]")):
        routine_from_dict(document, default_catalog())


def test_the_variant_the_plan_chose_is_cued_and_carried_by_every_step() -> None:
    """The gentle "easier version for now" is what the player cues and shows."""

    catalog = default_catalog()
    record = next(
        e for e in catalog.exercises.values() if any(v.direction == "easier" for v in e.variants)
    )
    easier = next(v for v in record.variants if v.direction == "easier")
    plain = timeline_steps([routine_item(record.id, catalog)], catalog)
    chosen = timeline_steps([routine_item(record.id, catalog, variant=easier.name)], catalog)
    assert all(step.variant is None for step in plain)
    assert all(step.variant == easier.name for step in chosen)
    assert [s.seconds for s in chosen] == [s.seconds for s in plain]
    ready = chosen[0]
    assert f"easier version for now: {easier.name}" in ready.say and easier.how in ready.say
    work = [s for s in chosen if s.kind in ("hold", "reps", "warmup")]
    assert work and all(f"{record.name}, as {easier.name}" in s.say for s in work)
    assert chosen[0].to_dict()["variant"] == easier.name
