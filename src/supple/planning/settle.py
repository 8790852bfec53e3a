"""Make each change the history asks for a real change in this person's plan.

``supple.progress.adapt`` decides from the history alone: stopped once, the easier
version; rated hard or painful, one dose step down. Whether that changes anything
depends on the plan it lands in, which only the planner knows: gentle mode or a
precaution may already do the exercise as that easier version, and a dose already at
the beginner minimum cannot step down. A change that changes nothing would give the
exercise that hurt at the same dose again, so here, before the routine is chosen:

- an exercise stopped once whose easier version is what the plan does anyway, or what
  it was done as when it was stopped (``Adjustments.done_as``), has
  nothing easier left (its chain ends in that variant): it is left out for now, and
  so is an exercise that was to be replaced by it;
- a step down the dose cannot take (beginner, one set) becomes the easier variant,
  then the gentler exercise the catalog regresses to, and with nothing easier left
  the exercise is left out for now: the safer choice;

each with an ``Outcome`` on its reason, so the words say what really happened.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from supple.catalog import Catalog
from supple.catalog.models import Exercise, Level
from supple.planning.filters import Adjustments, dosing, easier_variant, eligible_exercises
from supple.planning.history_notes import ChangeReason
from supple.planning.precautions import Precaution, apply_precautions


def _lowered(exercise: Exercise, level: Level, steps: int) -> int:
    """How many of ``steps`` dose steps really lower the dose (none below 1 set)."""
    doses = [dosing(exercise, level, s).dose for s in range(steps + 1)]
    return sum(1 for a, b in itertools.pairwise(doses) if a != b)


def _other_easier_variant(
    exercise: Exercise, equipment: Collection[str], current: str | None
) -> str | None:
    """The easier variant to step to: the regression chain's first, else the first easier
    one the person has the equipment for; never the variant already in use."""
    have = set(equipment)
    names = [exercise.regression_variant] if exercise.regression_variant else []
    names += [v.name for v in exercise.variants if v.direction == "easier"]
    for name in dict.fromkeys(names):
        variant = exercise.variant(name)
        if variant is not None and name != current and set(variant.equipment) <= have:
            return name
    return None


def settle(
    adjustments: Adjustments,
    catalog: Catalog,
    *,
    can: Collection[str],
    equipment: Collection[str],
    level: Level,
    gentle: bool,
    triggered: Sequence[Precaution],
) -> Adjustments:
    """The history's adjustments, each one made to change this plan (see the module).

    ``level`` is the level the plan doses at (beginner in gentle mode).
    """
    if not (adjustments.variants or adjustments.step_downs):
        return adjustments
    everyone = eligible_exercises(
        catalog, can=can, equipment=equipment, level=level, gentle=gentle, adjustments=Adjustments()
    )
    gentle_base = {
        e.id: found for e in everyone if gentle and (found := easier_variant(e, equipment))
    }
    plain = apply_precautions(everyone, triggered, equipment=equipment, base_variants=gentle_base)
    allowed = {e.id for e in plain.pool}
    with_history = apply_precautions(
        everyone,
        triggered,
        equipment=equipment,
        base_variants={**gentle_base, **adjustments.variants},
    ).variants
    variants = dict(adjustments.variants)
    replacements = dict(adjustments.replacements)
    exclusions = set(adjustments.exclusions)
    step_downs = dict(adjustments.step_downs)
    reasons = dict(adjustments.reasons)
    for key in sorted(adjustments.variants):
        # Already that easier version: what the plan does anyway (gentle mode, a
        # precaution), or what the exercise was done as when it was stopped (a warm-up
        # after a warm-up hurt is done at its easiest, t13c F5).
        done = adjustments.done_as.get(key)
        if done is not None and done == adjustments.variants[key]:
            already: str | None = done
        elif key in allowed and with_history.get(key) == plain.variants.get(key):
            already = plain.variants.get(key)
        else:
            continue
        del variants[key]
        exclusions.add(key)
        reasons[key] = replace(
            reasons.get(key, ChangeReason("stopped_once")),
            outcome="already_easier_left_out",
            variant=already,
        )
        for other, to in sorted(adjustments.replacements.items()):
            if to == key and reasons.get(other, ChangeReason("stopped_once")).cause != "swapped":
                del replacements[other]
                exclusions.add(other)
                reasons[other] = ChangeReason("stopped_once_no_easier")
    removed = exclusions | set(replacements)
    for key, steps in sorted(adjustments.step_downs.items()):
        exercise = catalog.exercises.get(key)
        reason = reasons.get(key)
        if exercise is None or reason is None or key in removed:
            continue
        left = steps - _lowered(exercise, level, steps)
        if left <= 0:
            continue
        options: list[tuple[str, str]] = []
        variant = _other_easier_variant(exercise, equipment, plain.variants.get(key))
        if variant is not None:
            options.append(("variant", variant))
        gentler = exercise.regression
        if gentler is not None and gentler in allowed and gentler not in removed:
            options.append(("gentler", gentler))
        if left <= len(options):
            kind, value = options[left - 1]
            if kind == "variant":
                variants[key] = value
                reasons[key] = replace(reason, outcome="easier_variant", variant=value)
                continue
            replacements[key] = value
            reasons[key] = replace(reason, outcome="gentler_exercise")
        else:
            exclusions.add(key)
            reasons[key] = replace(reason, outcome="left_out")
        del step_downs[key]
    return replace(
        adjustments,
        variants=variants,
        replacements=replacements,
        exclusions=frozenset(exclusions),
        step_downs=step_downs,
        reasons=reasons,
    )


def mark_stand_ins(adjustments: Adjustments, planned_anyway: Collection[str]) -> Adjustments:
    """Replacements by an exercise the plan holds anyway: the exercise is really left
    out, and its easier version simply stays (``stand_in_already_planned``)."""
    marked: Mapping[str, ChangeReason] = {
        key: replace(reason, outcome="stand_in_already_planned")
        for key, to in adjustments.replacements.items()
        if (reason := adjustments.reasons.get(key)) is not None
        and reason.cause != "swapped"
        and to in planned_anyway
    }
    if not marked:
        return adjustments
    return replace(adjustments, reasons={**adjustments.reasons, **marked})


__all__ = ["mark_stand_ins", "settle"]
