"""Hypothesis strategies for version-2 answer documents, shared by every test that needs them.

They produce raw JSON-like dicts (what a file or the web form would hold), so tests go
through ``read_answers`` exactly like real input does. The field lists come from the
answers model, so a new field is generated without touching this file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args, get_origin

from hypothesis import strategies as st

from supple.answers import (
    CAN,
    EQUIPMENT,
    FIELD_TYPES,
    LEVELS,
    MAX_MINUTES,
    MIN_MINUTES,
    OPTIONAL_FIELDS,
)
from supple.screening import default_rules

Raw = dict[str, Any]
TODAY = dt.date(2026, 12, 1)


def _subset(values: tuple[Any, ...]) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=len(values))


def _number(low: float, high: float) -> st.SearchStrategy[float | int]:
    return st.one_of(
        st.integers(int(low), int(high)),
        st.floats(low, high, allow_nan=False, allow_infinity=False),
    )


NUMBERS: dict[str, st.SearchStrategy[Any]] = {
    "about.age": st.integers(0, 120),
    "pain.intensity": st.integers(0, 10),
    "pain.weeks": _number(0, 60),
    "pain.sitting_hours": _number(0, 24),
}
# A yes is rarer than a no, as in real life, so the other rules still get exercised.
RARE_YES = st.sampled_from([False, False, False, False, True])


def field_strategy(path: str) -> st.SearchStrategy[Any]:
    """Any valid value of one answers field (yes/no mostly no for warning signs)."""
    if path in NUMBERS:
        return NUMBERS[path]
    kind = FIELD_TYPES[path]
    if kind is bool:
        return RARE_YES if path.startswith(("red_flags.", "history.")) else st.booleans()
    if get_origin(kind) is list:
        return _subset(get_args(get_args(kind)[0]))
    return st.sampled_from(get_args(kind))


def _put(document: Raw, path: str, value: Any) -> None:
    *sections, name = path.split(".")
    target = document
    for section in sections:
        target = target.setdefault(section, {})
    target[name] = value


def _calm(path: str) -> st.SearchStrategy[Any] | None:
    """For ``routine_ready``: values that can never withhold a routine, or None if free."""
    if path.startswith(("red_flags.", "history.")):
        kind = FIELD_TYPES[path]
        return st.just(False if kind is bool else get_args(kind)[0])
    calm: dict[str, st.SearchStrategy[Any]] = {
        "about.age": st.integers(20, 49),
        "about.pregnancy": st.just("no"),
        "pain.areas": _subset(("upper_buttock", "deep_buttock", "lower_back", "outer_hip")),
        "pain.legs.left": st.sampled_from(("none", "thigh")),
        "pain.legs.right": st.just("none"),
        "pain.onset": st.sampled_from(("after_effort", "gradual")),
        "pain.trend": st.sampled_from(("better", "same")),
        "pain.legs_worse_walking_eased_sitting": st.just(False),
    }
    return calm.get(path)


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


def clearances() -> st.SearchStrategy[list[Raw]]:
    """Clearances for any clearable rules, dated around TODAY, with any triggering set."""
    ids = sorted(default_rules().clearable_ids())
    entry = st.fixed_dictionaries(
        {
            "rule": st.sampled_from(ids),
            "date": st.integers(-120, 5).map(lambda d: (TODAY + dt.timedelta(days=d)).isoformat()),
        },
        optional={"triggering": _subset(tuple(ids))},
    )
    return st.lists(entry, max_size=4, unique_by=lambda c: c["rule"])


@st.composite
def valid_answers(
    draw: st.DrawFn, *, no_red_flags: bool = False, routine_ready: bool = False
) -> Raw:
    """Random version-2 documents that satisfy the input contract.

    ``no_red_flags`` keeps every warning sign and history answer at no; ``routine_ready``
    also keeps the pain answers to values that never withhold a routine.
    """
    document: Raw = {"version": 2}
    for path in FIELD_TYPES:
        if path in OPTIONAL_FIELDS:
            continue
        strategy = _calm(path) if routine_ready else None
        if strategy is None and no_red_flags and path.startswith(("red_flags.", "history.")):
            strategy = _calm(path)
        _put(document, path, draw(strategy if strategy is not None else field_strategy(path)))
    pain = document["pain"]
    if document["about"]["pregnancy"] != "pregnant":
        document["red_flags"]["pregnancy_warning"] = False
    if pain["onset"] != "after_fall_or_knock":
        document["red_flags"]["cannot_bear_weight_after_fall"] = False
        document["red_flags"]["walking_much_harder_after_fall"] = False
    if "none" not in pain["legs"].values():
        pain["legs_both_new_or_worse"] = draw(st.booleans())
    if draw(st.booleans()):
        document["preferences"] = draw(preferences())
    if routine_ready:
        pain["weeks"] = draw(_number(0, 5.9))
        pain["assessed"] = True
        return document
    if draw(st.booleans()):
        document["clearance"] = draw(clearances())
    return document
