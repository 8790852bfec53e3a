"""Progress and adaptation rules, each at its boundary, plus properties over random logs."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session_logs import MONDAY, days, log, pain_week, spread, weeks_of
from supple.progress import (
    CheckIn,
    SessionLog,
    adapt,
    current_level_since,
    current_streak,
    level_offer,
    pain_stops,
    peg_score,
    step_downs,
    stop_changes,
    summarise,
    weekly_adherence,
    weekly_pain,
)
from supple.progress.level_up import is_setback
from supple.progress.log import Rating

# Adherence ------------------------------------------------------------------


def test_weekly_adherence_counts_completed_sessions_per_iso_week_with_empty_weeks() -> None:
    sessions = [
        log(MONDAY),
        log(MONDAY),  # a second session the same day: a session, not a new day
        log(MONDAY + timedelta(days=6)),  # Sunday, same ISO week
        log(MONDAY + timedelta(days=7)),  # next Monday
        log(MONDAY + timedelta(days=8), completed=False),  # quit: not counted
    ]
    today = MONDAY + timedelta(days=21)
    weeks = weekly_adherence(sessions, today)
    assert [w.week_start for w in weeks] == [MONDAY + timedelta(days=7 * i) for i in range(4)]
    assert [w.sessions for w in weeks] == [3, 1, 0, 0]
    assert [w.active_days for w in weeks] == [2, 1, 0, 0]
    assert weeks[0].to_dict()["week"] == "2026-W02"


def test_minimum_is_three_sessions_and_ideal_is_every_day() -> None:
    two = weekly_adherence([log(d) for d in days(2)], MONDAY + timedelta(days=6))[0]
    three = weekly_adherence([log(d) for d in days(3)], MONDAY + timedelta(days=6))[0]
    six = weekly_adherence([log(d) for d in days(6)], MONDAY + timedelta(days=6))[0]
    seven = weekly_adherence([log(d) for d in days(7)], MONDAY + timedelta(days=6))[0]
    assert (two.minimum_met, three.minimum_met) == (False, True)
    assert (six.ideal_met, seven.ideal_met) == (False, True)
    # Seven sessions on one day are seven sessions but not a daily habit.
    crammed = weekly_adherence([log(MONDAY) for _ in range(7)], MONDAY)[0]
    assert crammed.minimum_met and not crammed.ideal_met


def test_streak_ends_today_or_yesterday_and_breaks_on_a_gap() -> None:
    sessions = [log(d) for d in days(4)]  # Mon..Thu
    thursday = MONDAY + timedelta(days=3)
    assert current_streak(sessions, thursday) == 4
    assert current_streak(sessions, thursday + timedelta(days=1)) == 4  # yesterday counts
    assert current_streak(sessions, thursday + timedelta(days=2)) == 0
    gap = [log(MONDAY), log(MONDAY + timedelta(days=2)), log(MONDAY + timedelta(days=3))]
    assert current_streak(gap, thursday) == 2


def test_streak_ignores_sessions_that_were_not_completed() -> None:
    sessions = [log(MONDAY), log(MONDAY + timedelta(days=1), completed=False)]
    assert current_streak(sessions, MONDAY + timedelta(days=1)) == 1
    assert current_streak(sessions, MONDAY + timedelta(days=2)) == 0


# Pain ------------------------------------------------------------------------


def test_session_pain_before_after_and_change() -> None:
    report = summarise(
        [log(MONDAY, before=5, after=3), log(MONDAY + timedelta(days=1), before=4, after=None)],
        [],
        MONDAY + timedelta(days=1),
    )
    assert [(p.before, p.after, p.change) for p in report.pain] == [(5, 3, -2), (4, None, None)]


def test_weekly_pain_averages_pain_before_and_leaves_empty_weeks_blank() -> None:
    sessions = [*pain_week(MONDAY, [4, 5]), *pain_week(MONDAY + timedelta(days=14), [2])]
    weeks = weekly_pain(sessions)
    assert [w.to_dict()["average"] for w in weeks] == [4.5, None, 2.0]
    report = summarise(sessions, [], MONDAY + timedelta(days=14))
    assert report.trend.direction == "improving"
    assert report.trend.to_dict()["change"] == -2.5


@pytest.mark.parametrize(
    ("first", "latest", "direction"),
    [([4], [5], "worsening"), ([4], [4], "steady"), ([4], [3], "improving")],
)
def test_pain_trend_direction(first: list[int], latest: list[int], direction: str) -> None:
    sessions = [*pain_week(MONDAY, first), *pain_week(MONDAY + timedelta(days=7), latest)]
    assert summarise(sessions, [], MONDAY + timedelta(days=7)).trend.direction == direction


def test_one_week_of_pain_has_no_trend_yet() -> None:
    assert summarise(pain_week(MONDAY, [4, 6]), [], MONDAY).trend.direction == "unknown"


def test_pain_stops_are_counted_per_exercise_with_their_days() -> None:
    sessions = [
        log(MONDAY, stopped=("pigeon",)),
        log(MONDAY + timedelta(days=2), stopped=("pigeon", "bird-dog")),
    ]
    stops = {s.exercise: s for s in pain_stops(sessions)}
    assert stops["pigeon"].count == 2 and stops["bird-dog"].count == 1
    assert stops["pigeon"].days == (MONDAY, MONDAY + timedelta(days=2))


def test_peg3_is_the_mean_of_its_three_items() -> None:
    assert peg_score(6, 5, 4) == 5.0
    assert peg_score(7, 7, 6) == 6.67
    with pytest.raises(ValueError, match="enjoyment"):
        peg_score(3, 11, 2)
    report = summarise(
        [], [CheckIn(MONDAY, 6, 5, 4), CheckIn(MONDAY - timedelta(7), 9, 9, 9)], MONDAY
    )
    assert [p.to_dict()["score"] for p in report.peg] == [9.0, 5.0]


def test_progress_to_dict_is_json() -> None:
    sessions = [log(d, stopped=("pigeon",) if i == 2 else ()) for i, d in enumerate(days(9))]
    report = summarise(sessions, [CheckIn(MONDAY, 1, 2, 3)], MONDAY + timedelta(days=9))
    document = json.loads(json.dumps(report.to_dict()))
    assert document["streak_days"] == 9
    assert document["stopped_for_pain"][0]["exercise"] == "pigeon"


# Pain stops: regression, then leave out -------------------------------------

REGRESSIONS: dict[str, str | None] = {
    "pigeon": "figure-four",
    "figure-four": "knee-to-chest",
    "knee-to-chest": None,
}


def test_stopped_once_is_replaced_by_its_regression() -> None:
    changes = stop_changes([log(MONDAY, stopped=("pigeon",))], REGRESSIONS)
    assert [(c.exercise, c.action, c.replacement) for c in changes] == [
        ("pigeon", "regress", "figure-four")
    ]


def test_stopped_twice_is_left_out_and_should_be_checked() -> None:
    sessions = [log(MONDAY, stopped=("pigeon",)), log(MONDAY + timedelta(1), stopped=("pigeon",))]
    result = adapt(
        sessions, today=MONDAY, level="beginner", level_since=None, regressions=REGRESSIONS
    )
    assert [(c.exercise, c.action) for c in result.changes] == [("pigeon", "leave_out")]
    assert result.have_checked == ("pigeon",)
    assert "pigeon" in result.adjustments().exclusions
    assert "ask a GP or physiotherapist" in result.changes[0].reason


def test_stopped_once_without_an_easier_version_is_left_out_but_not_flagged_for_a_check() -> None:
    result = adapt(
        [log(MONDAY, stopped=("knee-to-chest",))],
        today=MONDAY,
        level="beginner",
        level_since=None,
        regressions=REGRESSIONS,
    )
    assert [(c.exercise, c.action) for c in result.changes] == [("knee-to-chest", "leave_out")]
    assert result.have_checked == ()


def test_regression_skips_an_easier_version_that_was_also_stopped() -> None:
    sessions = [
        log(MONDAY, stopped=("pigeon",)),
        log(MONDAY + timedelta(1), stopped=("figure-four",)),
    ]
    replacements = {c.exercise: c.replacement for c in stop_changes(sessions, REGRESSIONS)}
    assert replacements == {"pigeon": "knee-to-chest", "figure-four": "knee-to-chest"}


VARIANTS = {"knee-to-chest": "Other knee bent"}


def test_a_chain_ending_in_a_variant_gives_that_variant_instead_of_dropping_the_move() -> None:
    # Stopped once: the exercise stays, done as its own easier variant.
    once = adapt(
        [log(MONDAY, stopped=("knee-to-chest",))],
        today=MONDAY,
        level="beginner",
        level_since=None,
        regressions=REGRESSIONS,
        variants=VARIANTS,
    )
    change = once.changes[0]
    # The exercise stays, as its variant: no replacement (never "Cat-cow -> Cat-cow").
    assert (change.action, change.replacement, change.replacement_variant) == (
        "regress",
        None,
        "Other knee bent",
    )
    adjustments = once.adjustments()
    assert adjustments.variants == {"knee-to-chest": "Other knee bent"}
    assert "knee-to-chest" not in adjustments.removed
    # Stopped again (whatever variant was done): left out and flagged for a check.
    twice = [
        log(MONDAY, stopped=("knee-to-chest",)),
        log(MONDAY + timedelta(1), stopped=("knee-to-chest",)),
    ]
    again = adapt(
        twice,
        today=MONDAY,
        level="beginner",
        level_since=None,
        regressions=REGRESSIONS,
        variants=VARIANTS,
    )
    assert [(c.exercise, c.action) for c in again.changes] == [("knee-to-chest", "leave_out")]


def test_the_chain_never_ends_in_the_variant_of_a_stopped_step() -> None:
    # Issue 13: knee-to-chest was stopped too, so even as its easier variant it is no
    # easier version for figure-four, which is left out; knee-to-chest itself, stopped
    # once, is done as its own easier variant.
    sessions = [
        log(MONDAY, stopped=("figure-four",)),
        log(MONDAY + timedelta(1), stopped=("knee-to-chest",)),
    ]
    changes = {
        c.exercise: (c.action, c.replacement, c.replacement_variant)
        for c in stop_changes(sessions, REGRESSIONS, variants=VARIANTS)
    }
    assert changes == {
        "figure-four": ("leave_out", None, None),
        "knee-to-chest": ("regress", None, "Other knee bent"),
    }


# Step-downs -------------------------------------------------------------------


def test_each_hard_or_painful_rating_steps_that_exercise_down_once() -> None:
    sessions = [
        log(MONDAY, ratings={"bird-dog": "hard", "clamshell": "right"}),
        log(MONDAY + timedelta(1), ratings={"bird-dog": "painful", "clamshell": "easy"}),
        log(MONDAY + timedelta(2), ratings={"bird-dog": "right", "side-bend": "hard"}),
    ]
    assert {c.exercise: c.steps for c in step_downs(sessions, None)} == {
        "bird-dog": 2,
        "side-bend": 1,
    }


def test_step_downs_restart_when_the_level_changes() -> None:
    sessions = [
        log(MONDAY, ratings={"bird-dog": "hard"}),
        log(MONDAY + timedelta(10), ratings={"bird-dog": "hard"}),
    ]
    assert [c.steps for c in step_downs(sessions, MONDAY + timedelta(10))] == [1]
    assert step_downs(sessions, MONDAY + timedelta(11)) == []


# Level offer ------------------------------------------------------------------


def test_level_offer_needs_six_sessions() -> None:
    assert level_offer(spread(5, 14), "beginner", None) is None
    offer = level_offer(spread(6, 14), "beginner", None)
    assert offer is not None and offer.to_level == "intermediate" and offer.kind == "dosage"
    assert (offer.sessions, offer.days) == (6, 14)


def test_level_offer_needs_fourteen_days() -> None:
    assert level_offer(spread(8, 13), "beginner", None) is None
    assert level_offer(spread(8, 14), "beginner", None) is not None


def test_level_offer_allows_pain_after_one_point_higher_but_not_two() -> None:
    assert level_offer(spread(6, 14, before=4, after=5), "beginner", None) is not None
    sessions = spread(6, 14, before=4, after=4)
    worse = [*sessions[:-1], log(sessions[-1].day, before=4, after=6)]
    assert level_offer(worse, "beginner", None) is None


@pytest.mark.parametrize("rating", ["hard", "painful"])
def test_level_offer_blocked_by_hard_or_painful_ratings(rating: Rating) -> None:
    sessions = spread(6, 14)
    rated = [log(sessions[0].day, ratings={"pigeon": rating}), *sessions[1:]]
    assert level_offer(rated, "beginner", None) is None
    fine = [log(sessions[0].day, ratings={"pigeon": "easy", "bird-dog": "right"}), *sessions[1:]]
    assert level_offer(fine, "beginner", None) is not None


def test_level_offer_blocked_by_a_pain_stop_and_counted_again_after_it() -> None:
    sessions = spread(6, 14)
    stopped = [log(sessions[0].day, stopped=("pigeon",)), *sessions[1:]]
    assert level_offer(stopped, "beginner", None) is None
    # A fresh run of 6 sessions over 14 days after the stop earns the offer again.
    later = [log(MONDAY + timedelta(days=20 + i * 3)) for i in range(6)]
    assert level_offer([*stopped, *later], "beginner", None) is not None


def test_quit_sessions_do_not_count_towards_the_offer() -> None:
    sessions = spread(6, 14)
    quit_one = [log(sessions[2].day, completed=False), *sessions[:2], *sessions[3:]]
    assert level_offer(quit_one, "beginner", None) is None


def test_level_offer_counts_only_sessions_at_the_current_level() -> None:
    sessions = spread(6, 14)
    assert level_offer(sessions, "intermediate", MONDAY + timedelta(days=1)) is None


def test_top_level_offers_harder_variants() -> None:
    offer = level_offer(spread(6, 14), "advanced", None)
    assert offer is not None and offer.kind == "variants" and offer.to_level is None
    assert (
        adapt(
            spread(6, 14),
            today=MONDAY,
            level="intermediate",
            level_since=None,
            regressions={},
            warning_signs_answered=datetime(2026, 1, 1),
        )
        .adjustments()
        .offer_level
        == "advanced"
    )


def test_current_level_since_is_where_the_latest_level_began() -> None:
    plans = [
        (MONDAY, "beginner"),
        (MONDAY + timedelta(3), "intermediate"),
        (MONDAY + timedelta(9), "intermediate"),
    ]
    assert current_level_since(plans) == MONDAY + timedelta(3)  # type: ignore[arg-type]
    assert current_level_since([]) is None


# When to see a GP or physiotherapist: tests/test_progress_worse.py -------------------


def test_adaptation_message_is_plain() -> None:
    sessions, today = weeks_of([[3, 3, 3], [6, 6, 6], [6, 6, 6]])
    result = adapt(sessions, today=today, level="beginner", level_since=None, regressions={})
    assert result.message is not None
    assert result.message.startswith(
        "Book an appointment with a GP or physiotherapist in the next week or two"
    )
    assert json.loads(json.dumps(result.to_dict()))["see_clinician"] == result.message


# Properties ---------------------------------------------------------------------

EXERCISES = ("pigeon", "figure-four", "knee-to-chest", "bird-dog", "clamshell")
sessions_strategy = st.lists(
    st.builds(
        SessionLog,
        id=st.integers(1, 10_000),
        day=st.dates(MONDAY, MONDAY + timedelta(days=60)),
        completed=st.booleans(),
        pain_before=st.none() | st.integers(0, 10),
        pain_after=st.none() | st.integers(0, 10),
        stopped_for_pain=st.frozensets(st.sampled_from(EXERCISES), max_size=2),
        ratings=st.dictionaries(
            st.sampled_from(EXERCISES), st.sampled_from(("easy", "right", "hard", "painful"))
        ),
        stopped_leg_pain=st.frozensets(st.sampled_from(EXERCISES), max_size=1)
        | st.just(frozenset()),
    ),
    max_size=40,
).map(lambda logs: [replace(s, id=i) for i, s in enumerate(logs)])  # ids are unique in the store
CLASSES = {
    "pigeon": frozenset({"hip_external_rotation_end_range", "prone"}),
    "figure-four": frozenset({"hip_external_rotation_end_range", "supine"}),
    "knee-to-chest": frozenset({"supine"}),
    "bird-dog": frozenset({"kneeling_load"}),
}
today_strategy = st.dates(MONDAY + timedelta(days=60), MONDAY + timedelta(days=70))


@given(sessions_strategy, today_strategy)
def test_weekly_sessions_add_up_and_streak_is_bounded(
    sessions: list[SessionLog], today: date
) -> None:
    weeks = weekly_adherence(sessions, today)
    assert sum(w.sessions for w in weeks) == sum(1 for s in sessions if s.completed)
    assert all((b.week_start - a.week_start).days == 7 for a, b in pairwise(weeks))
    streak = current_streak(sessions, today)
    assert 0 <= streak <= len({s.day for s in sessions if s.completed})
    recent = {today, today - timedelta(days=1)}
    assert (streak > 0) == any(s.completed and s.day in recent for s in sessions)


@given(sessions_strategy, today_strategy, st.sampled_from(("beginner", "intermediate", "advanced")))
@settings(max_examples=150)
def test_adaptation_is_consistent(sessions: list[SessionLog], today: date, level: str) -> None:
    answered = datetime.combine(today, datetime.min.time())
    result = adapt(
        sessions,
        today=today,
        level=level,  # type: ignore[arg-type]
        level_since=None,
        regressions=REGRESSIONS,
        movement_classes=CLASSES,
        warning_signs_answered=answered,
    )
    adjustments = result.adjustments()
    counts = {s.exercise: s.count for s in pain_stops(sessions)}
    # A replacement is never itself stopped for pain, and nothing is both swapped and dropped.
    assert all(counts.get(target, 0) == 0 for target in adjustments.replacements.values())
    assert not set(adjustments.replacements) & adjustments.exclusions
    # Stopped twice always means left out and flagged for a check.
    assert {ex for ex, n in counts.items() if n >= 2} == set(result.have_checked)
    assert set(result.have_checked) <= adjustments.exclusions
    # No offer can follow a session that was a setback, nor stand beside an escalation.
    latest = sorted(sessions, key=lambda s: (s.day, s.id))[-1:] or None
    if latest and latest[0].completed and is_setback(latest[0]):
        assert result.offer is None
    if result.message is not None:
        assert result.offer is None and adjustments.offer_level is None
    # After a leg-pain stop, nothing sharing a movement with it stays in the plan.
    for stopped in {e for s in sessions for e in s.stopped_leg_pain}:
        assert stopped in adjustments.exclusions
        same = {e for e, c in CLASSES.items() if c & CLASSES.get(stopped, frozenset())}
        assert same <= adjustments.exclusions
        assert not same & set(adjustments.replacements.values())
    # Every change carries its reason.
    assert set(adjustments.reasons) == (
        set(adjustments.replacements) | adjustments.exclusions | set(adjustments.step_downs)
    )
    # The order sessions arrive in does not matter.
    shuffled = list(sessions)
    random.Random(len(sessions)).shuffle(shuffled)
    again = adapt(
        shuffled,
        today=today,
        level=level,  # type: ignore[arg-type]
        level_since=None,
        regressions=REGRESSIONS,
        movement_classes=CLASSES,
        warning_signs_answered=answered,
    )
    assert again.to_dict() == result.to_dict()


@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10))
def test_peg_score_stays_on_the_scale(pain: int, enjoyment: int, activity: int) -> None:
    score = peg_score(pain, enjoyment, activity)
    assert min(pain, enjoyment, activity) <= score <= max(pain, enjoyment, activity)
    assert abs(score * 3 - (pain + enjoyment + activity)) < 0.02
