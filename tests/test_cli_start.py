"""Feature tests for ``supple start``: the questionnaire typed in a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from supple.answers import RED_FLAGS, parse_answers
from supple.cli import cli
from supple.screening import default_rules
from supple.settings import get_settings
from supple.store import open_store

runner = CliRunner()

# A typical office worker: no warning signs, buttock pain worse when sitting.
PAIN_LINES = [
    "4",  # intensity
    "1,2",  # areas: top of the buttock, deep in the buttock
    "left",  # side (a name works as well as a number)
    "1",  # character: dull ache
    "1",  # radiates: it stays put
    "3",  # weeks
    "y",  # worse sitting
    "n",  # stairs or walking
    "n",  # lying on the side
    "n",  # sit to stand
    "n",  # bending
    "y",  # tender deep in the buttock
    "y",  # crossing the legs
    "n",  # after a workout
    "n",  # hip arthritis
    "9",  # sitting hours
]
PREFERENCE_LINES = ["", "20", "", "1,3"]  # level kept, 20 minutes, all positions, mat and strap


def run(lines: list[str], *args: str) -> Result:
    return runner.invoke(cli, ["start", *args], input="\n".join(lines) + "\n")


def no_flags() -> list[str]:
    return ["n"] * len(RED_FLAGS)


def saved_documents() -> list[dict[str, object]]:
    with open_store() as store:
        return [record.document for record in store.saved_answers(get_settings().profile)]


def test_the_ok_path_saves_valid_answers_and_shows_the_screen() -> None:
    result = run([*no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "n"])
    assert result.exit_code == 0, result.output
    assert "Fine to start" in result.output
    assert "Your answers are saved" in result.output
    [document] = saved_documents()
    answers = parse_answers(document)
    assert answers.red_flags.answered_yes() == []
    assert answers.pain.areas == ["upper_buttock", "deep_buttock"]
    assert answers.pain.side == "left"
    assert answers.pain.hurts_crossing_legs is True
    assert answers.pain.sitting_hours == 9
    assert answers.preferences.minutes == 20
    assert answers.preferences.level == "beginner"
    assert answers.preferences.equipment == ["mat", "strap"]
    assert answers.cleared_by_clinician is False


def test_red_flag_questions_come_first_each_with_its_reason() -> None:
    result = run([*no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "n"])
    rules = default_rules()
    text = " ".join(result.output.split())  # questions are wrapped to the terminal

    def flat(words: str) -> str:
        return " ".join(words.split())

    positions = [text.index(flat(rule.question)) for rule in rules.red_flag]
    assert positions == sorted(positions)
    assert positions[-1] < text.index("How strong is the pain")
    for rule in rules.red_flag:
        assert flat(rule.why) in text


def test_an_emergency_answer_stops_at_once_with_instructions() -> None:
    result = run(["y"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Call emergency services" in text
    assert "emergency department" in text
    rules = default_rules()
    assert rules.red_flag[1].question not in result.output
    assert "How strong is the pain" not in result.output
    assert saved_documents() == []


def test_a_later_emergency_answer_also_stops_there() -> None:
    index = RED_FLAGS.index("leg_weakness_worsening")
    result = run(["n"] * index + ["y"])
    assert result.exit_code == 0
    assert "Call emergency services" in " ".join(result.output.split())
    assert default_rules().red_flag[index + 1].question not in result.output


def test_bad_typing_is_asked_again() -> None:
    pain = ["11", "lots", *PAIN_LINES[:1], "9", "upper", *PAIN_LINES[1:]]
    result = run(["maybe", *no_flags(), *pain, *PREFERENCE_LINES, "n"])
    assert result.exit_code == 0, result.output
    assert "11 is not in the range 0<=x<=10" in result.output
    assert "'lots' is not a valid integer" in result.output
    assert "'9' is not on the list" in result.output
    assert "'upper' is not on the list" in result.output
    [document] = saved_documents()
    assert parse_answers(document).pain.intensity == 4


def test_saved_answers_are_offered_so_nobody_is_asked_twice() -> None:
    run([*no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "n"])
    again = run(["y", "n"])
    assert again.exit_code == 0, again.output
    assert "Use those answers again?" in again.output
    assert default_rules().red_flag[0].question not in again.output
    assert "Fine to start" in again.output
    assert len(saved_documents()) == 1
    fresh = run(["n", *no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "n"])
    assert fresh.exit_code == 0
    assert len(saved_documents()) == 2


def test_a_clinician_clearance_is_asked_only_when_it_matters() -> None:
    flags = no_flags()
    flags[RED_FLAGS.index("numbness_tingling")] = "y"
    result = run([*flags, *PAIN_LINES, "y", *PREFERENCE_LINES, "n"])
    assert result.exit_code == 0, result.output
    assert "already checked this pain" in result.output
    assert "A gentle routine can be built" in result.output
    [document] = saved_documents()
    assert document["cleared_by_clinician"] is True
    plain = run([*no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "n"], "--new")
    assert "already checked this pain" not in plain.output


def test_without_clearance_no_routine_is_offered() -> None:
    flags = no_flags()
    flags[RED_FLAGS.index("fever")] = "y"
    result = run([*flags, *PAIN_LINES, "n", *PREFERENCE_LINES])
    assert result.exit_code == 0, result.output
    assert "See a doctor today" in result.output
    assert "Build your routine now?" not in result.output


def test_output_writes_a_valid_answers_file(tmp_path: Path) -> None:
    target = tmp_path / "answers.json"
    result = run([*no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "n"], "--output", str(target))
    assert result.exit_code == 0, result.output
    assert parse_answers(json.loads(target.read_text())) == parse_answers(saved_documents()[0])


def test_the_routine_can_be_built_straight_away_and_is_kept() -> None:
    result = run([*no_flags(), *PAIN_LINES, *PREFERENCE_LINES, "y"])
    assert result.exit_code == 0, result.output
    with open_store() as store:
        plan = store.latest_plan(get_settings().profile)
    assert plan is not None
    assert plan.document["routine"] is not None
    assert plan.document["routine"]["minutes_requested"] == 20


def test_a_digit_that_is_not_ascii_is_asked_again_not_a_crash() -> None:
    # "²" passes str.isdigit() but int() refuses it.
    pain = [*PAIN_LINES[:1], "²", *PAIN_LINES[1:]]
    result = run([*no_flags(), *pain, *PREFERENCE_LINES, "n"])
    assert result.exit_code == 0, result.output
    assert "'²' is not on the list" in result.output
