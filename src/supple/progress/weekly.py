"""The per-week aggregates every progress rule reads, computed once per history.

The summary, the escalation rules (``supple.progress.worse``), the adaptation and
the level offer all look at the same few things: the sessions oldest first, the mean
pain before sessions per week, the completed sessions per week and the exercises
stopped for pain. Each rule used to sort the whole history and rebuild those weeks
for itself, so a ten-year history was sorted and scanned a dozen times per page
(issue 14). A ``WeeklySummary`` is built once from the sessions and ``today`` and
handed to each rule; the rules' plain functions still take the sessions alone and
give the same answers (a test compares both ways over generated histories).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from supple.progress.log import CheckIn, Chronological, SessionLog, ordered
from supple.progress.summary import (
    PainStop,
    PainTrend,
    Progress,
    WeekAdherence,
    WeekPain,
    current_streak,
    pain_stops,
    pain_trend,
    peg_series,
    session_pain,
    weekly_adherence,
    weekly_pain,
)


@dataclass(frozen=True)
class WeeklySummary:
    """The sessions oldest first and what the rules count of them, as of ``today``.

    ``adherence`` counts completed sessions up to ``today``; ``pain`` and ``stops``
    cover every session, as ``weekly_pain`` and ``pain_stops`` do.
    """

    today: date
    sessions: Chronological
    pain: tuple[WeekPain, ...]
    adherence: tuple[WeekAdherence, ...]
    stops: tuple[PainStop, ...]

    @classmethod
    def of(cls, sessions: Iterable[SessionLog], today: date) -> WeeklySummary:
        chronological = ordered(sessions)
        return cls(
            today=today,
            sessions=chronological,
            pain=tuple(weekly_pain(chronological)),
            adherence=tuple(weekly_adherence(chronological, today)),
            stops=tuple(pain_stops(chronological)),
        )

    @property
    def trend(self) -> PainTrend:
        return pain_trend(self.pain)


def summarise(
    sessions: Sequence[SessionLog],
    checkins: Sequence[CheckIn],
    today: date,
    *,
    weekly: WeeklySummary | None = None,
) -> Progress:
    """The progress report; ``weekly`` passes the summary of these same sessions and
    ``today`` when the caller has built it already."""
    weekly = weekly or WeeklySummary.of(sessions, today)
    chronological = weekly.sessions
    return Progress(
        today=today,
        weeks=weekly.adherence,
        streak=current_streak(chronological, today),
        sessions_completed=sum(1 for s in chronological if s.completed),
        pain=tuple(session_pain(chronological)),
        weekly_pain=weekly.pain,
        trend=weekly.trend,
        stops=weekly.stops,
        peg=tuple(peg_series(checkins)),
    )
