"""Movement between a pose's two frames, as SVG animation that needs no script.

Every shape has the same key in both frames, so each coordinate that differs gets a
SMIL ``<animate>``. A viewer who asks for reduced motion gets a still instead, through
a ``prefers-reduced-motion`` media rule: the held (or end) position in full with the
start position faintly behind it, so the change is still readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from supple.catalog.models import Exercise
from supple.figures.project import Shape
from supple.figures.render import attributes, element, fmt

EASE = "0.42 0 0.58 1"
GHOST_OPACITY = 0.3

REDUCED_MOTION_CSS = (
    ".supple-still{display:none}"
    "@media (prefers-reduced-motion: reduce){"
    ".supple-moving{display:none}.supple-still{display:inline}}"
)


@dataclass(frozen=True)
class Timing:
    """One loop: the fraction of the loop at each keyframe, and which frame it shows."""

    seconds: float
    key_times: tuple[float, ...]
    frames: tuple[str, ...]  # "start" or "end" at each key time


def timing(exercise: Exercise) -> Timing:
    """Loop length and rhythm from the exercise's own dose, so the picture moves at the
    pace the steps ask for: slow reps with their pause, a held stretch, a warm-up beat."""
    dose = exercise.dosage.first
    if dose.work_seconds is not None:
        return Timing(1.6, (0.0, 0.5, 1.0), ("start", "end", "start"))
    if dose.reps is not None and dose.seconds_per_rep is not None:
        seconds = min(max(dose.seconds_per_rep, 3.0), 10.0)
        pause = (dose.hold_seconds or 0) / seconds
        move = (1.0 - min(pause, 0.6)) / 2
        return Timing(seconds, (0.0, move, 1.0 - move, 1.0), ("start", "end", "end", "start"))
    return Timing(8.0, (0.0, 0.25, 0.85, 1.0), ("start", "end", "end", "start"))


def _animations(start: Shape, end: Shape, plan: Timing) -> str:
    a, b = attributes(start), attributes(end)
    pieces = []
    key_times = ";".join(fmt(t) for t in plan.key_times)
    splines = ";".join([EASE] * (len(plan.key_times) - 1))
    for name, value in a.items():
        if b[name] == value:
            continue
        values = ";".join(value if f == "start" else b[name] for f in plan.frames)
        pieces.append(
            f'<animate attributeName="{name}" values="{values}" keyTimes="{key_times}" '
            f'calcMode="spline" keySplines="{splines}" dur="{fmt(plan.seconds)}s" '
            'repeatCount="indefinite"/>'
        )
    return "".join(pieces)


def animated_body(start: Sequence[Shape], end: Sequence[Shape], plan: Timing) -> str:
    """The moving group (painted in the start frame's order) and its reduced-motion still."""
    by_key = {shape.key: shape for shape in end}
    moving = [element(s, inner=_animations(s, by_key[s.key], plan)) for s in start]
    ghost = [element(s) for s in start if s.role == "body"]
    first_body = next(i for i, s in enumerate(end) if s.role == "body")
    under = [element(s) for s in end[:first_body]]
    still = [element(s) for s in end[first_body:]]
    return "\n".join(
        [
            '<g class="supple-moving">',
            *moving,
            "</g>",
            '<g class="supple-still">',
            *under,
            f'<g opacity="{GHOST_OPACITY}">',
            *ghost,
            "</g>",
            *still,
            "</g>",
        ]
    )
