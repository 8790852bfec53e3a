"""The screen as a whole: clearance by a clinician, incomplete documents, the rules file,
and properties over random valid answers (issue 11)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen_cases import FIXTURES, TODAY, answers, calm, changed, days_ago
from strategies import valid_answers
from supple.answers import AnswersError, IncompleteAnswers, read_answers
from supple.screening import (
    CLEARABLE_LEVELS,
    SCREEN_LEVELS,
    SEVERITY,
    RulesError,
    default_rules,
    load_rules,
    screen,
)
from supple.screening.rules import RULES_PATH

ARTICLES = Path(__file__).parents[1] / "src" / "supple" / "catalog" / "data" / "articles.toml"

# Issue 11, "Clearance by a clinician": the urgent and see-clinician rules that can never
# be cleared. Every other urgent and see-clinician rule can.
NEVER_CLEARED = {
    "fever",
    "weight_loss",
    "back_lump_or_shape",
    "pulsing_tummy",
    "walking_much_harder_after_fall",
    "loin_colic",
    "pregnancy_warning",
    "infection_after_procedure_or_immune_risk",
    "sudden_severe_50_to_65",
    "sexual_change",
    "under_16",
}
CANCER = {"history.cancer_history": True}


def cleared(changes: dict[str, Any], *entries: dict[str, Any]) -> Any:
    """Screened with clearances; a clearance needs the pain examined, so unless a test
    says otherwise it was."""
    examined = {"pain.assessed": True, **changes}
    return screen(answers({**examined, "clearance": list(entries)}), today=TODAY)


def test_the_clearable_rules_are_exactly_the_issue_list() -> None:
    rules = default_rules()
    serious = {rule.id for rule in rules.rule if rule.level in CLEARABLE_LEVELS}
    assert rules.clearable_ids() == serious - NEVER_CLEARED
    assert not any(rule.clearable for rule in rules.at_level("emergency"))


def test_a_valid_clearance_allows_a_gentle_routine_and_keeps_the_level() -> None:
    result = cleared(CANCER, {"rule": "cancer_history", "date": days_ago(7)})
    assert (result.level, result.routine_allowed, result.gentle) == ("urgent", True, True)
    assert [c.rule for c in result.cleared] == ["cancer_history"]
    assert result.to_dict()["clearances"] == [
        {"rule": "cancer_history", "date": days_ago(7), "status": "valid"}
    ]


@pytest.mark.parametrize(
    ("date", "weeks", "status"),
    [
        (days_ago(0), 3, "valid"),
        (days_ago(84), 13, "valid"),
        (days_ago(85), 13, "older_than_12_weeks"),
        ((TODAY + dt.timedelta(days=1)).isoformat(), 3, "in_the_future"),
        (days_ago(21), 3, "valid"),
        (days_ago(22), 3, "before_this_pain"),
        (days_ago(10), 1.5, "valid"),
        (days_ago(11), 1.5, "before_this_pain"),
    ],
)
def test_a_clearance_counts_only_when_recent_and_given_for_this_pain(
    date: str, weeks: float, status: str
) -> None:
    result = cleared(
        {**CANCER, "pain.weeks": weeks, "pain.assessed": True},
        {"rule": "cancer_history", "date": date},
    )
    assert [c.status for c in result.clearances] == [status]
    assert result.routine_allowed is (status == "valid")
    assert result.level == "urgent"


def test_a_clearance_lapses_when_a_new_serious_rule_triggers() -> None:
    entry = {"rule": "cancer_history", "date": days_ago(7), "triggering": ["cancer_history"]}
    still = cleared({**CANCER, "red_flags.cough_sneeze_worse": False}, entry)
    assert still.routine_allowed
    lapsed = cleared({**CANCER, "red_flags.cough_sneeze_worse": True}, entry)
    [check] = lapsed.clearances
    assert (check.status, check.new_rules) == ("lapsed", ("cough_sneeze_worse",))
    assert lapsed.routine_allowed is False


def test_a_clearance_without_its_triggering_set_covers_only_its_own_rule() -> None:
    result = cleared(
        {**CANCER, "red_flags.numbness_tingling": "one_leg"},
        {"rule": "cancer_history", "date": days_ago(7)},
        {"rule": "numbness_one_leg", "date": days_ago(7)},
    )
    assert {c.status for c in result.clearances} == {"lapsed"}
    assert result.routine_allowed is False


def test_every_serious_rule_needs_its_own_clearance() -> None:
    triggering = ["cancer_history", "numbness_one_leg"]
    changes = {**CANCER, "red_flags.numbness_tingling": "one_leg"}
    one = cleared(
        changes, {"rule": "cancer_history", "date": days_ago(3), "triggering": triggering}
    )
    assert one.routine_allowed is False
    both = cleared(
        changes,
        {"rule": "cancer_history", "date": days_ago(3), "triggering": triggering},
        {"rule": "numbness_one_leg", "date": days_ago(3), "triggering": triggering},
    )
    assert (both.level, both.routine_allowed, both.gentle) == ("urgent", True, True)


def test_a_clearance_for_a_rule_that_does_not_trigger_does_nothing() -> None:
    result = cleared(
        {"red_flags.cough_sneeze_worse": True}, {"rule": "cancer_history", "date": days_ago(3)}
    )
    assert [c.status for c in result.clearances] == ["not_triggering"]
    assert result.routine_allowed is False


@pytest.mark.parametrize("changes", [{"red_flags.fever": True}, {"about.age": 15}])
def test_a_rule_that_cannot_be_cleared_keeps_the_routine_withheld(changes: dict[str, Any]) -> None:
    # The clearance names a clearable rule that also triggers; the other still blocks.
    entry = {
        "rule": "cancer_history",
        "date": days_ago(3),
        "triggering": sorted({"cancer_history", "fever", "under_16"}),
    }
    result = cleared({**changes, **CANCER}, entry)
    assert result.level in CLEARABLE_LEVELS
    assert result.routine_allowed is False


@pytest.mark.parametrize("rule", sorted(NEVER_CLEARED | {"chest_pain", "both_legs"}))
def test_naming_a_rule_that_cannot_be_cleared_is_a_validation_error(rule: str) -> None:
    with pytest.raises(AnswersError) as caught:
        answers({"clearance": [{"rule": rule, "date": days_ago(1)}]})
    [problem] = caught.value.problems
    assert problem.startswith(f"clearance[0].rule: '{rule}' cannot be cleared")
    assert "cancer_history" in problem and "numbness_one_leg" in problem


def test_clearance_never_helps_at_emergency() -> None:
    triggering = ["numbness_one_leg"]
    result = cleared(
        {"red_flags.numbness_tingling": "one_leg", "red_flags.chest_pain": True},
        {"rule": "numbness_one_leg", "date": days_ago(2), "triggering": triggering},
    )
    assert (result.level, result.routine_allowed) == ("emergency", False)


def test_the_cleared_fixture_is_cleared_on_its_date() -> None:
    raw = json.loads((FIXTURES / "cleared.json").read_text())
    result = screen(read_answers(raw), today=TODAY)
    assert (result.level, result.routine_allowed, result.gentle) == ("see_clinician", True, True)
    later = screen(read_answers(raw), today=TODAY + dt.timedelta(weeks=12))
    assert later.routine_allowed is False


# --- incomplete documents ---------------------------------------------------------


def test_an_incomplete_document_reports_what_it_proves_and_never_a_routine() -> None:
    raw = changed(calm(), {"red_flags.chest_pain": True, "pain.onset": None})
    raw["unanswered"] = ["pain.onset"]
    document = read_answers(raw)
    assert isinstance(document, IncompleteAnswers)
    result = screen(document, today=TODAY)
    assert (result.level, result.routine_allowed) == ("emergency", False)
    assert result.to_dict()["unanswered"] == ["pain.onset"]
    calm_but_open = changed(calm(), {"pain.onset": None})
    calm_but_open["unanswered"] = ["pain.onset"]
    quiet = screen(read_answers(calm_but_open), today=TODAY)
    assert (quiet.level, quiet.routine_allowed) == ("ok", False)


def test_an_unknown_answer_proves_nothing_either_way() -> None:
    raw = changed(calm(), {"about.age": None, "pain.onset": "sudden_severe"})
    raw["unanswered"] = ["about.age"]
    result = screen(read_answers(raw), today=TODAY)
    assert result.reasons == [] and result.routine_allowed is False


@pytest.mark.parametrize(
    ("name", "level", "allowed"),
    [
        ("ok", "ok", True),
        ("caution", "caution", True),
        ("book_review", "book_review", True),
        ("emergency", "emergency", False),
        ("see_clinician", "see_clinician", False),
        ("urgent", "urgent", False),
        ("cleared", "see_clinician", True),
        ("preferences", "ok", True),
    ],
)
def test_the_shared_fixtures_screen_as_named(name: str, level: str, allowed: bool) -> None:
    raw = json.loads((FIXTURES / f"{name}.json").read_text())
    result = screen(read_answers(raw), today=TODAY)
    assert (result.level, result.routine_allowed) == (level, allowed)


# --- the rules file -------------------------------------------------------------


def test_rules_file_cites_real_sources_and_the_issue_ones() -> None:
    rules = default_rules()
    for required in (
        "nhs-back-pain",
        "nhs-sciatica",
        "nhs-aaa",
        "nhs-hip-fracture",
        "nice-cks-low-back-pain",
        "nice-cks-cauda-equina",
        "girft-cauda-equina",
        "nice-ng65",
        "nice-ng118",
        "nhs-pregnancy-back-pain",
    ):
        assert required in rules.sources
    articles = tomllib.loads(ARTICLES.read_text())["article"]
    article_files = {a["file"] for a in articles if "file" in a}
    for source in rules.sources.values():
        assert source.file is None or source.file in article_files
    cited = {s for rule in rules.rule for s in rule.sources}
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
        ('field = "red_flags.fever"', 'field = "red_flags.fevr"', "fevr"),
        ('id = "fever"', 'id = "chest_pain"', "chest_pain"),
        (
            '{ field = "red_flags.fever", is = true }',
            '{ field = "red_flags.chest_pain", is = true }',
            "fever",
        ),
        ('level = "urgent"', 'level = "ok"', "level"),
        ('in = ["sharp", "shooting", "burning"]', 'in = ["sharp", "stabbing"]', "stabbing"),
        ('is = "after_effort"', "is = true", "after_effort"),
        ('has = "upper_back"', 'is = "upper_back"', "has"),
        ('sources = ["nhs-back-pain"]', 'sources = ["nhs-backpain"]', "nhs-backpain"),
        ("[levels.ok]", "[levels.fine]", "fine"),
        ('label = "a fever"\nadvice', 'label = "a fever"\nclearable = true\nadvise', "advise"),
        (
            'id = "chest_pain"\nlevel = "emergency"',
            'id = "chest_pain"\nclearable = true\nlevel = "emergency"',
            "clearable",
        ),
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
def test_random_answers_never_crash_and_keep_the_routine_rules(raw: dict[str, Any]) -> None:
    result = screen(read_answers(raw), today=TODAY)
    rules = default_rules()
    if result.reasons:
        assert result.level == result.reasons[0].level
    else:
        assert result.level == "ok"
    severities = [SEVERITY[r.level] for r in result.reasons]
    assert severities == sorted(severities, reverse=True)
    serious = [rules.by_id(r.rule) for r in result.reasons if r.level in CLEARABLE_LEVELS]
    if result.level == "emergency" or any(not rule.clearable for rule in serious):
        assert result.routine_allowed is False
    if result.routine_allowed and result.level in CLEARABLE_LEVELS:
        valid = {c.rule for c in result.clearances if c.valid}
        assert {rule.id for rule in serious} <= valid
        assert result.gentle
    if result.level in ("book_review", "caution"):
        assert (result.routine_allowed, result.gentle) == (True, True)
    json.dumps(result.to_dict())


def _worse_steps(raw: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every single change that is "one step worse" for this document: a yes for a no, a
    more serious choice, a higher number. Questions only asked in some cases are included
    only where they are asked."""
    steps: list[tuple[str, Any]] = []
    flags, history, pain = raw["red_flags"], raw["history"], raw["pain"]
    for name, value in flags.items():
        if value is False:
            conditional = {
                "pregnancy_warning": raw["about"]["pregnancy"] == "pregnant",
                "cannot_bear_weight_after_fall": pain["onset"] == "after_fall_or_knock",
                "walking_much_harder_after_fall": pain["onset"] == "after_fall_or_knock",
            }
            if conditional.get(name, True):
                steps.append((f"red_flags.{name}", True))
    for name in ("numbness_tingling", "leg_weakness"):
        order = ["none", "one_leg", "both_legs"]
        index = order.index(flags[name])
        steps += [(f"red_flags.{name}", v) for v in order[index + 1 :]]
    steps += [(f"history.{n}", True) for n, v in history.items() if v is False]
    if history["hip_replacement"] != "last_12_months":
        steps.append(("history.hip_replacement", "last_12_months"))
    if raw["about"]["pregnancy"] == "no":
        steps += [("about.pregnancy", "pregnant"), ("about.pregnancy", "gave_birth_last_12_weeks")]
    for name, value in pain.items():
        if value is False and name != "legs_both_new_or_worse":
            steps.append((f"pain.{name}", True))
    if pain["assessed"] is True:
        steps.append(("pain.assessed", False))
    if pain.get("legs_both_new_or_worse") is False:
        steps.append(("pain.legs_both_new_or_worse", True))
    order = ["none", "thigh", "below_knee"]
    for side in ("left", "right"):
        steps += [(f"pain.legs.{side}", v) for v in order[order.index(pain["legs"][side]) + 1 :]]
    trends = ["better", "same", "worse"]
    steps += [("pain.trend", v) for v in trends[trends.index(pain["trend"]) + 1 :]]
    steps += [("pain.intensity", n) for n in range(pain["intensity"] + 1, 11)]
    steps += [("pain.weeks", pain["weeks"] + extra) for extra in (0.5, 2, 6, 12)]
    steps += [
        ("pain.areas", [*pain["areas"], a])
        for a in ("upper_buttock", "deep_buttock", "lower_back", "outer_hip", "upper_back")
        if a not in pain["areas"]
    ]
    if pain["character"] in ("dull_ache", "stiffness"):
        steps += [("pain.character", v) for v in ("sharp", "shooting", "burning")]
    return steps


def _apply(raw: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = changed(raw, {path: value})
    legs = out["pain"]["legs"]
    if "none" not in legs.values() and "legs_both_new_or_worse" not in out["pain"]:
        # Spread into the second leg is asked about: the worse answer is "yes, new".
        out["pain"]["legs_both_new_or_worse"] = True
    return out


@settings(deadline=None, max_examples=150)  # not a speed test
@given(valid_answers(), st.data())
def test_a_worse_answer_never_lowers_the_level(raw: dict[str, Any], data: st.DataObject) -> None:
    raw.pop("clearance", None)
    steps = _worse_steps(raw)
    path, value = data.draw(st.sampled_from(steps))
    before = screen(read_answers(raw), today=TODAY)
    after = screen(read_answers(_apply(raw, path, value)), today=TODAY)
    assert SEVERITY[after.level] >= SEVERITY[before.level], (path, value)


@settings(deadline=None)  # not a speed test
@given(valid_answers(), st.sampled_from(sorted(NEVER_CLEARED)))
def test_no_routine_for_a_rule_that_cannot_be_cleared_whatever_the_clearance(
    raw: dict[str, Any], rule: str
) -> None:
    result = screen(read_answers(raw), today=TODAY)
    if rule in {r.rule for r in result.reasons}:
        assert result.routine_allowed is False


@settings(deadline=None)  # not a speed test
@given(valid_answers())
def test_screening_is_deterministic(raw: dict[str, Any]) -> None:
    again = read_answers(json.loads(json.dumps(raw)))
    assert screen(read_answers(raw), today=TODAY) == screen(again, today=TODAY)


def test_the_reviewed_rules_cite_the_sources_that_back_them() -> None:
    """Issue 11 review: each rule cites what says it, and no emergency rests on a blog."""
    rules = default_rules()
    cites = {rule.id: set(rule.sources) for rule in rules.rule}
    assert cites["recent_hip_replacement"] == {"nhs-hip-replacement-recovery"}
    assert "article-001" not in cites["side_lying_outer_hip"]
    assert "mellor-leap-2018" in cites["side_lying_outer_hip"]
    assert "nhs-aortic-dissection" in cites["sudden_tearing_pain"]
    assert {"nhs-kidney-stones", "nice-ng111", "nice-ng12"} <= cites["loin_colic"]
    assert "nhs-back-pain" in cites["upper_back"]
    assert "nice-ng41" in cites["major_trauma"]
    for rule_id in ("stenosis_pattern_unassessed", "stenosis_pattern_assessed"):
        assert "nhs-spinal-stenosis" in cites[rule_id]
    assert "Pathway" in rules.sources["girft-cauda-equina"].title
    for rule in rules.rule:
        if rule.level == "emergency":
            assert not [s for s in rule.sources if s.startswith("article-")], rule.id


def test_a_clearance_does_not_count_when_no_one_examined_the_pain() -> None:
    import datetime as dt
    import json
    from pathlib import Path

    from supple.answers import read_answers
    from supple.screening import screen

    today = dt.date(2026, 11, 10)
    document = json.loads(
        (Path(__file__).parent / "fixtures" / "answers" / "see_clinician.json").read_text()
    )
    document["clearance"] = [{"rule": "numbness_one_leg", "date": "2026-11-03"}]
    assert screen(read_answers(document), today=today).routine_allowed
    document["pain"]["assessed"] = False
    result = screen(read_answers(document), today=today)
    assert not result.routine_allowed
    assert [c.status for c in result.clearances] == ["not_examined"]
