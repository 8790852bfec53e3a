"""The one sentence for each exercise the history changed, as the plan really has it.

The plan's advice (``supple.planning.explain``) and its "what changed" note
(``supple.planning.changes``) both word a change here, from the reason value the
progress core decided and the planner settled (``supple.planning.settle``), so an
exercise is never "replaced by" something in one place and "left out" in another.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from supple.planning.filters import Adjustments
from supple.planning.history_notes import change_text, not_taken_text

# What the plan really does with the exercise, decided with its sentence: done as (or
# replaced by) an easier version, left out, or dosed down.
Action = Literal["regress", "leave_out", "step_down"]


@dataclass(frozen=True)
class Note:
    """One exercise's change: ``in_plan`` whether the exercise itself is still in the
    plan, ``stand_in`` the exercise the sentence names as in the plan instead, and
    ``action`` what the plan does with it, as the sentence says (a stand-in the plan
    holds anyway leaves the exercise out)."""

    exercise: str
    text: str
    in_plan: bool
    stand_in: str | None = None
    action: Action = "leave_out"


def exercise_note(
    key: str,
    adjustments: Adjustments,
    names: Mapping[str, str],
    planned: Collection[str] | None,
) -> Note | None:
    """The history's change to ``key``, worded from its reason; None when the history
    did not change it (or the person swapped it: that is theirs, worded apart).

    ``planned`` are the exercises of the routine (None: no routine to check against,
    every change is taken as made).
    """
    reason = adjustments.reasons.get(key)
    if reason is None or reason.cause == "swapped":
        return None
    to = adjustments.replacements.get(key)
    if to is not None:
        variant = adjustments.variants.get(to)
        if planned is not None and to not in planned:
            return Note(key, not_taken_text(reason, names, to, variant=variant), False)
        anyway = reason.outcome == "stand_in_already_planned"
        text = change_text(reason, names, to, variant=variant)
        return Note(key, text, False, to, "leave_out" if anyway else "regress")
    own = adjustments.variants.get(key)
    if own is not None:
        if planned is not None and key not in planned:
            return Note(key, not_taken_text(reason, names, None, variant=own), False)
        return Note(key, change_text(reason, names, variant=own), True, action="regress")
    if key in adjustments.exclusions:
        return Note(key, change_text(reason, names), False)
    if key in adjustments.step_downs and (planned is None or key in planned):
        return Note(key, change_text(reason, names), True, action="step_down")
    return None


def changed_keys(adjustments: Adjustments) -> list[str]:
    """Every exercise the adjustments touch, by id."""
    touched = (
        set(adjustments.replacements)
        | set(adjustments.variants)
        | set(adjustments.exclusions)
        | set(adjustments.step_downs)
    )
    return sorted(touched)


__all__ = ["Action", "Note", "changed_keys", "exercise_note"]
