"""What a chart of a long history plots: each session while they fit, else averages.

A 560-pixel chart cannot show 3,650 sessions: the points merge into a smear, and
drawing them took seconds and megabytes (issue 14). Up to ``MAX_POINTS`` readings
the chart plots each one, exactly as before; beyond that it plots the mean of each
week, month, quarter or year, the finest of those that fits. The page's table of
the same numbers follows the same choice, so the text equivalent always says what
the picture shows. The work is bounded by the number of readings, and the number
of points drawn by ``MAX_POINTS`` (or the number of years).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import lcm
from typing import Literal

from supple.progress.kept import KeptByIdentity
from supple.progress.log import week_start
from supple.progress.summary import PegPoint, SessionPain

Grain = Literal["each", "week", "month", "quarter", "year"]
MAX_POINTS = 60
COARSER: tuple[Grain, ...] = ("week", "month", "quarter", "year")
Value = int | Fraction | None
# The most days one period of each grain can hold.
LONGEST_DAYS: dict[Grain, int] = {"each": 1, "week": 7, "month": 31, "quarter": 92, "year": 366}


@dataclass(frozen=True)
class Period:
    """One plotted point of a summarised chart: the mean of each series over the
    readings in the period (None when none of them had that value)."""

    start: date
    readings: int
    means: tuple[Fraction | None, ...]


@dataclass(frozen=True)
class Series:
    """``grain`` "each" plots every reading as it is (``periods`` is empty then)."""

    grain: Grain
    periods: tuple[Period, ...]

    @property
    def each(self) -> bool:
        return self.grain == "each"


def period_start(day: date, grain: Grain) -> date:
    """The first day of the week (Monday), month, quarter or year holding ``day``."""
    if grain == "week":
        return week_start(day)
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if grain == "year":
        return date(day.year, 1, 1)
    return day


def summarised(
    readings: Sequence[tuple[date, tuple[Value, ...]]],
    *,
    skip: tuple[Grain, ...] = (),
    limit: int = MAX_POINTS,
) -> Series:
    """Every reading while there are at most ``limit``, else the finest coarser grain
    (not in ``skip``) with at most ``limit`` periods; the year when none has."""
    if len(readings) <= limit:
        return Series("each", ())
    grains = [g for g in COARSER if g not in skip]
    in_order = sorted(readings, key=lambda reading: reading[0])
    days = len({day for day, _ in in_order})
    for grain in grains:
        # A grain whose periods cannot fit is not grouped at all: d distinct days
        # fill at least d / (longest period) periods (issue 14); one that may fit is
        # counted first (a set of period starts) and grouped only if it does.
        last = grain == grains[-1]
        if -(-days // LONGEST_DAYS[grain]) > limit and not last:
            continue
        if not last and len({period_start(day, grain) for day, _ in in_order}) > limit:
            continue
        return Series(grain, tuple(_group(in_order, grain)))
    return Series("each", ())  # unreachable: "year" is never skipped by a caller


def pain_series(pain: Sequence[SessionPain], limit: int = MAX_POINTS) -> Series:
    """Pain before and after: each session, or the means per period. The last few
    series of a tuple are kept (the summary kept per history gives the same tuple of
    readings to every page until the history changes)."""
    return _PAIN_SERIES.get(
        pain, limit, lambda: summarised([(p.day, (p.before, p.after)) for p in pain], limit=limit)
    )


_PAIN_SERIES: KeptByIdentity[Series] = KeptByIdentity()


def peg_chart_series(peg: Sequence[PegPoint], limit: int = MAX_POINTS) -> Series:
    """The check-ins (score, pain, enjoyment, activity): each week's check-in, or the
    means per month and coarser (a week already holds one check-in)."""
    readings = [(p.week_of, (p.score, p.pain, p.enjoyment, p.activity)) for p in peg]
    return summarised(readings, skip=("week",), limit=limit)


def _group(readings: Sequence[tuple[date, tuple[Value, ...]]], grain: Grain) -> list[Period]:
    width = len(readings[0][1])
    # Sums stay whole numbers, exact and quick: each value is counted in units of
    # 1/scale, scale being the least common multiple of the Fractions' denominators
    # (3 for PEG scores), so no Fraction is added up reading by reading.
    scale = 1
    for _, values in readings:
        for value in values:
            if isinstance(value, Fraction):
                scale = lcm(scale, value.denominator)
    sums: dict[date, list[int]] = {}
    counts: dict[date, list[int]] = {}
    readings_in: dict[date, int] = {}
    for day, values in readings:  # oldest first (``summarised`` sorts them)
        start = period_start(day, grain)
        if start not in sums:
            sums[start] = [0] * width
            counts[start] = [0] * width
            readings_in[start] = 0
        readings_in[start] += 1
        for index, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, Fraction):
                sums[start][index] += value.numerator * (scale // value.denominator)
            else:
                sums[start][index] += value * scale
            counts[start][index] += 1
    return [
        Period(
            start,
            readings_in[start],
            tuple(
                Fraction(total, count * scale) if count else None
                for total, count in zip(sums[start], counts[start], strict=True)
            ),
        )
        for start in sums
    ]
