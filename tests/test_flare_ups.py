"""Repeated flare-ups (issue 17): counted by week for the progress page, the review and
a clinician, and two or more in the last 7 days hold back the level-up offer."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from session_logs import MONDAY, fresh_answers, spread
from supple.answers import Answers, parse_answers
from supple.catalog import default_catalog
from supple.planning import History, PlanMark, adaptation_for, plan_for
from supple.progress.flare_ups import (
    flare_ups_by_week,
    flaring_note,
    flaring_often,
    recent_flare_ups,
)

FIXTURES = Path(__file__).parent / "fixtures" / "answers"


def test_flare_ups_are_counted_in_monday_weeks() -> None:
    wednesday = date(2026, 12, 2)
    days = [wednesday, wednesday + timedelta(days=4), wednesday + timedelta(days=5)]
    weeks = flare_ups_by_week(days)
    assert [(w.week_of, w.count, w.repeated) for w in weeks] == [
        (date(2026, 11, 30), 2, True),  # Wednesday and Sunday
        (date(2026, 12, 7), 1, False),  # the Monday after
    ]
    assert weeks[0].to_dict() == {"week_of": "2026-11-30", "count": 2, "repeated": True}


@given(st.lists(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 1, 1)), max_size=30))
def test_every_flare_up_is_in_exactly_one_week(days: list[date]) -> None:
    weeks = flare_ups_by_week(days)
    assert sum(w.count for w in weeks) == len(set(days))
    assert all(w.week_of.weekday() == 0 for w in weeks)
    assert [w.week_of for w in weeks] == sorted({w.week_of for w in weeks})


def test_the_last_seven_days_include_today_and_nothing_later() -> None:
    today = date(2026, 12, 2)
    assert recent_flare_ups([today - timedelta(days=6), today], today) == 2
    assert recent_flare_ups([today - timedelta(days=7), today], today) == 1
    assert recent_flare_ups([today + timedelta(days=1)], today) == 0
    # A Sunday and the next Monday are two flare-ups in seven days, in two weeks.
    sunday = date(2026, 12, 6)
    assert flaring_often([sunday, sunday + timedelta(days=1)], sunday + timedelta(days=1))
    assert flaring_note([today], today) is None
    assert flaring_note([today, today], today) is None  # the same bad day, pressed twice
    note = flaring_note([today, today - timedelta(days=1)], today)
    assert note is not None and note.startswith("2 flare-ups in the last 7 days")


def good_history() -> tuple[History, date]:
    sessions = spread(6, 14, before=2, after=2)
    today = max(s.day for s in sessions)
    history = History(
        sessions=tuple(sessions),
        plans=(PlanMark(MONDAY, "beginner", ("bird-dog", "clamshell")),),
        warning_signs_answered=fresh_answers(today),
    )
    return history, today


def ok_answers() -> Answers:
    parsed = parse_answers(json.loads((FIXTURES / "ok.json").read_text()))
    assert isinstance(parsed, Answers)
    return parsed


def test_two_flare_ups_in_a_week_hold_back_an_earned_level_up() -> None:
    history, today = good_history()
    catalog = default_catalog()
    assert adaptation_for(history, catalog, today).offer is not None
    one = replace(history, flare_ups=(today - timedelta(days=2),))
    assert adaptation_for(one, catalog, today).offer is not None
    two = replace(history, flare_ups=(today - timedelta(days=6), today))
    assert adaptation_for(two, catalog, today).offer is None
    plan = plan_for(ok_answers(), two, today)
    assert plan.adjustments.level_up is None and plan.adjustments.offer_level is None
    # A week later they are no longer recent and the offer comes back.
    later = today + timedelta(days=7)
    again = replace(two, warning_signs_answered=fresh_answers(later))
    assert adaptation_for(again, catalog, later).offer is not None
