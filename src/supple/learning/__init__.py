"""Learn as a course: short lessons released over the first weeks, each with a check.

Pure core: the lessons are data (lessons.toml), the pictures are drawn in code, and the
schedule takes the day and the lessons done as values. The shells (``supple learn`` and
the web app's Learn pages) read progress from the store and render.
"""

from supple.learning.diagrams import DIAGRAMS, diagram_svg
from supple.learning.lessons import (
    Course,
    Lesson,
    LessonsError,
    default_course,
    load_course,
)
from supple.learning.schedule import (
    CheckAnswerError,
    LessonStatus,
    Marked,
    course_day,
    course_status,
    mark_check,
    next_lesson,
    status_of,
)

__all__ = [
    "DIAGRAMS",
    "CheckAnswerError",
    "Course",
    "Lesson",
    "LessonStatus",
    "LessonsError",
    "Marked",
    "course_day",
    "course_status",
    "default_course",
    "diagram_svg",
    "load_course",
    "mark_check",
    "next_lesson",
    "status_of",
]
