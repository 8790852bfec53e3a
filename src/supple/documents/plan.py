"""The plan document: ``supple plan --json``, ``POST /api/plan`` and the stored plan.

Fields follow ``Plan.to_dict`` (``supple.planning``) one for one; ``plan_document``
checks a plan against this model, so what the shells print and store is what the
published schema says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from supple.catalog.models import Kind, Level, Position
from supple.documents.base import Document
from supple.screening.rules import ScreenLevel

if TYPE_CHECKING:
    from supple.planning import Plan

PLAN_VERSION: Literal[1] = 1


class ReasonDocument(Document):
    rule: str
    level: ScreenLevel
    advice: str
    sources: list[str]
    action: str | None = Field(None, description="The rule's own 'what to do now'.")


class ClearanceDocument(Document):
    rule: str
    date: str = Field(json_schema_extra={"format": "date"})
    status: str
    new_rules: list[str] | None = None


class ScreenDocument(Document):
    level: ScreenLevel
    reasons: list[ReasonDocument]
    routine_allowed: bool
    unanswered: list[str]
    clearances: list[ClearanceDocument] | None = None
    max_minutes: int | None = None


class ContributorDocument(Document):
    id: str
    score: float
    evidence: list[str]


class AssessmentDocument(Document):
    contributors: list[ContributorDocument]


class RoutineItemDocument(Document):
    exercise: str
    name: str
    kind: Kind
    position: Position
    per_side: bool
    hold_seconds: int | None
    reps: int | None
    sets: int
    duration_seconds: int
    targets: list[str]
    why: str
    variant: str | None = Field(description="The version to do, e.g. an easier one for now.")


class RoutineDocument(Document):
    """The routine: timed items in the order they are done."""

    level: Level
    gentle: bool
    minutes_requested: int
    estimated_seconds: int
    floor_transitions: int
    position_changes: int
    items: list[RoutineItemDocument]


class PlanDocument(Document):
    """The whole plan. ``escalation`` is the history's advice to see a GP or
    physiotherapist: while it stands, every shell shows it first."""

    version: Literal[1] = PLAN_VERSION
    escalation: str | None
    screen: ScreenDocument
    assessment: AssessmentDocument
    routine: RoutineDocument | None
    advice: list[str]
    kept_out: list[str] = Field(
        default_factory=list,
        description="Exercises the history keeps out of this plan (left out after pain "
        "stops or for their movement, or replaced by an easier one): never offered as swaps.",
    )
    success: str | None = Field(
        None,
        description="Said when the weekly pain has stayed at 0-2: the progress core's words "
        "(never with an escalation, only beside a routine).",
    )
    swaps: dict[str, str] | None = Field(
        None, description="The person's own swaps (exercise id -> the id done instead)."
    )


def plan_document(plan: Plan | dict[str, Any]) -> PlanDocument:
    """The typed document of a ``supple.planning.Plan`` (or of its ``to_dict``)."""
    raw = plan if isinstance(plan, dict) else plan.to_dict()
    return PlanDocument.model_validate(raw)
