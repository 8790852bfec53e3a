"""The routine planner: from answers, screen and assessment to a safe, timed routine.

``plan_for`` is the one planning path every shell uses: answers, the recorded
history and today in, the whole plan out (the history's adaptation applied).
``build_plan`` runs the screen, the assessment and the planner for given adjustments;
``plan_routine`` returns the routine alone (None when the screen withholds it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from supple.answers import Answers, AnswersDocument
from supple.assessment import Assessment, assess
from supple.catalog import Catalog
from supple.catalog.models import Level
from supple.planning.explain import advice, why
from supple.planning.filters import Adjustments, easier_variant, eligible_exercises
from supple.planning.history import History, PlanMark
from supple.planning.history_notes import ChangeReason
from supple.planning.levels import planned_offer
from supple.planning.notes import Note, changed_keys, exercise_note
from supple.planning.ordering import sequence_cost
from supple.planning.precautions import (
    Guarded,
    Precaution,
    apply_precautions,
    default_precautions,
)
from supple.planning.routine import Routine, RoutineError, RoutineItem, routine_from_dict
from supple.planning.selection import Choice, Selection, Selector, trunk_muscles
from supple.planning.settle import mark_stand_ins, settle
from supple.planning.warmups import default_warmup_intensity
from supple.screening import ScreenResult, screen
from supple.timeline import item_seconds, timeline_steps

if TYPE_CHECKING:
    from supple.progress import Adaptation
    from supple.progress.weekly import WeeklySummary


def _item(
    choice: Choice,
    assessment: Assessment,
    trunk: frozenset[str],
    variant: str | None,
    selection: Selection,
) -> RoutineItem:
    return RoutineItem(
        exercise=choice.exercise,
        name=choice.name,
        kind=choice.role,
        position=choice.position,
        per_side=choice.per_side,
        hold_seconds=choice.hold_seconds,
        reps=choice.reps,
        sets=choice.sets,
        duration_seconds=item_seconds(choice, choice.record),
        targets=tuple(choice.record.targets),
        why=why(
            choice,
            assessment.contributors,
            trunk,
            has_warmup_move=any(c.record.kind == "warmup" for c in selection.choices),
        ),
        variant=variant,
        work_seconds=choice.work_seconds,
        seconds_per_rep=choice.seconds_per_rep,
    )


@dataclass(frozen=True)
class _Context:
    """What the planner needs from the answers and the screen, worked out once."""

    answers: Answers
    assessment: Assessment
    catalog: Catalog
    level: Level
    minutes: int
    gentle: bool
    triggered: tuple[Precaution, ...]

    def select(self, adjustments: Adjustments) -> tuple[Selection, Guarded]:
        prefs = self.answers.preferences
        pool = eligible_exercises(
            self.catalog,
            can=prefs.can,
            equipment=prefs.equipment,
            level=self.level,
            gentle=self.gentle,
            adjustments=adjustments,
        )
        # After pain, and in gentle mode, no warm-up harder than allowed (warmups.toml);
        # after a warm-up itself hurt, the gentlest ones at their easiest variant.
        intensity = default_warmup_intensity()
        ceiling = intensity.ceiling(adjustments, gentle=self.gentle)
        pool = [e for e in pool if e.kind != "warmup" or intensity.allows(e.id, ceiling)]
        easiest_warmups = ceiling == intensity.gentlest
        base = {
            e.id: variant
            for e in pool
            if (
                variant := adjustments.variants.get(e.id)
                or (
                    easier_variant(e, prefs.equipment)
                    if self.gentle or (easiest_warmups and e.kind == "warmup")
                    else None
                )
            )
        }
        guarded = apply_precautions(
            pool, self.triggered, equipment=prefs.equipment, base_variants=base
        )
        selection = Selector(
            guarded.pool,
            contributors=self.assessment.contributors,
            trunk_muscles=self.trunk,
            # Gentle mode doses every exercise at beginner level, whatever was chosen.
            level=self.dose_level,
            minutes=self.minutes,
            adjustments=adjustments,
            gentle=self.gentle,
            guarded=guarded,
        ).select()
        return selection, guarded

    @property
    def dose_level(self) -> Level:
        return "beginner" if self.gentle else self.level

    @property
    def trunk(self) -> frozenset[str]:
        return trunk_muscles({key: muscle.group for key, muscle in self.catalog.muscles.items()})

    def settled(self, adjustments: Adjustments) -> Adjustments:
        """The adjustments made real for this plan (``supple.planning.settle``)."""
        prefs = self.answers.preferences
        return settle(
            adjustments,
            self.catalog,
            can=prefs.can,
            equipment=prefs.equipment,
            level=self.dose_level,
            gentle=self.gentle,
            triggered=self.triggered,
        )


def _context(
    answers: AnswersDocument,
    screened: ScreenResult,
    assessment: Assessment,
    catalog: Catalog,
    *,
    minutes: int | None,
    level: Level | None,
    facts: dict[str, Any],
) -> _Context | None:
    if not screened.routine_allowed or not isinstance(answers, Answers):
        return None
    prefs = answers.preferences
    minutes = minutes or prefs.minutes
    if screened.max_minutes is not None:
        # A rule such as very strong pain caps the session, whatever was asked for.
        minutes = min(minutes, screened.max_minutes)
    return _Context(
        answers,
        assessment,
        catalog,
        level or prefs.level,
        minutes,
        screened.gentle,
        tuple(default_precautions().triggered(facts)),
    )


def _routine(context: _Context, selection: Selection, guarded: Guarded) -> Routine:
    trunk = context.trunk
    items = tuple(
        _item(c, context.assessment, trunk, guarded.variants.get(c.exercise), selection)
        for c in selection.choices
    )
    floor, changes = sequence_cost(item.position for item in items)
    return Routine(
        level=context.level,
        gentle=context.gentle,
        minutes_requested=context.minutes,
        estimated_seconds=sum(step.seconds for step in timeline_steps(items, context.catalog)),
        floor_transitions=floor,
        position_changes=changes,
        items=items,
    )


def _history_stand_ins(adjustments: Adjustments) -> dict[str, str]:
    return {
        key: to
        for key, to in adjustments.replacements.items()
        if (reason := adjustments.reasons.get(key)) is not None and reason.cause != "swapped"
    }


def _plan(
    answers: AnswersDocument,
    screened: ScreenResult,
    assessment: Assessment,
    catalog: Catalog,
    *,
    minutes: int | None,
    level: Level | None,
    adjustments: Adjustments,
    facts: dict[str, Any],
) -> tuple[Routine, Selection, Adjustments] | None:
    """The routine, its selection and the adjustments as they really apply to it.

    A replacement by an exercise the plan holds anyway is marked as such (the plan
    without that replacement is chosen once more to know), and an earned level-up is
    given what it really changes: the routine at the next level is chosen too.
    """
    context = _context(
        answers, screened, assessment, catalog, minutes=minutes, level=level, facts=facts
    )
    if context is None:
        return None
    settled = context.settled(adjustments)
    selection, guarded = context.select(settled)
    stand_ins = _history_stand_ins(settled)
    if stand_ins:
        chosen = {c.exercise for c in selection.choices}
        undone = replace(
            settled,
            replacements={k: v for k, v in settled.replacements.items() if k not in stand_ins},
        )
        anyway = {c.exercise for c in context.select(undone)[0].choices} & chosen
        settled = mark_stand_ins(settled, anyway)
    routine = _routine(context, selection, guarded)
    offer = settled.level_up
    if offer is not None:
        if offer.from_level != routine.level:
            # The person already plans at another level: this offer is not theirs.
            settled = replace(settled, level_up=None, offer_level=None)
        else:
            following = None
            if offer.to_level is not None:
                upper = replace(context, level=offer.to_level)
                plain = replace(adjustments, level_up=None, offer_level=None)
                found = upper.select(upper.settled(plain))
                following = _routine(upper, *found)
            filled = planned_offer(offer, routine, following, catalog.exercises)
            settled = replace(settled, level_up=filled)
    return routine, replace(selection, precautions=guarded), settled


def plan_routine(
    answers: AnswersDocument,
    screen: ScreenResult,
    assessment: Assessment,
    catalog: Catalog,
    *,
    minutes: int | None = None,
    level: Level | None = None,
    adjustments: Adjustments | None = None,
) -> Routine | None:
    """The routine for these answers, or None when the screen withholds it."""
    result = _plan(
        answers,
        screen,
        assessment,
        catalog,
        minutes=minutes,
        level=level,
        adjustments=adjustments or Adjustments(),
        facts=answers.facts(),
    )
    return result[0] if result else None


@dataclass(frozen=True)
class Plan:
    """``escalation`` is the history's advice to see a GP or physiotherapist, with its
    figures: while it stands every shell shows it first (after only an emergency or
    urgent screen) and no level-up is offered. ``success`` is the history's note that
    pain has stayed low, kept only beside a routine (never with an escalation)."""

    screen: ScreenResult
    assessment: Assessment
    routine: Routine | None
    advice: list[str]
    escalation: str | None = None
    kept_out: tuple[str, ...] = ()  # what the history keeps out: never offered as a swap
    # The history's changes as they really apply to this plan, each with its reason
    # (``supple.planning.settle``): what "what changed" is worded from. Not published.
    adjustments: Adjustments = field(default_factory=Adjustments)
    success: str | None = None

    def history_notes(self, names: Mapping[str, str]) -> tuple[Note, ...]:
        """Each exercise the history changed in this plan, worded as its advice words
        it: what a progress report should show as "your next plan" (one wording)."""
        planned = {item.exercise for item in self.routine.items} if self.routine else None
        notes = (
            exercise_note(key, self.adjustments, names, planned)
            for key in changed_keys(self.adjustments)
        )
        return tuple(note for note in notes if note is not None)

    @property
    def escalation_first(self) -> bool:
        """The escalation goes before the screen: only "get help now" may precede it."""
        return self.escalation is not None and self.screen.level not in ("emergency", "urgent")

    def to_dict(self) -> dict[str, Any]:
        """The output contract: escalation (or null), screen, assessment, routine (or
        null) and advice."""
        return {
            "version": 1,  # supple.documents.plan.PLAN_VERSION
            "escalation": self.escalation,
            "screen": self.screen.to_dict(),
            "assessment": self.assessment.to_dict(),
            "routine": self.routine.to_dict() if self.routine else None,
            "advice": list(self.advice),
            "kept_out": list(self.kept_out),
            "success": self.success,
        }


def build_plan(
    answers: AnswersDocument,
    catalog: Catalog,
    *,
    today: dt.date,
    minutes: int | None = None,
    level: Level | None = None,
    adjustments: Adjustments | None = None,
) -> Plan:
    """Screen, assess and plan in one go; the screen always runs first.

    ``today`` is the person's date, for checking a clinician's clearance. A document
    with questions unanswered is screened but gets no assessment and no routine.
    """
    adjustments = adjustments or Adjustments()
    # Flattened once for the screen, the assessment and the precautions (issue 14).
    facts = answers.facts()
    screened = screen(answers, today=today, facts=facts)
    assessment = assess(answers, facts=facts) if isinstance(answers, Answers) else Assessment([])
    result = _plan(
        answers,
        screened,
        assessment,
        catalog,
        minutes=minutes,
        level=level,
        adjustments=adjustments,
        facts=facts,
    )
    routine, selection, adjustments = result if result else (None, None, adjustments)
    words = advice(
        screen=screened,
        answers=answers,
        catalog=catalog,
        routine=routine,
        selection=selection,
        adjustments=adjustments,
    )
    # Never offered as a swap: what the history left out or replaced, and every other
    # exercise it changed because it hurt that is not in the routine (a swap puts an
    # exercise in as it is; t13c F4). What the routine holds is not "kept out".
    in_routine = {item.exercise for item in routine.items} if routine else set()
    history_removed = adjustments.not_for_swapping_in - in_routine
    return Plan(
        screened,
        assessment,
        routine,
        words,
        escalation=adjustments.escalation,
        kept_out=tuple(sorted(history_removed)),
        adjustments=adjustments,
        # Praise for low pain beside no routine (the screen withheld it) would mislead.
        success=adjustments.success if routine is not None else None,
    )


def adaptation_for(
    history: History, catalog: Catalog, today: dt.date, *, weekly: WeeklySummary | None = None
) -> Adaptation:
    """What the history says about the next plan (regressions, step-downs, level offer,
    when to see someone, when to ask the warning-sign questions again); no level is
    offered while two or more flare-ups fall in the last 7 days. ``weekly``: the
    ``WeeklySummary`` of ``history.sessions`` when the caller has it already."""
    # progress depends on planning's filters and notes, so it is imported when used.
    from supple.progress import adapt, current_level_since
    from supple.progress.flare_ups import flaring_often

    exercises = catalog.exercises
    adaptation = adapt(
        history.sessions,
        today=today,
        level=history.level,
        level_since=current_level_since([(mark.day, mark.level) for mark in history.plans]),
        regressions={key: exercise.regression for key, exercise in exercises.items()},
        checkins=history.checkins,
        movement_classes={
            key: frozenset(exercise.movement_classes) for key, exercise in exercises.items()
        },
        warning_signs_answered=history.warning_signs_answered,
        plan_exercises={
            key: exercises[key] for key in sorted(set(history.latest_exercises)) if key in exercises
        },
        names={key: exercise.name for key, exercise in exercises.items()},
        variants={
            key: exercise.regression_variant
            for key, exercise in exercises.items()
            if exercise.regression_variant is not None
        },
        weekly=weekly,
    )
    if adaptation.offer is not None and flaring_often(history.flare_ups, today):
        # Two or more flare-ups in the last 7 days: no step up this week (issue 17).
        return replace(adaptation, offer=None)
    return adaptation


def with_swaps(history: Adjustments, swaps: dict[str, str] | None) -> Adjustments:
    """The history's adjustments with the person's own swaps as replacements.

    A swap goes to the planner as a replacement, so the routine still fits the time and
    the ordering rules, with the reason ``swapped`` so the plan says the person chose
    it. A swap never overrides a change the history made.
    """
    removed = history.removed
    kept = {k: v for k, v in (swaps or {}).items() if k not in removed and v not in removed}
    return replace(
        history,
        replacements={**history.replacements, **kept},
        reasons={**history.reasons, **{k: ChangeReason("swapped") for k in kept}},
        swapped_after_pain=frozenset(kept) & history.hurt,
    )


def plan_for(
    answers: AnswersDocument,
    history: History,
    today: dt.date,
    *,
    catalog: Catalog | None = None,
    minutes: int | None = None,
    level: Level | None = None,
    swaps: dict[str, str] | None = None,
) -> Plan:
    """The one planning path: the plan for these answers, this history and this day.

    The CLI, the web pages and the API all call this, so the same inputs give the same
    document everywhere. ``catalog`` defaults to the built-in one; ``swaps`` are the
    person's own choices (exercise id -> the id to do instead).
    """
    return plan_with_adaptation(
        answers, history, today, catalog=catalog, minutes=minutes, level=level, swaps=swaps
    )[0]


def plan_with_adaptation(
    answers: AnswersDocument,
    history: History,
    today: dt.date,
    *,
    catalog: Catalog | None = None,
    minutes: int | None = None,
    level: Level | None = None,
    swaps: dict[str, str] | None = None,
    weekly: WeeklySummary | None = None,
) -> tuple[Plan, Adaptation]:
    """``plan_for``, with the history's adaptation it planned from: for a progress
    report, which shows both and must not work the history out twice. ``weekly``: the
    ``WeeklySummary`` of ``history.sessions`` as of ``today`` when the caller has it."""
    from supple.catalog import default_catalog

    catalog = catalog or default_catalog()
    adapted = adaptation_for(history, catalog, today, weekly=weekly)
    plan = build_plan(
        answers,
        catalog,
        today=today,
        minutes=minutes,
        level=level,
        adjustments=with_swaps(
            replace(adapted.adjustments(), done_as=dict(history.stopped_as)), swaps
        ),
    )
    return plan, adapted


__all__ = [
    "Adjustments",
    "History",
    "Plan",
    "PlanMark",
    "Routine",
    "RoutineError",
    "RoutineItem",
    "adaptation_for",
    "build_plan",
    "plan_for",
    "plan_routine",
    "plan_with_adaptation",
    "routine_from_dict",
    "with_swaps",
]
