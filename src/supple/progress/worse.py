"""When the history says it is time to see a GP or physiotherapist, and when it says success.

The rules (issue 13, exact):

- **Worse**: the latest week's average pain is at least 2 points above the first
  week's and at least 4/10, with at least 3 ratings in each week compared, and the rise
  holds for two consecutive weeks; or a PEG-3 check-in is at least 2 points above the
  first one; or one session had 2 or more pain stops with pain after at least 2 points
  above pain before.
- **Not improving**: after 4 or more weeks of at least 3 sessions a week, only while the
  latest week's average is 3/10 or more and it has fallen by less than 2 points and
  less than 30% from the first week.
- Pain that stays at 0-2 is success, and is said so.

Interpretations the rules leave open, chosen towards caution:

- "weeks compared" are the weeks with at least 3 ratings: the first of them is the
  baseline, the latest two of them must be consecutive calendar weeks, after the
  baseline, and both must show the rise. A latest week with fewer ratings is not
  compared yet, so it cannot lift an escalation the weeks before it set;
- a PEG-3 check-in or a session with several stops, once it happened, keeps its
  escalation standing: nothing in the history says it has since been looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction

from supple.progress.log import MINIMUM_PER_WEEK, CheckIn, SessionLog, ordered
from supple.progress.summary import WeekPain, weekly_pain
from supple.progress.weekly import WeeklySummary

RISE_POINTS = Fraction(2)
RISE_FLOOR = Fraction(4)
RATINGS_PER_WEEK = 3
PEG_RISE = Fraction(2)
STOPS_IN_SESSION = 2
SESSION_RISE = 2
STALL_WEEKS = 4
STALL_FLOOR = Fraction(3)
FALL_POINTS = Fraction(2)
FALL_RATIO = Fraction(3, 10)
SUCCESS_CEILING = Fraction(2)


def _num(value: Fraction) -> str:
    return f"{float(value):.1f}"


def weekly_rise(weeks: Sequence[WeekPain]) -> str | None:
    """The "worse" reason from weekly pain, or None."""
    compared = [w for w in weeks if w.mean is not None and w.ratings >= RATINGS_PER_WEEK]
    if len(compared) < 3:
        return None
    first, before, latest = compared[0], compared[-2], compared[-1]
    assert first.mean is not None and before.mean is not None and latest.mean is not None
    if latest.week_start - before.week_start != timedelta(days=7):
        return None
    floor = max(first.mean + RISE_POINTS, RISE_FLOOR)
    if before.mean < floor or latest.mean < floor:
        return None
    return (
        f"Your average pain before sessions went from {_num(first.mean)} in your first "
        f"week to {_num(before.mean)} and then {_num(latest.mean)} in your latest two "
        "weeks. For most people, regular gentle exercise eases back pain over some weeks, "
        "so pain that keeps rising is worth having checked."
    )


def peg_rise(checkins: Sequence[CheckIn]) -> str | None:
    """The "worse" reason from PEG-3 check-ins, or None."""
    series = sorted(checkins, key=lambda c: c.week_of)
    if len(series) < 2:
        return None
    first = series[0]
    baseline = first.score  # a Fraction made per read: made once per check-in here
    scored = [(c.score, c) for c in series[1:]]
    risen = [(score, c) for score, c in scored if score - baseline >= PEG_RISE]
    if not risen:
        return None
    _, worst = max(risen, key=lambda pair: (pair[0], pair[1].week_of))
    return (
        f"Your weekly check-in score (pain and how much it gets in the way) went from "
        f"{_num(first.score)} in the week of {first.week_of:%d %b} to {_num(worst.score)} "
        f"in the week of {worst.week_of:%d %b}."
    )


def stops_in_one_session(sessions: Sequence[SessionLog]) -> str | None:
    """The "worse" reason from a session with several pain stops and more pain after."""
    for s in ordered(sessions):
        rise = s.pain_rise  # checked first: the stops are a set made per read
        if rise is not None and rise >= SESSION_RISE and len(s.stops) >= STOPS_IN_SESSION:
            return (
                f"On {s.day:%d %b} you stopped {len(s.stops)} exercises for pain and your "
                f"pain went from {s.pain_before} before the session to {s.pain_after} after."
            )
    return None


def not_improving(
    sessions: Sequence[SessionLog], today: date, *, weekly: WeeklySummary | None = None
) -> str | None:
    """The "not improving" reason, or None; ``weekly`` as for ``clinician_reasons``."""
    weekly = weekly or WeeklySummary.of(sessions, today)
    trend = weekly.trend
    first, latest = trend.first, trend.latest
    if first is None or latest is None or latest < STALL_FLOOR:
        return None
    good_weeks = sum(1 for w in weekly.adherence if w.minimum_met)
    if good_weeks < STALL_WEEKS:
        return None
    fall = first - latest
    if fall >= FALL_POINTS or (first > 0 and fall / first >= FALL_RATIO):
        return None
    return (
        f"After {good_weeks} weeks of at least {MINIMUM_PER_WEEK} sessions a week, your average "
        f"pain before sessions is {_num(latest)} against {_num(first)} in your first week; "
        "regular practice that has not eased it by now is a sign to get it assessed."
    )


def clinician_reasons(
    sessions: Sequence[SessionLog],
    checkins: Sequence[CheckIn],
    today: date,
    *,
    weekly: WeeklySummary | None = None,
) -> list[str]:
    """Why it is time to see a GP or physiotherapist; empty when nothing says so.

    ``weekly`` is the ``WeeklySummary`` of these sessions and ``today`` when the caller
    has it already (built here otherwise)."""
    weekly = weekly or WeeklySummary.of(sessions, today)
    found = (
        weekly_rise(weekly.pain),
        peg_rise(checkins),
        stops_in_one_session(weekly.sessions),
        not_improving(weekly.sessions, today, weekly=weekly),
    )
    return [reason for reason in found if reason]


def success_note(
    sessions: Sequence[SessionLog], *, weekly: WeeklySummary | None = None
) -> str | None:
    """Said when every week's average pain stayed at 0-2 (at least two weeks of it);
    ``weekly`` as for ``clinician_reasons`` (its ``today`` does not matter here)."""
    pain = weekly.pain if weekly is not None else tuple(weekly_pain(sessions))
    means = [w.mean for w in pain if w.mean is not None]
    if len(means) < 2 or max(means) > SUCCESS_CEILING:
        return None
    low, high = _num(min(means)), _num(max(means))
    figures = (
        f"a weekly average of {low} out of 10 in each of {len(means)} weeks"
        if low == high
        else f"weekly averages between {low} and {high} out of 10 over {len(means)} weeks"
    )
    return (
        f"Your pain has stayed low ({figures}): that is success. Keep practising to keep it there."
    )
