"""The version-2 answers contract: strict, complete, and every error says what to write."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from screen_cases import TODAY, calm, changed
from strategies import valid_answers
from supple.answers import (
    AREAS,
    CAN,
    CHARACTERS,
    DEFAULT_EQUIPMENT,
    EQUIPMENT,
    FIELD_TYPES,
    LEVELS,
    PAIN_BOOLEANS,
    RED_FLAGS,
    SIDES,
    AnswersError,
    Pain,
    RedFlags,
    parse_answers,
    read_answers,
)
from supple.answers.schema import schema_text
from supple.screening import SCREEN_LEVELS, screen


def problems(raw: object) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        read_answers(raw)
    return caught.value.problems


def test_a_complete_document_parses_and_gets_the_documented_defaults() -> None:
    raw = calm()
    del raw["preferences"]
    answers = parse_answers(raw)
    assert answers.preferences.level == "beginner"
    assert answers.preferences.minutes == 15
    assert answers.preferences.can == list(CAN)
    assert answers.preferences.equipment == list(DEFAULT_EQUIPMENT)
    assert answers.clearance == []
    assert answers.unanswered == ()


def test_the_derived_lists_come_from_the_model_fields() -> None:
    assert list(RED_FLAGS) == list(RedFlags.model_fields)
    assert len(RED_FLAGS) == 25
    assert set(PAIN_BOOLEANS) == {
        name for name in Pain.model_fields if FIELD_TYPES.get(f"pain.{name}") is bool
    }
    assert "pain.legs.left" in FIELD_TYPES and "pain.legs" not in FIELD_TYPES


@pytest.mark.parametrize("name", RED_FLAGS)
def test_a_missing_red_flag_is_reported_as_unanswered(name: str) -> None:
    raw = calm()
    del raw["red_flags"][name]
    assert problems(raw) == [f"unanswered: red_flags.{name}"]


def test_no_red_flags_object_lists_every_question_as_unanswered() -> None:
    raw = calm()
    del raw["red_flags"]
    assert problems(raw) == [f"unanswered: red_flags.{name}" for name in RED_FLAGS]


@pytest.mark.parametrize("value", ["yes", 1, 0, None, "true"])
def test_a_red_flag_must_be_a_real_boolean(value: object) -> None:
    raw = calm()
    raw["red_flags"]["fever"] = value
    [message] = problems(raw)
    assert message.startswith("red_flags.fever:")
    assert "true or false" in message


@pytest.mark.parametrize(
    ("path", "value", "allowed"),
    [
        ("about.age", 121, "0 to 120"),
        ("about.age", -1, "0 to 120"),
        ("about.age", 40.5, "0 to 120"),
        ("about.pregnancy", "yes", "no, pregnant, gave_birth_last_12_weeks"),
        ("pain.intensity", 11, "0 to 10"),
        ("pain.intensity", "3", "0 to 10"),
        ("pain.intensity", True, "0 to 10"),
        ("pain.side", "middle", ", ".join(SIDES)),
        ("pain.character", "throbbing", ", ".join(CHARACTERS)),
        ("pain.legs.left", "foot", "none, thigh, below_knee"),
        ("pain.onset", "slowly", "after_fall_or_knock, after_effort, sudden_severe, gradual"),
        ("pain.trend", "up", "better, same, worse"),
        ("red_flags.numbness_tingling", True, "none, one_leg, both_legs"),
        ("history.hip_replacement", False, "none, last_12_months, earlier"),
        ("pain.weeks", -0.5, "0 or more"),
        ("pain.weeks", "two", "0 or more"),
        ("pain.sitting_hours", 25, "0 to 24"),
        ("pain.areas", "upper_buttock", ", ".join(AREAS)),
        ("pain.assessed", "no", "true or false"),
        ("preferences.level", "expert", ", ".join(LEVELS)),
        ("preferences.minutes", 7, "8 to 60"),
        ("preferences.minutes", 20.5, "8 to 60"),
        ("preferences.can", ["floor", "floor"], ", ".join(CAN)),
        ("preferences.equipment", ["mat", "mat"], ", ".join(EQUIPMENT)),
    ],
)
def test_a_bad_value_names_the_field_and_what_it_accepts(
    path: str, value: object, allowed: str
) -> None:
    [message] = problems(changed(calm(), {path: value}))
    assert message.startswith(f"{path}:")
    assert allowed in message


def test_an_unknown_item_in_a_list_names_its_position() -> None:
    [message] = problems(changed(calm(), {"pain.areas": ["lower_back", "calf"]}))
    assert message.startswith("pain.areas[1]:")
    assert ", ".join(AREAS) in message


@pytest.mark.parametrize(
    ("parent", "key", "listed"),
    [
        (None, "colour", "red_flags"),
        (None, "cleared_by_clinician", "clearance"),
        ("red_flags", "fevr", "fever"),
        ("red_flags", "rest_or_night_pain", "constant_pain_not_eased"),
        ("history", "diabetes", "bone_fragility"),
        ("pain", "radiates", "legs"),
        ("preferences", "music", "level"),
    ],
)
def test_unknown_keys_are_errors_listing_the_known_ones(
    parent: str | None, key: str, listed: str
) -> None:
    raw = calm()
    (raw if parent is None else raw[parent])[key] = True
    [message] = problems(raw)
    path = key if parent is None else f"{parent}.{key}"
    assert message.startswith(f"{path}: unknown field")
    assert listed in message


@pytest.mark.parametrize("version", [3, "2", True, 0])
def test_an_unknown_version_is_refused(version: object) -> None:
    [message] = problems({**calm(), "version": version})
    assert message.startswith("version:")


def test_the_pregnancy_warning_can_be_yes_only_in_pregnancy() -> None:
    [message] = problems(changed(calm(), {"red_flags.pregnancy_warning": True}))
    assert message.startswith("red_flags.pregnancy_warning:") and "pregnant" in message
    ok = changed(calm(), {"red_flags.pregnancy_warning": True, "about.pregnancy": "pregnant"})
    assert parse_answers(ok).red_flags.pregnancy_warning is True


def test_the_two_legs_follow_up_is_required_with_both_legs_and_absent_otherwise() -> None:
    both = changed(calm(), {"pain.legs.left": "thigh", "pain.legs.right": "below_knee"})
    assert problems(both) == ["unanswered: pain.legs_both_new_or_worse"]
    both["pain"]["legs_both_new_or_worse"] = False
    assert parse_answers(both).pain.legs_both_new_or_worse is False
    one = changed(calm(), {"pain.legs.left": "thigh", "pain.legs_both_new_or_worse": True})
    [message] = problems(one)
    assert message.startswith("pain.legs_both_new_or_worse: only when pain spreads into both")


@pytest.mark.parametrize(
    ("entry", "start"),
    [
        ({"rule": "cancer_history", "date": "3 Nov 2026"}, "clearance[0].date:"),
        ({"rule": "cancer_history", "date": "2026-13-01"}, "clearance[0].date:"),
        ({"rule": "cancer_history"}, "clearance[0].date: required"),
        ({"rule": "cancer_history", "date": "2026-11-03", "by": "GP"}, "clearance[0].by:"),
        ({"rule": "cancr_history", "date": "2026-11-03"}, "clearance[0].rule: 'cancr_history'"),
    ],
)
def test_a_bad_clearance_is_refused(entry: dict[str, Any], start: str) -> None:
    found = problems({**calm(), "clearance": [entry]})
    assert found[0].startswith(start), found


def test_a_rule_may_be_cleared_only_once() -> None:
    entry = {"rule": "cancer_history", "date": "2026-11-03"}
    [message] = problems({**calm(), "clearance": [entry, entry]})
    assert message == "clearance: each rule once; repeated: cancer_history"


def test_every_problem_is_reported_at_once_unanswered_first() -> None:
    raw = changed(calm(), {"pain.intensity": 12, "pain.side": "up"})
    del raw["red_flags"]["bladder_change"]
    found = problems(raw)
    assert found[0] == "unanswered: red_flags.bladder_change"
    assert {m.split(":")[0] for m in found[1:]} == {"pain.intensity", "pain.side"}


@pytest.mark.parametrize("raw", [[], "answers", 3, None])
def test_a_document_that_is_not_an_object_is_refused(raw: object) -> None:
    [message] = problems(raw)
    assert message.startswith("answers: must be a JSON object")


def test_not_a_number_is_refused_for_weeks() -> None:
    raw = json.loads(json.dumps(calm()).replace('"weeks": 3', '"weeks": NaN'))
    [message] = problems(raw)
    assert message.startswith("pain.weeks:")


def test_parsing_does_not_change_the_callers_document() -> None:
    raw = calm()
    before = copy.deepcopy(raw)
    read_answers(raw)
    assert raw == before


def test_a_listed_unanswered_question_may_be_missing_and_makes_it_incomplete() -> None:
    raw = changed(calm(), {"pain.trend": None})
    raw["unanswered"] = ["pain.trend"]
    document = read_answers(raw)
    assert document.unanswered == ("pain.trend",)
    assert read_answers(document.to_dict()) == document
    with pytest.raises(AnswersError) as caught:
        parse_answers(raw)
    assert caught.value.problems == ["unanswered: pain.trend"]
    assert problems({**calm(), "unanswered": ["pain.tred"]})[0].startswith("unanswered: unknown")


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(valid_answers())
def test_any_valid_document_parses_and_round_trips(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw)
    again = parse_answers(json.loads(json.dumps(answers.to_dict())))
    assert again == answers


DOCS = Path(__file__).parents[1] / "docs"


def test_the_published_json_schema_is_the_models() -> None:
    published = (DOCS / "answers.schema.json").read_text(encoding="utf-8")
    assert published == schema_text(), (
        "regenerate with: .venv/bin/python -m supple.answers.schema docs/answers.schema.json"
    )


@pytest.mark.parametrize("path", sorted((DOCS / "answers").glob("*.json")), ids=lambda p: p.stem)
def test_every_example_in_the_docs_is_valid_and_screens_at_its_name(path: Path) -> None:
    answers = parse_answers(json.loads(path.read_text()))
    level = "see_clinician" if path.stem == "cleared" else path.stem
    assert screen(answers, today=TODAY).level == level


def test_the_docs_have_an_example_for_every_level() -> None:
    names = {p.stem for p in (DOCS / "answers").glob("*.json")}
    assert set(SCREEN_LEVELS) <= names


def test_a_whole_number_written_with_a_point_is_that_whole_number() -> None:
    """JSON has one kind of number; 20.0 is 20 (and JSON Schema's integer says so)."""
    raw = calm()
    raw["pain"]["intensity"] = 4.0
    raw.setdefault("preferences", {})["minutes"] = 20.0
    answers = parse_answers(raw)
    assert answers.pain.intensity == 4 and isinstance(answers.pain.intensity, int)
    assert answers.preferences.minutes == 20 and isinstance(answers.preferences.minutes, int)
