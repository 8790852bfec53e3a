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
from supple.planning.movement_words import class_words

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
# What the plan did when the history's first choice would have changed nothing (decided
# by ``supple.planning.settle`` from the plan's own context, never by rewording):
Outcome = Literal[
    "already_easier_left_out",  # stopped once, already done as its easier version: left out
    "easier_variant",  # rated too much at its easiest dose: done as its easier variant
    "gentler_exercise",  # ... no easier variant left: its gentler exercise instead
    "left_out",  # ... nothing easier at all: left out for now
    "stand_in_already_planned",  # replaced by an exercise the plan holds anyway
]


@dataclass(frozen=True)
class ChangeReason:
    """Why one exercise was replaced, left out or dosed down.

    ``count`` is the number of pain stops (or of hard/painful ratings); ``ratings``
    lists those ratings oldest first; ``because_of`` and ``movements`` name the exercise
    stopped for leg pain and the movement classes it shares with this one. ``outcome``
    is set by the planner when the usual change would have left the exercise as it
    was (see ``Outcome``), with ``variant`` the easier version that was already in use
    or is now chosen. ``to_dict`` leaves them out: the progress document says what the
    plan did in its change's ``action`` and ``reason`` instead.
    """

    cause: Cause
    count: int = 1
    ratings: tuple[str, ...] = ()
    because_of: str | None = None
    movements: tuple[str, ...] = ()
    outcome: Outcome | None = None
    variant: str | None = None

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
    variant: tuple[str | None, str | None] | None = None  # None in a pair: no variant

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "name": self.name,
            "hold_seconds": list(self.hold_seconds) if self.hold_seconds else None,
            "reps": list(self.reps) if self.reps else None,
            "sets": list(self.sets) if self.sets else None,
            "work_seconds": list(self.work_seconds) if self.work_seconds else None,
            "variant": list(self.variant) if self.variant else None,
        }


@dataclass(frozen=True)
class LevelUp:
    """A step up the person has earned, and exactly what it would change.

    The progress core decides that it is earned; the planner fills in what changes, by
    comparing the person's plan with the plan at ``to_level`` (same answers, history and
    day): ``doses`` for exercises in both, ``added`` and ``removed`` (names) for the
    rest. ``planned`` is false until the planner has done so (the progress report alone
    cannot know the plans). ``to_level`` is None at the top level, where only harder
    variants are left: ``variants`` pairs each planned exercise's name with its harder
    variants.
    """

    from_level: Level
    to_level: Level | None
    sessions: int
    days: int
    doses: tuple[DoseStep, ...] = ()
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    planned: bool = False

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
            "added": list(self.added),
            "removed": list(self.removed),
            "message": self.message,
        }


def _name(names: Mapping[str, str], key: str | None) -> str:
    return names.get(key, key) if key else ""


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _stand_in(names: Mapping[str, str], replacement: str | None, variant: str | None) -> str:
    easier = _name(names, replacement) or "its easier version"
    return f"{easier} ({variant})" if variant else easier


def _rated(reason: ChangeReason) -> str:
    rated = " and ".join(dict.fromkeys(reason.ratings)) or "hard or painful"
    return f"Rated {rated} {_times(reason.count)}"


def change_text(
    reason: ChangeReason,
    names: Mapping[str, str],
    replacement: str | None = None,
    *,
    variant: str | None = None,
) -> str:
    """The sentence for one change, without the exercise's own name in front: the one
    wording of every reason, for the plan, its "what changed" and the progress report.

    ``replacement`` is the exercise done instead (None: the exercise itself);
    ``variant`` the easier variant it, or its replacement, is done as.
    """
    outcome = reason.outcome
    if outcome == "stand_in_already_planned":
        stays = _name(names, replacement) or "its easier version"
        head = _rated(reason) if reason.cause == "rated_too_much" else _stopped(reason)
        return f"{head}: left out; {stays} stays in your plan."
    if reason.cause == "stopped_once":
        if outcome == "already_easier_left_out":
            done = f" ({reason.variant})" if reason.variant else ""
            return (
                f"Stopped for pain once: it was already done as its easier version{done} "
                "and has no easier version left, so it is left out for now."
            )
        if variant and replacement is None:
            return f"Stopped for pain once: done as its easier version for now, {variant}."
        return (
            "Stopped for pain once: replaced by its easier version, "
            f"{_stand_in(names, replacement, variant)}."
        )
    if reason.cause == "stopped_once_no_easier":
        return (
            "Stopped for pain once. There is no easier version left to try (or the easier "
            "one hurt too), so it is left out for now."
        )
    if reason.cause == "stopped_twice":
        return (
            f"Stopped for pain {_times(reason.count)}: left out; ask a GP or physiotherapist "
            "about the pain it caused before you try it again."
        )
    if reason.cause == "leg_pain_stop":
        return (
            "Stopped because the pain spread down the leg: left out, with every exercise "
            f"that uses the same kind of movement{_kinds(reason)}; answer the warning-sign "
            "questions again before your next session."
        )
    if reason.cause == "same_movement_as_leg_pain_stop":
        return (
            f"Left out because it uses the same kind of movement{_kinds(reason)} as "
            f"{_name(names, reason.because_of)}, which was stopped for pain spreading down "
            "the leg."
        )
    if reason.cause == "swapped":
        return f"You swapped it for {_name(names, replacement) or 'another exercise'}."
    return _rated_text(reason, names, replacement)


def _kinds(reason: ChangeReason) -> str:
    """The movement classes a reason names, in readable words: " (twisting the trunk)"."""
    if not reason.movements:
        return ""
    return f" ({', '.join(class_words(m) for m in reason.movements)})"


def _stopped(reason: ChangeReason) -> str:
    return f"Stopped for pain {_times(reason.count)}"


def _rated_text(reason: ChangeReason, names: Mapping[str, str], replacement: str | None) -> str:
    head = _rated(reason)
    if reason.outcome == "easier_variant":
        return (
            f"{head}: already at its easiest dose, so done as its easier version for now, "
            f"{reason.variant or 'its easier variant'}."
        )
    if reason.outcome == "gentler_exercise":
        return (
            f"{head}: already at its easiest, so replaced by its easier version, "
            f"{_name(names, replacement) or 'a gentler exercise'}."
        )
    if reason.outcome == "left_out":
        return f"{head}: already at its easiest: left out for now."
    steps = "one step" if reason.count == 1 else f"{reason.count} steps"
    return f"{head}: {steps} easier."


def not_taken_text(
    reason: ChangeReason,
    names: Mapping[str, str],
    replacement: str | None,
    *,
    variant: str | None = None,
) -> str:
    """The sentence when the easier version decided for an exercise is not in the plan
    (it does not suit this person, or did not fit the time): the exercise is left out,
    and the easier version is never named as if it were there."""
    head = _rated(reason) if reason.cause == "rated_too_much" else _stopped(reason)
    if replacement is not None:
        easier = f"its easier version, {_stand_in(names, replacement, variant)},"
    else:
        easier = f"its easier version ({variant})" if variant else "its easier version"
    return (
        f"{head}: left out for now; {easier} does not fit this plan (the positions, "
        "equipment or time you chose)."
    )


def _clock(seconds: int) -> str:
    """Continuous moves read as the plan shows them: 5:45, not 345 s."""
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


def dose_text(step: DoseStep) -> str:
    parts = []
    if step.variant:
        before, after = step.variant
        if after is None:
            parts.append(f"the full exercise instead of {before}")
        else:
            parts.append(f"done as {after}" + (f" instead of {before}" if before else ""))
    if step.hold_seconds:
        parts.append(f"holds {step.hold_seconds[0]} s to {step.hold_seconds[1]} s")
    if step.work_seconds:
        parts.append(f"{_clock(step.work_seconds[0])} to {_clock(step.work_seconds[1])}")
    if step.reps:
        parts.append(f"{step.reps[0]} to {step.reps[1]} reps")
    if step.sets:
        parts.append(f"{step.sets[0]} to {step.sets[1]} sets")
    return f"{step.name}: {', '.join(parts)}"


def offer_text(offer: LevelUp) -> str:
    """The offer and what it changes: the difference between the person's plan and the
    plan at the next level, once the planner has compared them.

    Worded as an encouragement the person may take up, never as a verdict ("you are
    ready"), and with no command: the CLI adds ``level_command`` itself, the web offers
    a button instead.
    """
    # The rule lets pain after be 1 point above pain before: "without extra pain"
    # would be untrue (the physiotherapist's review, SHOULD-5).
    earned = (
        f"Good, steady practice: {offer.sessions} sessions over {offer.days} days, and your "
        "pain was never more than 1 point higher after a session than before it."
    )
    if offer.to_level is None:
        harder = [f"{name} ({', '.join(found)})" for name, found in offer.variants if found]
        what = "; ".join(harder) if harder else "the harder variants on each exercise card"
        return f"{earned} If you feel ready, you can try harder variants: {what}."
    move = f"{earned} If you feel ready, you can move up to the {offer.to_level} level."
    if not offer.planned:
        return f"{move} Your plan lists what it changes."
    changes = [dose_text(step) for step in offer.doses]
    if offer.added:
        changes.append(f"adds {', '.join(offer.added)}")
    if offer.removed:
        changes.append(f"leaves out {', '.join(offer.removed)}")
    if not changes:
        return f"{move} Your routine would stay as it is for now."
    return f"{move} It changes: {'; '.join(changes)}."


def level_command(level: Level) -> str:
    """How to take up a level offer in a terminal (the CLI only: the web has a button)."""
    return f"To move up in a terminal: supple plan --level {level}"


def recheck_text(cause: RecheckCause) -> str:
    if cause == "leg_pain_stop":
        # A GP or physiotherapist if it does not settle (seed 003 lists pain that travels
        # down the leg as a reason to get advice; the physiotherapist's review, SHOULD-13).
        return (
            "You stopped because the pain spread down your leg: answer the warning-sign "
            "questions again before your next session (supple start in a terminal, or Start on "
            "the web). If the leg pain has not settled within a few days, or you get numbness, "
            "tingling or weakness in the leg, see a GP or physiotherapist."
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
    "Outcome",
    "RecheckCause",
    "change_text",
    "dose_text",
    "level_command",
    "not_taken_text",
    "offer_text",
    "recheck_text",
]
