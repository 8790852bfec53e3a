"""Put the chosen exercises in the order that asks the least of the body between them.

The phases keep their fixed order (warm-up, mobility, strength, stretches). Within that,
the order minimises first the floor transitions (getting down to the floor or up from
it, the hardest moves for someone in pain) and then the position changes.

Why this is exact: both counts are sums over neighbouring exercises of a 0/1 distance
that obeys the triangle inequality, so any order can be rearranged, without getting
worse, so that a phase's exercises in one position sit together. What is left is the
order of a phase's distinct positions (at most nine), found by dynamic programming over
subsets (Held-Karp), chained across phases through the last position of each phase.
Ties are broken by the catalog's position order, so the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TypeVar

from supple.catalog.models import POSITIONS, Position
from supple.timeline import is_floor

T = TypeVar("T")
Cost = tuple[int, int]
_RANK = {position: index for index, position in enumerate(POSITIONS)}


def step_cost(before: Position, after: Position) -> Cost:
    """(floor transitions, position changes) of moving from one position to the next."""
    return int(is_floor(before) != is_floor(after)), int(before != after)


def sequence_cost(positions: Iterable[Position]) -> Cost:
    floor = changes = 0
    previous: Position | None = None
    for position in positions:
        if previous is not None:
            step = step_cost(previous, position)
            floor, changes = floor + step[0], changes + step[1]
        previous = position
    return floor, changes


# A candidate path: its cost, then the ranks of its positions (the tie-break), then the path.
_Path = tuple[Cost, tuple[int, ...], tuple[Position, ...]]


def _add(a: Cost, b: Cost) -> Cost:
    return a[0] + b[0], a[1] + b[1]


@cache
def _phase_paths(entry: Position | None, positions: tuple[Position, ...]) -> dict[Position, _Path]:
    """Best way through every position of one phase, for each position it could end on.

    Held-Karp: best[(visited set, last)] over bitmasks of the phase's positions.
    """
    count = len(positions)
    best: dict[tuple[int, int], _Path] = {}
    for index, position in enumerate(positions):
        cost = step_cost(entry, position) if entry is not None else (0, 0)
        best[(1 << index, index)] = (cost, (_RANK[position],), (position,))
    for mask in range(1, 1 << count):
        for last in range(count):
            current = best.get((mask, last))
            if current is None:
                continue
            for nxt in range(count):
                if mask & (1 << nxt):
                    continue
                cost = _add(current[0], step_cost(positions[last], positions[nxt]))
                candidate: _Path = (
                    cost,
                    (*current[1], _RANK[positions[nxt]]),
                    (*current[2], positions[nxt]),
                )
                key = (mask | (1 << nxt), nxt)
                if key not in best or candidate[:2] < best[key][:2]:
                    best[key] = candidate
    full = (1 << count) - 1
    return {positions[last]: best[(full, last)] for last in range(count)}


def best_position_order(phases: Sequence[Iterable[Position]]) -> tuple[tuple[Position, ...], ...]:
    """For each phase, the order in which to visit its distinct positions."""
    # state: last position so far -> (cost, tie-break ranks, per-phase orders)
    states: dict[Position | None, tuple[Cost, tuple[int, ...], tuple[tuple[Position, ...], ...]]]
    states = {None: ((0, 0), (), ())}
    for phase in phases:
        distinct = tuple(sorted(set(phase), key=_RANK.__getitem__))
        if not distinct:
            states = {last: (*value[:2], (*value[2], ())) for last, value in states.items()}
            continue
        following: dict[
            Position | None, tuple[Cost, tuple[int, ...], tuple[tuple[Position, ...], ...]]
        ] = {}
        for entry, (cost, ranks, orders) in states.items():
            for last, (path_cost, path_ranks, path) in _phase_paths(entry, distinct).items():
                candidate = (_add(cost, path_cost), ranks + path_ranks, (*orders, path))
                if last not in following or candidate[:2] < following[last][:2]:
                    following[last] = candidate
        states = following
    return min(states.values(), key=lambda value: value[:2])[2]


def order_phases(phases: Sequence[Sequence[T]], position_of: Callable[[T], Position]) -> list[T]:
    """Concatenate the phases in the optimal order; items sharing a position keep their order."""
    orders = best_position_order([[position_of(item) for item in phase] for phase in phases])
    result: list[T] = []
    for phase, order in zip(phases, orders, strict=True):
        for position in order:
            result.extend(item for item in phase if position_of(item) == position)
    return result
