"""What changed between a person's current plan and the one their history now calls for.

The web keeps one current plan per person and rebuilds it when the history changes
what the next plan should be (``supple.web.living``). The person is then shown, at the
top of the plan, what changed and why. This module decides that from plain values:
the two plan documents and the history's adjustments (with the reasons
``supple.progress.adapt`` gave), worded by ``supple.planning.history_notes``.

A change is **safety-related** when it follows a pain stop (any cause of one), a
``painful`` rating, a standing escalation ("see a GP or physiotherapist") or a request
to answer the warning-sign questions again. Only a plan whose changes are all not
safety-related may be declined ("keep my previous plan"): the person may keep a dose
they rated hard, never an exercise that hurt them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from supple.planning.filters import Adjustments
from supple.planning.history_notes import ChangeReason, recheck_text
from supple.planning.notes import exercise_note

SAFETY_CAUSES = frozenset(
    {
        "stopped_once",
        "stopped_once_no_easier",
        "stopped_twice",
        "leg_pain_stop",
        "same_movement_as_leg_pain_stop",
    }
)
# The parts of a plan document that make it a different plan for the person.
PLAN_PARTS = ("screen", "routine", "advice")
ADDED = "added to fill your time."
DROPPED = "left out to keep the session within your time, after the changes above."
RESIZED = "its dose changed to fit your time, after the changes above."
# The advice itself stands once, in the warning box at the top; the change list names it.
ESCALATION_CHANGE = (
    "Your history now says to have your pain checked by a GP or physiotherapist: "
    "please read the advice at the top first."
)


def is_safety(reason: ChangeReason) -> bool:
    return reason.cause in SAFETY_CAUSES or (
        reason.cause == "rated_too_much" and "painful" in reason.ratings
    )


def fingerprint(document: Mapping[str, Any]) -> str:
    """The plan as the person meets it (screen, routine, advice), as one comparable text;
    bookkeeping (swaps, what changed, ids) is left out.

    Whether the plan says the pain has stayed low counts, its figures do not: a plan
    that no longer may call it success is rebuilt, but one whose weekly figures moved
    is not remade every week for that alone."""
    parts = {key: document.get(key) for key in PLAN_PARTS}
    return json.dumps({**parts, "success": bool(document.get("success"))}, sort_keys=True)


@dataclass(frozen=True)
class Change:
    """One line of "what changed". ``exercise`` is the exercise it is about (None for
    the plan as a whole), ``in_plan`` whether that exercise is in the new plan, and
    ``stand_in`` the exercise it names as in the plan instead."""

    text: str
    safety: bool
    exercise: str | None = None
    in_plan: bool | None = None
    stand_in: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "safety": self.safety}


@dataclass(frozen=True)
class PlanUpdate:
    """The changes, safety-related first, and whether the old plan may be kept."""

    changes: tuple[Change, ...]

    @property
    def safety(self) -> bool:
        return any(change.safety for change in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {"changes": [c.to_dict() for c in self.changes], "safety": self.safety}


def _items(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    routine = document.get("routine") or {}
    return {item["exercise"]: item for item in routine.get("items", [])}


def _same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "why"} == {k: v for k, v in b.items() if k != "why"}


def plan_update(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    adjustments: Adjustments,
    names: Mapping[str, str],
) -> PlanUpdate | None:
    """What changed from ``old`` to ``new`` and why; None when nothing did.

    ``adjustments`` are the ones ``new`` was planned with (``Plan.adjustments``): each
    exercise the history changed is worded as the plan words it
    (``supple.planning.notes``), one line per exercise. What differs without a reason
    from the history came from filling the time, and says so.
    """
    if fingerprint(old) == fingerprint(new):
        return None
    before, after = _items(old), _items(new)
    changes: list[Change] = []
    old_advice = set(old.get("advice") or [])
    if adjustments.escalation and adjustments.escalation not in old_advice:
        changes.append(Change(ESCALATION_CHANGE, True))
    for cause in adjustments.recheck:
        text = recheck_text(cause)
        if text not in old_advice:
            changes.append(Change(text, True))

    def name(key: str) -> str:
        item = after.get(key) or before.get(key) or {}
        return str(item.get("name") or names.get(key, key))

    explained: set[str] = set()
    for key in before:
        reason = adjustments.reasons.get(key)
        note = exercise_note(key, adjustments, names, set(after))
        if note is None or reason is None:
            continue
        if key in after and _same(before[key], after[key]):
            continue  # changed already in the old plan: nothing new to say
        changes.append(
            Change(f"{name(key)}: {note.text}", is_safety(reason), key, key in after, note.stand_in)
        )
        explained.add(key)
        if note.stand_in is not None and note.stand_in not in before:
            explained.add(note.stand_in)
    for key in sorted(before.keys() | after.keys()):
        if key in explained or (key in before and key in after and _same(before[key], after[key])):
            continue
        if key not in after:
            changes.append(Change(f"{name(key)}: {DROPPED}", False, key, False))
        elif key not in before:
            changes.append(Change(f"{name(key)}: {ADDED}", False, key, True))
        else:
            changes.append(Change(f"{name(key)}: {RESIZED}", False, key, True))
    if new.get("success") and not old.get("success"):
        changes.append(Change(str(new["success"]), False))
    if not changes:
        changes.append(Change("The advice with your plan changed; read it below.", False))
    ordered = sorted(changes, key=lambda change: not change.safety)
    return PlanUpdate(tuple(ordered))


def swap_update(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    adjustments: Adjustments,
    names: Mapping[str, str],
    swapped: tuple[str, str],
) -> PlanUpdate:
    """What a swap changed: the swap itself, then every other exercise that left, came
    in or changed dose because of it (to fit the time), in ``plan_update``'s words, so
    no difference goes unnamed. Safety-related changes still come first."""
    out, into = swapped
    first = Change(
        f"You swapped {names.get(out, out)} for {names.get(into, into)}.", False, out, False, into
    )
    found = plan_update(old, new, adjustments, names)
    others = [c for c in (found.changes if found else ()) if c.exercise not in (out, into)]
    others = [c for c in others if c.exercise is not None or c.safety]
    safety = [c for c in others if c.safety]
    rest = [c for c in others if not c.safety]
    return PlanUpdate((*safety, first, *rest))


def short_form(update: Mapping[str, Any], lines: int = 2) -> tuple[tuple[str, ...], int]:
    """The first ``lines`` of a stored update's changes (safety-related come first, as
    ``plan_update`` orders them) and how many more there are: what home shows at the
    top, so a person sees what changed without opening the plan."""
    texts = [
        str(change["text"])
        for change in update.get("changes") or []
        if isinstance(change, Mapping) and change.get("text")
    ]
    return tuple(texts[:lines]), max(0, len(texts) - lines)


__all__ = [
    "Change",
    "PlanUpdate",
    "fingerprint",
    "is_safety",
    "plan_update",
    "short_form",
    "swap_update",
]
