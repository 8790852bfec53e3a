"""The review document: ``supple review --json``.

The 4-week review as one shape: when it is due, each measure first against now with
its threshold of a real change and its sources, the change rating, and what it means
for the plan; plus the goals (PSFS ratings) it is made from. Built from
``Review.to_dict`` field by field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from supple.documents.base import Document

if TYPE_CHECKING:
    from supple.goal_review import GoalReview

REVIEW_VERSION: Literal[1] = 1
Day = Field(json_schema_extra={"format": "date"})


class PointDocument(Document):
    on: str = Day
    value: float


class MeasureDocument(Document):
    measure: Literal["psfs", "peg", "pain"]
    name: str
    first: PointDocument | None
    now: PointDocument | None
    change: float | None = Field(description="now minus first; null until both exist")
    direction: Literal["better", "no_change", "worse", "unknown"]
    real_change: str = Field(description="the threshold of a real change, in words")
    sources: list[str]


class GoalItemDocument(Document):
    activity: str
    score: int = Field(ge=0, le=10)


class GoalRatingDocument(Document):
    on: str = Day
    items: list[GoalItemDocument]
    score: float = Field(description="the PSFS score: the mean of the items")


class ReviewDocument(Document):
    version: Literal[1] = REVIEW_VERSION
    due: bool
    due_on: str | None = Day
    next_on: str | None = Day
    first_plan_on: str | None = Day
    measures: list[MeasureDocument]
    groc: int | None = Field(ge=-7, le=7, description="the latest global rating of change")
    groc_words: str | None
    verdict: Literal["better", "no_change", "worse"]
    summary: str
    plan_advice: str
    escalation: str | None = Field(description="the adaptation's advice to see someone")
    goals: list[GoalRatingDocument]


def review_document(found: GoalReview) -> ReviewDocument:
    goals = [
        {
            "on": rating.on.isoformat(),
            "items": [{"activity": i.activity, "score": i.score} for i in rating.items],
            "score": round(float(rating.score), 2),
        }
        for rating in found.ratings
    ]
    return ReviewDocument.model_validate(
        {"version": REVIEW_VERSION, **found.review.to_dict(), "goals": goals}
    )
