"""Independent checks of the planner's rules, shared by the planning and ordering tests.

These re-derive each rule from the issue's wording (brute force where the planner is
clever) rather than calling the planner's own helpers, so a bug in one is not hidden by
the same bug in the other.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from supple.answers import Answers
from supple.catalog import Catalog
from supple.catalog.models import Exercise

FLOOR = {"seated-floor", "supine", "prone", "side-lying", "kneeling", "half-kneeling", "all-fours"}
PHASES = ("warmup", "mobility", "strength", "stretch")
PERMUTATION_ITEMS = 8
"""Routines up to this many items are checked against every permutation."""


def allowed(can: Sequence[str]) -> set[str]:
    """The issue's mapping from `can` to positions, written out literally."""
    positions: set[str] = set()
    if "floor" in can:
        positions |= {"seated-floor", "supine", "prone", "side-lying"}
    if "kneel" in can and "floor" in can:
        positions |= {"kneeling", "half-kneeling", "all-fours"}
    if "chair" in can:
        positions.add("seated-chair")
    if "standing" in can:
        positions.add("standing")
    return positions


def cost(positions: Sequence[str]) -> tuple[int, int]:
    floor = sum((a in FLOOR) != (b in FLOOR) for a, b in itertools.pairwise(positions))
    changes = sum(a != b for a, b in itertools.pairwise(positions))
    return floor, changes


def permutation_cost(phases: Sequence[Sequence[str]]) -> tuple[int, int]:
    """The best cost by trying every order of the items within each phase (small inputs)."""
    best: tuple[int, int] | None = None
    for combo in itertools.product(*(itertools.permutations(p) for p in phases)):
        value = cost([position for phase in combo for position in phase])
        best = value if best is None or value < best else best
    return best if best is not None else (0, 0)


def sequence_search_cost(phases: Sequence[Sequence[str]]) -> tuple[int, int]:
    """The best cost over every order, searched item by item with memoisation.

    Unlike the planner it assumes nothing about grouping positions: the state is which
    items of the current phase are still to place (as counts per position) and the
    position last used, so every possible sequence is covered.
    """
    counts = [tuple(sorted(Counter(phase).items())) for phase in phases]

    @cache
    def best(phase: int, left: tuple[tuple[str, int], ...], last: str | None) -> tuple[int, int]:
        if all(n == 0 for _, n in left):
            if phase + 1 == len(counts):
                return (0, 0)
            return best(phase + 1, counts[phase + 1], last)
        options = []
        for index, (position, n) in enumerate(left):
            if n == 0:
                continue
            rest = (*left[:index], (position, n - 1), *left[index + 1 :])
            step = cost([last, position]) if last is not None else (0, 0)
            after = best(phase, rest, position)
            options.append((step[0] + after[0], step[1] + after[1]))
        return min(options)

    return best(0, counts[0], None) if counts else (0, 0)


def brute_force_cost(phases: Sequence[Sequence[str]]) -> tuple[int, int]:
    """The exhaustive optimum: every permutation when there are few items, else the
    item-by-item search (which also covers every sequence)."""
    if sum(len(p) for p in phases) <= PERMUTATION_ITEMS:
        return permutation_cost(phases)
    return sequence_search_cost(phases)


def eligible(exercise: Exercise, answers: Answers, level: str, gentle: bool) -> bool:
    prefs = answers.preferences
    if exercise.position not in allowed(prefs.can):
        return False
    kneels = "kneel" in prefs.can and "floor" in prefs.can
    if "kneeling_load" in exercise.movement_classes and not kneels:
        return False
    if not set(exercise.required_equipment) <= set(prefs.equipment):
        return False
    return not exercise.advanced_only or (level == "advanced" and not gentle)


def precaution_rules(answers: Answers) -> list[Any]:
    from supple.planning.precautions import default_precautions

    return default_precautions().triggered(answers.facts())


def removed_by_precautions(exercise: Exercise, answers: Answers) -> bool:
    """The oracle for 'avoid': a move whose own form loads an avoided class and none of
    whose easier variants (with the person's equipment) escapes every avoided class."""
    rules = [r for r in precaution_rules(answers) if r.removes]
    if not any(r.loads(exercise, None) for r in rules):
        return False
    have = set(answers.preferences.equipment)
    return not any(
        v.direction == "easier"
        and set(v.equipment) <= have
        and not any(r.loads(exercise, v.name) for r in rules)
        for v in exercise.variants
    )


def touched_by_precautions(exercise: Exercise, answers: Answers) -> bool:
    """Any triggered precaution concerns this move (its dose or variant may change)."""
    return any(r.loads(exercise, None) for r in precaution_rules(answers))


def phases_of(routine: dict[str, Any]) -> list[list[str]]:
    return [[i["position"] for i in routine["items"] if i["kind"] == k] for k in PHASES]


def serves(contributor: str, item: dict[str, Any]) -> bool:
    """The oracle for coverage: a routine item targets one of the contributor's muscles
    or is one of the exercises its data names outright."""
    from supple.assessment import default_contributors

    info = default_contributors().by_id(contributor)
    return item["exercise"] in info.exercises or bool(set(info.muscles) & set(item["targets"]))


WARMUP_MAX = 600
"""The issue leaves the warm-up's upper end open; the articles give 5-10 minutes."""


def exercise_capacity(exercise: Exercise, dose_level: str) -> int:
    """Seconds one exercise can take at its largest dose (top sets, top work time),
    switches and rests included, transitions not."""
    from supple.timeline import REST_SECONDS, SWITCH_SECONDS

    dose = exercise.dosage.for_level(dose_level)  # type: ignore[arg-type]
    sides = 2 if exercise.per_side else 1
    top_sets = int(exercise.limits.sets[1]) if exercise.limits.sets else 0
    sets = dose.max_sets or max(dose.sets, top_sets)
    if dose.work_seconds is not None:
        top = int(exercise.limits.work_seconds[1]) if exercise.limits.work_seconds else 0
        block = max(dose.work_seconds, top)
    elif dose.reps is not None:
        assert dose.seconds_per_rep is not None
        block = math.ceil(round(dose.reps * dose.seconds_per_rep, 6))
    else:
        assert dose.hold_seconds is not None
        block = dose.hold_seconds
    return sets * sides * block + sets * (sides - 1) * SWITCH_SECONDS + (sets - 1) * REST_SECONDS


def capacity_seconds(catalog: Catalog, answers: Answers, level: str, gentle: bool) -> int:
    """A lower bound on the longest routine the allowed catalog allows: every allowed
    exercise at its largest dose (warm-up moves together no longer than the warm-up
    maximum), with the shortest possible transitions. When this reaches 85% of the
    requested time, the catalog can certainly fill it."""
    from supple.timeline import READY_SECONDS, TRANSITION_SAME_SECONDS

    dose_level = "beginner" if gentle else level
    allowed_moves = [
        e
        for e in catalog.exercises.values()
        if eligible(e, answers, level, gentle) and not touched_by_precautions(e, answers)
    ]
    if not allowed_moves:
        return 0
    warmups = sum(exercise_capacity(e, dose_level) for e in allowed_moves if e.kind == "warmup")
    others = sum(exercise_capacity(e, dose_level) for e in allowed_moves if e.kind != "warmup")
    total = min(warmups, WARMUP_MAX) + others
    # Transitions are counted only between moves that add work: once the warm-up moves
    # can fill the warm-up maximum between them, more of them would add nothing but
    # the few seconds spent changing moves.
    warm = [e for e in allowed_moves if e.kind == "warmup"]
    needed_warm = len(warm)
    if warm:
        top = sorted((exercise_capacity(e, dose_level) for e in warm), reverse=True)
        needed_warm = next(
            (n for n in range(1, len(top) + 1) if sum(top[:n]) >= WARMUP_MAX), len(top)
        )
    moves = needed_warm + sum(1 for e in allowed_moves if e.kind != "warmup")
    return total + READY_SECONDS + (moves - 1) * TRANSITION_SAME_SECONDS


def assert_no_avoided_class(answers: Answers, routine: Any, catalog: Catalog) -> None:
    """The safety property: no item, done as its chosen variant, loads a class that a
    triggered precaution avoids, and a class allowed only briefly stays within its time."""
    if routine is None:
        return
    rules = [r for r in precaution_rules(answers) if r.effect == "avoid"]
    for rule in rules:
        loading = [
            item
            for item in routine.items
            if rule.loads(catalog.exercises[item.exercise], item.variant)
        ]
        if rule.allowed_seconds is None:
            assert not loading, (rule.id, [(i.exercise, i.variant) for i in loading])
        else:
            spent = sum(item.duration_seconds for item in loading)
            assert spent <= rule.allowed_seconds, (rule.id, spent)
