"""The selector's measures against the time model they stand in for.

The selector times every candidate routine it tries; it counts the seconds between
moves from the sets of positions alone and finds each choice's position once (issue
14). Here the same choices are put in the optimal order and their transitions added
up step by step, the way the timeline would do it.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.catalog import default_catalog
from supple.catalog.models import KINDS, Kind
from supple.planning.filters import Adjustments
from supple.planning.selection import Choice, Selector, ordered
from supple.timeline import transition_seconds

CATALOG = default_catalog()
EXERCISES = sorted(CATALOG.exercises.values(), key=lambda e: e.id)


def selector() -> Selector:
    """A selector with nothing to aim at: enough to dose, time and order moves."""
    return Selector(
        EXERCISES,
        contributors=[],
        trunk_muscles=frozenset(),
        level="beginner",
        minutes=30,
        adjustments=Adjustments(),
        gentle=False,
    )


SELECTOR = selector()


@st.composite
def choices(draw: st.DrawFn) -> list[Choice]:
    """Up to ten moves of any exercise in any phase, some done as one of their variants
    (a variant may change the position: the chair twist)."""
    made = []
    for exercise in draw(st.lists(st.sampled_from(EXERCISES), max_size=10)):
        role: Kind = draw(st.sampled_from(KINDS))
        names = [v.name for v in exercise.variants]
        variant = draw(st.none() | st.sampled_from(names)) if names else None
        made.append(replace(SELECTOR.start(exercise, role), variant=variant))
    return made


@settings(max_examples=200, deadline=None)
@given(chosen=choices())
def test_the_moves_between_exercises_are_those_of_the_ordered_routine(
    chosen: list[Choice],
) -> None:
    sequence = ordered(chosen)
    expected = sum(
        transition_seconds(a.position, b.position) for a, b in itertools.pairwise(sequence)
    )
    assert selector().moves(chosen) == expected


def test_a_choice_keeps_the_position_of_its_variant_through_a_replace() -> None:
    twist = CATALOG.exercises["seated-spinal-twist"]
    choice = selector().start(twist, "mobility")
    on_a_chair = replace(choice, variant="On a chair")
    assert choice.position == twist.position == "seated-floor"
    assert on_a_chair.position == "seated-chair"
    assert replace(on_a_chair, variant=None).position == "seated-floor"
