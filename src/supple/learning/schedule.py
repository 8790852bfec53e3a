"""Which lessons are open on a given day, which are done, which comes next; and the check.

Pure: the shell passes the day of the course (days since the person's first plan) and
the lessons already done, read from the store. Lessons open alongside the routine, a
few at a time, so nobody faces the whole course at once; the lesson on when to get help
opens on day 0 (the data file enforces it).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from supple.learning.lessons import Course, Lesson

LessonState = Literal["done", "next", "open", "locked"]


class CheckAnswerError(ValueError):
    """Answers to a lesson's check that do not fit its questions."""


@dataclass(frozen=True)
class LessonStatus:
    lesson: Lesson
    state: LessonState
    # Days from the given day until the lesson opens (0 once it is open).
    opens_in: int

    @property
    def readable(self) -> bool:
        return self.state != "locked"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.lesson.id,
            "title": self.lesson.title,
            "release_day": self.lesson.release_day,
            "state": self.state,
            "opens_in_days": self.opens_in,
        }


def course_day(first_plan_on: date | None, today: date) -> int:
    """Days since the first plan (0 on its day and before any plan; never negative, so
    a clock set back cannot lock a lesson that was open)."""
    if first_plan_on is None:
        return 0
    return max(0, (today - first_plan_on).days)


def course_status(course: Course, day: int, done: Collection[str]) -> list[LessonStatus]:
    """Every lesson in course order with its state on ``day``: done (its check was
    answered), next (the first open lesson not done), open, or locked until its day.
    A done lesson stays done even if a later course moved its day."""
    statuses = []
    next_found = False
    for lesson in course.lessons:
        opens_in = max(0, lesson.release_day - day)
        state: LessonState
        if lesson.id in done:
            state = "done"
        elif opens_in > 0:
            state = "locked"
        elif not next_found:
            state, next_found = "next", True
        else:
            state = "open"
        statuses.append(LessonStatus(lesson, state, opens_in))
    return statuses


def next_lesson(statuses: Sequence[LessonStatus]) -> LessonStatus | None:
    return next((status for status in statuses if status.state == "next"), None)


def status_of(statuses: Sequence[LessonStatus], lesson_id: str) -> LessonStatus | None:
    return next((status for status in statuses if status.lesson.id == lesson_id), None)


@dataclass(frozen=True)
class Marked:
    """One answered question: what was chosen, whether it was right, and why."""

    question: str
    chosen: str
    right_answer: str
    correct: bool
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "chosen": self.chosen,
            "right_answer": self.right_answer,
            "correct": self.correct,
            "why": self.why,
        }


def mark_check(lesson: Lesson, answers: Sequence[int]) -> list[Marked]:
    """``answers`` (one choice index per question) marked against the lesson's check.

    Every answer is recorded and explained, right or wrong: the check is there to help
    the idea stick, not to pass or fail anyone."""
    if len(answers) != len(lesson.check):
        raise CheckAnswerError(
            f"the check has {len(lesson.check)} questions; {len(answers)} answers were given"
        )
    marked = []
    for number, (question, answer) in enumerate(zip(lesson.check, answers, strict=True), 1):
        if isinstance(answer, bool) or not 0 <= answer < len(question.choices):
            raise CheckAnswerError(
                f"question {number}: choose 1 to {len(question.choices)} (got {answer + 1})"
            )
        marked.append(
            Marked(
                question=question.question,
                chosen=question.choices[answer],
                right_answer=question.choices[question.answer],
                correct=answer == question.answer,
                why=question.why,
            )
        )
    return marked
