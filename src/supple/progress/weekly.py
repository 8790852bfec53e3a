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
from functools import cached_property

from supple.progress.kept import KeptByIdentity
from supple.progress.log import CheckIn, Chronological, SessionLog, ordered
from supple.progress.summary import (
    PainStop,
    PainTrend,
    Progress,
    SessionPain,
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
        """The summary of ``sessions`` as of ``today``. For a tuple, the last few
        summaries are kept: ``supple.history`` hands out the same tuple of logs while
        the stored history is unchanged, so the summary, the adaptation and the next
        plan of several pages count a long history once (a tuple of frozen logs cannot
        change under the summary kept for it)."""
        return _SUMMARIES.get(sessions, today, lambda: cls._made(sessions, today))

    @classmethod
    def _made(cls, sessions: Iterable[SessionLog], today: date) -> WeeklySummary:
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

    # Made on first use and kept with the summary (which is kept per history): the
    # progress report and the pain chart of several pages read them without another
    # pass over every session.
    @cached_property
    def session_pain(self) -> tuple[SessionPain, ...]:
        return tuple(session_pain(self.sessions))

    @cached_property
    def streak(self) -> int:
        return current_streak(self.sessions, self.today)

    @cached_property
    def sessions_completed(self) -> int:
        return sum(1 for s in self.sessions if s.completed)


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
    return Progress(
        today=today,
        weeks=weekly.adherence,
        streak=weekly.streak,
        sessions_completed=weekly.sessions_completed,
        pain=weekly.session_pain,
        weekly_pain=weekly.pain,
        trend=weekly.trend,
        stops=weekly.stops,
        peg=tuple(peg_series(checkins)),
    )


_SUMMARIES: KeptByIdentity[WeeklySummary] = KeptByIdentity()
