"""The safety screen follows issue 3's rules exactly; these tests pin every one of them.

The expected levels below are written out from the issue, independently of rules.toml,
so a change to the data file that weakens a rule fails here.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import valid_answers
from supple.answers import RED_FLAGS, Answers, parse_answers
from supple.screening import (
    SCREEN_LEVELS,
    SEVERITY,
    RulesError,
    ScreenLevel,
    default_rules,
    load_rules,
    screen,
)
from supple.screening.rules import RULES_PATH

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
ARTICLES = Path(__file__).parents[1] / "src" / "supple" / "catalog" / "data" / "articles.toml"

# Issue 3, "Screen (exact rules)".
EXPECTED_LEVEL: dict[str, ScreenLevel] = {
    **dict.fromkeys(
        [
            "both_legs",
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "leg_weakness_worsening",
            "major_trauma",
            "chest_pain",
        ],
        "emergency",
    ),
    **dict.fromkeys(
        [
            "fever",
            "weight_loss",
            "cancer_history",
            "immune_or_drug_risk",
            "rest_or_night_pain",
            "back_lump_or_shape",
            "cough_sneeze_worse",
        ],
        "urgent",
    ),
    **dict.fromkeys(
        ["numbness_tingling", "leg_weakness", "minor_injury", "worsening"], "see_clinician"
    ),
}


def expected_cautions(pain: dict[str, Any]) -> set[str]:
    """The issue's caution rules, restated as code."""
    found = set()
    if pain["character"] in {"sharp", "shooting", "burning"}:
        found.add("character")
    if pain["radiates"] in {"thigh", "below_knee"}:
        found.add("radiates")
    if pain["started_after_workout"]:
        found.add("started_after_workout")
    if pain["hip_arthritis"]:
        found.add("hip_arthritis")
    if pain["intensity"] >= 7:
        found.add("intensity")
    return found


def calm() -> dict[str, Any]:
    """A valid document that triggers nothing: no warning signs, a mild dull ache."""
    raw: dict[str, Any] = json.loads((FIXTURES / "ok.json").read_text())
    assert expected_cautions(raw["pain"]) == set()
    assert not any(raw["red_flags"].values())
    return raw


def answers_with(*flags: str, cleared: bool = False, **pain: object) -> Answers:
    raw = calm()
    for flag in flags:
        raw["red_flags"][flag] = True
    raw["pain"].update(pain)
    raw["cleared_by_clinician"] = cleared
    return parse_answers(raw)


def test_the_issue_table_covers_all_eighteen_red_flags() -> None:
    assert set(EXPECTED_LEVEL) == set(RED_FLAGS)


def test_no_answers_of_concern_gives_ok_with_a_normal_routine() -> None:
    result = screen(parse_answers(calm()))
    assert result.level == "ok"
    assert result.reasons == []
    assert result.routine_allowed is True
    assert result.gentle is False


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_each_red_flag_alone_gives_its_level(flag: str) -> None:
    result = screen(answers_with(flag))
    level = EXPECTED_LEVEL[flag]
    assert result.level == level
    assert [(r.answer, r.level) for r in result.reasons] == [(flag, level)]
    assert result.routine_allowed is False
    assert result.gentle is False


@pytest.mark.parametrize("flag", [f for f, level in EXPECTED_LEVEL.items() if level != "emergency"])
def test_clinician_clearance_unlocks_a_gentle_routine_below_emergency(flag: str) -> None:
    result = screen(answers_with(flag, cleared=True))
    assert result.level == EXPECTED_LEVEL[flag]
    assert result.routine_allowed is True
    assert result.gentle is True


@pytest.mark.parametrize("flag", [f for f, level in EXPECTED_LEVEL.items() if level == "emergency"])
def test_clinician_clearance_never_unlocks_an_emergency(flag: str) -> None:
    result = screen(answers_with(flag, "fever", "worsening", cleared=True))
    assert result.level == "emergency"
    assert result.routine_allowed is False
    assert "emergency" in result.action.lower()
    assert "emergency" in result.reasons[0].advice.lower()


@pytest.mark.parametrize(
    ("field", "value", "triggers"),
    [
        ("character", "sharp", True),
        ("character", "shooting", True),
        ("character", "burning", True),
        ("character", "dull_ache", False),
        ("character", "stiffness", False),
        ("radiates", "thigh", True),
        ("radiates", "below_knee", True),
        ("radiates", "none", False),
        ("started_after_workout", True, True),
        ("started_after_workout", False, False),
        ("hip_arthritis", True, True),
        ("hip_arthritis", False, False),
        *(("intensity", n, n >= 7) for n in range(11)),
    ],
)
def test_each_caution_rule(field: str, value: object, triggers: bool) -> None:
    result = screen(answers_with(**{field: value}))
    if triggers:
        assert result.level == "caution"
        assert [r.answer for r in result.reasons] == [field]
        assert result.routine_allowed is True
        assert result.gentle is True
    else:
        assert result.level == "ok"
        assert result.reasons == []


def test_caution_is_gentle_even_when_cleared() -> None:
    result = screen(answers_with(cleared=True, hip_arthritis=True))
    assert (result.level, result.routine_allowed, result.gentle) == ("caution", True, True)


def test_caution_advice_says_stop_on_sharp_pain_and_get_assessed() -> None:
    for rule in default_rules().caution:
        text = rule.advice.lower()
        assert "stop" in text, rule.answer
        assert "few weeks" in text, rule.answer


def test_workout_pain_suggests_rest_and_arthritis_suggests_the_doctor() -> None:
    [workout] = screen(answers_with(started_after_workout=True)).reasons
    assert "couple of days" in workout.advice
    [arthritis] = screen(answers_with(hip_arthritis=True)).reasons
    assert "doctor" in arthritis.advice


def test_every_triggering_answer_is_listed_most_serious_first() -> None:
    result = screen(
        answers_with("worsening", "fever", "chest_pain", character="sharp", intensity=9)
    )
    assert result.level == "emergency"
    assert [r.answer for r in result.reasons] == [
        "chest_pain",
        "fever",
        "worsening",
        "character",
        "intensity",
    ]


def test_to_dict_is_exactly_the_contract_screen_object() -> None:
    result = screen(answers_with("minor_injury", radiates="thigh"))
    assert result.to_dict() == {
        "level": "see_clinician",
        "reasons": [
            {
                "answer": "minor_injury",
                "level": "see_clinician",
                "advice": result.reasons[0].advice,
            },
            {"answer": "radiates", "level": "caution", "advice": result.reasons[1].advice},
        ],
        "routine_allowed": False,
    }
    json.dumps(result.to_dict())


@pytest.mark.parametrize(
    ("name", "level", "allowed"),
    [
        ("ok", "ok", True),
        ("caution", "caution", True),
        ("emergency", "emergency", False),
        ("see_clinician", "see_clinician", False),
        ("urgent", "urgent", False),
        ("cleared", "see_clinician", True),
        ("preferences", "ok", True),
    ],
)
def test_the_shared_fixtures_screen_as_named(name: str, level: str, allowed: bool) -> None:
    raw = json.loads((FIXTURES / f"{name}.json").read_text())
    result = screen(parse_answers(raw))
    assert (result.level, result.routine_allowed) == (level, allowed)


# --- the rules file -------------------------------------------------------------


def test_rules_file_matches_the_issue_and_cites_real_sources() -> None:
    rules = default_rules()
    assert {rule.answer: rule.level for rule in rules.red_flag} == EXPECTED_LEVEL
    assert [rule.answer for rule in rules.red_flag] == list(RED_FLAGS)
    for required in ("nhs-back-pain", "nhs-sciatica", "nice-cks-cauda-equina"):
        assert required in rules.sources
    articles = tomllib.loads(ARTICLES.read_text())["article"]
    article_files = {a["file"] for a in articles if "file" in a}
    for source in rules.sources.values():
        assert source.file is None or source.file in article_files
    cited = {s for rule in [*rules.red_flag, *rules.caution] for s in rule.sources}
    assert cited == set(rules.sources), "every listed source is cited and vice versa"
    assert set(rules.levels) == set(SCREEN_LEVELS)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES_PATH.read_text()
    assert old in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('answer = "fever"', 'answer = "fevr"', "fevr"),
        ('answer = "worsening"', 'answer = "fever"', "worsening"),
        ('level = "urgent"', 'level = "caution"', "level"),
        ('in = ["sharp", "shooting", "burning"]', 'in = ["sharp", "stabbing"]', "stabbing"),
        ("at_least = 7", "at_least = 12", "at_least"),
        ("equals = true", 'equals = "yes"', "equals"),
        ('sources = ["nhs-back-pain"]', 'sources = ["nhs-backpain"]', "nhs-backpain"),
        ("[levels.ok]", "[levels.fine]", "fine"),
        ('advice = "A fever', 'advise = "A fever', "advise"),
    ],
)
def test_a_broken_rules_file_is_refused_naming_the_problem(
    tmp_path: Path, old: str, new: str, named: str
) -> None:
    with pytest.raises(RulesError) as caught:
        load_rules(_broken(tmp_path, old, new))
    assert named in str(caught.value)
    assert "rules.toml" in str(caught.value)


def test_an_unreadable_rules_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text("[levels\n")
    with pytest.raises(RulesError):
        load_rules(path)


# --- properties over random valid answers ---------------------------------------


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(valid_answers())
def test_random_answers_screen_to_the_issue_rules(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw)
    result = screen(answers)
    flagged = {name for name in RED_FLAGS if raw["red_flags"][name]}
    expected = {**{f: EXPECTED_LEVEL[f] for f in flagged}}
    expected.update(dict.fromkeys(expected_cautions(raw["pain"]), "caution"))
    assert {r.answer: r.level for r in result.reasons} == expected
    # The result's level is the most serious reason's level, and ok only without reasons.
    if result.reasons:
        assert result.level == max((r.level for r in result.reasons), key=SEVERITY.__getitem__)
        assert result.reasons[0].level == result.level
    else:
        assert result.level == "ok"
    severities = [SEVERITY[r.level] for r in result.reasons]
    assert severities == sorted(severities, reverse=True)
    cleared = answers.cleared_by_clinician
    allowed = {
        "emergency": False,
        "urgent": cleared,
        "see_clinician": cleared,
        "caution": True,
        "ok": True,
    }[result.level]
    assert result.routine_allowed is allowed
    gentle = result.level == "caution" or (result.level in {"urgent", "see_clinician"} and cleared)
    assert result.gentle is gentle
    assert result.to_dict()["routine_allowed"] is allowed


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(valid_answers(), st.sampled_from(RED_FLAGS))
def test_answering_yes_to_a_red_flag_never_lowers_the_level(raw: dict[str, Any], flag: str) -> None:
    raw["red_flags"][flag] = False
    before = screen(parse_answers(raw))
    raw["red_flags"][flag] = True
    after = screen(parse_answers(raw))
    assert SEVERITY[after.level] >= SEVERITY[before.level]
    assert SEVERITY[after.level] >= SEVERITY[EXPECTED_LEVEL[flag]]
    if after.level == "emergency":
        assert after.routine_allowed is False


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(valid_answers())
def test_screening_is_deterministic(raw: dict[str, Any]) -> None:
    assert screen(parse_answers(raw)) == screen(parse_answers(json.loads(json.dumps(raw))))
