"""One WeeklySummary per history gives exactly what each rule computing its own gave.

The references below are the earlier bodies of ``summarise``, ``clinician_reasons``,
``success_note``, ``adapt`` and the chart grouping, each sorting and counting the
sessions for itself; they are kept here as the definition of the right answer
(issue 14), and compared over generated histories: any order, shared days, quit
sessions, missing ratings, pain stops of both kinds, a ``today`` before some of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from supple.catalog import default_catalog
from supple.catalog.models import LEVELS, Level
from supple.planning.history_notes import RecheckCause
from supple.progress import (
    Adaptation,
    CheckIn,
    Progress,
    SessionLog,
    adapt,
    answers_are_fresh,
    level_offer,
    needs_recheck,
    pain_stops,
    pain_trend,
    step_downs,
    stop_changes,
    summarise,
    weekly_adherence,
    weekly_pain,
)
from supple.progress.chart_series import COARSER, Series, _group, summarised
from supple.progress.summary import current_streak, peg_series, session_pain
from supple.progress.worse import (
    FALL_POINTS,
    FALL_RATIO,
    STALL_FLOOR,
    STALL_WEEKS,
    SUCCESS_CEILING,
    peg_rise,
    stops_in_one_session,
    weekly_rise,
)

CATALOG = default_catalog()
EXERCISES = ("cat-cow", "glute-bridge", "pelvic-tilt", "childs-pose", "clamshell", "pigeon-pose")
START = date(2026, 1, 5)
MAY_SHARE_DAYS = st.integers(0, 90)


# The strategies a history draws from, built once: building them inside every draw made
# Hypothesis validate each one again for every session, most of these tests' time.
HOURS = st.integers(0, 23)
CALM_PAIN = st.integers(0, 2)
CALM_STEP = st.integers(-1, 1)
MOSTLY_CALM = st.integers(0, 19)
ANY_PAIN = st.none() | st.integers(0, 10)
TWO_STOPPED = st.sampled_from([frozenset()] * 3 + [frozenset(EXERCISES[:2])])
ONE_MORE_STOPPED = st.sets(st.sampled_from(EXERCISES), max_size=1)
LEG_STOPPED = st.sampled_from([frozenset()] * 5 + [frozenset({"bird-dog"})])
CALM_RATINGS = st.dictionaries(
    st.sampled_from(EXERCISES), st.sampled_from(["easy", "right"]), max_size=2
)
ANY_RATINGS = st.dictionaries(
    st.sampled_from(EXERCISES), st.sampled_from(["easy", "right", "hard", "painful"]), max_size=2
)
IDS = st.integers(1, 10_000)
COMPLETED = st.sampled_from([True, True, True, False])
KNOWN_START = st.booleans()


@st.composite
def histories(draw: st.DrawFn) -> list[SessionLog]:
    """Rough histories, or calm ones (low pain, no stops, no hard ratings) that reach
    the level offer and the success note."""
    calm = draw(st.booleans())
    count = draw(st.integers(0, 60))
    sessions = []
    for number in range(count):
        day = START + timedelta(days=draw(MAY_SHARE_DAYS))
        at = datetime.combine(day, time(draw(HOURS)))
        if calm and draw(MOSTLY_CALM):
            before = draw(CALM_PAIN)
            after: int | None = max(0, before + draw(CALM_STEP))
            stops: frozenset[str] = frozenset()
            leg: frozenset[str] = frozenset()
            ratings = CALM_RATINGS
        else:
            before = draw(ANY_PAIN)  # type: ignore[assignment]
            after = draw(ANY_PAIN)
            stops = draw(TWO_STOPPED)
            stops |= draw(ONE_MORE_STOPPED)
            leg = draw(LEG_STOPPED)
            ratings = ANY_RATINGS
        sessions.append(
            SessionLog(
                id=draw(IDS) * 100 + number,  # unique, not in day order
                day=day,
                completed=draw(COMPLETED),
                pain_before=before,
                pain_after=after,
                stopped_for_pain=stops,
                stopped_leg_pain=leg,
                ratings=draw(ratings),
                started_at=at if draw(KNOWN_START) else None,
            )
        )
    return sessions


CHECKINS = st.lists(
    st.builds(
        CheckIn,
        week_of=st.integers(0, 12).map(lambda w: START + timedelta(weeks=w)),
        pain=st.integers(0, 10),
        enjoyment=st.integers(0, 10),
        activity=st.integers(0, 10),
    ),
    max_size=5,
)
TODAY = st.integers(-5, 120).map(lambda n: START + timedelta(days=n))


def old_summarise(
    sessions: Sequence[SessionLog], checkins: Sequence[CheckIn], today: date
) -> Progress:
    weeks_of_pain = weekly_pain(sessions)
    return Progress(
        today=today,
        weeks=tuple(weekly_adherence(sessions, today)),
        streak=current_streak(sessions, today),
        sessions_completed=sum(1 for s in sessions if s.completed),
        pain=tuple(session_pain(sessions)),
        weekly_pain=tuple(weeks_of_pain),
        trend=pain_trend(weeks_of_pain),
        stops=tuple(pain_stops(sessions)),
        peg=tuple(peg_series(checkins)),
    )


def old_not_improving(sessions: Sequence[SessionLog], today: date) -> bool:
    trend = pain_trend(weekly_pain(sessions))
    first, latest = trend.first, trend.latest
    if first is None or latest is None or latest < STALL_FLOOR:
        return False
    if sum(1 for w in weekly_adherence(sessions, today) if w.minimum_met) < STALL_WEEKS:
        return False
    fall = first - latest
    return not (fall >= FALL_POINTS or (first > 0 and fall / first >= FALL_RATIO))


def old_success(sessions: Sequence[SessionLog]) -> bool:
    means = [w.mean for w in weekly_pain(sessions) if w.mean is not None]
    return not (len(means) < 2 or max(means) > SUCCESS_CEILING)


def catalog_options() -> dict[str, Any]:
    exercises = CATALOG.exercises
    return {
        "regressions": {key: e.regression for key, e in exercises.items()},
        "movement_classes": {key: frozenset(e.movement_classes) for key, e in exercises.items()},
        "names": {key: e.name for key, e in exercises.items()},
        "variants": {
            key: e.regression_variant
            for key, e in exercises.items()
            if e.regression_variant is not None
        },
        "plan_exercises": {key: exercises[key] for key in EXERCISES},
    }


def old_adapt(
    sessions: Sequence[SessionLog],
    checkins: Sequence[CheckIn],
    today: date,
    level: Level,
    level_since: date | None,
    answered: datetime | None,
    options: dict[str, Any],
) -> tuple[Adaptation, bool, bool]:
    """The earlier ``adapt``, and whether the not-improving and success rules held."""
    names = options["names"]
    stops = stop_changes(
        sessions,
        options["regressions"],
        movement_classes=options["movement_classes"],
        names=names,
        variants=options["variants"],
    )
    removed = {c.exercise for c in stops}
    downs = [c for c in step_downs(sessions, level_since, names) if c.exercise not in removed]
    rise = weekly_rise(weekly_pain(sessions))
    see_reasons = (rise, peg_rise(checkins), stops_in_one_session(sessions))
    stalled = old_not_improving(sessions, today)
    see = any(see_reasons) or stalled
    recheck: list[RecheckCause] = []
    if needs_recheck(sessions, answered):
        recheck.append("leg_pain_stop")
    offer = None
    if not see:
        offer = level_offer(sessions, level, level_since, exercises=options["plan_exercises"])
        if offer is not None and not answers_are_fresh(answered, today):
            offer = None
            recheck.append("before_level_up")
    adaptation = Adaptation(
        changes=(*stops, *downs),
        have_checked=tuple(s.exercise for s in pain_stops(sessions) if s.count >= 2),
        offer=offer,
        see_clinician=(),
        recheck=tuple(recheck),
    )
    return adaptation, stalled, (not see) and old_success(sessions)


@settings(max_examples=120, deadline=None)
@given(histories(), CHECKINS, TODAY)
def test_the_summary_from_one_weekly_summary_is_the_summary_each_rule_gave(
    sessions: list[SessionLog], checkins: list[CheckIn], today: date
) -> None:
    assert summarise(sessions, checkins, today) == old_summarise(sessions, checkins, today)


@settings(max_examples=120, deadline=None)
@given(
    histories(),
    CHECKINS,
    TODAY,
    st.sampled_from(LEVELS),
    st.none() | st.integers(0, 60).map(lambda n: START + timedelta(days=n)),
    st.none()
    | st.integers(-40, 120).map(lambda n: datetime.combine(START, time(9)) + timedelta(days=n)),
)
def test_the_adaptation_from_one_weekly_summary_is_the_one_each_rule_gave(
    sessions: list[SessionLog],
    checkins: list[CheckIn],
    today: date,
    level: Level,
    level_since: date | None,
    answered: datetime | None,
) -> None:
    options = catalog_options()
    new = adapt(
        sessions,
        today=today,
        level=level,
        level_since=level_since,
        checkins=checkins,
        warning_signs_answered=answered,
        **options,
    )
    old, stalled, success = old_adapt(
        sessions, checkins, today, level, level_since, answered, options
    )
    assert (new.changes, new.have_checked, new.offer, new.recheck) == (
        old.changes,
        old.have_checked,
        old.offer,
        old.recheck,
    )
    rise = weekly_rise(weekly_pain(sessions))
    expected_see = [r for r in (rise, peg_rise(checkins), stops_in_one_session(sessions)) if r]
    assert list(new.see_clinician[: len(expected_see)]) == expected_see
    assert len(new.see_clinician) == len(expected_see) + stalled
    assert (new.success is not None) == success


@settings(max_examples=80, deadline=None)
@given(histories(), CHECKINS, TODAY, TODAY)
def test_the_adaptation_given_the_page_s_weekly_summary_is_the_one_it_counts_itself(
    sessions: list[SessionLog], checkins: list[CheckIn], today: date, other_day: date
) -> None:
    """The progress page counts the weeks once for its summary and its adaptation; a
    summary counted as of another day is not used (it would judge the wrong weeks)."""
    from supple.planning import History, adaptation_for
    from supple.progress.weekly import WeeklySummary

    history = History(sessions=tuple(sessions), checkins=tuple(checkins))
    own = adaptation_for(history, CATALOG, today)
    shared = WeeklySummary.of(sessions, today)
    assert adaptation_for(history, CATALOG, today, weekly=shared) == own
    assert summarise(sessions, checkins, today, weekly=shared) == summarise(
        sessions, checkins, today
    )
    stale = WeeklySummary.of(sessions, other_day)
    assert adaptation_for(history, CATALOG, today, weekly=stale) == own


def old_summarised(
    readings: Sequence[tuple[date, tuple[int | Fraction | None, ...]]], limit: int
) -> Series:
    if len(readings) <= limit:
        return Series("each", ())
    for grain in COARSER:
        periods = _group(sorted(readings, key=lambda reading: reading[0]), grain)
        if len(periods) <= limit or grain == COARSER[-1]:
            return Series(grain, tuple(periods))
    raise AssertionError("unreachable")


@settings(max_examples=120, deadline=None)
@given(
    st.integers(0, 400),
    st.lists(
        st.tuples(
            st.sampled_from([1, 1, 1, 1, 0, 2]),  # days since the one before: dense, shared
            st.tuples(st.none() | st.integers(0, 10), st.none() | st.integers(0, 10)),
        ),
        max_size=150,
    ),
    st.integers(1, 12),
)
@example(first=26, steps=[(1, (3, 4))] * 59, limit=2)  # February and March, every day
def test_a_chart_skips_only_grains_that_cannot_fit_and_plots_what_it_plotted(
    first: int, steps: list[tuple[int, tuple[int | None, int | None]]], limit: int
) -> None:
    readings, day = [], START + timedelta(days=first)
    for gap, values in steps:
        day += timedelta(days=gap)
        readings.append((day, values))
    readings.reverse()  # the grouping sorts them itself
    assert summarised(readings, limit=limit) == old_summarised(readings, limit)
