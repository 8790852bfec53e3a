"""Progress charts drawn on the server as SVG with pygal.

The SVG is served as an image (``<img>``), so the chart's own styles stay inside it and
the page's strict Content-Security-Policy is untouched. pygal's tooltip script is
switched off and its inline configuration script removed: an image never runs
scripts, and nothing here should look as if it might. Each chart has a text
equivalent on the page (a table of the same numbers) for screen-reader users.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from functools import lru_cache

import pygal
from pygal.style import Style

from supple.progress.chart_series import Grain, pain_series, peg_chart_series
from supple.progress.summary import PegPoint, SessionPain

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1e23",
    foreground_strong="#1b1e23",
    foreground_subtle="#4b5361",
    colors=("#0b5c8a", "#c25400", "#1d6b35", "#7a2e8f"),
    font_family="DejaVu Sans, Verdana, sans-serif",
    label_font_size=16,
    major_label_font_size=16,
    legend_font_size=17,
    title_font_size=18,
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _render(chart: pygal.Graph) -> str:
    svg: str = chart.render(is_unicode=True)
    return _SCRIPT.sub("", svg)


def _line(title: str) -> pygal.Line:
    return pygal.Line(
        js=[],
        style=STYLE,
        width=560,
        height=360,
        title=title,
        range=(0, 10),
        include_x_axis=True,
        y_labels=list(range(0, 11, 2)),
        show_minor_x_labels=False,
        x_labels_major_count=6,
        x_label_rotation=0,
        legend_at_bottom=True,
        dots_size=5,
        stroke_style={"width": 3},
        allow_interruptions=True,
    )


LABELS = {"week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def period_label(start: date, grain: Grain) -> str:
    """A period's label on the chart and in its table: "04 Jan 2016", "Jan 2016",
    "Q1 2016" or "2016"."""
    if grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return start.strftime(LABELS[grain])


def chart_value(mean: Fraction | None) -> float | None:
    return None if mean is None else round(float(mean), 2)


Line = tuple[str, tuple[int | float | None, ...], bool]  # (legend, values, thin)


@lru_cache(maxsize=16)
def _drawn(title: str, labels: tuple[str, ...], lines: tuple[Line, ...]) -> str:
    """The chart of these values, drawn once: pygal takes tens of milliseconds per
    chart, and the same history gives the same values view after view (issue 14)."""
    chart = _line(title)
    chart.x_labels = list(labels)
    for legend, values, thin in lines:
        if thin:
            chart.add(legend, list(values), stroke_style={"width": 1.5})
        else:
            chart.add(legend, list(values))
    return _render(chart)


def pain_chart(pain: Sequence[SessionPain]) -> str:
    """Pain before and after each session, 0 to 10; for a long history the averages
    per week, month, quarter or year (``pain_series``). Takes ``Progress.pain``."""
    series = pain_series(pain)
    if series.each:
        return _drawn(
            "Pain before and after each session (0 to 10)",
            tuple(p.day.strftime("%d %b") for p in pain),
            (
                ("Before", tuple(p.before for p in pain), False),
                ("After", tuple(p.after for p in pain), False),
            ),
        )
    return _drawn(
        f"Average pain before and after sessions, by {series.grain} (0 to 10)",
        tuple(period_label(p.start, series.grain) for p in series.periods),
        (
            ("Before", tuple(chart_value(p.means[0]) for p in series.periods), False),
            ("After", tuple(chart_value(p.means[1]) for p in series.periods), False),
        ),
    )


def checkin_chart(peg: Sequence[PegPoint]) -> str:
    """The weekly PEG-3 check-in: its score and the three items it averages; for a
    long history their averages per month, quarter or year. Takes ``Progress.peg``."""
    series = peg_chart_series(peg)
    score: tuple[int | float | None, ...]
    items: list[tuple[int | float | None, ...]]
    if series.each:
        title = "Weekly check-in (PEG-3, 0 to 10, lower is better)"
        labels = tuple(p.week_of.strftime("%d %b") for p in peg)
        score = tuple(round(float(p.score), 2) for p in peg)
        items = [
            tuple(p.pain for p in peg),
            tuple(p.enjoyment for p in peg),
            tuple(p.activity for p in peg),
        ]
    else:
        title = f"Check-ins (PEG-3), average by {series.grain}, 0 to 10, lower is better"
        labels = tuple(period_label(p.start, series.grain) for p in series.periods)
        score = tuple(chart_value(p.means[0]) for p in series.periods)
        items = [tuple(chart_value(p.means[i]) for p in series.periods) for i in (1, 2, 3)]
    lines = (
        ("Score", score, False),
        ("Pain", items[0], True),
        ("Enjoyment", items[1], True),
        ("Activity", items[2], True),
    )
    return _drawn(title, labels, lines)
