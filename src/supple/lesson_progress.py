"""The store-to-course translation shared by ``supple learn`` and the web's Learn pages.

The schedule is the core's (``supple.learning``); this reads what it needs from the
store (when the first plan was made, which checks were answered) so both shells show
the same lessons as open, done and next on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from supple.learning import Course, LessonStatus, course_day, course_status, default_course

if TYPE_CHECKING:
    from supple.store import Store
    from supple.store.records import LessonCompletionRecord


@dataclass(frozen=True)
class CourseProgress:
    day: int
    statuses: list[LessonStatus]
    # The newest answering of each lesson's check.
    latest: dict[str, LessonCompletionRecord]

    @property
    def done_count(self) -> int:
        return sum(status.state == "done" for status in self.statuses)


def course_progress(
    store: Store, profile: str, today: date, course: Course | None = None
) -> CourseProgress:
    """The profile's place in the course on ``today``."""
    completions = store.lesson_completions(profile)
    first = store.first_plan_at(profile)
    day = course_day(first.date() if first else None, today)
    latest = {done.lesson_id: done for done in completions}
    statuses = course_status(course or default_course(), day, set(latest))
    return CourseProgress(day, statuses, latest)
