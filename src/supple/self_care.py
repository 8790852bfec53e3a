"""Bad days and the walking goal for the shells: the store read, the core called.

The CLI (``supple flare``, ``supple walk``) and the web pages (/flare, /walk) both come
here, so a bad day's routine and today's walking goal are the same in both: the
history's adjustments go into the bad-day routine (an exercise left out after pain
stays out), and the adaptation, as it stood each week, pauses the walking goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supple.answers import AnswersDocument, read_answers
from supple.catalog import Catalog
from supple.history import load_history
from supple.planning import adaptation_for
from supple.planning.flare import FlarePlan, flare_plan
from supple.progress.flare_ups import FlareWeek, flare_ups_by_week, flaring_note
from supple.store import Store
from supple.walking import WalkingGoal, pain_worse_checker, walked_by_day, walking_goal


class NoAnswersError(LookupError):
    """The profile has no saved answers: the screen cannot run, so no routine."""


def saved_answers(store: Store, profile: str) -> AnswersDocument:
    saved = store.latest_answers(profile)
    if saved is None:
        raise NoAnswersError(profile)
    return read_answers(saved.document)


def bad_day(
    store: Store, profile: str, today: date, catalog: Catalog, answers: AnswersDocument
) -> FlarePlan:
    """The bad-day routine for these answers, with the history's adjustments."""
    from supple.progress.adapt import needs_recheck

    history = load_history(store, profile)
    adjustments = adaptation_for(history, catalog, today).adjustments()
    due = needs_recheck(history.sessions, history.warning_signs_answered)
    return flare_plan(
        answers, today, catalog=catalog, adjustments=adjustments, warning_signs_due=due
    )


@dataclass(frozen=True)
class FlareSummary:
    """The flare-ups by week and the note while they repeat: for progress and review."""

    weeks: tuple[FlareWeek, ...]
    note: str | None

    def to_dict(self) -> dict[str, object]:
        return {"weeks": [week.to_dict() for week in self.weeks], "note": self.note}


def flare_summary(store: Store, profile: str, today: date) -> FlareSummary:
    days = [flare.day for flare in store.flare_ups(profile)]
    return FlareSummary(flare_ups_by_week(days), flaring_note(days, today))


def walking_today(
    store: Store, profile: str, today: date, catalog: Catalog
) -> tuple[WalkingGoal | None, dict[date, int]]:
    """Today's walking goal (None when none is set) and minutes walked by day."""
    walks = [(walk.day, walk.minutes) for walk in store.walks(profile)]
    setting = store.current_walking_goal(profile)
    if setting is None or setting.start_minutes is None:
        return None, walked_by_day(walks)
    history = load_history(store, profile)
    goal = walking_goal(
        setting.start_minutes,
        setting.started_on,
        today,
        flare_days=history.flare_ups,
        pain_worse_on=pain_worse_checker(history, catalog),
        walks=walks,
    )
    return goal, walked_by_day(walks)
