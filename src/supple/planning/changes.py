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
from supple.planning.history_notes import ChangeReason, change_text, recheck_text

SAFETY_CAUSES = frozenset(
    {
        "stopped_once",
        "stopped_once_no_easier",
        "stopped_twice",
        "leg_pain_stop",
        "same_movement_as_leg_pain_stop",
    }
)
REPLACEMENT_NOT_TAKEN = (
    "Stopped for pain {times}: left out for now; its easier version does not suit the "
    "positions and equipment you chose, or is in the plan already."
)
# The parts of a plan document that make it a different plan for the person.
PLAN_PARTS = ("screen", "routine", "advice")


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


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
    text: str
    safety: bool

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


def plan_update(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    adjustments: Adjustments,
    names: Mapping[str, str],
) -> PlanUpdate | None:
    """What changed from ``old`` to ``new`` and why; None when nothing did."""
    if fingerprint(old) == fingerprint(new):
        return None
    before, after = _items(old), _items(new)
    changes: list[Change] = []
    old_advice = set(old.get("advice") or [])
    if adjustments.escalation and adjustments.escalation not in old_advice:
        changes.append(Change(adjustments.escalation, True))
    for cause in adjustments.recheck:
        text = recheck_text(cause)
        if text not in old_advice:
            changes.append(Change(text, True))
    explained: set[str] = set()
    for key, item in before.items():
        reason = adjustments.reasons.get(key)
        name = item.get("name") or names.get(key, key)
        if reason is None or reason.cause == "swapped":
            continue
        replacement = adjustments.replacements.get(key)
        shown = replacement if replacement in after and replacement not in before else None
        variant = (after.get(shown or key) or {}).get("variant")
        if replacement and shown is None and key not in after:
            # Replaced by an exercise the plan could not take (not allowed for this
            # person, or already in it): the sentence must not name it as the stand-in.
            text = REPLACEMENT_NOT_TAKEN.format(times=_times(reason.count))
        else:
            text = change_text(reason, names, shown, variant=variant)
        changes.append(Change(f"{name}: {text}", is_safety(reason)))
        explained |= {key, *([shown] if shown else [])}
    for key, item in before.items():
        if key in explained:
            continue
        name = item.get("name") or names.get(key, key)
        if key not in after:
            changes.append(Change(f"{name}: no longer in the plan.", False))
        elif {k: v for k, v in item.items() if k != "why"} != {
            k: v for k, v in after[key].items() if k != "why"
        }:
            changes.append(Change(f"{name}: its dose changed to fit the session.", False))
    for key, item in after.items():
        if key not in before and key not in explained:
            changes.append(Change(f"{item.get('name') or key}: added to fill the session.", False))
    if new.get("success") and not old.get("success"):
        changes.append(Change(str(new["success"]), False))
    if not changes:
        changes.append(Change("The advice with your plan changed; read it below.", False))
    ordered = sorted(changes, key=lambda change: not change.safety)
    return PlanUpdate(tuple(ordered))


__all__ = ["Change", "PlanUpdate", "fingerprint", "is_safety", "plan_update"]
