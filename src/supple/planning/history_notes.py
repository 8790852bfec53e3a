"""Why the history changed the plan, as values, and the one place those values become words.

The progress core decides each change (``supple.progress.adapt``) and says why with a
``ChangeReason``; the plan's advice, ``supple progress`` and the web pages all word it
here. Nothing downstream re-reads or patches the sentences: a reason that needs a
different sentence is a different value.

These types live in planning, not progress, because the planner's ``Adjustments``
carry them and progress already depends on planning (never the other way round).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from supple.catalog.models import Level

Cause = Literal[
    "stopped_once",  # stopped once: its easier version instead
    "stopped_once_no_easier",  # stopped once, and no easier version free of pain stops
    "stopped_twice",  # stopped two or more times: left out, have it checked
    "leg_pain_stop",  # stopped because the pain spread down the leg
    "same_movement_as_leg_pain_stop",  # shares a movement with an exercise stopped for leg pain
    "rated_too_much",  # rated hard or painful: one dose step down per rating
    "swapped",  # not the history: the person swapped it for another exercise
]
RecheckCause = Literal["leg_pain_stop", "before_level_up"]


@dataclass(frozen=True)
class ChangeReason:
    """Why one exercise was replaced, left out or dosed down.

    ``count`` is the number of pain stops (or of hard/painful ratings); ``ratings``
    lists those ratings oldest first; ``because_of`` and ``movements`` name the exercise
    stopped for leg pain and the movement classes it shares with this one.
    """

    cause: Cause
    count: int = 1
    ratings: tuple[str, ...] = ()
    because_of: str | None = None
    movements: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "cause": self.cause,
            "count": self.count,
            "ratings": list(self.ratings),
            "because_of": self.because_of,
            "movements": list(self.movements),
        }


@dataclass(frozen=True)
class DoseStep:
    """How one exercise's dose changes between two levels (None: that part does not)."""

    exercise: str
    name: str
    hold_seconds: tuple[int, int] | None = None
    reps: tuple[int, int] | None = None
    sets: tuple[int, int] | None = None
    work_seconds: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "name": self.name,
            "hold_seconds": list(self.hold_seconds) if self.hold_seconds else None,
            "reps": list(self.reps) if self.reps else None,
            "sets": list(self.sets) if self.sets else None,
            "work_seconds": list(self.work_seconds) if self.work_seconds else None,
        }


@dataclass(frozen=True)
class LevelUp:
    """A step up the person has earned, and exactly what it would change.

    ``to_level`` is None at the top level, where only harder variants are left:
    ``variants`` pairs each exercise's name with the names of its harder variants.
    """

    from_level: Level
    to_level: Level | None
    sessions: int
    days: int
    doses: tuple[DoseStep, ...] = ()
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def kind(self) -> Literal["dosage", "variants"]:
        return "dosage" if self.to_level else "variants"

    @property
    def message(self) -> str:
        return offer_text(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "from_level": self.from_level,
            "to_level": self.to_level,
            "sessions": self.sessions,
            "days": self.days,
            "doses": [d.to_dict() for d in self.doses],
            "variants": [{"exercise": n, "harder": list(v)} for n, v in self.variants],
            "message": self.message,
        }


def _name(names: Mapping[str, str], key: str | None) -> str:
    return names.get(key, key) if key else ""


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def change_text(
    reason: ChangeReason,
    names: Mapping[str, str],
    replacement: str | None = None,
    *,
    variant: str | None = None,
) -> str:
    """The sentence for one change, without the exercise's own name in front.

    ``variant`` names the easier variant the replacement is done as; with no
    ``replacement`` it is the exercise's own easier variant.
    """
    if reason.cause == "stopped_once":
        if variant and replacement is None:
            return f"Stopped for pain once: done as its easier version for now, {variant}."
        easier = _name(names, replacement) or "its easier version"
        if variant:
            easier = f"{easier} ({variant})"
        return f"Stopped for pain once: replaced by its easier version, {easier}."
    if reason.cause == "stopped_once_no_easier":
        return (
            "Stopped for pain once and it has no easier version that was not also stopped, "
            "so it is left out for now."
        )
    if reason.cause == "stopped_twice":
        return (
            f"Stopped for pain {_times(reason.count)}: left out; have it checked by a GP or "
            "physiotherapist before you try it again."
        )
    if reason.cause == "leg_pain_stop":
        return (
            "Stopped because the pain spread down the leg: left out, with every exercise "
            "that loads the same movement; answer the warning-sign questions again before "
            "your next session."
        )
    if reason.cause == "same_movement_as_leg_pain_stop":
        movements = ", ".join(m.replace("_", " ") for m in reason.movements) or "movement"
        return (
            f"Left out because it loads the same movement ({movements}) as "
            f"{_name(names, reason.because_of)}, which was stopped for pain spreading down "
            "the leg."
        )
    if reason.cause == "swapped":
        return f"You swapped it for {_name(names, replacement) or 'another exercise'}."
    rated = " and ".join(dict.fromkeys(reason.ratings)) or "hard or painful"
    steps = "one step" if reason.count == 1 else f"{reason.count} steps"
    return f"Rated {rated} {_times(reason.count)}: {steps} easier."


def dose_text(step: DoseStep) -> str:
    parts = []
    if step.hold_seconds:
        parts.append(f"holds {step.hold_seconds[0]} s to {step.hold_seconds[1]} s")
    if step.work_seconds:
        parts.append(f"{step.work_seconds[0]} s to {step.work_seconds[1]} s")
    if step.reps:
        parts.append(f"{step.reps[0]} to {step.reps[1]} reps")
    if step.sets:
        parts.append(f"{step.sets[0]} to {step.sets[1]} sets")
    return f"{step.name}: {', '.join(parts)}"


def offer_text(offer: LevelUp) -> str:
    """The offer and what it changes, computed from the catalog doses."""
    earned = (
        f"{offer.sessions} sessions over {offer.days} days with pain before and after "
        "recorded, pain after never more than 1 point above before, no pain stops and "
        "nothing rated hard or painful"
    )
    if offer.to_level is None:
        harder = [f"{name} ({', '.join(found)})" for name, found in offer.variants if found]
        what = "; ".join(harder) if harder else "the harder variants on each exercise card"
        return f"{earned}: when you feel ready, you can try harder variants: {what}."
    changes = [dose_text(step) for step in offer.doses]
    what = "; ".join(changes) if changes else "the same exercises at the next level's dose"
    return (
        f"{earned}: when you feel ready, you can move up to the {offer.to_level} level "
        f"(supple plan --level {offer.to_level}). It changes: {what}."
    )


def recheck_text(cause: RecheckCause) -> str:
    if cause == "leg_pain_stop":
        return (
            "You stopped because the pain spread down your leg: answer the warning-sign "
            "questions again before your next session (supple screen, or Start on the web)."
        )
    return (
        "You may be ready for the next level, but your warning-sign answers are more than "
        "4 weeks old: answer the warning-sign questions again first."
    )


__all__ = [
    "Cause",
    "ChangeReason",
    "DoseStep",
    "LevelUp",
    "RecheckCause",
    "change_text",
    "dose_text",
    "offer_text",
    "recheck_text",
]
