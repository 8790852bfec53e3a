"""The 4-week review: goals, PEG-3 and pain, first against now, and what it means.

Pure: it takes the ratings, check-ins, weekly pain and the adaptation's escalation as
values and returns the review. The rules (thresholds in thresholds.toml, each with its
source):

- each measure's change counts as real when it reaches its threshold (a change exactly
  at the threshold counts): PSFS up or down by 2 points on average; PEG-3 by 1 point;
  pain worse by 2 points, better by 2 points or, from a first week of 4/10 or more, by
  30%; a pain week counts only with 3 or more ratings (thresholds.toml);
- pain that is compared, not worse and at 2/10 or less now is said to be a good result;
- the review says "worse" when any measure is really worse or the person's own rating
  of change (GROC) is at or below the "worse" line; "better" when at least one measure
  is really better and none is worse; otherwise "no real change";
- it is due every 4 weeks from the day of the first plan, and stays due until a review
  is recorded on or after that day.

Choices towards caution where the issue leaves them open:

- the person's own "worse" outweighs better figures, but their own "better" alone does
  not make the review "better": that needs a measured change too;
- a "worse" review advises booking a GP or physiotherapist appointment in the same
  words as the adaptation's escalation; when that escalation stands, its advice is
  shown as it is and the review never says to carry on unchanged;
- pain is the average before sessions in the first week with ratings against the
  latest week with ratings (the weeks the adaptation rules compare too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Literal

from supple.datafile import Source
from supple.outcomes.data import OutcomesData, default_outcomes_data
from supple.outcomes.groc import groc_label, groc_says_worse
from supple.outcomes.psfs import PsfsRating, baseline

# The escalation's own words, so a "worse" review and the adaptation never advise
# differently.
from supple.progress.adapt import SEE_SOMEONE, UNTIL_SEEN

Measure = Literal["psfs", "peg", "pain"]
Direction = Literal["better", "no_change", "worse", "unknown"]
Verdict = Literal["better", "no_change", "worse"]


NAMES: dict[Measure, str] = {
    "psfs": "Your activities (0 cannot do, 10 as before the pain)",
    "peg": "Weekly check-in, PEG-3 (0 to 10, lower is better)",
    "pain": "Average pain before sessions (0 to 10)",
}


@dataclass(frozen=True)
class Point:
    """A measure on a day; ``ratings``: how many ratings a weekly average rests on
    (pain only; a pain week with too few is not compared)."""

    on: date
    value: Fraction
    ratings: int | None = None


@dataclass(frozen=True)
class MeasureChange:
    """One measure, first against now, and whether the change is real."""

    measure: Measure
    first: Point | None
    now: Point | None
    direction: Direction
    threshold: str
    sources: tuple[Source, ...]

    @property
    def change(self) -> Fraction | None:
        if self.first is None or self.now is None:
            return None
        return self.now.value - self.first.value

    def to_dict(self) -> dict[str, Any]:
        def point(p: Point | None) -> dict[str, Any] | None:
            return None if p is None else {"on": p.on.isoformat(), "value": _round(p.value)}

        change = self.change
        return {
            "measure": self.measure,
            "name": NAMES[self.measure],
            "first": point(self.first),
            "now": point(self.now),
            "change": None if change is None else _round(change),
            "direction": self.direction,
            "real_change": self.threshold,
            "sources": [source.title for source in self.sources],
        }


@dataclass(frozen=True)
class ReviewSchedule:
    """When reviews fall: ``due_on`` is the review date now owed (None when none is),
    ``next_on`` the one after it or the first to come."""

    first_plan: date | None
    due_on: date | None
    next_on: date | None

    @property
    def due(self) -> bool:
        return self.due_on is not None


@dataclass(frozen=True)
class Review:
    schedule: ReviewSchedule
    changes: tuple[MeasureChange, ...]
    groc: int | None
    verdict: Verdict
    summary: str
    plan_advice: str
    escalation: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.schedule.due,
            "due_on": _day(self.schedule.due_on),
            "next_on": _day(self.schedule.next_on),
            "first_plan_on": _day(self.schedule.first_plan),
            "measures": [change.to_dict() for change in self.changes],
            "groc": self.groc,
            "groc_words": None if self.groc is None else groc_label(self.groc),
            "verdict": self.verdict,
            "summary": self.summary,
            "plan_advice": self.plan_advice,
            "escalation": self.escalation,
        }


def _round(value: Fraction) -> float:
    return round(float(value), 2)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def review_schedule(
    first_plan: date | None,
    reviewed: Sequence[date],
    today: date,
    data: OutcomesData | None = None,
) -> ReviewSchedule:
    """Which review is owed on ``today``: every 4 weeks from the first plan's day, until
    a review is recorded on or after the day it fell due."""
    if first_plan is None:
        return ReviewSchedule(None, None, None)
    every = timedelta(days=(data or default_outcomes_data()).review_every_days)
    periods = (today - first_plan) // every if today >= first_plan else 0
    if periods < 1:
        return ReviewSchedule(first_plan, None, first_plan + every)
    fell_due = first_plan + periods * every
    following = fell_due + every
    if any(day >= fell_due for day in reviewed):
        return ReviewSchedule(first_plan, None, following)
    return ReviewSchedule(first_plan, fell_due, following)


def _direction(
    change: Fraction,
    amount: Fraction,
    higher_is_better: bool,
    share: Fraction | None = None,
    start: Fraction | None = None,
) -> Direction:
    """Real when the change reaches ``amount``; ``share`` of ``start`` counts too, but
    only for an improvement (the caller passes it only when the start allows it)."""
    gain = change if higher_is_better else -change
    real = abs(change) >= amount
    if gain > 0 and share is not None and start is not None and start > 0:
        real = real or abs(change) / start >= share
    if not real or change == 0:
        return "no_change"
    return "better" if gain > 0 else "worse"


def psfs_change(ratings: Sequence[PsfsRating], data: OutcomesData) -> MeasureChange:
    start = baseline(ratings)
    newest = max(ratings, key=lambda r: r.on) if ratings else None
    threshold, cited = data.psfs.words, data.cited(data.psfs.sources)
    if start is None or newest is None:
        return MeasureChange("psfs", None, None, "unknown", threshold, cited)
    first, now = Point(start.on, start.score), Point(newest.on, newest.score)
    if start is newest:
        return MeasureChange("psfs", first, None, "unknown", threshold, cited)
    direction = _direction(now.value - first.value, data.psfs.amount, higher_is_better=True)
    return MeasureChange("psfs", first, now, direction, threshold, cited)


def lower_is_better_change(
    measure: Literal["peg", "pain"], series: Sequence[Point], data: OutcomesData
) -> MeasureChange:
    """PEG-3 (check-ins by week) or pain (weekly averages): the first point against the
    newest."""
    rule = data.peg if measure == "peg" else data.pain
    cited = data.cited(rule.sources)
    if measure == "pain":
        # A week's average on one or two ratings is noise: such weeks are passed over.
        series = [p for p in series if p.ratings is not None and p.ratings >= data.pain.min_ratings]
    ordered = sorted(series, key=lambda p: p.on)
    if len(ordered) < 2:
        first = ordered[0] if ordered else None
        return MeasureChange(measure, first, None, "unknown", rule.words, cited)
    first, now = ordered[0], ordered[-1]
    # The 30% rule only from a moderate start: 30% of very little is not a real change.
    share = None
    if measure == "pain" and first.value >= data.pain.share_from:
        share = data.pain.share
    direction = _direction(
        now.value - first.value,
        rule.amount,
        higher_is_better=False,
        share=share,
        start=first.value,
    )
    return MeasureChange(measure, first, now, direction, rule.words, cited)


def verdict_of(
    changes: Sequence[MeasureChange], groc: int | None, data: OutcomesData | None = None
) -> Verdict:
    directions = {change.direction for change in changes}
    if "worse" in directions or (groc is not None and groc_says_worse(groc, data)):
        return "worse"
    return "better" if "better" in directions else "no_change"


LOW_PAIN = "Your pain has stayed low. That is a good result: keep going with your plan."


def _pain_stayed_low(changes: Sequence[MeasureChange], data: OutcomesData) -> bool:
    pain = next((c for c in changes if c.measure == "pain"), None)
    return (
        pain is not None
        and pain.now is not None
        and pain.direction != "unknown"
        and pain.now.value <= data.pain.low
    )


def _summary(
    verdict: Verdict, changes: Sequence[MeasureChange], groc: int | None, data: OutcomesData
) -> str:
    compared = [c for c in changes if c.direction != "unknown"]
    if verdict == "worse":
        worse = [c for c in compared if c.direction == "worse"]
        if not worse:
            return "You said things are worse than when you started."
        return "Some of your figures are worse than when you started."
    if verdict == "better":
        return "At least one of your figures has changed enough to count as a real improvement."
    if _pain_stayed_low(changes, data):
        # Issue 13: pain that stays at 0-2 is success, and is said so.
        return LOW_PAIN
    if not compared and groc is None:
        return "There is not enough recorded yet to compare with when you started."
    return "No real change yet: the changes are smaller than the amounts that count as real."


def _plan_advice(verdict: Verdict, escalation: str | None, low_pain: bool = False) -> str:
    if escalation is not None:
        # The adaptation's advice stands as it is; the review adds nothing that softens it.
        return escalation
    if verdict == "worse":
        return f"{SEE_SOMEONE} {UNTIL_SEEN}"
    if verdict == "better" or low_pain:
        return "Keep going with your plan as it is. Your next review is in 4 weeks."
    return (
        "Keep going with your plan as it is: change often takes more than a few weeks. "
        "Your next review is in 4 weeks."
    )


def build_review(
    schedule: ReviewSchedule,
    psfs: Sequence[PsfsRating],
    peg: Sequence[Point],
    pain: Sequence[Point],
    groc: int | None,
    escalation: str | None,
    data: OutcomesData | None = None,
) -> Review:
    """The review from every rating so far; ``escalation`` is the adaptation's advice
    to see someone (``Adaptation.message``) or None."""
    data = data or default_outcomes_data()
    changes = (
        psfs_change(psfs, data),
        lower_is_better_change("peg", peg, data),
        lower_is_better_change("pain", pain, data),
    )
    verdict = verdict_of(changes, groc, data)
    return Review(
        schedule=schedule,
        changes=changes,
        groc=groc,
        verdict=verdict,
        summary=_summary(verdict, changes, groc, data),
        plan_advice=_plan_advice(verdict, escalation, _pain_stayed_low(changes, data)),
        escalation=escalation,
    )
