"""Feature tests for ``supple start``: the questionnaire typed in a terminal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from screen_cases import FIXTURES_V1
from supple.answers import parse_answers
from supple.cli import cli
from supple.screening.questions import default_questions
from supple.settings import get_settings
from supple.store import open_store

runner = CliRunner()

# Page 1: warning signs (a typical office worker: none of them).
WARNING_LINES = [
    "34",  # age
    "1",  # not pregnant
    "4",  # it came on little by little
    "1",  # no spread into the left leg
    "1",  # none into the right leg
    "1",  # no numbness
    "1",  # no weakness
    "0",  # nerves group: none of these
    "0",  # body group
    "0",  # illness group
    "0",  # pain-pattern group
]
# Page 2: the health history (no follow-ups apply).
MORE_LINES = ["0", "1"]
# Page 3: the pain; page 4: what makes it worse.
PAIN_LINES = ["4", "1,2", "left", "1", "3", "2", "n", "n", "9", "1,6,7", "0", "0"]
PREFERENCE_LINES = ["", "20", "", "1,3"]  # level kept, 20 minutes, all positions, mat and strap
ALL = [*WARNING_LINES, *MORE_LINES, *PAIN_LINES, *PREFERENCE_LINES]


def run(lines: list[str], *args: str) -> Result:
    text = "\n".join(lines) + "\n"
    return runner.invoke(cli, ["start", *args], input=text, env={"COLUMNS": "200"})


def flat(text: str) -> str:
    return " ".join(text.split())


def saved_documents() -> list[dict[str, Any]]:
    with open_store() as store:
        return [record.document for record in store.saved_answers(get_settings().profile)]


def test_the_ok_path_saves_valid_answers_and_shows_the_screen() -> None:
    result = run([*ALL, "n"])
    assert result.exit_code == 0, result.output
    assert "Fine to start" in result.output
    assert "Your answers are saved" in result.output
    [document] = saved_documents()
    answers = parse_answers(document)
    assert answers.about.age == 34
    assert answers.pain.areas == ["upper_buttock", "deep_buttock"]
    assert answers.pain.side == "left"
    assert answers.pain.worse_sitting and answers.pain.hurts_crossing_legs
    assert answers.pain.tender_deep_buttock and not answers.pain.worse_bending
    assert answers.pain.sitting_hours == 9
    assert answers.preferences.minutes == 20
    assert answers.preferences.level == "beginner"
    assert answers.preferences.equipment == ["mat", "strap"]
    assert answers.clearance == []
    assert answers.red_flags.pregnancy_warning is False  # not asked: not pregnant


def test_pages_come_in_order_with_progress_and_every_wording_from_the_data() -> None:
    text = flat(run([*ALL, "n"]).output)
    questions = default_questions()
    pages = [text.index(f"Page {n} of 5") for n in range(1, 6)]
    assert pages == sorted(pages)
    assert text.index(flat(questions.by_id("red_flags.fever").text)) < pages[1]
    assert text.index(flat(questions.by_id("pain.intensity").text)) > pages[1]
    assert flat(questions.by_id("red_flags.saddle_numbness").text) in text
    assert questions.labels.none_of_these in text
    for hidden in ("red_flags.pregnancy_warning", "red_flags.cannot_bear_weight_after_fall"):
        assert flat(questions.by_id(hidden).text) not in text
    assert "usual answer" not in text


def test_an_emergency_answer_shows_the_result_right_after_the_first_page() -> None:
    lines = list(WARNING_LINES)
    lines[7] = "2"  # nerves group: a new problem with peeing
    result = run(lines)
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "Call 999" in text and "emergency department" in text
    assert "Page 2 of 5" not in text
    assert saved_documents() == []


def test_a_fall_with_no_weight_bearing_is_an_emergency_right_after_page_1() -> None:
    lines = list(WARNING_LINES)
    lines[2:3] = ["1", "y", "n"]  # after a fall; cannot bear weight; walking not harder
    result = run(lines)
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert flat(default_questions().by_id("red_flags.cannot_bear_weight_after_fall").text) in text
    assert "Call 999" in text and "Page 2 of 5" not in text
    assert saved_documents() == []


def test_both_legs_are_followed_up_only_when_both_have_pain() -> None:
    lines = list(WARNING_LINES)
    lines[3:5] = ["3", "2", "y"]  # below the left knee, the right thigh; new or worse
    result = run(lines)
    text = flat(result.output)
    assert flat(default_questions().by_id("pain.legs_both_new_or_worse").text) in text
    assert "Call 999" in text


def test_bad_typing_is_asked_again() -> None:
    lines = ["130", "old", *WARNING_LINES[:7], "9", *WARNING_LINES[7:]]
    result = run([*lines, *MORE_LINES, *PAIN_LINES, *PREFERENCE_LINES, "n"])
    assert result.exit_code == 0, result.output
    assert "130 is outside the range; type a whole number from 0 to 120" in result.output
    assert "'old' is not a whole number" in result.output
    assert "'9' is not on the list" in result.output
    [document] = saved_documents()
    assert parse_answers(document).about.age == 34


def test_saved_answers_are_offered_so_nobody_is_asked_twice() -> None:
    run([*ALL, "n"])
    again = run(["y", "n"])
    assert again.exit_code == 0, again.output
    assert "Use those answers again?" in again.output
    assert "Page 1 of 5" not in again.output
    assert "Fine to start" in again.output
    assert len(saved_documents()) == 1
    fresh = run(["n", *ALL, "n"])
    assert fresh.exit_code == 0
    assert len(saved_documents()) == 2


def _numbness_in_one_leg() -> list[str]:
    lines = list(WARNING_LINES)
    lines[5] = "2"  # numbness in one leg
    pain = list(PAIN_LINES)
    pain[7] = "y"  # examined by a GP or physiotherapist (a clearance needs that)
    return [*lines, *MORE_LINES, *pain, *PREFERENCE_LINES]


def test_no_clearance_is_asked_when_no_one_has_examined_the_pain() -> None:
    lines = list(WARNING_LINES)
    lines[5] = "2"
    result = run([*lines, *MORE_LINES, *PAIN_LINES, *PREFERENCE_LINES])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "a clearance needs a GP or physiotherapist who examined this pain" in text
    assert "knowing about" not in text
    assert "No exercise routine is offered" in text


def test_a_clearance_is_asked_per_rule_with_its_date() -> None:
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    result = run([*_numbness_in_one_leg(), "y", "3 Nov", week_ago, "n"])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "knowing about numbness or tingling in one leg" in text
    assert "write the date as year-month-day" in text
    assert "Cleared by your clinician on" in text
    assert "A gentle routine can be built" in text
    [document] = saved_documents()
    [entry] = document["clearance"]
    assert (entry["rule"], entry["date"]) == ("numbness_one_leg", week_ago)
    assert entry["triggering"] == ["numbness_one_leg"]
    plain = run([*ALL, "n"], "--new")
    assert "knowing about" not in plain.output


def test_a_clearance_older_than_12_weeks_does_not_count() -> None:
    long_ago = (dt.date.today() - dt.timedelta(weeks=13)).isoformat()
    result = run([*_numbness_in_one_leg(), "y", long_ago])
    text = flat(result.output)
    assert "counts for 12 weeks" in text
    assert "No exercise routine is offered" in text
    assert saved_documents()[0]["clearance"] == []


def test_a_saved_clearance_is_shown_and_must_be_confirmed_again() -> None:
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    run([*_numbness_in_one_leg(), "y", week_ago, "n"])
    again = run(["y", "", "n", "n"])  # reuse; Enter is not an answer; then "no"; then no
    text = flat(again.output)
    assert "you told us a GP or physiotherapist had said exercise is fine" in text
    assert "Error: invalid input" in again.output or "yes or no" in again.output
    assert "No exercise routine is offered" in text
    assert saved_documents()[-1]["clearance"] == []


def test_without_a_clearable_rule_no_clearance_is_asked_and_no_routine_offered() -> None:
    lines = list(WARNING_LINES)
    lines[9] = "1"  # a high temperature
    result = run([*lines, *MORE_LINES, *PAIN_LINES, *PREFERENCE_LINES])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "See a doctor today" in text
    assert "knowing about" not in text
    assert "Build your routine now?" not in text


def test_an_old_saved_document_is_upgraded_and_only_the_new_questions_asked() -> None:
    old = json.loads((FIXTURES_V1 / "ok.json").read_text())
    with open_store() as store:
        store.save_answers(get_settings().profile, old)
    # Page 1 without the legs (kept from the old answers), page 2, then the new pain ones.
    lines = ["34", "1", "4", "1", "1", "0", "0", "0", "0", *MORE_LINES]
    lines += ["1,2", "2", "n", "n", "0", "0"]  # areas, trend, first, assessed, two groups
    result = run([*lines, "n"])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "that your saved answers from" in text
    questions = default_questions()
    assert flat(questions.by_id("pain.legs.left").text) not in text
    assert flat(questions.by_id("pain.intensity").text) not in text
    answers = parse_answers(saved_documents()[-1])
    assert answers.pain.intensity == 4 and answers.about.age == 34
    assert "Fine to start" in text


def test_output_writes_a_valid_answers_file(tmp_path: Path) -> None:
    target = tmp_path / "answers.json"
    result = run([*ALL, "n"], "--output", str(target))
    assert result.exit_code == 0, result.output
    assert parse_answers(json.loads(target.read_text())) == parse_answers(saved_documents()[0])


def test_the_routine_can_be_built_straight_away_and_is_kept() -> None:
    result = run([*ALL, "y"])
    assert result.exit_code == 0, result.output
    with open_store() as store:
        plan = store.latest_plan(get_settings().profile)
    assert plan is not None
    assert plan.document["routine"] is not None
    assert plan.document["routine"]["minutes_requested"] == 20


def test_a_digit_that_is_not_ascii_is_asked_again_not_a_crash() -> None:
    # "²" passes str.isdigit() but int() refuses it; the pregnancy question asks again.
    lines = [WARNING_LINES[0], "²", *WARNING_LINES[1:], *MORE_LINES, *PAIN_LINES]
    result = run([*lines, *PREFERENCE_LINES, "n"])
    assert result.exit_code == 0, result.output
    assert "'²' is not on the list" in result.output


def test_an_urgent_answer_is_said_after_its_page_once_and_can_be_cleared_at_the_end() -> None:
    lines = list(WARNING_LINES)
    lines[10] = "3"  # much worse on coughing or sneezing
    pain = list(PAIN_LINES)
    pain[7] = "y"  # examined by a GP or physiotherapist (a clearance needs that)
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    result = run([*lines, *MORE_LINES, *pain, *PREFERENCE_LINES, "y", week_ago, "n"])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert text.index("See a doctor today") < text.index("Page 2 of 5")
    assert text.count("See a doctor today") == 2  # after page 1, and the final result
    assert "knowing about pain much worse on coughing or sneezing" in text
    assert "A gentle routine can be built" in text


def test_an_emergency_says_stop_and_that_the_rest_is_not_needed() -> None:
    lines = list(WARNING_LINES)
    lines[7] = "2"  # nerves group: a new problem with peeing
    result = run(lines)
    text = flat(result.output)
    assert "still to answer" not in text
    assert "Stop here and get help now. The rest of the questions are not needed." in text
    with open_store() as store:
        kept = store.latest_screen_outcome(get_settings().profile)
    assert kept is not None and kept.level == "emergency"  # no older plan is offered now
    assert saved_documents() == []


def test_a_wrong_scale_or_choice_answer_says_what_the_answers_are() -> None:
    lines = [*WARNING_LINES[:1], "7", *WARNING_LINES[1:], *MORE_LINES]
    lines += ["11", *PAIN_LINES, *PREFERENCE_LINES, "n"]
    result = run(lines)
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "type a whole number from 0 (none) to 10 (worst imaginable)" in text
    pregnancy = default_questions().by_id("about.pregnancy")
    listed = "; ".join(f"{n} = {o.label}" for n, o in enumerate(pregnancy.options or [], 1))
    assert flat(f"'7' is not on the list; type a number from 1 to 3 ({listed})") in text


def test_an_age_under_16_is_answered_at_once() -> None:
    result = run(["7", *WARNING_LINES[1:], *MORE_LINES, *PAIN_LINES, *PREFERENCE_LINES, "n"])
    text = flat(result.output)
    advice = "Supple is not made for children and young people under 16"
    pregnancy = flat(default_questions().by_id("about.pregnancy").text)
    assert advice in text and text.index(advice) < text.index(pregnancy)


def test_no_input_is_one_line_saying_what_is_needed() -> None:
    result = runner.invoke(cli, ["start"], input="")
    assert result.exit_code == 2
    assert "Aborted" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "supple plan --answers FILE" in errors[0]
    assert saved_documents() == []


def test_a_refused_clearance_date_is_named_with_the_reason() -> None:
    long_ago = dt.date.today() - dt.timedelta(weeks=20)
    result = run([*_numbness_in_one_leg(), "y", long_ago.isoformat()])
    text = flat(result.output)
    assert f"{long_ago.day} {long_ago:%B %Y} is more than 12 weeks ago" in text
    future = dt.date.today() + dt.timedelta(days=5)
    result = run([*_numbness_in_one_leg(), "y", future.isoformat()], "--new")
    assert f"{future.day} {future:%B %Y} is in the future" in flat(result.output)
