"""What the progress core reads: a plain account of each session and check-in.

The store's records carry database ids, timestamps with offsets and step-level
detail; progress only needs the local calendar day of each session, the two pain
ratings, which exercises were stopped for pain and how each exercise felt. Keeping
this input small and free of the store means every rule can be tested with values
written by hand, and the shells (CLI, web) decide what "local day" means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Literal

Rating = Literal["easy", "right", "hard", "painful"]
RATINGS: tuple[Rating, ...] = ("easy", "right", "hard", "painful")
# Ratings that say the dose was too much: the exercise steps down next time.
TOO_MUCH: frozenset[str] = frozenset({"hard", "painful"})

# Sessions a week: every day is ideal, three is the least that counts as regular.
IDEAL_PER_WEEK = 7
MINIMUM_PER_WEEK = 3


@dataclass(frozen=True)
class SessionLog:
    """One session as progress sees it.

    ``completed`` is false for a session that was quit or cut off; it still counts
    for pain and for pain stops (those happened), but not towards adherence.
    ``stopped_for_pain`` names the exercises stopped with the sharp-pain key;
    ``stopped_leg_pain`` those of them stopped because the pain spread down the leg
    (a warning sign: the questions are asked again and the movement is left out). An
    exercise named only in ``stopped_leg_pain`` still counts as stopped for pain.
    ``started_at`` orders the session against other moments of the same day (when the
    warning-sign questions were last answered); None falls back to the day alone.
    ``leg_pain_uncounted`` marks a stop for pain down the leg that counts against no
    exercise (during get-ready or a change of position, said not to come from the
    exercise about to start): nothing is left out for it, but it is a warning sign.
    """

    id: int
    day: date
    completed: bool
    pain_before: int | None = None
    pain_after: int | None = None
    stopped_for_pain: frozenset[str] = frozenset()
    ratings: Mapping[str, Rating] = field(default_factory=dict)
    stopped_leg_pain: frozenset[str] = frozenset()
    started_at: datetime | None = None
    leg_pain_uncounted: bool = False
    plan_id: int | None = None  # the stored plan it was played from, when known

    @property
    def leg_pain_stop(self) -> bool:
        """Stopped for pain down the leg at least once, counted against an exercise or not."""
        return bool(self.stopped_leg_pain) or self.leg_pain_uncounted

    @property
    def pain_stop(self) -> bool:
        """Stopped for pain at all, counted against an exercise or not: what a run of
        good sessions (the level-up) must not contain."""
        return bool(self.stops) or self.leg_pain_uncounted

    @property
    def stops(self) -> frozenset[str]:
        """Every exercise stopped for pain in this session, whatever the kind of pain."""
        return self.stopped_for_pain | self.stopped_leg_pain

    @property
    def pain_rise(self) -> int | None:
        """Pain after minus pain before; None when either was not recorded."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before

    @property
    def pain_rose(self) -> bool:
        """Pain after the session was higher than before it (unknown counts as not)."""
        return (self.pain_rise or 0) > 0

    @property
    def rated_too_much(self) -> frozenset[str]:
        return frozenset(ex for ex, rating in self.ratings.items() if rating in TOO_MUCH)


@dataclass(frozen=True)
class CheckIn:
    """A weekly PEG-3: average pain and its interference with enjoyment and activity."""

    week_of: date
    pain: int
    enjoyment: int
    activity: int

    @property
    def score(self) -> Fraction:
        """The PEG-3 score is the plain mean of its three 0-10 items."""
        return Fraction(self.pain + self.enjoyment + self.activity, 3)


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """The PEG-3 score for three 0-10 answers, rounded to two places for display."""
    for name, value in (("pain", pain), ("enjoyment", enjoyment), ("activity", activity)):
        if not 0 <= value <= 10:
            raise ValueError(f"{name} must be between 0 and 10, got {value}")
    return round(float(CheckIn(date.min, pain, enjoyment, activity).score), 2)


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``; weeks are keyed by it."""
    return day - timedelta(days=day.isoweekday() - 1)


def weeks_between(first: date, last: date) -> list[date]:
    """Every ISO week's Monday from ``first``'s week to ``last``'s, empty weeks included."""
    start, end = week_start(first), week_start(last)
    weeks: list[date] = []
    while start <= end:
        weeks.append(start)
        start += timedelta(days=7)
    return weeks


class Chronological(tuple[SessionLog, ...]):
    """Sessions ``ordered`` has already sorted: ordering them again returns them as they
    are, so the rules that each want the sessions oldest first sort a long history once
    (issue 14), not once per rule. Only ``ordered`` makes one."""

    __slots__ = ()


def _order_key(session: SessionLog) -> tuple[date, int]:
    return (session.day, session.id)


def ordered(sessions: Iterable[SessionLog]) -> Chronological:
    """Sessions oldest first; ids break ties within a day so the order is stable."""
    if isinstance(sessions, Chronological):
        return sessions
    return Chronological(sorted(sessions, key=_order_key))
