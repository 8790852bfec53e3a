"""``supple learn`` as a course: the list with progress, a lesson and its check, bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner, Result

from supple.cli import cli
from supple.learning import default_course
from supple.settings import get_settings
from supple.store import open_store

runner = CliRunner()
COURSE = default_course()
FIRST = COURSE.lessons[0]
LOCKED = next(lesson for lesson in COURSE.lessons if lesson.release_day > 0)
RIGHT = ",".join(str(q.answer + 1) for q in FIRST.check)


def learn(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(cli, ["learn", *args], input=stdin)


def learn_json(*args: str) -> Any:
    result = learn(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def completions() -> list[tuple[str, list[int]]]:
    with open_store() as store:
        return [(d.lesson_id, d.answers) for d in store.lesson_completions(get_settings().profile)]


def test_the_list_shows_every_lesson_in_order_with_its_state() -> None:
    data = learn_json()
    assert [lesson["id"] for lesson in data["lessons"]] == COURSE.ids
    states = {lesson["id"]: lesson["state"] for lesson in data["lessons"]}
    assert states[FIRST.id] == "next" and data["next"] == FIRST.id
    assert states[LOCKED.id] == "locked"
    text = " ".join(learn().stdout.split())
    assert f"opens on day {LOCKED.release_day}" in text
    assert f"Next: supple learn {FIRST.id}" in text


def test_answers_given_on_the_command_line_are_marked_and_stored() -> None:
    result = learn(FIRST.id, "--answers", RIGHT)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert FIRST.screens[0].heading in text
    assert text.count("Right.") == len(FIRST.check)
    assert completions() == [(FIRST.id, [q.answer for q in FIRST.check])]
    data = learn_json()
    assert data["done"] == 1 and data["next"] == COURSE.lessons[1].id


def test_a_wrong_answer_is_stored_and_explained() -> None:
    wrong = 2 - FIRST.check[0].answer  # the other of two choices, numbered from 1
    result = learn(FIRST.id, "--answers", f"{wrong},{FIRST.check[1].answer + 1}")
    text = " ".join(result.stdout.split())
    assert f"The best answer is: {FIRST.check[0].choices[FIRST.check[0].answer]}" in text
    assert FIRST.check[0].why in text
    assert completions()[0][1][0] == wrong - 1


def test_json_gives_the_lesson_without_its_answers_and_the_result_when_answered() -> None:
    shown = learn_json(FIRST.id)
    assert [s["heading"] for s in shown["screens"]] == [s.heading for s in FIRST.screens]
    assert shown["picture"]["alt"] == FIRST.alt
    assert "answer" not in json.dumps(shown["check"])
    assert shown["sources"] == list(FIRST.sources)
    assert completions() == []
    answered = learn_json(FIRST.id, "--answers", RIGHT)
    assert all(item["correct"] for item in answered["result"])
    assert len(completions()) == 1


def test_the_check_is_asked_when_someone_is_at_the_keyboard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("supple.cli.learn.keyboard", lambda: True)
    result = learn(FIRST.id, stdin="".join(f"{q.answer + 1}\n" for q in FIRST.check))
    assert result.exit_code == 0, result.output
    assert completions() == [(FIRST.id, [q.answer for q in FIRST.check])]


def test_without_a_keyboard_the_lesson_is_shown_and_nothing_is_asked_or_stored() -> None:
    result = learn(FIRST.id, stdin="")
    assert result.exit_code == 0, result.output
    assert f"supple learn {FIRST.id} --answers" in result.stdout
    assert completions() == []


def test_no_input_never_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("supple.cli.learn.keyboard", lambda: True)
    result = learn(FIRST.id, "--no-input")
    assert result.exit_code == 0, result.output
    assert completions() == []


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("9,1", "question 1: choose 1 to"),
        ("1", "questions; 1 answers were given"),
        ("one,two", "is not a list of choice numbers"),
        ("0,1", "question 1: choose 1 to"),
    ],
)
def test_impossible_answers_exit_2_with_one_clear_line_and_store_nothing(
    answers: str, message: str
) -> None:
    result = learn(FIRST.id, "--answers", answers)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert completions() == []


def test_a_locked_lesson_exits_2_saying_when_it_opens() -> None:
    result = learn(LOCKED.id)
    assert result.exit_code == 2
    assert f"opens on day {LOCKED.release_day}" in result.stderr
    assert result.stdout == ""


def test_a_lesson_opens_once_its_day_since_the_first_plan_has_come() -> None:
    with open_store() as store:
        made = datetime.now(UTC) - timedelta(days=LOCKED.release_day)
        store.save_plan(get_settings().profile, {"routine": None}, now=made)
    result = learn(LOCKED.id, "--no-input")
    assert result.exit_code == 0, result.output
    assert LOCKED.screens[0].heading in result.stdout


def test_answers_need_a_lesson() -> None:
    assert learn("--answers", "1,1").exit_code == 2
    assert "is not a lesson" in learn("piriformis", "--answers", "1,1").stderr


def test_lesson_ids_ignore_case_and_spaces() -> None:
    assert learn_json(FIRST.id.upper().replace("-", " "))["id"] == FIRST.id


def test_help_names_the_lessons_and_the_reference() -> None:
    result = learn("--help")
    assert result.exit_code == 0
    assert "--answers" in result.stdout and "reference" in result.stdout
