"""The progress document: ``supple progress --json`` and ``GET /api/progress``.

One shape in both: the figures (``progress``) and what the history changes in the next
plan (``next_plan``), from ``Progress.to_dict`` and ``Adaptation.to_dict`` field by field.
The ``Adaptation`` is the one the next plan really makes
(``supple.progress.next_plan.as_planned``): each change's ``action`` is what the plan
does with the exercise and its ``reason`` the plan's own sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from supple.catalog.models import Level
from supple.documents.base import Document

if TYPE_CHECKING:
    from supple.progress import Adaptation, Progress

PROGRESS_VERSION: Literal[1] = 1
Day = Field(json_schema_extra={"format": "date"})


class Goal(Document):
    ideal_per_week: int
    minimum_per_week: int


class WeekDocument(Document):
    week: str = Field(description="ISO week, e.g. 2026-W02.")
    week_start: str = Day
    sessions: int
    active_days: int
    minimum: int
    ideal: int
    minimum_met: bool
    ideal_met: bool


class SessionPainDocument(Document):
    session: int
    day: str = Day
    completed: bool
    pain_before: int | None
    pain_after: int | None
    change: int | None


class WeekPainDocument(Document):
    week_start: str = Day
    ratings: int
    average: float | None


class TrendDocument(Document):
    direction: Literal["improving", "steady", "worsening", "unknown"]
    first_week: float | None
    latest_week: float | None
    change: float | None
    change_percent: float | None


class PainStopDocument(Document):
    exercise: str
    count: int
    days: list[str]


class PegDocument(Document):
    week_of: str = Day
    pain: int
    enjoyment: int
    activity: int
    score: float


class Figures(Document):
    today: str = Day
    goal: Goal
    sessions_completed: int
    streak_days: int
    weeks: list[WeekDocument]
    pain: list[SessionPainDocument]
    weekly_pain: list[WeekPainDocument]
    pain_trend: TrendDocument
    stopped_for_pain: list[PainStopDocument]
    peg: list[PegDocument]


class WhyDocument(Document):
    cause: str
    count: int
    ratings: list[str]
    because_of: str | None
    movements: list[str]


class ChangeDocument(Document):
    exercise: str
    action: Literal["regress", "leave_out", "step_down"]
    replacement: str | None
    replacement_variant: str | None
    steps: int
    why: WhyDocument
    reason: str


class DoseStepDocument(Document):
    exercise: str
    name: str
    hold_seconds: list[int] | None
    reps: list[int] | None
    sets: list[int] | None
    work_seconds: list[int] | None
    variant: list[str | None] | None = Field(
        description="[variant before, variant after]; null in it: none"
    )


class HarderDocument(Document):
    exercise: str
    harder: list[str]


class LevelOfferDocument(Document):
    kind: Literal["dosage", "variants"]
    from_level: Level
    to_level: Level | None
    sessions: int
    days: int
    doses: list[DoseStepDocument]
    variants: list[HarderDocument]
    added: list[str] = Field(description="exercises the next plan adds")
    removed: list[str] = Field(description="exercises the next plan leaves out")
    message: str


class NextPlan(Document):
    """What the history changes; ``level_offer`` is always null while ``see_clinician``
    stands."""

    changes: list[ChangeDocument]
    have_checked: list[str]
    level_offer: LevelOfferDocument | None
    see_clinician: str | None
    see_clinician_reasons: list[str]
    ask_warning_signs_again: list[Literal["leg_pain_stop", "before_level_up"]]
    ask_warning_signs_again_text: list[str]
    success: str | None


class ProgressDocument(Document):
    version: Literal[1] = PROGRESS_VERSION
    progress: Figures
    next_plan: NextPlan


def progress_document(progress: Progress, adaptation: Adaptation) -> ProgressDocument:
    """The typed document of a ``Progress`` and the ``Adaptation`` for the next plan
    (as planned: ``supple.history.next_plan``)."""
    return ProgressDocument.model_validate(
        {
            "version": PROGRESS_VERSION,
            "progress": progress.to_dict(),
            "next_plan": adaptation.to_dict(),
        }
    )
