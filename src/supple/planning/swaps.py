"""Which exercises may be swapped in for one item of a routine (issue 13).

A swap puts an exercise in as it is, so only what the plan itself could have chosen is
offered: allowed by the person's positions, equipment and level, untouched by any
precaution their answers trigger (left out, or only allowed easier or shorter), and
not kept out by the history (left out after pain stops or for its movement, or
replaced by an easier exercise). The planner checks again when the swap is made
(``supple.planning.with_swaps``), so a history that changed in between still wins.
"""

from __future__ import annotations

from collections.abc import Collection

from supple.answers import Answers
from supple.catalog import Catalog
from supple.catalog.models import Exercise, Level
from supple.planning.filters import Adjustments, eligible_exercises
from supple.planning.precautions import default_precautions
from supple.planning.warmups import default_warmup_intensity


def swap_candidates(
    catalog: Catalog,
    answers: Answers,
    exercise_id: str,
    *,
    level: Level,
    gentle: bool,
    in_routine: Collection[str],
    kept_out: Collection[str] = (),
) -> list[Exercise]:
    """Exercises that could stand in for ``exercise_id``: same kind, allowed for this
    person and this history, not already in the routine, sharing a target muscle when
    any does. ``kept_out`` are the exercises the history keeps out of the plan."""
    current = catalog.exercises.get(exercise_id)
    if current is None:
        return []
    prefs = answers.preferences
    pool = eligible_exercises(
        catalog,
        can=prefs.can,
        equipment=prefs.equipment,
        level=level,
        gentle=gentle,
        adjustments=Adjustments(exclusions=frozenset(kept_out)),
    )
    triggered = default_precautions().triggered(answers.facts())
    pool = [e for e in pool if not any(rule.loads(e, None) for rule in triggered)]
    # No warm-up harder than the planner would take (gentle mode, after pain): what is
    # kept out is what hurt, so it sets the same ceiling (``planning.warmups``).
    intensity = default_warmup_intensity()
    ceiling = intensity.ceiling(Adjustments(exclusions=frozenset(kept_out)), gentle=gentle)
    pool = [e for e in pool if e.kind != "warmup" or intensity.allows(e.id, ceiling)]
    same_kind = [e for e in pool if e.kind == current.kind and e.id not in in_routine]
    sharing = [e for e in same_kind if set(e.targets) & set(current.targets)]
    return sharing or same_kind
