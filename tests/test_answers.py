"""The answers contract: strict, complete, and every error says what to write instead."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings

from strategies import valid_answers
from supple.answers import (
    AREAS,
    CAN,
    CHARACTERS,
    DEFAULT_EQUIPMENT,
    EQUIPMENT,
    LEVELS,
    PAIN_BOOLEANS,
    RADIATES,
    RED_FLAGS,
    SIDES,
    AnswersError,
    parse_answers,
)


def base() -> dict[str, Any]:
    """A complete, valid answer document with no warning signs."""
    return {
        "red_flags": dict.fromkeys(RED_FLAGS, False),
        "pain": {
            "intensity": 4,
            "areas": ["upper_buttock", "deep_buttock"],
            "side": "left",
            "character": "dull_ache",
            "radiates": "none",
            "weeks": 3,
            "worse_sitting": True,
            "worse_stairs_or_walking": False,
            "worse_lying_on_side": False,
            "worse_sit_to_stand": False,
            "worse_bending": False,
            "tender_deep_buttock": True,
            "hurts_crossing_legs": False,
            "started_after_workout": False,
            "hip_arthritis": False,
            "sitting_hours": 7.5,
        },
    }


def problems(raw: object) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        parse_answers(raw)
    return caught.value.problems


def test_a_complete_document_parses_and_gets_the_documented_defaults() -> None:
    answers = parse_answers(base())
    assert answers.preferences.level == "beginner"
    assert answers.preferences.minutes == 15
    assert answers.preferences.can == list(CAN)
    assert answers.preferences.equipment == list(DEFAULT_EQUIPMENT)
    assert answers.cleared_by_clinician is False
    assert answers.pain.sitting_hours == 7.5


def test_there_are_eighteen_red_flags_with_the_issue_names() -> None:
    assert len(RED_FLAGS) == 18 == len(set(RED_FLAGS))


@pytest.mark.parametrize("name", RED_FLAGS)
def test_a_missing_red_flag_is_reported_as_unanswered(name: str) -> None:
    raw = base()
    del raw["red_flags"][name]
    assert problems(raw) == [f"unanswered: {name}"]


def test_no_red_flags_object_lists_every_question_as_unanswered() -> None:
    raw = base()
    del raw["red_flags"]
    assert problems(raw) == [f"unanswered: {name}" for name in RED_FLAGS]


@pytest.mark.parametrize("value", ["yes", 1, 0, None, "true"])
def test_a_red_flag_must_be_a_real_boolean(value: object) -> None:
    raw = base()
    raw["red_flags"]["fever"] = value
    [message] = problems(raw)
    assert message.startswith("red_flags.fever:")
    assert "true or false" in message


@pytest.mark.parametrize(
    ("path", "value", "allowed"),
    [
        ("pain.intensity", 11, "0 to 10"),
        ("pain.intensity", -1, "0 to 10"),
        ("pain.intensity", 3.5, "0 to 10"),
        ("pain.intensity", "3", "0 to 10"),
        ("pain.intensity", True, "0 to 10"),
        ("pain.side", "middle", ", ".join(SIDES)),
        ("pain.character", "throbbing", ", ".join(CHARACTERS)),
        ("pain.radiates", "foot", ", ".join(RADIATES)),
        ("pain.weeks", -0.5, "0 or more"),
        ("pain.weeks", "two", "0 or more"),
        ("pain.sitting_hours", 25, "0 to 24"),
        ("pain.sitting_hours", -1, "0 to 24"),
        ("pain.areas", "upper_buttock", ", ".join(AREAS)),
        ("pain.worse_sitting", "no", "true or false"),
        ("preferences.level", "expert", ", ".join(LEVELS)),
        ("preferences.minutes", 7, "8 to 60"),
        ("preferences.minutes", 61, "8 to 60"),
        ("preferences.minutes", 20.5, "8 to 60"),
        ("preferences.can", ["floor", "floor"], ", ".join(CAN)),
        ("preferences.equipment", ["mat", "mat"], ", ".join(EQUIPMENT)),
        ("cleared_by_clinician", "yes", "true or false"),
    ],
)
def test_a_bad_value_names_the_field_and_what_it_accepts(
    path: str, value: object, allowed: str
) -> None:
    raw = base()
    *parents, leaf = path.split(".")
    target = raw
    for part in parents:
        target = target.setdefault(part, {})
    target[leaf] = value
    [message] = problems(raw)
    assert message.startswith(f"{path}:")
    assert allowed in message


@pytest.mark.parametrize(
    ("field", "value"),
    [("areas", ["knee"]), ("areas", ["lower_back", "calf"])],
)
def test_an_unknown_item_in_a_subset_names_its_position(field: str, value: list[str]) -> None:
    raw = base()
    raw["pain"][field] = value
    [message] = problems(raw)
    index = len(value) - 1
    assert message.startswith(f"pain.{field}[{index}]:")
    assert ", ".join(AREAS) in message


@pytest.mark.parametrize(
    ("parent", "key"),
    [(None, "colour"), ("red_flags", "fevr"), ("pain", "where"), ("preferences", "music")],
)
def test_unknown_keys_are_errors_listing_the_known_ones(parent: str | None, key: str) -> None:
    raw = base()
    raw.setdefault("preferences", {})
    (raw if parent is None else raw[parent])[key] = True
    [message] = problems(raw)
    path = key if parent is None else f"{parent}.{key}"
    assert message.startswith(f"{path}: unknown field")
    expected = {None: "red_flags", "red_flags": "fever", "pain": "intensity"}.get(parent, "level")
    assert expected in message


@pytest.mark.parametrize("name", ["intensity", "side", *PAIN_BOOLEANS])
def test_every_pain_field_is_required(name: str) -> None:
    raw = base()
    del raw["pain"][name]
    [message] = problems(raw)
    assert message.startswith(f"pain.{name}: required")


def test_every_problem_is_reported_at_once_unanswered_first() -> None:
    raw = base()
    raw["pain"]["intensity"] = 12
    raw["pain"]["side"] = "up"
    del raw["red_flags"]["bladder_change"]
    found = problems(raw)
    assert found[0] == "unanswered: bladder_change"
    assert {m.split(":")[0] for m in found[1:]} == {"pain.intensity", "pain.side"}


@pytest.mark.parametrize("raw", [[], "answers", 3, None])
def test_a_document_that_is_not_an_object_is_refused(raw: object) -> None:
    [message] = problems(raw)
    assert message.startswith("answers: must be a JSON object")


def test_not_a_number_is_refused_for_weeks() -> None:
    raw = json.loads(json.dumps(base()).replace('"weeks": 3', '"weeks": NaN'))
    [message] = problems(raw)
    assert message.startswith("pain.weeks:")


def test_parsing_does_not_change_the_callers_document() -> None:
    raw = base()
    before = copy.deepcopy(raw)
    parse_answers(raw)
    assert raw == before


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(valid_answers())
def test_any_valid_document_parses_and_round_trips(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw)
    again = parse_answers(json.loads(json.dumps(answers.to_dict())))
    assert again == answers
    assert [name for name in RED_FLAGS if raw["red_flags"][name]] == (
        answers.red_flags.answered_yes()
    )


def test_a_whole_number_written_with_a_point_is_that_whole_number() -> None:
    """JSON has one kind of number; 20.0 is 20 (and JSON Schema's integer says so)."""
    raw = base()
    raw["pain"]["intensity"] = 4.0
    raw.setdefault("preferences", {})["minutes"] = 20.0
    answers = parse_answers(raw)
    assert answers.pain.intensity == 4 and isinstance(answers.pain.intensity, int)
    assert answers.preferences.minutes == 20 and isinstance(answers.preferences.minutes, int)
