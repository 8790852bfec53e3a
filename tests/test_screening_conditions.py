"""The condition language against a plain three-valued reading of its tables.

``holds`` stops at the first part that decides an ``all`` or an ``any`` and tests a
match in its own order (the screen asks it of every rule for every plan, issue 14);
the reference here reads the raw tables the long way, every part evaluated, with
Kleene's logic written out, so a shortcut that changed any answer would show.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.screening.conditions import parse_condition

Truth = bool | None
ONSETS = ["after_fall_or_knock", "after_effort", "sudden_severe", "gradual"]
AREAS = ["upper_buttock", "deep_buttock", "lower_back", "outer_hip"]
FLAGS = ["red_flags.fever", "red_flags.weight_loss", "pain.worse_sitting"]


def matches() -> st.SearchStrategy[dict[str, Any]]:
    flag = st.sampled_from(FLAGS)
    return st.one_of(
        st.builds(lambda f, v: {"field": f, "is": v}, flag, st.booleans()),
        st.builds(lambda f, v: {"field": f, "is_not": v}, flag, st.booleans()),
        st.builds(lambda v: {"field": "pain.onset", "is": v}, st.sampled_from(ONSETS)),
        st.builds(
            lambda v: {"field": "pain.onset", "in": v},
            st.lists(st.sampled_from(ONSETS), min_size=1, unique=True),
        ),
        st.builds(lambda v: {"field": "pain.areas", "has": v}, st.sampled_from(AREAS)),
        st.builds(
            lambda v: {"field": "pain.areas", "has_any": v},
            st.lists(st.sampled_from(AREAS), min_size=1, unique=True),
        ),
        st.builds(
            lambda low, high: {
                "field": "pain.intensity",
                **({} if low is None else {"at_least": low}),
                **({} if high is None else {"below": high}),
            },
            st.none() | st.integers(0, 10),
            st.integers(0, 11),
        ),
        st.builds(
            lambda low: {"field": "derived.age_at_onset", "at_least": low}, st.integers(16, 80)
        ),
    )


def conditions() -> st.SearchStrategy[dict[str, Any]]:
    def combine(inner: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
        parts = st.lists(inner, min_size=2, max_size=4)
        return st.one_of(
            parts.map(lambda c: {"all": c}),
            parts.map(lambda c: {"any": c}),
            inner.map(lambda c: {"not": c}),
            inner.map(lambda c: {"unless": c}),
            parts.flatmap(
                lambda c: st.integers(1, len(c)).map(lambda n: {"at_least_of": n, "of": c})
            ),
        )

    return st.recursive(matches(), combine, max_leaves=12)


def facts() -> st.SearchStrategy[dict[str, Any]]:
    """Some answers given, some not (an unanswered field is simply absent)."""
    values = {
        **{flag: st.booleans() for flag in FLAGS},
        "pain.onset": st.sampled_from(ONSETS),
        "pain.areas": st.lists(st.sampled_from(AREAS), unique=True),
        "pain.intensity": st.integers(0, 10),
        "about.age": st.integers(16, 90),
        "pain.weeks": st.floats(0, 52),
    }
    return st.fixed_dictionaries({}, optional=values)


def reference(table: dict[str, Any], given: dict[str, Any]) -> Truth:
    if "field" in table:
        path = table["field"]
        if path == "derived.age_at_onset":
            if "about.age" not in given or "pain.weeks" not in given:
                return None
            value: Any = given["about.age"] - given["pain.weeks"] / 52
        elif path not in given:
            return None
        else:
            value = given[path]
        if "is" in table:
            return bool(value == table["is"])
        if "is_not" in table:
            return bool(value != table["is_not"])
        if "in" in table:
            return value in table["in"]
        if "has" in table:
            return table["has"] in value
        if "has_any" in table:
            return any(v in value for v in table["has_any"])
        return value >= table.get("at_least", value) and (
            "below" not in table or value < table["below"]
        )
    if "all" in table:
        results = [reference(part, given) for part in table["all"]]
        return False if False in results else (None if None in results else True)
    if "any" in table:
        results = [reference(part, given) for part in table["any"]]
        return True if True in results else (None if None in results else False)
    if "not" in table:
        inner = reference(table["not"], given)
        return None if inner is None else not inner
    if "unless" in table:
        return reference(table["unless"], given) is not True
    results = [reference(part, given) for part in table["of"]]
    if results.count(True) >= table["at_least_of"]:
        return True
    return False if results.count(True) + results.count(None) < table["at_least_of"] else None


@settings(max_examples=300, deadline=None)
@given(table=conditions(), given=facts())
def test_a_condition_holds_exactly_as_its_table_reads(
    table: dict[str, Any], given: dict[str, Any]
) -> None:
    assert parse_condition(table).holds(given) is reference(table, given)


def test_an_all_stops_at_a_false_part_and_an_any_at_a_true_one() -> None:
    """The shortcut is only taken when the part decides: an unknown part before a false
    one still leaves the whole false, and before a true one the whole true."""
    unknown = {"field": "red_flags.fever", "is": True}
    false = {"field": "pain.intensity", "at_least": 5}
    true = {"field": "pain.intensity", "below": 5}
    given = {"pain.intensity": 3}
    assert parse_condition({"all": [unknown, false]}).holds(given) is False
    assert parse_condition({"all": [unknown, true]}).holds(given) is None
    assert parse_condition({"any": [unknown, true]}).holds(given) is True
    assert parse_condition({"any": [unknown, false]}).holds(given) is None
