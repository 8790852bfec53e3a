"""Hypothesis strategies for answer documents, shared by every test that needs answers.

They produce raw JSON-like dicts (what a file or the web form would hold), so tests go
through ``parse_answers`` exactly like real input does.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from supple.answers import (
    AREAS,
    CAN,
    CHARACTERS,
    EQUIPMENT,
    LEVELS,
    MAX_MINUTES,
    MIN_MINUTES,
    PAIN_BOOLEANS,
    RADIATES,
    RED_FLAGS,
    SIDES,
)

Raw = dict[str, Any]


def _subset(values: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=len(values))


def _number(low: float, high: float) -> st.SearchStrategy[float | int]:
    return st.one_of(
        st.integers(int(low), int(high)),
        st.floats(low, high, allow_nan=False, allow_infinity=False),
    )


def red_flags(*, all_no: bool = False) -> st.SearchStrategy[Raw]:
    """All 18 warning-sign answers; ``all_no`` gives a person with none of them."""
    if all_no:
        return st.just(dict.fromkeys(RED_FLAGS, False))
    # Mostly "no", as in real life, so other rules still get exercised.
    flag = st.sampled_from([False, False, False, False, True])
    return st.fixed_dictionaries(dict.fromkeys(RED_FLAGS, flag))


def pain() -> st.SearchStrategy[Raw]:
    fields: dict[str, st.SearchStrategy[Any]] = {
        "intensity": st.integers(0, 10),
        "areas": _subset(AREAS),
        "side": st.sampled_from(SIDES),
        "character": st.sampled_from(CHARACTERS),
        "radiates": st.sampled_from(RADIATES),
        "weeks": _number(0, 520),
        "sitting_hours": _number(0, 24),
    }
    fields.update({name: st.booleans() for name in PAIN_BOOLEANS})
    return st.fixed_dictionaries(fields)


def preferences() -> st.SearchStrategy[Raw]:
    """Any valid preferences object, each key optional so the defaults get used too."""
    return st.fixed_dictionaries(
        {},
        optional={
            "level": st.sampled_from(LEVELS),
            "minutes": st.integers(MIN_MINUTES, MAX_MINUTES),
            "can": _subset(CAN),
            "equipment": _subset(EQUIPMENT),
        },
    )


def valid_answers(*, no_red_flags: bool = False) -> st.SearchStrategy[Raw]:
    """Random answer documents that satisfy the input contract.

    ``no_red_flags=True`` keeps every warning sign at "no" (useful when a test needs a
    routine to be built); otherwise any mix of warning signs can appear.
    """
    return st.fixed_dictionaries(
        {"red_flags": red_flags(all_no=no_red_flags), "pain": pain()},
        optional={"preferences": preferences(), "cleared_by_clinician": st.booleans()},
    )
