"""Progress charts drawn on the server as SVG with pygal.

The SVG is served as an image (``<img>``), so the chart's own styles stay inside it and
the page's strict Content-Security-Policy is untouched. pygal's tooltip script is
switched off and its inline configuration script removed: an image never runs
scripts, and nothing here should look as if it might. Each chart has a text
equivalent on the page (a table of the same numbers) for screen-reader users.
"""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

from supple.progress import Progress

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


def pain_chart(progress: Progress) -> str:
    """Pain before and after each session, 0 to 10."""
    chart = _line("Pain before and after each session (0 to 10)")
    chart.x_labels = [p.day.strftime("%d %b") for p in progress.pain]
    chart.add("Before", [p.before for p in progress.pain])
    chart.add("After", [p.after for p in progress.pain])
    return _render(chart)


def checkin_chart(progress: Progress) -> str:
    """The weekly PEG-3 check-in: its score and the three items it averages."""
    chart = _line("Weekly check-in (PEG-3, 0 to 10, lower is better)")
    chart.x_labels = [p.week_of.strftime("%d %b") for p in progress.peg]
    chart.add("Score", [round(float(p.score), 2) for p in progress.peg])
    chart.add("Pain", [p.pain for p in progress.peg], show_dots=True, stroke_style={"width": 1.5})
    chart.add("Enjoyment", [p.enjoyment for p in progress.peg], stroke_style={"width": 1.5})
    chart.add("Activity", [p.activity for p in progress.peg], stroke_style={"width": 1.5})
    return _render(chart)
