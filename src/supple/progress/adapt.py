"""How the next plan changes with the person's history (issues 4 and 13).

The rules, as decided for the product:

- an exercise stopped once for sharp pain is replaced by its regression next time (the
  catalog's chain: a gentler exercise, or the exercise's own easier variant); stopped
  twice, it is left out and the person is advised to have it checked; with no easier
  version (or only ones also stopped) it is left out after one stop;
- a stop for pain that spreads down the leg leaves out that exercise and every
  exercise sharing one of its movement classes, and asks the warning-sign questions
  again before the next session;
- every ``hard`` or ``painful`` rating moves that exercise one dosage step down;
- when it is time to see a GP or physiotherapist (``supple.progress.worse``) that
  advice comes first and no level is offered; otherwise the next level is offered by
  the rules in ``supple.progress.level_up``, once the warning-sign answers are less
  than 4 weeks old (else the questions are asked again first).

Each change carries its reason as a ``ChangeReason`` value from here to the words
(``supple.planning.history_notes``); nothing downstream rewrites the sentences.

Interpretations the rules leave open, chosen towards caution:

- pain stops count over the whole history (a sharp pain is never forgotten), and so
  does the movement-class exclusion after a leg-pain stop;
- without movement classes for an exercise stopped for leg pain, that exercise alone is
  left out (never replaced by its regression, which may load the same movement);
- stops are counted per exercise, whatever variant was done, so an exercise already
  eased to its variant and stopped again is left out;
- step-downs count ratings since the current level began, so a step-down holds once
  the exercise feels right again instead of bouncing back the plan after;
- warning-sign answers given on the day of a leg-pain stop clear it only when the
  session's start time is known and the answers came after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from supple.catalog.models import Exercise, Level
from supple.planning.filters import Adjustments
from supple.planning.history_notes import (
    ChangeReason,
    LevelUp,
    RecheckCause,
    change_text,
    recheck_text,
)
from supple.planning.notes import Action
from supple.progress.level_up import level_offer
from supple.progress.log import TOO_MUCH, CheckIn, SessionLog, ordered
from supple.progress.summary import PainStop, pain_stops
from supple.progress.weekly import WeeklySummary
from supple.progress.worse import clinician_reasons, success_note

# The escalation leads with what to do and how soon (a booking, not usually urgent),
# then the figures, then what to do until the appointment, with the signs that would
# make it an emergency while the person waits (the physiotherapist's review, MUST-2:
# a flat "not an emergency" reassures falsely if nerve symptoms appear meanwhile).
SEE_SOMEONE = (
    "Book an appointment with a GP or physiotherapist in the next week or two (in many "
    "areas you can also refer yourself to NHS physiotherapy). This is not usually urgent."
)
UNTIL_SEEN = (
    "Until then, carry on with your plan as it is, stay at your current level, and stop any "
    "exercise that hurts. Call 999/112/911 or go to an emergency department now if you get "
    "numbness between your legs or around your bottom, new problems peeing or pooing, or "
    "weakness in both legs."
)
WARNING_SIGNS_VALID = timedelta(weeks=4)
LevelOffer = LevelUp


@dataclass(frozen=True)
class ExerciseChange:
    """One change to the next plan; ``reason`` is worded once, from ``why``.

    ``replacement`` is another exercise done instead (None when the exercise stays, done
    as ``replacement_variant``: a change of variant, never "Cat-cow -> Cat-cow").
    """

    exercise: str
    action: Action
    why: ChangeReason
    replacement: str | None = None
    steps: int = 0
    reason: str = ""
    replacement_variant: str | None = None  # the easier variant to do ``replacement`` as

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "action": self.action,
            "replacement": self.replacement,
            "replacement_variant": self.replacement_variant,
            "steps": self.steps,
            "why": self.why.to_dict(),
            "reason": self.reason,
        }


def _change(
    exercise: str,
    action: Action,
    why: ChangeReason,
    names: Mapping[str, str],
    *,
    replacement: str | None = None,
    steps: int = 0,
    replacement_variant: str | None = None,
) -> ExerciseChange:
    other = replacement if replacement != exercise else None
    text = change_text(why, names, other, variant=replacement_variant)
    return ExerciseChange(
        exercise, action, why, other, steps, text, replacement_variant=replacement_variant
    )


@dataclass(frozen=True)
class Adaptation:
    changes: tuple[ExerciseChange, ...]
    have_checked: tuple[str, ...]
    offer: LevelUp | None
    see_clinician: tuple[str, ...]
    recheck: tuple[RecheckCause, ...] = ()
    success: str | None = None

    @property
    def message(self) -> str | None:
        """The plain advice to see someone, with every reason, or None."""
        if not self.see_clinician:
            return None
        return " ".join((SEE_SOMEONE, *self.see_clinician, UNTIL_SEEN))

    @property
    def ask_warning_signs(self) -> bool:
        """The warning-sign questions must be answered again before the next session."""
        return "leg_pain_stop" in self.recheck

    def adjustments(self) -> Adjustments:
        """The planner's view of these changes, each with its reason."""
        reasons: dict[str, ChangeReason] = {}
        for c in self.changes:
            reasons.setdefault(c.exercise, c.why)
        regress = [
            (c.exercise, c.replacement or c.exercise, c.replacement_variant)
            for c in self.changes
            if c.action == "regress" and (c.replacement or c.replacement_variant)
        ]
        return Adjustments(
            replacements={key: to for key, to, _ in regress if to and to != key},
            variants={to: variant for _, to, variant in regress if to and variant},
            exclusions=frozenset(c.exercise for c in self.changes if c.action == "leave_out"),
            step_downs={c.exercise: c.steps for c in self.changes if c.action == "step_down"},
            offer_level=self.offer.to_level if self.offer else None,
            reasons=reasons,
            escalation=self.message,
            level_up=self.offer,
            recheck=self.recheck,
            success=self.success,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "changes": [c.to_dict() for c in self.changes],
            "have_checked": list(self.have_checked),
            "level_offer": self.offer.to_dict() if self.offer else None,
            "see_clinician": self.message,
            "see_clinician_reasons": list(self.see_clinician),
            "ask_warning_signs_again": list(self.recheck),
            "ask_warning_signs_again_text": [recheck_text(c) for c in self.recheck],
            "success": self.success,
        }


def _leg_pain_stops(sessions: Sequence[SessionLog]) -> dict[str, SessionLog]:
    """Each exercise stopped for leg pain, with the latest session it happened in."""
    found: dict[str, SessionLog] = {}
    for s in ordered(sessions):
        for exercise in s.stopped_leg_pain:
            found[exercise] = s
    return found


def movement_exclusions(
    sessions: Sequence[SessionLog], movement_classes: Mapping[str, frozenset[str]]
) -> dict[str, ChangeReason]:
    """Exercises left out after a leg-pain stop: the stopped one and every exercise that
    shares one of its movement classes."""
    out: dict[str, ChangeReason] = {}
    for stopped in sorted(_leg_pain_stops(sessions)):
        out[stopped] = ChangeReason("leg_pain_stop")
        classes = movement_classes.get(stopped, frozenset())
        for other, theirs in sorted(movement_classes.items()):
            shared = classes & theirs
            if other != stopped and shared and other not in out:
                out[other] = ChangeReason(
                    "same_movement_as_leg_pain_stop",
                    because_of=stopped,
                    movements=tuple(sorted(shared)),
                )
    return out


def stop_changes(
    sessions: Sequence[SessionLog],
    regressions: Mapping[str, str | None],
    *,
    movement_classes: Mapping[str, frozenset[str]] | None = None,
    names: Mapping[str, str] | None = None,
    variants: Mapping[str, str] | None = None,
    stops: Sequence[PainStop] | None = None,
) -> list[ExerciseChange]:
    """Regressions and exclusions for exercises stopped for pain (and, after a stop for
    pain down the leg, for every exercise of the same movement).

    ``regressions`` maps an exercise to its gentler exercise; ``variants`` maps an
    exercise whose chain ends in its own easier variant to that variant's name;
    ``stops`` passes ``pain_stops(sessions)`` when the caller has counted them already.
    """
    names = names or {}
    counted = pain_stops(sessions) if stops is None else stops
    counts = {stop.exercise: stop.count for stop in counted}
    moved = movement_exclusions(sessions, movement_classes or {})
    changes = [_change(ex, "leave_out", why, names) for ex, why in sorted(moved.items())]
    blocked = set(moved)
    for exercise, count in sorted(counts.items()):
        if exercise in moved:
            continue
        if count >= 2:
            why = ChangeReason("stopped_twice", count=count)
            changes.append(_change(exercise, "leave_out", why, names))
            continue
        target = _easier_unstopped(exercise, counts, regressions, blocked, variants or {})
        if target is None:
            changes.append(
                _change(exercise, "leave_out", ChangeReason("stopped_once_no_easier"), names)
            )
        else:
            to, variant = target
            why = ChangeReason("stopped_once")
            changes.append(
                _change(
                    exercise, "regress", why, names, replacement=to, replacement_variant=variant
                )
            )
    return changes


def _easier_unstopped(
    exercise: str,
    counts: Mapping[str, int],
    regressions: Mapping[str, str | None],
    blocked: set[str],
    variants: Mapping[str, str],
) -> tuple[str, str | None] | None:
    """The nearest step down the chain still allowed: (exercise, easier variant or None).

    A gentler exercise is allowed when it was never stopped and is not left out for its
    movement; an exercise's own easier variant ends the chain and is allowed only for the
    exercise that was stopped, once: a gentler exercise that was stopped too is no easier
    version, not even as its own variant (it hurt in that session as well).
    """
    current = exercise
    seen = {exercise}
    while True:
        if current in variants:
            allowed = current == exercise and counts.get(current, 0) <= 1
            allowed = allowed and current not in blocked
            return (current, variants[current]) if allowed else None
        target = regressions.get(current)
        if target is None or target in seen or counts.get(target, 0) >= 2:
            return None
        if counts.get(target, 0) == 0 and target not in blocked:
            return target, None
        seen.add(target)
        current = target


def step_downs(
    sessions: Sequence[SessionLog],
    level_since: date | None,
    names: Mapping[str, str] | None = None,
) -> list[ExerciseChange]:
    """One dosage step down per hard or painful rating since the current level began."""
    ratings: dict[str, list[str]] = {}
    for s in ordered(sessions):
        if level_since is not None and s.day < level_since:
            continue
        # The session's too-much ratings (``rated_too_much``), without a set per session.
        for exercise, rating in sorted(s.ratings.items()):
            if rating in TOO_MUCH:
                ratings.setdefault(exercise, []).append(rating)
    return [
        _change(
            exercise,
            "step_down",
            ChangeReason("rated_too_much", count=len(given), ratings=tuple(given)),
            names or {},
            steps=len(given),
        )
        for exercise, given in sorted(ratings.items())
    ]


def needs_recheck(sessions: Sequence[SessionLog], warning_signs_answered: datetime | None) -> bool:
    """A leg-pain stop (counted against an exercise or not) came after the warning-sign
    questions were last answered."""
    for s in (s for s in sessions if s.leg_pain_stop):
        if warning_signs_answered is None:
            return True
        if s.started_at is not None:
            if warning_signs_answered <= s.started_at:
                return True
        elif warning_signs_answered.date() <= s.day:
            return True
    return False


def answers_are_fresh(warning_signs_answered: datetime | None, today: date) -> bool:
    """The warning-sign questions were answered within the last 4 weeks."""
    if warning_signs_answered is None:
        return False
    return today - warning_signs_answered.date() <= WARNING_SIGNS_VALID


def adapt(
    sessions: Sequence[SessionLog],
    *,
    today: date,
    level: Level,
    level_since: date | None,
    regressions: Mapping[str, str | None],
    checkins: Sequence[CheckIn] = (),
    movement_classes: Mapping[str, frozenset[str]] | None = None,
    warning_signs_answered: datetime | None = None,
    plan_exercises: Mapping[str, Exercise] | None = None,
    names: Mapping[str, str] | None = None,
    variants: Mapping[str, str] | None = None,
    weekly: WeeklySummary | None = None,
) -> Adaptation:
    """Everything the history says about the next plan.

    ``movement_classes`` maps exercise id -> its movement classes (empty: a leg-pain
    stop leaves out that exercise alone); ``warning_signs_answered`` is when the
    warning-sign questions were last answered; ``plan_exercises`` are the catalog
    records of the current plan's exercises, for what a level-up would change;
    ``names`` words the changes (ids are used where a name is missing);
    ``variants`` maps an exercise whose regression chain ends in its own easier
    variant to that variant's name; ``weekly`` is the ``WeeklySummary`` of these same
    sessions when the caller has built it already (the progress page summarises them
    too), so a long history is counted once per request.
    """
    names = names or {}
    # Sorted and counted once here, for every rule below (issue 14).
    if weekly is None or weekly.today != today:
        weekly = WeeklySummary.of(sessions, today)
    sessions = weekly.sessions
    stops = stop_changes(
        sessions,
        regressions,
        movement_classes=movement_classes,
        names=names,
        variants=variants,
        stops=weekly.stops,
    )
    removed = {c.exercise for c in stops}
    downs = [c for c in step_downs(sessions, level_since, names) if c.exercise not in removed]
    see = tuple(clinician_reasons(sessions, checkins, today, weekly=weekly))
    recheck: list[RecheckCause] = []
    if needs_recheck(sessions, warning_signs_answered):
        recheck.append("leg_pain_stop")
    offer = None
    if not see:
        offer = level_offer(sessions, level, level_since, exercises=plan_exercises)
        if offer is not None and not answers_are_fresh(warning_signs_answered, today):
            offer = None
            recheck.append("before_level_up")
    return Adaptation(
        changes=(*stops, *downs),
        have_checked=tuple(s.exercise for s in weekly.stops if s.count >= 2),
        offer=offer,
        see_clinician=see,
        recheck=tuple(recheck),
        success=None if see else success_note(sessions, weekly=weekly),
    )


def current_level_since(plans: Sequence[tuple[date, Level]]) -> date | None:
    """The day the latest run of plans at the latest plan's level began."""
    if not plans:
        return None
    ordered_plans = sorted(plans, key=lambda p: p[0])
    level = ordered_plans[-1][1]
    since = ordered_plans[-1][0]
    for day, plan_level in reversed(ordered_plans):
        if plan_level != level:
            break
        since = day
    return since
