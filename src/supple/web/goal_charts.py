"""The goals chart: each PSFS rating's score over time, drawn on the server as SVG.

Drawn like the progress charts (``supple.web.charts``: pygal, no scripts, served as an
image with a table of the same numbers on the page). Higher is better here, unlike
pain, so the title says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from supple.outcomes import PsfsRating
from supple.outcomes.psfs import same_activity
from supple.web.charts import _line, _render


def psfs_chart(ratings: Sequence[PsfsRating]) -> str:
    """The score of every rating, and each current goal's own rating where it was rated."""
    chart = _line("Your activities (0 cannot do, 10 as before; higher is better)")
    chart.x_labels = [rating.on.strftime("%d %b") for rating in ratings]
    chart.add("Score", [round(float(rating.score), 2) for rating in ratings])
    current = ratings[-1].items if ratings else ()
    for goal in current:
        values: list[int | None] = []
        for rating in ratings:
            found = [i.score for i in rating.items if same_activity(i.activity, goal.activity)]
            values.append(found[0] if found else None)
        chart.add(goal.activity[:28], values, stroke_style={"width": 1.5})
    return _render(chart)
