"""The order optimiser against brute force over every permutation within each phase."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_checks import cost, permutation_cost, sequence_search_cost
from supple.catalog.models import POSITIONS, Position
from supple.planning.ordering import best_position_order, order_phases, sequence_cost

position = st.sampled_from(POSITIONS)


def small_phases() -> st.SearchStrategy[list[list[tuple[int, Position]]]]:
    """Four phases of at most eight items in all, each item a (label, position)."""
    phase = st.lists(position, max_size=4)
    return (
        st.lists(phase, min_size=4, max_size=4)
        .filter(lambda phases: sum(map(len, phases)) <= 8)
        .map(
            lambda phases: [
                [(index * 10 + n, p) for n, p in enumerate(items)]
                for index, items in enumerate(phases)
            ]
        )
    )


def positions_of(phases: list[list[tuple[int, Position]]]) -> list[list[Position]]:
    return [[p for _, p in phase] for phase in phases]


@settings(max_examples=400, deadline=None)
@given(phases=small_phases())
def test_the_optimiser_matches_brute_force_over_all_permutations(
    phases: list[list[tuple[int, Position]]],
) -> None:
    order = order_phases(phases, lambda item: item[1])
    assert sequence_cost(p for _, p in order) == permutation_cost(positions_of(phases))


@settings(max_examples=150, deadline=None)
@given(
    phases=st.lists(st.lists(position, max_size=9), min_size=4, max_size=4),
)
def test_the_optimiser_matches_a_full_search_on_larger_selections(
    phases: list[list[Position]],
) -> None:
    order = order_phases(phases, lambda p: p)
    assert sequence_cost(order) == sequence_search_cost(phases)


@settings(max_examples=200, deadline=None)
@given(phases=small_phases())
def test_phase_order_and_items_are_kept(phases: list[list[tuple[int, Position]]]) -> None:
    order = order_phases(phases, lambda item: item[1])
    assert Counter(order) == Counter(item for phase in phases for item in phase)
    labels = [label // 10 for label, _ in order]
    assert labels == sorted(labels), "phases never mix"
    # Items sharing a position within a phase keep their given order.
    for phase in phases:
        for where in {p for _, p in phase}:
            given_order = [item for item in phase if item[1] == where]
            assert [item for item in order if item in given_order] == given_order


@settings(max_examples=100, deadline=None)
@given(phases=small_phases())
def test_the_order_is_deterministic(phases: list[list[tuple[int, Position]]]) -> None:
    first = order_phases(phases, lambda item: item[1])
    assert order_phases([list(p) for p in phases], lambda item: item[1]) == first


def test_floor_transitions_come_before_position_changes() -> None:
    # One phase: standing, supine, seated-chair, side-lying. Grouping the two floor
    # positions and the two upright ones gives one trip down and three changes.
    phases: list[list[Position]] = [["standing", "supine", "seated-chair", "side-lying"]]
    order = order_phases(phases, lambda p: p)
    assert sequence_cost(order) == (1, 3)
    assert cost(order) == (1, 3)


def test_the_last_position_carries_into_the_next_phase() -> None:
    # Warm-up standing; mobility on the floor and standing: staying up first saves a trip.
    phases: list[list[Position]] = [["standing"], ["all-fours", "standing"], [], ["supine"]]
    order = order_phases(phases, lambda p: p)
    assert order == ["standing", "standing", "all-fours", "supine"]
    assert sequence_cost(order) == (1, 2)


def test_ties_are_broken_by_the_catalog_position_order() -> None:
    # Supine and prone cost the same either way round; supine comes first in POSITIONS
    # only if it is listed earlier there.
    order = best_position_order([["prone", "supine"]])[0]
    assert list(order) == sorted(order, key=POSITIONS.index)


def test_empty_phases_cost_nothing() -> None:
    assert order_phases([[], [], [], []], lambda p: p) == []
    assert sequence_cost([]) == (0, 0)
