"""What changed between two plans: every difference the history makes carries its reason,
worded once for the plan and its "what changed" (issue 13, the tester's findings)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session_logs import MONDAY, fresh_answers, log
from supple.answers import Answers, parse_answers
from supple.catalog import default_catalog
from supple.planning import History, Plan, PlanMark, plan_for
from supple.planning.changes import PlanUpdate, plan_update
from supple.planning.filters import Adjustments
from supple.progress import SessionLog
from supple.progress.log import Rating

CATALOG = default_catalog()
NAMES = {key: e.name for key, e in CATALOG.exercises.items()}
FIXTURES = Path(__file__).parent / "fixtures" / "answers"


def answers(name: str) -> Answers:
    parsed = parse_answers(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    assert isinstance(parsed, Answers)
    return parsed


def history(sessions: tuple[SessionLog, ...]) -> History:
    last = max((s.day for s in sessions), default=MONDAY)
    return History(
        sessions=sessions,
        plans=(PlanMark(MONDAY, "beginner", ()),),
        warning_signs_answered=fresh_answers(last),
    )


def update_between(before: Plan, after: Plan) -> PlanUpdate | None:
    return plan_update(before.to_dict(), after.to_dict(), after.adjustments, NAMES)


def items(plan: Plan) -> dict[str, dict[str, Any]]:
    routine = plan.to_dict()["routine"] or {"items": []}
    return {
        item["exercise"]: {k: v for k, v in item.items() if k != "why"} for item in routine["items"]
    }


def test_a_replacement_already_in_the_plan_is_said_to_stay() -> None:
    ok = answers("ok.json")
    before = plan_for(ok, history(()), MONDAY)
    assert {"glute-bridge", "pelvic-tilt"} <= set(items(before))
    after = plan_for(ok, history((log(MONDAY, stopped=("glute-bridge",)),)), MONDAY)
    update = update_between(before, after)
    assert update is not None
    bridge = [c for c in update.changes if c.exercise == "glute-bridge"]
    assert [c.text for c in bridge] == [
        "Glute bridge: Stopped for pain once: left out; Pelvic tilt stays in your plan."
    ]
    assert bridge[0].safety and not bridge[0].in_plan and bridge[0].stand_in == "pelvic-tilt"
    # The plan itself words it the same way.
    assert bridge[0].text in after.advice


def test_time_filling_is_said_as_such() -> None:
    ok = answers("ok.json")
    before = plan_for(ok, history(()), MONDAY)
    after = plan_for(ok, history((log(MONDAY, stopped=("glute-bridge",)),)), MONDAY)
    update = update_between(before, after)
    assert update is not None
    for key in items(after).keys() - items(before).keys():
        texts = [c.text for c in update.changes if c.exercise == key]
        assert texts == [f"{NAMES[key]}: added to fill your time."]


# Every difference has its reason, over many histories ------------------------------------

EXERCISES = sorted(
    set(items(plan_for(answers("ok.json"), History(), MONDAY)))
    | set(items(plan_for(answers("caution.json"), History(), MONDAY)))
    | {"knee-to-chest", "childs-pose", "bird-dog"}
)
RATINGS: tuple[Rating, ...] = ("right", "hard", "painful")


@st.composite
def sessions(draw: st.DrawFn, day: int) -> SessionLog:
    stopped = draw(st.lists(st.sampled_from(EXERCISES), max_size=2, unique=True))
    leg = draw(st.lists(st.sampled_from(EXERCISES), max_size=1)) if draw(st.booleans()) else []
    rated = draw(st.dictionaries(st.sampled_from(EXERCISES), st.sampled_from(RATINGS), max_size=3))
    return log(
        MONDAY + timedelta(days=day),
        stopped=tuple(stopped),
        leg=tuple(leg),
        ratings={k: v for k, v in rated.items() if k not in stopped},
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[str, tuple[SessionLog, ...], SessionLog]:
    fixture = draw(st.sampled_from(["ok.json", "caution.json"]))
    earlier = draw(st.lists(sessions(0), max_size=2))
    earlier = [log(MONDAY + timedelta(days=i), **_fields(s)) for i, s in enumerate(earlier)]
    latest = draw(sessions(len(earlier)))
    return fixture, tuple(earlier), latest


def _fields(session: SessionLog) -> dict[str, Any]:
    return {
        "stopped": tuple(session.stopped_for_pain),
        "leg": tuple(session.stopped_leg_pain),
        "ratings": dict(session.ratings),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_difference_after_a_history_change_has_its_reason(
    case: tuple[str, tuple[SessionLog, ...], SessionLog],
) -> None:
    fixture, earlier, latest = case
    person = answers(fixture)
    before = plan_for(person, history(earlier), latest.day)
    after = plan_for(person, history((*earlier, latest)), latest.day)
    update = update_between(before, after)
    old, new = items(before), items(after)
    differing = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    if update is None:
        assert not differing
        return
    said: dict[str, list[Any]] = {}
    for change in update.changes:
        if change.exercise is not None:
            said.setdefault(change.exercise, []).append(change)
    # Every exercise that differs is named, with a reason (never a bare "no longer in"),
    # or is the stand-in a change names.
    stand_ins = {c.stand_in for c in update.changes if c.stand_in}
    for key in differing:
        assert key in said or key in stand_ins, (key, [c.text for c in update.changes])
        for change in said.get(key, []):
            assert "no longer in the plan" not in change.text
    for key, changes in said.items():
        # One sentence per exercise, true to the new plan: in it exactly when it is said
        # to be, and a stand-in it names is really there.
        assert len(changes) == 1, [c.text for c in changes]
        change = changes[0]
        assert change.in_plan == (key in new), change.text
        if change.stand_in is not None:
            assert change.stand_in in new, change.text
            assert change.stand_in not in said or said[change.stand_in][0].in_plan
    # No exercise is both left out and kept.
    out = {k for k, c in said.items() if not c[0].in_plan}
    kept = {k for k, c in said.items() if c[0].in_plan} | {
        c[0].stand_in for c in said.values() if c[0].stand_in
    }
    assert not out & kept


def test_the_plan_words_each_change_once_for_every_shell() -> None:
    ok = answers("ok.json")
    stops = (log(MONDAY, stopped=("glute-bridge", "pelvic-tilt", "childs-pose")),)
    plan = plan_for(ok, history(stops), MONDAY)
    notes = {note.exercise: note for note in plan.history_notes(NAMES)}
    assert set(notes) == {"glute-bridge", "pelvic-tilt", "childs-pose"}
    for key, note in notes.items():
        assert f"{NAMES[key]}: {note.text}" in plan.advice
    assert notes["pelvic-tilt"].text == (
        "Stopped for pain once: done as its easier version for now, Smaller tilt."
    )
    assert notes["pelvic-tilt"].in_plan and not notes["glute-bridge"].in_plan


def test_a_swap_names_every_other_change_it_caused() -> None:
    """Issue 13, F2: a swap that makes the planner drop or add other exercises to fit
    the time names each of them after the swap itself."""
    from supple.planning.changes import swap_update

    def item(key: str, sets: int = 2) -> dict[str, object]:
        return {"exercise": key, "name": key.title(), "sets": sets, "why": "", "variant": None}

    old = {"screen": {}, "routine": {"items": [item("a"), item("b"), item("c")]}, "advice": []}
    new = {"screen": {}, "routine": {"items": [item("x"), item("b", 1), item("d")]}, "advice": []}
    names = {"a": "A", "b": "B", "c": "C", "d": "D", "x": "X"}
    update = swap_update(old, new, Adjustments(), names, ("a", "x"))
    texts = [change.text for change in update.changes]
    assert texts[0] == "You swapped A for X."
    assert "C: left out to keep the session within your time, after the changes above." in texts
    assert "D: added to fill your time." in texts
    assert any(text.startswith("B: its dose changed") for text in texts)
    assert not any(text.startswith(("A:", "X:")) for text in texts)
    assert not update.safety
