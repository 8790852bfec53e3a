"""Planner speed, order optimality and time fill over random valid answer sets.

Run: .venv/bin/python benchmarks/planner.py [--count 500] [--seed 20261121]
     [--compare OLD_SRC [--rounds 3]]

``--compare`` times this tree's planner against another source tree's (e.g.
``git archive main | tar -x -C /tmp/main``, then ``--compare /tmp/main/src``) on the
same people, and counts the plans that are identical. The speed goal needs every plan
identical, so the other tree must plan like this one: a tree from before a change to
what plans hold (the catalog, the rules, the plan document) counts few or none alike.
To time speed work alone, compare with this tree with that work's commits reverted.

Answers come from a small seeded generator (no hypothesis), so every run sees the same
500 people. For each plan it measures the wall time of ``build_plan`` (screen, assessment
and routine), checks the order against an exhaustive search (every permutation within
each phase for small routines, otherwise a memoised item-by-item search over every
sequence), and compares the estimate with the requested minutes. The exhaustive search
and the "can the catalog fill this?" bound are the test suite's independent oracles
(tests/plan_checks.py), so the benchmark and the tests judge plans the same way.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from supple.answers import (
    CAN,
    EQUIPMENT,
    FIELD_TYPES,
    LEVELS,
    MAX_MINUTES,
    MIN_MINUTES,
    OPTIONAL_FIELDS,
    allowed_values,
    parse_answers,
)
from supple.catalog import default_catalog
from supple.planning import build_plan
from supple.screening import screen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from plan_checks import (
    PERMUTATION_ITEMS,
    PHASES,
    brute_force_cost,
    capacity_seconds,
    cost,
)


def subset(rng: random.Random, values: Sequence[str]) -> list[str]:
    return [value for value in values if rng.random() < 0.6]


NUMBERS: dict[str, tuple[float, float]] = {
    "about.age": (16, 90),
    "pain.intensity": (0, 10),
    "pain.weeks": (0, 52),
    "pain.sitting_hours": (0, 14),
}


def random_answers(rng: random.Random) -> dict[str, Any]:
    """One valid version-2 document; warning signs are rare, as in real life."""
    document: dict[str, Any] = {"version": 2}
    for path, kind in FIELD_TYPES.items():
        if path in OPTIONAL_FIELDS:
            continue
        values = allowed_values(path)
        if path in NUMBERS:
            low, high = NUMBERS[path]
            value: Any = (
                rng.randint(int(low), int(high))
                if path != "pain.weeks"
                else round(rng.uniform(low, high), 1)
            )
        elif kind is bool:
            rare = path.startswith(("red_flags.", "history."))
            value = rng.random() < (0.015 if rare else 0.4)
        elif path == "pain.areas":
            value = subset(rng, [v for v in values or () if v != "upper_back"])
        else:
            choices = list(values or ())
            value = choices[0] if rng.random() < 0.7 else rng.choice(choices)
        *sections, name = path.split(".")
        target = document
        for section in sections:
            target = target.setdefault(section, {})
        target[name] = value
    pain, flags = document["pain"], document["red_flags"]
    pain["onset"] = rng.choice(["gradual", "gradual", "after_effort", "after_fall_or_knock"])
    flags["pregnancy_warning"] = False
    if pain["onset"] != "after_fall_or_knock":
        flags["cannot_bear_weight_after_fall"] = flags["walking_much_harder_after_fall"] = False
    if "none" not in pain["legs"].values():
        pain["legs_both_new_or_worse"] = rng.random() < 0.5
    document["preferences"] = {
        "level": rng.choice(LEVELS),
        "minutes": rng.randint(MIN_MINUTES, MAX_MINUTES),
        "can": subset(rng, CAN) if rng.random() < 0.5 else list(CAN),
        "equipment": subset(rng, EQUIPMENT) if rng.random() < 0.5 else ["mat", "chair"],
    }
    return document


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


TODAY = date(2026, 12, 1)  # fixed, so two trees (and two days) plan the same people
SPEEDUP_GOAL = 1.5  # issue 14: p50 at least 1.5x faster than the planner compared with


def timed_plans(
    count: int, seed: int, clock: Any = time.perf_counter
) -> tuple[list[float], list[Any], float]:
    """Plan the seeded people one by one: (latencies, plans, total seconds)."""
    rng = random.Random(seed)
    catalog = default_catalog()
    people = [parse_answers(random_answers(rng)) for _ in range(count)]
    build_plan(people[0], catalog, today=TODAY)  # warm caches and imports outside the timing
    latencies: list[float] = []
    plans = []
    started = time.perf_counter()
    for answers in people:
        begin = clock()
        plans.append(build_plan(answers, catalog, today=TODAY))
        latencies.append(clock() - begin)
    return latencies, plans, time.perf_counter() - started


def compare(old_src: Path, count: int, seed: int, rounds: int) -> None:
    """This tree's planner against ``old_src``'s on the same people, in alternating
    child processes (so a burst of load on a shared machine falls on both alike)."""
    script = [sys.executable, __file__, "--dump", "--count", str(count), "--seed", str(seed)]
    p50s: dict[str, list[float]] = {"old": [], "new": []}
    documents: dict[str, list[Any]] = {}
    for _ in range(rounds):
        for label, src in (("old", str(old_src)), ("new", str(Path(__file__).parents[1] / "src"))):
            env = {**os.environ, "PYTHONPATH": src}
            done = subprocess.run(script, env=env, check=True, capture_output=True, text=True)
            result = json.loads(done.stdout)
            built = [
                t
                for t, plan in zip(result["latencies"], result["plans"], strict=True)
                if plan.get("routine")
            ]
            p50s[label].append(percentile(built, 0.5))
            documents[label] = result["plans"]
    same = sum(a == b for a, b in zip(documents["old"], documents["new"], strict=True))
    old, new = statistics.median(p50s["old"]), statistics.median(p50s["new"])
    print(f"answer sets: {count} (seed {seed}), {rounds} rounds each, median of the p50s (CPU)")
    print(
        f"planner p50 (plans with a routine): old {old * 1000:.2f} ms, "
        f"new {new * 1000:.2f} ms: {old / new:.2f}x faster"
    )
    verdict = "met" if old / new >= SPEEDUP_GOAL and same == count else "NOT met"
    print(f"identical plans: {same}/{count}")
    print(f"goal: at least {SPEEDUP_GOAL:g}x faster with every plan identical: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--compare", type=Path, help="another Supple src folder to time against")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare: runs of each")
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.dump:
        # CPU time of this thread: on a shared machine the neighbours' load would
        # otherwise decide which tree looks faster.
        latencies, plans, _ = timed_plans(args.count, args.seed, time.thread_time)
        print(json.dumps({"latencies": latencies, "plans": [p.to_dict() for p in plans]}))
        return
    if args.compare:
        compare(args.compare.resolve(), args.count, args.seed, args.rounds)
        return
    latencies, plans, elapsed = timed_plans(args.count, args.seed)
    rng = random.Random(args.seed)
    people = [parse_answers(random_answers(rng)) for _ in range(args.count)]
    catalog = default_catalog()
    today = TODAY

    routines = optimal = 0
    methods: Counter[str] = Counter()
    fills_fillable: list[float] = []
    fills_all: list[float] = []
    for answers, plan in zip(people, plans, strict=True):
        routine = plan.routine
        if routine is None or not routine.items:
            continue
        routines += 1
        phases = [[i.position for i in routine.items if i.kind == kind] for kind in PHASES]
        best = brute_force_cost(phases)
        exhaustive_by = "permutations" if len(routine.items) <= PERMUTATION_ITEMS else "search"
        methods[exhaustive_by] += 1
        got = (routine.floor_transitions, routine.position_changes)
        optimal += got == best == cost([i.position for i in routine.items])
        ratio = routine.estimated_seconds / (routine.minutes_requested * 60)
        fills_all.append(ratio)
        screened = screen(answers, today=today)
        level = answers.preferences.level
        fillable = capacity_seconds(catalog, answers, level, screened.gentle)
        if fillable >= 0.85 * routine.minutes_requested * 60:
            fills_fillable.append(ratio)

    withheld = sum(plan.routine is None for plan in plans)
    built = [t for t, plan in zip(latencies, plans, strict=True) if plan.routine is not None]
    print(f"answer sets:            {args.count} (seed {args.seed})")
    print(f"plans per second:       {args.count / elapsed:,.0f}")
    print(
        f"latency p50 / p95:      {percentile(latencies, 0.5) * 1000:.2f} ms / "
        f"{percentile(latencies, 0.95) * 1000:.2f} ms (max {max(latencies) * 1000:.2f} ms)"
    )
    if built:
        print(
            f"  with a routine only:  {percentile(built, 0.5) * 1000:.2f} ms / "
            f"{percentile(built, 0.95) * 1000:.2f} ms"
        )
    print(
        f"routines built:         {routines} ({withheld} withheld by the screen, "
        f"{args.count - withheld - routines} empty)"
    )
    print(
        f"order = exhaustive:     {optimal}/{routines} = {optimal / max(routines, 1):.1%} "
        f"({methods['permutations']} by all permutations, {methods['search']} by full search)"
    )
    if fills_fillable:
        print(
            f"fill, fillable cases:   n={len(fills_fillable)}  min {min(fills_fillable):.3f}  "
            f"median {statistics.median(fills_fillable):.3f}  "
            f"below 0.85: {sum(r < 0.85 for r in fills_fillable)}"
        )
    if fills_all:
        print(
            f"fill, all routines:     n={len(fills_all)}  min {min(fills_all):.3f}  "
            f"median {statistics.median(fills_all):.3f}  max {max(fills_all):.3f}"
        )


if __name__ == "__main__":
    main()
