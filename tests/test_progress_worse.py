"""When the history says "see a GP or physiotherapist", and when it says success (issue 13)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from session_logs import MONDAY, log, weeks_of
from supple.progress import CheckIn, adapt, clinician_reasons, success_note
from supple.progress.summary import weekly_pain
from supple.progress.worse import not_improving, peg_rise, stops_in_one_session, weekly_rise


def message(per_week: list[list[int]]) -> str | None:
    sessions, today = weeks_of(per_week)
    return adapt(sessions, today=today, level="beginner", level_since=None, regressions={}).message


# Worse: weekly pain ------------------------------------------------------------------


def test_weekly_pain_from_one_to_one_point_three_is_not_a_reason_to_see_a_gp() -> None:
    # Issue 13: a 30% rise from 1.0 said "time to see a GP".
    assert message([[1, 1, 1], [1, 2, 1], [1, 1, 2]]) is None


def test_a_rise_of_two_points_to_four_held_two_weeks_escalates_with_the_figures() -> None:
    text = message([[2, 2, 2], [4, 4, 4], [4, 4, 4]])
    assert text is not None and text.startswith(
        "Book an appointment with a GP or physiotherapist in the next week or two"
    )
    assert "2.0" in text and "4.0" in text


@pytest.mark.parametrize(
    ("weeks", "why"),
    [
        ([[2, 2, 2], [3, 4, 4], [4, 4, 4]], "one of the two weeks is 3.7, under 2 points up"),
        ([[1, 1, 1], [3, 3, 3], [3, 3, 3]], "2 points up but under 4/10"),
        ([[2, 2, 2], [2, 2, 2], [4, 4, 4]], "the rise holds for one week only"),
        ([[2, 2], [4, 4, 4], [4, 4, 4]], "the first week has 2 ratings: the baseline is week 2"),
        ([[2, 2, 2], [4, 4, 4], [4, 4]], "the latest week has 2 ratings: compare weeks 1-2 only"),
        ([[2, 2, 2], [4, 4, 4], [], [4, 4, 4]], "the two risen weeks are not consecutive"),
    ],
)
def test_weekly_rise_needs_every_part_of_the_rule(weeks: list[list[int]], why: str) -> None:
    sessions, _ = weeks_of(weeks)
    assert weekly_rise(weekly_pain(sessions)) is None, why


def test_a_rise_stands_until_a_fully_rated_week_lifts_it() -> None:
    # Two risen weeks, then a week with only two low ratings: not compared yet.
    sessions, _ = weeks_of([[2, 2, 2], [5, 5, 5], [5, 5, 5], [1, 1]])
    assert weekly_rise(weekly_pain(sessions)) is not None
    sessions, _ = weeks_of([[2, 2, 2], [5, 5, 5], [5, 5, 5], [1, 1, 1]])
    assert weekly_rise(weekly_pain(sessions)) is None


def test_pain_before_climbing_from_three_to_eight_escalates() -> None:
    assert message([[3, 3, 3], [5, 6, 6], [8, 8, 8]]) is not None


# Worse: PEG-3 and several stops in a session -------------------------------------------


def test_a_peg_check_in_two_points_above_the_first_escalates_but_not_one_point_seven() -> None:
    first = CheckIn(MONDAY, 3, 3, 3)
    assert peg_rise([first, CheckIn(MONDAY + timedelta(7), 5, 4, 4)]) is None  # +1.67
    reason = peg_rise([first, CheckIn(MONDAY + timedelta(7), 5, 5, 5), CheckIn(MONDAY, 3, 3, 3)])
    assert reason is not None and "3.0" in reason and "5.0" in reason
    assert clinician_reasons([], [first, CheckIn(MONDAY + timedelta(14), 5, 5, 5)], MONDAY)


def test_two_stops_in_one_session_with_pain_up_two_points_escalates() -> None:
    two_up_two = log(MONDAY, before=3, after=5, stopped=("pigeon", "bird-dog"))
    assert stops_in_one_session([two_up_two]) is not None
    assert stops_in_one_session([log(MONDAY, before=3, after=4, stopped=("a", "b"))]) is None
    assert stops_in_one_session([log(MONDAY, before=3, after=7, stopped=("a",))]) is None
    assert stops_in_one_session([log(MONDAY, before=3, after=None, stopped=("a", "b"))]) is None
    # A stop for leg pain is a stop too.
    assert stops_in_one_session([log(MONDAY, before=2, after=4, stopped=("a",), leg=("b",))])


# Not improving ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "stalled"),
    [
        ([[4] * 3] * 4, True),  # four regular weeks, no change
        ([[4] * 3] * 3, False),  # only three weeks
        ([[4] * 2] * 4, False),  # four weeks but two sessions each
        ([[4] * 3] + [[3] * 3] * 3, True),  # fell 1 point, 25%: not enough
        ([[5] * 3] + [[3] * 3] * 3, False),  # fell 2 points
        ([[5] * 3] + [[3, 4, 4, 3]] * 3, False),  # fell 1.5 points, exactly 30%
        ([[4] * 3] + [[2] * 3] * 3, False),  # latest under 3/10
        ([[2] * 3] + [[3] * 3] * 3, True),  # rose to 3/10 (under the escalation floor)
    ],
)
def test_not_improving_rule(weeks: list[list[int]], stalled: bool) -> None:
    sessions, today = weeks_of(weeks)
    assert (not_improving(sessions, today) is not None) == stalled


def test_pain_at_zero_to_one_for_five_weeks_is_success_not_failure() -> None:
    # Issue 13: five calm weeks said regular practice "has not helped".
    sessions, today = weeks_of([[0, 1, 0], [1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 1]])
    result = adapt(sessions, today=today, level="beginner", level_since=None, regressions={})
    assert result.message is None
    assert result.success is not None and "success" in result.success
    assert "has not helped" not in str(result.to_dict())


def test_success_needs_every_week_at_two_or_less_and_two_weeks() -> None:
    assert success_note(weeks_of([[2, 2, 2], [1, 2]])[0]) is not None
    assert success_note(weeks_of([[2, 2, 3], [1, 2]])[0]) is None
    assert success_note(weeks_of([[1, 1, 1]])[0]) is None


def test_success_with_the_same_average_every_week_names_it_once() -> None:
    # t13b: "weekly averages between 0.7 and 0.7".
    same = success_note(weeks_of([[1, 1, 0], [0, 1, 1]])[0])
    assert same is not None and "between" not in same
    assert "weekly average of 0.7 out of 10 in each of 2 weeks" in same
    varied = success_note(weeks_of([[2, 2, 2], [1, 1, 1]])[0])
    assert varied is not None and "between 1.0 and 2.0 out of 10 over 2 weeks" in varied
