"""The walking goal (issue 17): starts where the person is, rises 10% a week to a cap of
30 minutes, pauses on a flare-up in the last 7 days and while pain is getting worse."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from session_logs import MONDAY, weeks_of
from supple.catalog import default_catalog
from supple.planning import History
from supple.walking import (
    WalkingDataError,
    default_walking_rules,
    load_walking_rules,
    pain_worse_checker,
    walked_by_day,
    walking_goal,
)

START = date(2026, 11, 2)
RULES = default_walking_rules()


def test_the_rules_are_ten_percent_a_week_capped_at_thirty() -> None:
    assert RULES.weekly_rise == 0.10 and RULES.cap_minutes == 30


def test_it_starts_at_what_the_person_walks_now_and_rises_gradually() -> None:
    assert walking_goal(10, START, START).minutes == 10
    assert walking_goal(10, START, START + timedelta(days=6)).minutes == 10
    assert walking_goal(10, START, START + timedelta(days=7)).minutes == 11
    # 10, 11, 12.1, 13.31, 14.64: whole minutes rounded down.
    goal = walking_goal(10, START, START + timedelta(days=28))
    assert [w.minutes for w in goal.weeks] == [10, 11, 12, 13, 14]
    assert goal.paused == ()


def test_a_short_start_never_rises_by_more_than_ten_percent() -> None:
    goal = walking_goal(5, START, START + timedelta(days=21))
    assert [w.minutes for w in goal.weeks] == [5, 5, 6, 6]  # 5, 5.5, 6.05, 6.655


def test_it_stops_at_the_cap_and_never_asks_less_than_the_start() -> None:
    goal = walking_goal(25, START, START + timedelta(days=7 * 10))
    assert goal.minutes == 30 and goal.at_cap
    high = walking_goal(45, START, START + timedelta(days=7 * 5))
    assert {w.minutes for w in high.weeks} == {45}


def test_a_flare_up_in_the_seven_days_before_a_week_pauses_its_rise() -> None:
    week2 = START + timedelta(days=7)
    paused = walking_goal(10, START, week2, flare_days=[week2 - timedelta(days=6)])
    assert paused.minutes == 10
    assert paused.weeks[-1].paused == ("flare_up",)
    assert paused.paused == ("flare_up",)  # and still within 7 days today
    earlier = walking_goal(10, START, week2, flare_days=[week2 - timedelta(days=7)])
    assert earlier.minutes == 11 and earlier.paused == ()


def test_a_flare_up_pauses_without_taking_back_the_weeks_before() -> None:
    flare = START + timedelta(days=15)
    goal = walking_goal(10, START, START + timedelta(days=28), flare_days=[flare])
    assert [w.minutes for w in goal.weeks] == [10, 11, 12, 12, 13]
    assert goal.weeks[3].paused == ("flare_up",)


def test_rising_pain_pauses_every_week_it_stands_with_no_catching_up() -> None:
    worse_from = START + timedelta(days=14)
    worse_until = START + timedelta(days=28)

    def worse(day: date) -> bool:
        return worse_from <= day < worse_until

    goal = walking_goal(10, START, START + timedelta(days=35), pain_worse_on=worse)
    assert [w.minutes for w in goal.weeks] == [10, 11, 11, 11, 12, 13]
    assert goal.weeks[2].paused == ("pain_worse",)


@given(
    st.integers(min_value=1, max_value=120),
    st.integers(min_value=0, max_value=400),
    st.lists(st.integers(min_value=0, max_value=400), max_size=10),
)
def test_the_goal_never_jumps_more_than_ten_percent_and_never_falls(
    start: int, days: int, flares: list[int]
) -> None:
    goal = walking_goal(
        start,
        START,
        START + timedelta(days=days),
        flare_days=[START + timedelta(days=d) for d in flares],
    )
    minutes = [w.minutes for w in goal.weeks]
    assert minutes[0] == start
    for before, after in itertools.pairwise(minutes):
        assert before <= after <= max(before, start) * 1.1 + 1
        assert after <= max(start, RULES.cap_minutes)
    for week, nxt in zip(goal.weeks, goal.weeks[1:], strict=False):
        if nxt.paused:
            assert nxt.minutes == week.minutes


def test_walks_add_up_by_day() -> None:
    walks = [(START, 10), (START, 5), (START + timedelta(days=1), 20)]
    assert walked_by_day(walks) == {START: 15, START + timedelta(days=1): 20}
    assert walking_goal(10, START, START, walks=walks).walked_today == 15


def test_the_adaptation_says_when_pain_is_worse_as_it_was_known_that_day() -> None:
    # Pain before sessions climbing 2 -> 5 -> 6 over three weeks escalates in week 3.
    sessions, today = weeks_of([[2, 2, 2], [5, 5, 5], [6, 6, 6]])
    history = History(sessions=tuple(sessions))
    worse = pain_worse_checker(history, default_catalog())
    assert worse(today + timedelta(days=1))
    assert not worse(MONDAY + timedelta(days=7))  # only week 1 was known then


def test_unknown_fields_are_refused(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "src" / "supple" / "walking" / "walking.toml"
    broken = tmp_path / "walking.toml"
    broken.write_text(source.read_text() + "\nsurprise = 1\n")
    with pytest.raises(WalkingDataError, match="surprise"):
        load_walking_rules(broken)
