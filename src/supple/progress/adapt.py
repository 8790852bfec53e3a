"""How the next plan changes with the person's history (issue 4's product rules).

The rules, as decided for the product:

- an exercise stopped once for sharp or radiating pain is replaced by its
  regression next time (the catalog's chain: a gentler exercise, or the exercise's own
  easier variant); stopped twice, it is left out and the person is advised to have it
  checked;
- after at least 6 completed sessions over at least 14 days with no pain stops, pain
  after each session no higher than before, and nothing rated ``hard`` or
  ``painful``, the next level is offered (longer holds and more sets first, then
  harder variants);
- every ``hard`` or ``painful`` rating moves that exercise one dosage step down;
- weekly average pain up by 2 points or 30% against the first week, or not better
  after 4 weeks of at least 3 sessions a week: say plainly it is time to see a GP or
  physiotherapist.

Interpretations the rules leave open, chosen towards caution:

- pain stops count over the whole history (a sharp pain is never forgotten); an
  exercise stopped once whose easier versions are also stopped, or that has none, is
  left out rather than kept; stops are counted per exercise, whatever variant was
  done, so an exercise already eased to its variant and stopped again is left out;
- the level offer needs an unbroken run: a session with a pain stop, a pain rise or a
  hard/painful rating starts the count again. "Over 14 days" counts calendar days
  inclusively, first session day to last (Monday of one week to Sunday of the next);
- step-downs count ratings since the current level began, so a step-down holds once
  the exercise feels right again instead of bouncing back the plan after.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from supple.catalog.models import LEVELS, Level
from supple.planning.filters import Adjustments
from supple.progress.log import MINIMUM_PER_WEEK, SessionLog, ordered
from supple.progress.summary import pain_stops, pain_trend, weekly_adherence, weekly_pain

OFFER_MIN_SESSIONS = 6
OFFER_MIN_DAYS = 14
RISE_POINTS = Fraction(2)
RISE_RATIO = Fraction(3, 10)
STALL_WEEKS = 4

Action = Literal["regress", "leave_out", "step_down"]
SEE_SOMEONE = "It is time to see a GP or physiotherapist."


@dataclass(frozen=True)
class ExerciseChange:
    exercise: str
    action: Action
    reason: str
    replacement: str | None = None
    steps: int = 0
    replacement_variant: str | None = None  # the easier variant to do ``replacement`` as

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "action": self.action,
            "replacement": self.replacement,
            "replacement_variant": self.replacement_variant,
            "steps": self.steps,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class LevelOffer:
    """A step up the person has earned; taking it is their choice.

    ``kind`` says what changes: ``dosage`` (longer holds, more sets) comes before
    ``variants`` (harder versions). At the top level there is no level left to offer,
    only harder variants, so ``to_level`` is None.
    """

    kind: Literal["dosage", "variants"]
    from_level: Level
    to_level: Level | None
    sessions: int
    days: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "from_level": self.from_level,
            "to_level": self.to_level,
            "sessions": self.sessions,
            "days": self.days,
            "message": self.message,
        }


@dataclass(frozen=True)
class Adaptation:
    changes: tuple[ExerciseChange, ...]
    have_checked: tuple[str, ...]
    offer: LevelOffer | None
    see_clinician: tuple[str, ...]

    @property
    def message(self) -> str | None:
        """The plain advice to see someone, with every reason, or None."""
        if not self.see_clinician:
            return None
        return " ".join((SEE_SOMEONE, *self.see_clinician))

    def adjustments(self) -> Adjustments:
        """The planner's view of these changes."""
        regress = [
            (c.exercise, c.replacement, c.replacement_variant)
            for c in self.changes
            if c.action == "regress" and c.replacement
        ]
        return Adjustments(
            replacements={key: to for key, to, _ in regress if to and to != key},
            variants={to: variant for _, to, variant in regress if to and variant},
            exclusions=frozenset(c.exercise for c in self.changes if c.action == "leave_out"),
            step_downs={c.exercise: c.steps for c in self.changes if c.action == "step_down"},
            offer_level=self.offer.to_level if self.offer else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "changes": [c.to_dict() for c in self.changes],
            "have_checked": list(self.have_checked),
            "level_offer": self.offer.to_dict() if self.offer else None,
            "see_clinician": self.message,
            "see_clinician_reasons": list(self.see_clinician),
        }


def stop_changes(
    sessions: Sequence[SessionLog],
    regressions: Mapping[str, str | None],
    variants: Mapping[str, str] | None = None,
) -> list[ExerciseChange]:
    """Regressions and exclusions for exercises stopped for sharp or radiating pain.

    ``regressions`` maps an exercise to its gentler exercise; ``variants`` maps an
    exercise whose chain ends in its own easier variant to that variant's name.
    """
    counts = {stop.exercise: stop.count for stop in pain_stops(sessions)}
    changes: list[ExerciseChange] = []
    for exercise, count in sorted(counts.items()):
        if count >= 2:
            changes.append(
                ExerciseChange(
                    exercise,
                    "leave_out",
                    f"Stopped {count} times for sharp or radiating pain, so it is left out; "
                    "have it checked by a GP or physiotherapist before trying it again.",
                )
            )
            continue
        target = _easier_unstopped(exercise, counts, regressions, variants or {})
        if target is None:
            changes.append(
                ExerciseChange(
                    exercise,
                    "leave_out",
                    "Stopped for sharp or radiating pain and no easier version is "
                    "free of pain stops, so it is left out for now.",
                )
            )
        else:
            changes.append(
                ExerciseChange(
                    exercise,
                    "regress",
                    "Stopped once for sharp or radiating pain, so next time you get its "
                    "easier version instead.",
                    replacement=target[0],
                    replacement_variant=target[1],
                )
            )
    return changes


def _easier_unstopped(
    exercise: str,
    counts: Mapping[str, int],
    regressions: Mapping[str, str | None],
    variants: Mapping[str, str],
) -> tuple[str, str | None] | None:
    """The nearest step down the chain still allowed: (exercise, easier variant or None).

    A gentler exercise is allowed when it was never stopped; an exercise's own easier
    variant ends the chain and is allowed while that exercise was stopped only once.
    """
    current = exercise
    seen = {exercise}
    while True:
        if current in variants:
            return (current, variants[current]) if counts.get(current, 0) <= 1 else None
        target = regressions.get(current)
        if target is None or target in seen or counts.get(target, 0) >= 2:
            return None
        if counts.get(target, 0) == 0:
            return target, None
        seen.add(target)
        current = target


def step_downs(sessions: Sequence[SessionLog], level_since: date | None) -> list[ExerciseChange]:
    """One dosage step down per hard or painful rating since the current level began."""
    steps: dict[str, int] = {}
    for s in ordered(sessions):
        if level_since is not None and s.day < level_since:
            continue
        for exercise in s.rated_too_much:
            steps[exercise] = steps.get(exercise, 0) + 1
    return [
        ExerciseChange(
            exercise,
            "step_down",
            f"Rated hard or painful {n} time{'s' if n > 1 else ''} at this level, so the "
            f"dose comes down {n} step{'s' if n > 1 else ''}.",
            steps=n,
        )
        for exercise, n in sorted(steps.items())
    ]


def _is_setback(session: SessionLog) -> bool:
    return bool(session.stopped_for_pain or session.pain_rose or session.rated_too_much)


def level_offer(
    sessions: Sequence[SessionLog], level: Level, level_since: date | None
) -> LevelOffer | None:
    """The next level, once the latest unbroken run of good sessions is long enough."""
    run: list[SessionLog] = []
    for s in reversed(ordered(sessions)):
        if level_since is not None and s.day < level_since:
            break
        if _is_setback(s):
            break
        if s.completed:
            run.append(s)
    if len(run) < OFFER_MIN_SESSIONS:
        return None
    days = (run[0].day - run[-1].day).days + 1
    if days < OFFER_MIN_DAYS:
        return None
    index = LEVELS.index(level)
    to_level = LEVELS[index + 1] if index + 1 < len(LEVELS) else None
    kind: Literal["dosage", "variants"] = "dosage" if to_level else "variants"
    what = "longer holds and more sets" if to_level else "harder variants"
    where = f"move up to {to_level}" if to_level else "try the harder variants on each card"
    message = (
        f"{len(run)} sessions over {days} days with no pain stops, pain after no higher "
        f"than before and nothing rated hard or painful: you can {where} ({what}) "
        "whenever you feel ready."
    )
    return LevelOffer(kind, level, to_level, len(run), days, message)


def clinician_reasons(sessions: Sequence[SessionLog], today: date) -> list[str]:
    """Why it is time to see a GP or physiotherapist; empty when nothing says so."""
    trend = pain_trend(weekly_pain(sessions))
    if trend.first is None or trend.latest is None or trend.change is None:
        return []
    first, latest, change = trend.first, trend.latest, trend.change
    reasons: list[str] = []
    ratio = trend.change_ratio
    if change >= RISE_POINTS or (ratio is not None and ratio >= RISE_RATIO):
        reasons.append(
            f"Your average pain before sessions went from {float(first):.1f} in your first "
            f"week to {float(latest):.1f} in your latest week; stretching and strengthening "
            "should ease pain over the weeks, and rising pain needs someone to look at it."
        )
    good_weeks = sum(1 for w in weekly_adherence(sessions, today) if w.minimum_met)
    if good_weeks >= STALL_WEEKS and latest >= first:
        reasons.append(
            f"After {good_weeks} weeks with at least {MINIMUM_PER_WEEK} sessions, your "
            f"average pain ({float(latest):.1f}) is no better than in your first week "
            f"({float(first):.1f}); regular practice that has not helped by now is a sign "
            "to get it assessed."
        )
    return reasons


def adapt(
    sessions: Sequence[SessionLog],
    *,
    today: date,
    level: Level,
    level_since: date | None,
    regressions: Mapping[str, str | None],
    variants: Mapping[str, str] | None = None,
) -> Adaptation:
    """Everything the history says about the next plan."""
    stops = stop_changes(sessions, regressions, variants)
    return Adaptation(
        changes=(*stops, *step_downs(sessions, level_since)),
        have_checked=tuple(s.exercise for s in pain_stops(sessions) if s.count >= 2),
        offer=level_offer(sessions, level, level_since),
        see_clinician=tuple(clinician_reasons(sessions, today)),
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
