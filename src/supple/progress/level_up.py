"""When the next level is offered, and what exactly it would change.

The rule (issue 13, exact): at least 6 sessions over at least 14 days, every one with
pain before and after recorded, pain after never more than 1 point above pain before,
no rising trend, no pain stops, no ``hard`` or ``painful`` rating, no escalation
standing, and the warning-sign questions answered within the last 4 weeks (asked
again if not). The offer names what changes: the planner fills that in by comparing
the person's plan with the plan at the next level (``supple.planning.level_changes``),
because the catalog doses alone are not what the plans hold (warm-ups grow to fill the
time, sets grow, precautions choose variants). At the top level it names the harder
variants of the plan's exercises.

This module checks everything the sessions alone can show; the escalation and the
age of the warning-sign answers are weighed in ``supple.progress.adapt``, which sees
the whole history.

Interpretations the rule leaves open, chosen towards caution:

- the sessions must be an unbroken run: a session with a pain stop, pain after more
  than 1 point above before, a hard/painful rating, or a pain rating missing starts
  the count again (a missing rating may hide a flare). Quit sessions neither count
  nor break the run unless they carry one of those. "Over 14 days" counts calendar
  days inclusively, first session day to last;
- "no rising trend": within the run, the latest week's average pain before sessions
  is no higher than the first week's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from supple.catalog.models import LEVELS, Exercise, Level
from supple.planning.history_notes import LevelUp
from supple.planning.levels import harder_variants
from supple.progress.log import SessionLog, ordered
from supple.progress.summary import pain_trend, weekly_pain

OFFER_MIN_SESSIONS = 6
OFFER_MIN_DAYS = 14
MOST_RISE_IN_SESSION = 1


def is_setback(session: SessionLog) -> bool:
    """A session that breaks the run towards the next level."""
    rise = session.pain_rise
    return bool(
        session.pain_stop or session.rated_too_much or rise is None or rise > MOST_RISE_IN_SESSION
    )


def good_run(sessions: Sequence[SessionLog], level_since: date | None) -> list[SessionLog]:
    """The latest unbroken run of completed good sessions at this level, newest first."""
    run: list[SessionLog] = []
    for s in reversed(ordered(sessions)):
        if level_since is not None and s.day < level_since:
            break
        if s.completed and is_setback(s):
            break
        if not s.completed and (s.pain_stop or s.rated_too_much or (s.pain_rise or 0) > 1):
            break
        if s.completed:
            run.append(s)
    return run


def level_offer(
    sessions: Sequence[SessionLog],
    level: Level,
    level_since: date | None,
    *,
    exercises: Mapping[str, Exercise] | None = None,
) -> LevelUp | None:
    """The next level, once the run of good sessions is long and steady enough.

    ``exercises`` are the catalog records of the current plan's exercises: at the top
    level the offer names their harder variants. Below it, what changes is left to the
    planner, which sees both plans.
    """
    run = good_run(sessions, level_since)
    if len(run) < OFFER_MIN_SESSIONS:
        return None
    days = (run[0].day - run[-1].day).days + 1
    if days < OFFER_MIN_DAYS:
        return None
    trend = pain_trend(weekly_pain(run))
    if trend.change is not None and trend.change > 0:
        return None
    index = LEVELS.index(level)
    to_level = LEVELS[index + 1] if index + 1 < len(LEVELS) else None
    records = exercises or {}
    variants = harder_variants(records[k] for k in sorted(records)) if to_level is None else ()
    return LevelUp(level, to_level, len(run), days, variants=variants)
