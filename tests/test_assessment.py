"""Likely contributors: supporting answers raise scores, and nothing reads as a diagnosis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen_cases import calm
from strategies import valid_answers
from supple.answers import AREAS, PAIN_BOOLEANS, parse_answers
from supple.assessment import (
    CONTRIBUTOR_MUSCLES,
    CONTRIBUTOR_NOTES,
    FEATURES,
    assess,
)
from supple.catalog import default_catalog
from supple.screening import default_rules

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
ISSUE_CONTRIBUTORS = {
    "piriformis",
    "gluteus-medius",
    "quadratus-lumborum",
    "hip-flexors",
    "lower-back",
    "sciatic-nerve",
    "muscle-strain",
}


def blank() -> dict[str, Any]:
    """Answers that support no contributor: no area, sharp but not travelling, no sitting."""
    raw = calm()
    raw["pain"] = {
        "intensity": 3,
        "areas": [],
        "side": "both",
        "character": "sharp",
        "legs": {"left": "none", "right": "none"},
        "onset": "gradual",
        "trend": "same",
        "weeks": 1,
        "sitting_hours": 0,
        **dict.fromkeys([b for b in PAIN_BOOLEANS if b != "legs_both_new_or_worse"], False),
    }
    return raw


THIGH = {"left": "thigh", "right": "none"}
BELOW_KNEE = {"left": "none", "right": "below_knee"}


def scores_with(**pain: object) -> dict[str, float]:
    raw = blank()
    raw["pain"].update(pain)
    return {c.id: c.score for c in assess(parse_answers(raw)).contributors}


def evidence_with(contributor: str, **pain: object) -> list[str]:
    raw = blank()
    raw["pain"].update(pain)
    found = assess(parse_answers(raw)).contributors
    return next(c.evidence for c in found if c.id == contributor)


def test_blank_answers_support_nothing() -> None:
    assessment = assess(parse_answers(blank()))
    assert {c.id for c in assessment.contributors} == ISSUE_CONTRIBUTORS
    assert all(c.score == 0 and c.evidence == [] for c in assessment.contributors)


# Issue 3 "Assessment": each contributor's features, as (contributor, answer change, words).
FEATURE_CASES = [
    ("piriformis", {"areas": ["deep_buttock"]}, "buttock"),
    ("piriformis", {"areas": ["upper_buttock"]}, "buttock"),
    ("piriformis", {"worse_sitting": True}, "sitting"),
    ("piriformis", {"tender_deep_buttock": True}, "tender"),
    ("piriformis", {"hurts_crossing_legs": True}, "crossing"),
    ("gluteus-medius", {"areas": ["outer_hip"]}, "outer hip"),
    ("gluteus-medius", {"worse_stairs_or_walking": True}, "stairs or walking"),
    ("gluteus-medius", {"worse_lying_on_side": True}, "lying on the side"),
    ("quadratus-lumborum", {"areas": ["lower_back"], "side": "left"}, "one side"),
    ("quadratus-lumborum", {"sitting_hours": 9}, "9 hours"),
    ("quadratus-lumborum", {"worse_bending": True}, "bending"),
    ("hip-flexors", {"sitting_hours": 10}, "10 hours"),
    ("lower-back", {"areas": ["lower_back"]}, "lower back"),
    ("lower-back", {"character": "stiffness"}, "stiffness"),
    ("sciatic-nerve", {"legs": THIGH}, "thigh"),
    ("sciatic-nerve", {"legs": BELOW_KNEE}, "below the knee"),
    ("sciatic-nerve", {"character": "shooting"}, "shooting"),
    ("sciatic-nerve", {"character": "burning"}, "burning"),
    ("muscle-strain", {"onset": "after_effort"}, "workout"),
]


@pytest.mark.parametrize(("contributor", "change", "words"), FEATURE_CASES)
def test_each_feature_raises_its_contributor_and_is_named_as_evidence(
    contributor: str, change: dict[str, object], words: str
) -> None:
    assert scores_with(**change)[contributor] > 0
    assert any(words in item for item in evidence_with(contributor, **change))


def test_the_four_piriformis_features_together_give_full_support() -> None:
    four = {
        "areas": ["deep_buttock"],
        "worse_sitting": True,
        "tender_deep_buttock": True,
        "hurts_crossing_legs": True,
    }
    assert scores_with(**four)["piriformis"] == 1.0
    for dropped in four:
        fewer = {key: value for key, value in four.items() if key != dropped}
        assert scores_with(**fewer)["piriformis"] < 1.0


def test_pain_into_the_thigh_alone_reaches_the_planner_threshold() -> None:
    assert scores_with(legs=THIGH)["sciatic-nerve"] >= 0.5
    assert scores_with(legs=BELOW_KNEE)["sciatic-nerve"] > scores_with(legs=THIGH)["sciatic-nerve"]
    both = {"left": "below_knee", "right": "thigh"}
    assert (
        scores_with(legs=both, legs_both_new_or_worse=False)["sciatic-nerve"]
        == (scores_with(legs=BELOW_KNEE)["sciatic-nerve"])
    )


def test_both_sided_lower_back_pain_is_not_counted_as_one_sided() -> None:
    both = scores_with(areas=["lower_back"], side="both")["quadratus-lumborum"]
    one = scores_with(areas=["lower_back"], side="right")["quadratus-lumborum"]
    assert both < one


def test_more_sitting_hours_never_lowers_the_hip_flexor_score() -> None:
    scores = [scores_with(sitting_hours=h)["hip-flexors"] for h in range(25)]
    assert scores == sorted(scores)
    assert scores[0] == 0 and scores[24] > 0.5


def test_each_contributor_can_reach_a_full_score() -> None:
    totals: dict[str, float] = {}
    for feature in FEATURES:
        totals[feature.contributor] = totals.get(feature.contributor, 0) + feature.weight
    assert set(totals) == ISSUE_CONTRIBUTORS
    assert all(total == pytest.approx(1.0) for total in totals.values())
    assert all(feature.why for feature in FEATURES)


def test_contributor_muscles_are_catalog_muscles() -> None:
    assert set(CONTRIBUTOR_MUSCLES) == ISSUE_CONTRIBUTORS
    muscles = default_catalog().muscles
    for targets in CONTRIBUTOR_MUSCLES.values():
        assert targets and all(muscle in muscles for muscle in targets)
    assert CONTRIBUTOR_MUSCLES["lower-back"] == ("erector-spinae", "multifidus")


def test_the_office_worker_fixture_points_first_at_the_piriformis() -> None:
    raw = json.loads((FIXTURES / "ok.json").read_text())
    top = assess(parse_answers(raw)).contributors[0]
    assert top.id == "piriformis"
    assert top.score == 1.0


FORBIDDEN = ("you have", "diagnos")


def _plain(text: str) -> None:
    lowered = text.lower()
    assert not any(word in lowered for word in FORBIDDEN), text


def test_fixed_texts_are_never_worded_as_a_diagnosis() -> None:
    for note in CONTRIBUTOR_NOTES.values():
        _plain(note)
    rules = default_rules()
    for info in rules.levels.values():
        _plain(info.action)
    for rule in rules.rule:
        _plain(rule.advice)


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(valid_answers())
def test_scores_are_bounded_sorted_explained_and_never_diagnostic(raw: dict[str, Any]) -> None:
    assessment = assess(parse_answers(raw))
    contributors = assessment.contributors
    assert {c.id for c in contributors} == ISSUE_CONTRIBUTORS
    assert [(-c.score, c.id) for c in contributors] == sorted(
        (-c.score, c.id) for c in contributors
    )
    for contributor in contributors:
        assert 0.0 <= contributor.score <= 1.0
        assert bool(contributor.evidence) == (contributor.score > 0)
        for item in contributor.evidence:
            _plain(item)
    assert json.loads(json.dumps(assessment.to_dict())) == assessment.to_dict()
    assert assess(parse_answers(raw)) == assessment


@settings(deadline=None)  # timing varies on a loaded machine; not a speed test
@given(
    valid_answers(),
    st.sampled_from(
        [
            *(b for b in PAIN_BOOLEANS if b != "legs_both_new_or_worse"),
            *(f"area:{area}" for area in AREAS),
            "sitting+2",
        ]
    ),
)
def test_adding_a_supporting_answer_never_lowers_any_score(
    raw: dict[str, Any], change: str
) -> None:
    before = {c.id: c.score for c in assess(parse_answers(raw)).contributors}
    pain = raw["pain"]
    if change.startswith("area:"):
        area = change.removeprefix("area:")
        if area not in pain["areas"]:
            pain["areas"] = [*pain["areas"], area]
    elif change == "sitting+2":
        pain["sitting_hours"] = min(24, pain["sitting_hours"] + 2)
    else:
        pain[change] = True
    after = {c.id: c.score for c in assess(parse_answers(raw)).contributors}
    assert all(after[key] >= before[key] for key in before)
