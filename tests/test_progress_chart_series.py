"""Charts of a long history: every reading while they fit, else means per period.

The reference charts below are the earlier per-session drawing, kept as the
definition of the right picture while a history is short; the properties check the
means against a plain recount of the readings.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from session_logs import MONDAY, log
from supple.progress import CheckIn, summarise
from supple.progress.chart_series import (
    COARSER,
    MAX_POINTS,
    Grain,
    pain_series,
    peg_chart_series,
    period_start,
    summarised,
)
from supple.progress.summary import Progress
from supple.web.charts import _line, _render, checkin_chart, pain_chart, period_label

TODAY = date(2026, 12, 1)


def daily(sessions: int, start: date = MONDAY) -> Progress:
    logs = [
        log(start + timedelta(days=n), before=n % 11, after=(n * 7) % 11 if n % 5 else None)
        for n in range(sessions)
    ]
    checkins = [
        CheckIn(week_of=start + timedelta(weeks=w), pain=w % 10, enjoyment=3, activity=(w * 3) % 11)
        for w in range(sessions // 7)
    ]
    return summarise(logs, checkins, TODAY)


def reference_pain_chart(progress: Progress) -> str:
    chart = _line("Pain before and after each session (0 to 10)")
    chart.x_labels = [p.day.strftime("%d %b") for p in progress.pain]
    chart.add("Before", [p.before for p in progress.pain])
    chart.add("After", [p.after for p in progress.pain])
    return _render(chart)


def reference_checkin_chart(progress: Progress) -> str:
    chart = _line("Weekly check-in (PEG-3, 0 to 10, lower is better)")
    chart.x_labels = [p.week_of.strftime("%d %b") for p in progress.peg]
    chart.add("Score", [round(float(p.score), 2) for p in progress.peg])
    chart.add("Pain", [p.pain for p in progress.peg], show_dots=True, stroke_style={"width": 1.5})
    chart.add("Enjoyment", [p.enjoyment for p in progress.peg], stroke_style={"width": 1.5})
    chart.add("Activity", [p.activity for p in progress.peg], stroke_style={"width": 1.5})
    return _render(chart)


def without_ids(svg: str) -> str:
    """pygal numbers each chart it draws; two drawings of one chart differ only there."""
    import re

    return re.sub(r"chart-[0-9a-f-]{36}", "chart", svg)


def test_a_short_history_is_drawn_exactly_as_before() -> None:
    for sessions in (1, 37, MAX_POINTS):
        progress = daily(sessions)
        assert pain_series(progress.pain).each
        assert without_ids(pain_chart(progress.pain)) == without_ids(reference_pain_chart(progress))
        assert without_ids(checkin_chart(progress.peg)) == without_ids(
            reference_checkin_chart(progress)
        )


def test_ten_years_are_drawn_by_quarter_in_a_few_dozen_points() -> None:
    progress = daily(3650, start=date(2016, 1, 4))
    series = pain_series(progress.pain)
    assert series.grain == "quarter" and len(series.periods) == 40
    assert sum(p.readings for p in series.periods) == 3650
    svg = pain_chart(progress.pain)
    assert "by quarter" in svg and "Q1 2016" in svg and len(svg) < 60_000
    peg = peg_chart_series(progress.peg)
    assert peg.grain == "quarter" and sum(p.readings for p in peg.periods) == len(progress.peg)
    assert "average by quarter" in checkin_chart(progress.peg)


def test_a_year_is_drawn_by_week_and_two_years_by_month() -> None:
    year = pain_series(daily(365).pain)
    assert year.grain == "week" and len(year.periods) == 53
    two_years = pain_series(daily(730, start=date(2026, 1, 1)).pain)
    assert two_years.grain == "month" and len(two_years.periods) == 24


def test_period_labels_name_the_period() -> None:
    assert period_label(date(2016, 1, 4), "week") == "04 Jan 2016"
    assert period_label(date(2016, 2, 1), "month") == "Feb 2016"
    assert period_label(date(2016, 10, 1), "quarter") == "Q4 2016"
    assert period_label(date(2016, 1, 1), "year") == "2016"


readings = st.lists(
    st.tuples(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
        st.tuples(
            st.none() | st.integers(0, 10),
            st.none() | st.integers(0, 10),
        ),
    ),
    max_size=400,
)


@given(readings, st.integers(1, 80))
def test_means_are_those_of_the_readings_in_each_period(
    items: list[tuple[date, tuple[int | None, int | None]]], limit: int
) -> None:
    series = summarised(items, limit=limit)
    if len(items) <= limit:
        assert series.each and not series.periods
        return
    grain: Grain = series.grain
    assert grain in COARSER
    assert len(series.periods) <= limit or grain == "year"
    finer = COARSER[: COARSER.index(grain)]
    for other in finer:  # every finer grain would have drawn too many points
        assert len({period_start(day, other) for day, _ in items}) > limit
    starts = [p.start for p in series.periods]
    assert starts == sorted(set(starts))
    assert sum(p.readings for p in series.periods) == len(items)
    for period in series.periods:
        inside = [values for day, values in items if period_start(day, grain) == period.start]
        assert period.readings == len(inside)
        for index, mean in enumerate(period.means):
            given_values = [v[index] for v in inside if v[index] is not None]
            expected = Fraction(sum(given_values), len(given_values)) if given_values else None
            assert mean == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_a_period_starts_on_or_before_its_day_and_holds_it(day: date) -> None:
    for grain in COARSER:
        start = period_start(day, grain)
        assert start <= day
        assert (day - start).days < {"week": 7, "month": 31, "quarter": 92, "year": 366}[grain]


def test_the_progress_page_of_a_long_history_shows_the_same_averages_as_its_chart() -> None:
    from datetime import UTC, datetime

    from fastapi.testclient import TestClient

    from supple import history
    from supple.settings import get_settings
    from supple.store import open_store
    from web_fixtures import LOOPBACK_CLIENT, app_for_tests

    start = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)
    with open_store(get_settings()) as store:
        plan_id = store.save_plan("me", {"screen": {}, "routine": None, "advice": []}, now=start)
        for day in range(MAX_POINTS + 10):  # ten weeks of daily sessions
            at = start + timedelta(days=day)
            session_id = store.start_session("me", plan_id, day % 7, now=at)
            store.finish_session(session_id, pain_after=2, now=at)
        for week in range(3):
            store.save_checkin(
                "me", week_of=MONDAY + timedelta(weeks=week), pain=week, enjoyment=2, activity=3
            )
        full = history.progress(store, "me")
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as client:
        page = client.get("/progress").text
        svg = client.get("/progress/pain.svg").text
        checkins_svg = client.get("/progress/checkins.svg").text
    # The chart routes read only what they draw, and draw what the whole summary gives.
    assert without_ids(svg) == without_ids(pain_chart(full.pain))
    assert without_ids(checkins_svg) == without_ids(checkin_chart(full.peg))
    assert "<summary>The numbers, by week</summary>" in page
    # The first week: Monday to Sunday, pain before 0..6 (mean 3.0), after always 2.
    assert "<tr><td>05 Jan 2026</td><td>7</td><td>3.0</td><td>2.0</td></tr>" in page
    assert (
        page.count("<tr><td>") == 10 + 3
    )  # a row a week for ten weeks, none per session; 3 check-ins
    assert "by week (0 to 10)" in svg and "05 Jan 2026" in svg
