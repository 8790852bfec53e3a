"""One dose wording for the terminal, the web pages, the handout and the calendar."""

from __future__ import annotations

import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

import supple.dosage
from routine_items import routine_item
from supple.catalog import default_catalog
from supple.catalog.models import LEVELS, Level
from supple.dosage import clock, item_dose_line, level_dose_line, span, whole_minutes


def test_the_examples_in_the_module_hold() -> None:
    assert doctest.testmod(supple.dosage).failed == 0


def test_durations_read_as_people_say_them() -> None:
    assert [span(s) for s in (45, 60, 90, 300)] == ["45 s", "1 min", "1 min 30 s", "5 min"]
    assert [clock(s) for s in (5, 65, 600)] == ["0:05", "1:05", "10:00"]
    assert [whole_minutes(s) for s in (1, 60, 61, 899)] == [1, 1, 2, 15]


@settings(max_examples=60, deadline=None)
@given(
    exercise=st.sampled_from(sorted(default_catalog().exercises)),
    level=st.sampled_from(LEVELS),
    sets=st.integers(1, 5),
)
def test_dose_line_names_hold_reps_sets_and_side(exercise: str, level: Level, sets: int) -> None:
    catalog = default_catalog()
    record = catalog.exercises[exercise]
    dose = record.dosage.for_level(level)
    line = item_dose_line(routine_item(exercise, catalog, level, sets=sets))
    single_block = dose.work_seconds is not None and sets == 1
    assert ((f"{sets} set" + ("s" if sets > 1 else "")) in line) != single_block
    assert ("each side" in line) == record.per_side
    if dose.reps is not None:
        assert line.startswith(f"{dose.reps} reps")
        assert (f"hold {dose.hold_seconds} s each rep" in line) == bool(dose.hold_seconds)
    elif dose.hold_seconds is not None:
        assert line.startswith(f"Hold {dose.hold_seconds} s")
    else:
        assert dose.work_seconds is not None
        assert line.startswith(f"Keep going {span(dose.work_seconds)}")


def test_a_catalog_level_reads_like_the_same_item_in_a_routine() -> None:
    catalog = default_catalog()
    for exercise in catalog.exercises.values():
        for level in LEVELS:
            dose = exercise.dosage.for_level(level)
            item = routine_item(exercise.id, catalog, level)
            assert level_dose_line(dose, exercise.per_side) == item_dose_line(item)
