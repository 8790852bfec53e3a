"""What a progress report says about the next plan: the next plan itself, not a guess.

``supple.progress.adapt`` decides from the history alone; the planner then settles each
change in the plan it lands in (``supple.planning.settle``: an exercise already done as
its easier version is left out, a dose that cannot step down becomes the easier variant,
the gentler exercise, or is left out) and fills the level-up offer from the two real
plans. A report worded from the history alone could say "done as its easier version"
of an exercise the plan leaves out. So ``supple progress`` (text and ``--json``),
``GET /api/progress`` and the web progress page all take their "your next plan" from
``as_planned``: the plan's own sentences (``Plan.history_notes``) and its settled
adjustments, in the ``Adaptation`` shape the progress document publishes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from supple.progress.adapt import Adaptation, ExerciseChange

if TYPE_CHECKING:
    from supple.planning import Plan


def _changes(plan: Plan, names: Mapping[str, str]) -> tuple[ExerciseChange, ...]:
    """Each exercise the history changed in ``plan``, with the action the plan took and
    the plan's sentence for it."""
    adjustments = plan.adjustments
    # The variant each exercise is really done as (the history's, gentle mode's or a
    # precaution's), for what replaces an exercise or eases it.
    done_as = {item.exercise: item.variant for item in plan.routine.items} if plan.routine else {}
    changes = []
    for note in plan.history_notes(names):
        why = adjustments.reasons[note.exercise]  # a note is only made for a reason
        replacement = note.stand_in if note.action == "regress" else None
        variant = done_as.get(replacement or note.exercise) if note.action == "regress" else None
        steps = adjustments.step_downs.get(note.exercise, 0) if note.action == "step_down" else 0
        changes.append(
            ExerciseChange(
                note.exercise,
                note.action,
                why,
                replacement=replacement,
                steps=steps,
                reason=note.text,
                replacement_variant=variant,
            )
        )
    return tuple(changes)


def as_planned(adaptation: Adaptation, plan: Plan | None, names: Mapping[str, str]) -> Adaptation:
    """``adaptation`` as ``plan`` really makes it: the changes and the level-up offer
    the plan has, worded as the plan words them.

    ``plan`` must be planned from ``adaptation`` (``plan_with_adaptation``). With no plan
    (no answers stored, or none that can be read) nothing can be said about the next
    plan's exercises or a level, so there are no changes and no offer. Without a routine
    (the screen withholds it) the plan words no changes and offers no level either, and
    does not praise low pain. What the history says whatever the plan is always kept:
    the advice to see a GP or physiotherapist, the exercises to have checked, and the
    warning-sign questions to answer again.
    """
    if plan is None:
        return replace(adaptation, changes=(), offer=None)
    if plan.routine is None:
        return replace(adaptation, changes=(), offer=None, success=None)
    offer = plan.adjustments.level_up if not adaptation.see_clinician else None
    return replace(adaptation, changes=_changes(plan, names), offer=offer, success=plan.success)


__all__ = ["as_planned"]
