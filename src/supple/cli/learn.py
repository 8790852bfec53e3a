"""``supple learn``: the Learn course in the terminal, and the reference behind it.

With no topic, the lessons with the person's progress (the same schedule the web app
shows, through ``supple.lesson_progress``). ``supple learn LESSON`` shows a lesson and
asks its two-question check when someone is at the keyboard; ``--answers`` answers it
without asking, for scripts and non-interactive input. The muscles, causes and safety
principles stay available as ``supple learn reference`` and their own ids.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json, fail
from supple.cli.learn_reference import content, named, render_reference, topic_ids

if TYPE_CHECKING:
    from supple.learning import Lesson, LessonStatus, Marked
    from supple.lesson_progress import CourseProgress

REFERENCE = "reference"
ANSWERS = re.compile(r"\s*[0-9]\s*(,\s*[0-9]\s*)*")


def keyboard() -> bool:
    """Whether someone can answer questions (stdin is a terminal, not a pipe or file)."""
    return sys.stdin.isatty()


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _normalise(topic: str) -> str:
    return re.sub(r"[\s_]+", "-", topic.strip().lower())


def _progress() -> CourseProgress:
    from supple.lesson_progress import course_progress
    from supple.settings import get_settings
    from supple.store import open_store

    with open_store() as store:
        return course_progress(store, get_settings().profile, date.today())


def _record(lesson: Lesson, answers: list[int]) -> None:
    from supple.settings import get_settings
    from supple.store import open_store

    with open_store() as store:
        store.complete_lesson(get_settings().profile, lesson.id, answers)


def _parse_answers(text: str, lesson: Lesson) -> list[int]:
    """``--answers 2,1`` as choice indexes, or exit 2 saying what to type."""
    from supple.learning import CheckAnswerError, mark_check

    how = f"give one number per question, e.g. --answers {','.join(['1'] * len(lesson.check))}"
    if not ANSWERS.fullmatch(text):
        fail(f"--answers: {text!r} is not a list of choice numbers", hint=how)
    answers = [int(part) - 1 for part in text.split(",")]
    try:
        mark_check(lesson, answers)
    except CheckAnswerError as error:
        fail(f"--answers: {error}", hint=how)
    return answers


def lesson_data(status: LessonStatus) -> dict[str, Any]:
    """A lesson as JSON: its screens, picture, check (without the answers) and sources."""
    lesson = status.lesson
    return {
        "type": "lesson",
        **status.to_dict(),
        "picture": {"name": lesson.picture, "alt": lesson.alt},
        "screens": [screen.model_dump() for screen in lesson.screens],
        "check": [{"question": q.question, "choices": list(q.choices)} for q in lesson.check],
        "sources": list(lesson.sources),
    }


@click.command()
@click.argument("topic", required=False)
@click.option(
    "--answers",
    metavar="N,N",
    help="Answer the lesson's check without being asked: your choice for each question, "
    "numbered from 1 (e.g. 2,1).",
)
@click.option("--no-input", is_flag=True, help="Never ask the check; only show the lesson.")
@click.option("--json", "as_json", is_flag=True, help="Print the same content as JSON.")
def learn(topic: str | None, answers: str | None, no_input: bool, as_json: bool) -> None:
    """Take the Learn course: short lessons, each ending with a two-question check.

    With no TOPIC, the lessons and your progress: done, next, open, and when locked ones
    open. TOPIC is a lesson id (read it and answer its check), or `reference` for the
    muscles, causes and safety principles, or the id of any of those.
    """
    from supple.learning import default_course, status_of

    course = default_course()
    key = None if topic is None else _normalise(topic)
    if key is None or key in course.ids:
        if answers is not None and key is None:
            fail("--answers needs a lesson", hint="e.g. supple learn how-pain-works --answers 2,1")
        progress = _progress()
        if key is None:
            _show_course(progress, as_json)
            return
        status = status_of(progress.statuses, key)
        assert status is not None  # every course id has a status
        _take_lesson(status, answers, no_input, as_json)
        return
    if answers is not None:
        fail(f"--answers: '{topic}' is not a lesson", hint=f"Lessons: {', '.join(course.ids)}")
    _reference(topic or "", key, as_json, course.ids)


def _show_course(progress: CourseProgress, as_json: bool) -> None:
    from supple.learning import next_lesson

    upcoming = next_lesson(progress.statuses)
    if as_json:
        emit_json(
            {
                "type": "course",
                "day": progress.day,
                "done": progress.done_count,
                "next": upcoming.lesson.id if upcoming else None,
                "lessons": [status.to_dict() for status in progress.statuses],
            }
        )
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(Text("Learn: short lessons about your pain and looking after it", style="bold"))
    out.print(Text(f"{progress.done_count} of {len(progress.statuses)} done · day {progress.day}"))
    table = Table(box=None, padding=(0, 2, 0, 0))
    for column in ("Lesson", "Id", "Progress"):
        table.add_column(column)
    words = {"done": "done", "next": "next", "open": "open"}
    for status in progress.statuses:
        state = words.get(status.state) or (
            f"opens on day {status.lesson.release_day} (in {_days(status.opens_in)})"
        )
        style = "bold" if status.state == "next" else "dim" if status.state == "locked" else ""
        table.add_row(Text(status.lesson.title, style=style), status.lesson.id, state)
    out.print(table)
    if upcoming:
        out.print(Text(f"Next: supple learn {upcoming.lesson.id}"))
    out.print(Text("More detail on muscles and causes: supple learn reference", style="dim"))


def _take_lesson(status: LessonStatus, answers: str | None, no_input: bool, as_json: bool) -> None:
    from supple.learning import mark_check

    lesson = status.lesson
    if not status.readable:
        fail(
            f"lesson '{lesson.id}' opens on day {lesson.release_day} of your course "
            f"(in {_days(status.opens_in)})",
            hint="Run `supple learn` to see the lessons open now.",
        )
    chosen = None if answers is None else _parse_answers(answers, lesson)
    if as_json:
        data = lesson_data(status)
        if chosen is not None:
            _record(lesson, chosen)
            data["result"] = [m.to_dict() for m in mark_check(lesson, chosen)]
        emit_json(data)
        return
    out = console()
    _render_lesson(out, lesson)
    if chosen is None and not no_input and keyboard():
        chosen = _ask(out, lesson)
    if chosen is None:
        numbers = ",".join(["1"] * len(lesson.check))
        out.print(f"Answer its check with: supple learn {lesson.id} --answers {numbers}")
        return
    _record(lesson, chosen)
    _render_marked(out, mark_check(lesson, chosen))


def _ask(out: Any, lesson: Lesson) -> list[int]:
    from rich.text import Text

    out.print(Text("Check what you learned", style="bold"))
    chosen = []
    for number, question in enumerate(lesson.check, 1):
        out.print(Text(f"{number}. {question.question}"))
        for index, choice in enumerate(question.choices, 1):
            out.print(f"   {index}) {choice}")
        picked = click.prompt("Your answer", type=click.IntRange(1, len(question.choices)))
        chosen.append(picked - 1)
    return chosen


def _render_lesson(out: Any, lesson: Lesson) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    out.print(Rule(Text(lesson.title, style="bold"), align="left"))
    out.print(Text(f"Picture: {lesson.alt}", style="dim"))
    for screen in lesson.screens:
        out.print()
        out.print(Text(screen.heading, style="bold"))
        for paragraph in screen.paragraphs:
            out.print(Text(paragraph))
        for point in screen.points:
            out.print(Padding(Text(f"• {point}"), (0, 0, 0, 2)))
    out.print()
    out.print(Text("Sources: " + "; ".join(lesson.sources), style="dim"))
    out.print()


def _render_marked(out: Any, marked: list[Marked]) -> None:
    from rich.text import Text

    out.print()
    for item in marked:
        verdict = "Right." if item.correct else f"The best answer is: {item.right_answer}."
        out.print(Text(item.question, style="bold"))
        out.print(Text(f"You chose: {item.chosen}. {verdict} {item.why}"))
    out.print(Text("Saved. Run `supple learn` for the next lesson.", style="dim"))


def _reference(given: str, key: str | None, as_json: bool, lesson_ids: list[str]) -> None:
    from supple.catalog import CatalogError, default_catalog
    from supple.catalog.loader import closest

    try:
        catalog = default_catalog()
    except CatalogError as error:
        raise click.ClickException(f"the catalog could not be loaded: {error}") from error
    data = content(catalog, None if key == REFERENCE else key)
    if data is None:
        candidates = [*lesson_ids, REFERENCE, *topic_ids(catalog)]
        near = closest(key or "", candidates) or named(catalog, given)
        hint = f"Did you mean: {', '.join(near)}?\n" if near else ""
        fail(
            f"unknown topic '{given}'",
            hint=f"{hint}Topics are a lesson id, reference, muscles, causes, principles, "
            "or any id that `supple learn reference` lists.",
        )
    if as_json:
        emit_json(data)
        return
    render_reference(console(), data)
