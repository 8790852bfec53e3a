"""Lesson progress: which Learn lessons a person has read and how they answered.

The course itself is data in ``supple.learning``; the store keeps only the answering of
each check (lesson id, when, the choices), so a changed lesson text never rewrites
anyone's history. Which lessons are open on a day is the core schedule's decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select

from supple.store import convert
from supple.store.base import StoreBase
from supple.store.models import LessonCompletion, Plan
from supple.store.records import LessonCompletionRecord
from supple.store.schema import LessonCompletionFields, validated
from supple.store.values import when


class LessonProgress(StoreBase):
    """The answered checks of a profile's lessons, oldest first."""

    def complete_lesson(
        self,
        profile: str,
        lesson_id: str,
        answers: Sequence[int],
        *,
        now: datetime | None = None,
    ) -> LessonCompletionRecord:
        """Record that ``profile`` answered ``lesson_id``'s check with ``answers``.

        The caller has marked the answers against the lesson (the core's
        ``mark_check``); the store checks only what any record must be."""
        fields = validated(
            LessonCompletionFields, {"lesson_id": lesson_id, "answers": list(answers)}
        )
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            row = LessonCompletion(
                profile_id=owner.id,
                lesson_id=fields.lesson_id,
                completed_at=when(now),
                answers=list(fields.answers),
            )
            db.add(row)
            db.flush()
            return convert.lesson_completion(row, owner.name)

    def lesson_completions(self, profile: str) -> list[LessonCompletionRecord]:
        """Every answered check of the profile, oldest first."""
        return self._owned(LessonCompletion, profile, LessonCompletion.completed_at)

    def first_plan_at(self, profile: str) -> datetime | None:
        """When the profile's first plan was made: day 0 of the Learn course."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return None
            first: datetime | None = db.scalar(
                select(func.min(Plan.created_at)).filter_by(profile_id=owner.id)
            )
            return first
