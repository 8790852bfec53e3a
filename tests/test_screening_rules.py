"""Every rule of issue 11, one by one: what triggers it, at what level, and what is near it.

Each case changes the calm baseline (age 34, not pregnant, gradual onset, three weeks,
the same as two weeks ago, not examined, no leg pain) and lists exactly the rules that
must trigger. The levels are written out from the issue, not read from rules.toml.
"""

from __future__ import annotations

from typing import Any

import pytest

from screen_cases import TODAY, answers
from supple.screening import SEVERITY, ScreenLevel, default_rules, screen

# Issue 11, "Levels and rules (exact)": rule id -> level.
LEVELS: dict[str, ScreenLevel] = {
    **dict.fromkeys(
        [
            "both_legs",
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "leg_weakness_worsening",
            "major_trauma",
            "chest_pain",
            "peeing_sensation_change",
            "sudden_tearing_pain",
            "faint_or_collapse",
            "cannot_bear_weight_after_fall",
            "numbness_both_legs",
            "weakness_both_legs",
            "sexual_change_with_leg_symptoms",
            "pulsing_tummy_sudden",
            "sudden_severe_66_plus",
            "sciatica_both_sides",
        ],
        "emergency",
    ),
    **dict.fromkeys(
        [
            "fever",
            "weight_loss",
            "constant_pain_not_eased",
            "night_pain_not_positional",
            "back_lump_or_shape",
            "cough_sneeze_worse",
            "pulsing_tummy",
            "walking_much_harder_after_fall",
            "loin_colic",
            "pregnancy_warning",
            "upper_back",
            "cancer_history",
            "immune_or_drug_risk",
            "bone_fragility_after_onset",
            "infection_after_procedure_or_immune_risk",
            "sudden_severe_50_to_65",
            "sexual_change",
        ],
        "urgent",
    ),
    **dict.fromkeys(
        [
            "numbness_one_leg",
            "weakness_one_leg",
            "after_fall_or_knock",
            "worse_for_two_weeks",
            "recent_spine_procedure",
            "recent_hip_replacement",
            "thigh_pain_both_legs_unassessed",
            "sciatica_both_sides_settled",
            "under_16",
            "young_four_weeks",
            "new_pain_over_50_unassessed",
            "bone_fragility_unassessed",
            "stenosis_pattern_unassessed",
            "below_knee_six_weeks_unassessed",
        ],
        "see_clinician",
    ),
    **dict.fromkeys(
        [
            "below_knee_six_weeks_assessed",
            "six_weeks_unassessed",
            "twelve_weeks_unassessed",
            "severe_or_disabling_pain",
            "inflammatory_pattern",
            "pregnancy",
            "recent_infection",
            "worse_recently",
            "young_under_four_weeks",
        ],
        "book_review",
    ),
    **dict.fromkeys(
        [
            "sharp_character",
            "leg_spread",
            "side_lying_outer_hip",
            "strong_pain",
            "hip_arthritis",
            "after_effort",
            "stenosis_pattern_assessed",
        ],
        "caution",
    ),
}

FALL = {"pain.onset": "after_fall_or_knock"}
BOTH_SPREAD = {"pain.legs.left": "below_knee", "pain.legs.right": "thigh"}
NOT_BUTTOCK = {"pain.areas": ["outer_hip"]}

# (changes to the calm baseline, exactly the rules that must trigger)
CASES: list[tuple[dict[str, Any], set[str]]] = [
    ({}, set()),
    # emergency
    *(
        ({f"red_flags.{name}": True}, {name})
        for name in (
            "both_legs",
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "peeing_sensation_change",
            "leg_weakness_worsening",
            "major_trauma",
            "chest_pain",
            "sudden_tearing_pain",
            "faint_or_collapse",
        )
    ),
    (
        {**FALL, "red_flags.cannot_bear_weight_after_fall": True},
        {"cannot_bear_weight_after_fall", "after_fall_or_knock"},
    ),
    ({"red_flags.numbness_tingling": "both_legs"}, {"numbness_both_legs"}),
    ({"red_flags.leg_weakness": "both_legs"}, {"weakness_both_legs"}),
    (
        {"red_flags.sexual_change": True, "pain.legs.left": "thigh"},
        {"sexual_change_with_leg_symptoms", "leg_spread"},
    ),
    (
        {"red_flags.sexual_change": True, "red_flags.numbness_tingling": "one_leg"},
        {"sexual_change_with_leg_symptoms", "numbness_one_leg"},
    ),
    (
        {"red_flags.sexual_change": True, "red_flags.leg_weakness": "one_leg"},
        {"sexual_change_with_leg_symptoms", "weakness_one_leg"},
    ),
    (
        {"red_flags.pulsing_tummy": True, "pain.onset": "sudden_severe"},
        {"pulsing_tummy_sudden", "pulsing_tummy"},
    ),
    ({"pain.onset": "sudden_severe", "about.age": 66}, {"sudden_severe_66_plus"}),
    ({"pain.onset": "sudden_severe", "about.age": 90}, {"sudden_severe_66_plus"}),
    (
        {**BOTH_SPREAD, "pain.legs_both_new_or_worse": True},
        {"sciatica_both_sides", "leg_spread"},
    ),
    (
        {
            "pain.legs.left": "thigh",
            "pain.legs.right": "below_knee",
            "pain.legs_both_new_or_worse": True,
            "red_flags.both_legs": False,
        },
        {"sciatica_both_sides", "leg_spread"},
    ),
    (
        {
            "pain.legs.left": "below_knee",
            "pain.legs.right": "below_knee",
            "pain.legs_both_new_or_worse": True,
        },
        {"sciatica_both_sides", "leg_spread"},
    ),
    # urgent
    *(
        ({f"red_flags.{name}": True}, {name})
        for name in (
            "fever",
            "weight_loss",
            "constant_pain_not_eased",
            "night_pain_not_positional",
            "back_lump_or_shape",
            "cough_sneeze_worse",
            "pulsing_tummy",
            "loin_colic",
        )
    ),
    (
        {**FALL, "red_flags.walking_much_harder_after_fall": True},
        {"walking_much_harder_after_fall", "after_fall_or_knock"},
    ),
    (
        {"about.pregnancy": "pregnant", "red_flags.pregnancy_warning": True},
        {"pregnancy_warning", "pregnancy"},
    ),
    ({"pain.areas": ["upper_back"]}, {"upper_back"}),
    ({"history.cancer_history": True}, {"cancer_history"}),
    ({"history.immune_or_drug_risk": True}, {"immune_or_drug_risk"}),
    (
        {"history.bone_fragility": True, "pain.onset": "after_effort"},
        {"bone_fragility_after_onset", "after_effort"},
    ),
    (
        {"history.bone_fragility": True, "pain.onset": "sudden_severe"},
        {"bone_fragility_after_onset"},
    ),
    (
        {"history.bone_fragility": True, **FALL},
        {"bone_fragility_after_onset", "after_fall_or_knock"},
    ),
    (
        {"red_flags.recent_infection": True, "history.recent_spine_procedure": True},
        {"infection_after_procedure_or_immune_risk", "recent_spine_procedure"},
    ),
    (
        {"red_flags.recent_infection": True, "history.immune_or_drug_risk": True},
        {"infection_after_procedure_or_immune_risk", "immune_or_drug_risk"},
    ),
    ({"pain.onset": "sudden_severe", "about.age": 50}, {"sudden_severe_50_to_65"}),
    ({"pain.onset": "sudden_severe", "about.age": 65}, {"sudden_severe_50_to_65"}),
    ({"pain.onset": "sudden_severe", "about.age": 49}, set()),
    ({"red_flags.sexual_change": True}, {"sexual_change"}),
    # see a clinician
    ({"red_flags.numbness_tingling": "one_leg"}, {"numbness_one_leg"}),
    ({"red_flags.leg_weakness": "one_leg"}, {"weakness_one_leg"}),
    (FALL, {"after_fall_or_knock"}),
    ({"pain.trend": "worse", "pain.weeks": 2}, {"worse_for_two_weeks"}),
    ({"pain.trend": "worse", "pain.weeks": 1.9}, {"worse_recently"}),
    ({"history.recent_spine_procedure": True}, {"recent_spine_procedure"}),
    ({"history.hip_replacement": "last_12_months"}, {"recent_hip_replacement"}),
    ({"history.hip_replacement": "earlier"}, set()),
    (
        {
            "pain.legs.left": "thigh",
            "pain.legs.right": "thigh",
            "pain.legs_both_new_or_worse": True,
        },
        {"thigh_pain_both_legs_unassessed", "leg_spread"},
    ),
    (
        {
            "pain.legs.left": "thigh",
            "pain.legs.right": "thigh",
            "pain.legs_both_new_or_worse": True,
            "pain.assessed": True,
        },
        {"leg_spread"},
    ),
    (
        {**BOTH_SPREAD, "pain.legs_both_new_or_worse": False},
        {"sciatica_both_sides_settled", "leg_spread"},
    ),
    (
        {**BOTH_SPREAD, "pain.legs_both_new_or_worse": False, "red_flags.both_legs": True},
        {"sciatica_both_sides_settled", "leg_spread", "both_legs"},
    ),
    ({"about.age": 15}, {"under_16"}),
    ({"about.age": 0, "pain.weeks": 10}, {"under_16", "six_weeks_unassessed"}),
    ({"about.age": 16, "pain.weeks": 4}, {"young_four_weeks"}),
    ({"about.age": 19, "pain.weeks": 5}, {"young_four_weeks"}),
    ({"about.age": 20, "pain.weeks": 5}, set()),
    (
        {"about.age": 50, "pain.first_episode": True, "pain.weeks": 4},
        {"new_pain_over_50_unassessed"},
    ),
    ({"about.age": 50, "pain.first_episode": True, "pain.weeks": 3.9}, set()),
    (
        {"about.age": 70, "pain.first_episode": True, "pain.weeks": 4, "pain.trend": "better"},
        set(),
    ),
    (
        {"about.age": 70, "pain.first_episode": True, "pain.weeks": 4, "pain.assessed": True},
        set(),
    ),
    ({"about.age": 70, "pain.first_episode": False, "pain.weeks": 4}, set()),
    ({"history.bone_fragility": True}, {"bone_fragility_unassessed"}),
    ({"history.bone_fragility": True, "pain.assessed": True}, set()),
    ({"pain.legs_worse_walking_eased_sitting": True}, {"stenosis_pattern_unassessed"}),
    (
        {"pain.legs_worse_walking_eased_sitting": True, "pain.assessed": True},
        {"stenosis_pattern_assessed"},
    ),
    (
        {"pain.legs.left": "below_knee", "pain.weeks": 6, **NOT_BUTTOCK},
        {"below_knee_six_weeks_unassessed", "leg_spread"},
    ),
    (
        {"pain.legs.right": "below_knee", "pain.weeks": 6},
        {"below_knee_six_weeks_unassessed", "six_weeks_unassessed", "leg_spread"},
    ),
    (
        {"pain.legs.left": "below_knee", "pain.weeks": 8, "pain.trend": "better"},
        {"leg_spread"},
    ),
    ({"pain.legs.left": "below_knee", "pain.weeks": 5.9}, {"leg_spread"}),
    # book a review
    (
        {"pain.legs.left": "below_knee", "pain.weeks": 6, "pain.assessed": True},
        {"below_knee_six_weeks_assessed", "leg_spread"},
    ),
    ({"pain.weeks": 6}, {"six_weeks_unassessed"}),
    ({"pain.weeks": 6, "pain.areas": ["lower_back"]}, {"six_weeks_unassessed"}),
    ({"pain.weeks": 6, **NOT_BUTTOCK}, set()),
    ({"pain.weeks": 6, "pain.trend": "better"}, set()),
    ({"pain.weeks": 6, "pain.assessed": True}, set()),
    ({"pain.weeks": 12, **NOT_BUTTOCK}, {"twelve_weeks_unassessed"}),
    (
        {"pain.weeks": 12, "pain.trend": "better"},
        {"twelve_weeks_unassessed"},
    ),
    ({"pain.weeks": 12, "pain.assessed": True, "pain.trend": "better"}, set()),
    ({"pain.intensity": 9}, {"severe_or_disabling_pain"}),
    ({"pain.intensity": 10}, {"severe_or_disabling_pain"}),
    ({"pain.stops_sleep_or_self_care": True}, {"severe_or_disabling_pain"}),
    ({"pain.struggling_to_cope": True}, {"severe_or_disabling_pain"}),
    (
        {
            "pain.weeks": 12,
            "pain.assessed": True,
            "pain.morning_stiffness_over_30_min": True,
            "pain.eases_with_movement_not_rest": True,
        },
        {"inflammatory_pattern"},
    ),
    (
        {
            "pain.weeks": 52,
            "about.age": 45,
            "pain.assessed": True,
            "pain.trend": "better",
            "pain.eases_with_movement_not_rest": True,
            "pain.wakes_second_half_of_night": True,
        },
        {"inflammatory_pattern"},
    ),
    (
        {
            "pain.weeks": 52,
            "about.age": 46,
            "pain.assessed": True,
            "pain.morning_stiffness_over_30_min": True,
            "pain.wakes_second_half_of_night": True,
        },
        set(),
    ),
    (
        {"pain.weeks": 12, "pain.assessed": True, "pain.morning_stiffness_over_30_min": True},
        set(),
    ),
    (
        {
            "pain.weeks": 11,
            "pain.assessed": True,
            "pain.morning_stiffness_over_30_min": True,
            "pain.eases_with_movement_not_rest": True,
        },
        set(),
    ),
    ({"about.pregnancy": "pregnant"}, {"pregnancy"}),
    ({"about.pregnancy": "gave_birth_last_12_weeks"}, {"pregnancy"}),
    ({"red_flags.recent_infection": True}, {"recent_infection"}),
    ({"pain.trend": "worse", "pain.weeks": 0}, {"worse_recently"}),
    ({"about.age": 16, "pain.weeks": 3.9}, {"young_under_four_weeks"}),
    ({"about.age": 19, "pain.weeks": 0}, {"young_under_four_weeks"}),
    # caution
    ({"pain.character": "sharp"}, {"sharp_character"}),
    ({"pain.character": "shooting"}, {"sharp_character"}),
    ({"pain.character": "burning"}, {"sharp_character"}),
    ({"pain.character": "stiffness"}, set()),
    ({"pain.legs.right": "thigh"}, {"leg_spread"}),
    ({"pain.legs.left": "below_knee"}, {"leg_spread"}),
    (
        {"pain.worse_lying_on_side": True, "pain.areas": ["outer_hip"]},
        {"side_lying_outer_hip"},
    ),
    ({"pain.worse_lying_on_side": True}, set()),
    ({"pain.intensity": 7}, {"strong_pain"}),
    ({"pain.intensity": 8}, {"strong_pain"}),
    ({"pain.intensity": 6}, set()),
    ({"pain.hip_arthritis": True}, {"hip_arthritis"}),
    ({"pain.onset": "after_effort"}, {"after_effort"}),
]


def _name(case: tuple[dict[str, Any], set[str]]) -> str:
    changes, rules = case
    return ",".join(sorted(rules)) or "nothing:" + ",".join(f"{k}={v}" for k, v in changes.items())


@pytest.mark.parametrize(("changes", "rules"), CASES, ids=[_name(c) for c in CASES])
def test_each_rule_triggers_exactly_when_the_issue_says(
    changes: dict[str, Any], rules: set[str]
) -> None:
    result = screen(answers(changes), today=TODAY)
    assert {r.rule for r in result.reasons} == rules
    expected = max((LEVELS[r] for r in rules), key=SEVERITY.__getitem__, default="ok")
    assert result.level == expected
    for reason in result.reasons:
        assert reason.level == LEVELS[reason.rule]


def test_every_rule_of_the_issue_is_in_the_rules_file_and_nothing_else() -> None:
    rules = default_rules()
    assert {rule.id: rule.level for rule in rules.rule} == LEVELS


def test_every_rule_has_a_case_that_triggers_it() -> None:
    covered = set().union(*(rules for _, rules in CASES))
    assert covered == set(LEVELS)


@pytest.mark.parametrize(
    ("changes", "allowed", "gentle"),
    [
        ({}, True, False),
        ({"pain.onset": "after_effort"}, True, True),
        ({"pain.weeks": 6}, True, True),
        ({"red_flags.numbness_tingling": "one_leg"}, False, False),
        ({"red_flags.fever": True}, False, False),
        ({"red_flags.chest_pain": True}, False, False),
    ],
)
def test_what_each_level_allows(changes: dict[str, Any], allowed: bool, gentle: bool) -> None:
    result = screen(answers(changes), today=TODAY)
    assert (result.routine_allowed, result.gentle) == (allowed, gentle)


def test_very_strong_or_disabling_pain_caps_the_session_at_15_minutes() -> None:
    result = screen(answers({"pain.stops_sleep_or_self_care": True}), today=TODAY)
    assert (result.level, result.routine_allowed, result.max_minutes) == ("book_review", True, 15)
    assert screen(answers({"pain.intensity": 8}), today=TODAY).max_minutes is None


def test_reasons_are_listed_most_serious_first_with_their_sources() -> None:
    result = screen(
        answers({"red_flags.chest_pain": True, "red_flags.fever": True, "pain.character": "sharp"}),
        today=TODAY,
    )
    assert [r.rule for r in result.reasons] == ["chest_pain", "fever", "sharp_character"]
    assert all(r.sources for r in result.reasons)


def test_ok_is_honest_about_its_limits() -> None:
    result = screen(answers(), today=TODAY)
    assert result.level == "ok"
    assert "cannot check everything" in result.action
    assert "Nothing in your answers needs" not in result.action


def test_book_review_says_to_book_first_and_offers_a_gentle_routine() -> None:
    info = default_rules().levels["book_review"]
    assert info.action.startswith("Book a GP or physiotherapist appointment")
    assert "gentle routine is offered" in info.action


def _rule(rule_id: str) -> Any:
    return next(r for r in default_rules().rule if r.id == rule_id)


@pytest.mark.parametrize(
    ("follow_up", "emergency", "settled"),
    [(True, True, False), (None, True, None), (False, False, True)],
)
def test_sciatica_both_sides_is_an_emergency_unless_the_follow_up_is_explicitly_no(
    follow_up: bool | None, emergency: bool, settled: bool | None
) -> None:
    """The spec says "unless legs_both_new_or_worse is false": an unanswered follow-up (a v1
    upgrade keeps the leg spread but not the follow-up) must not hold back the emergency,
    while the see-clinician counterpart needs the explicit "no"."""
    facts: dict[str, Any] = {**BOTH_SPREAD}
    if follow_up is not None:
        facts["pain.legs_both_new_or_worse"] = follow_up
    assert _rule("sciatica_both_sides").triggers(facts) is emergency
    assert _rule("sciatica_both_sides_settled").triggers(facts) is settled


def test_the_50_to_65_sudden_pain_rule_says_its_age_band() -> None:
    rule = _rule("sudden_severe_50_to_65")
    assert "50 to 65" in rule.label and "50 to 65" in rule.advice
    assert "or over" not in rule.label + rule.advice
