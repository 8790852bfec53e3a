"""Movement through a pose's solved keyframes, as SVG animation that needs no script.

Every shape has the same key in every keyframe, so each coordinate that changes gets
one SMIL ``<animate>`` whose values are that coordinate at each keyframe (linear between
them: the keyframes are close enough, and already eased, see ``keyframes``). A viewer
who asks for reduced motion gets a still instead, through a ``prefers-reduced-motion``
media rule: the held (or end) position in full with the start position faintly behind
it, so the change is still readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from supple.catalog.models import Exercise
from supple.figures.keyframes import Key, Motion
from supple.figures.project import Shape
from supple.figures.render import attributes, element, fmt

GHOST_OPACITY = 0.3
WARM_UP_MOVE = 0.8  # seconds per move of a warm-up beat (one step, a quarter circle)

REDUCED_MOTION_CSS = (
    ".supple-still{display:none}"
    "@media (prefers-reduced-motion: reduce){"
    ".supple-moving{display:none}.supple-still{display:inline}}"
)


@dataclass(frozen=True)
class Timing:
    """One loop: its length, and the share of the loop spent on the moves out to the end
    frame, holding there, and on the moves back."""

    seconds: float
    out: float
    hold: float
    back: float


def timing(exercise: Exercise, moves: int = 2) -> Timing:
    """Loop length and rhythm from the exercise's own dose, so the picture moves at the
    pace the steps ask for: slow reps with their pause, a held stretch, a warm-up beat."""
    dose = exercise.dosage.first
    if dose.work_seconds is not None:
        return Timing(WARM_UP_MOVE * moves, 0.5, 0.0, 0.5)
    if dose.reps is not None and dose.seconds_per_rep is not None:
        seconds = min(max(dose.seconds_per_rep, 3.0), 10.0)
        pause = min((dose.hold_seconds or 0) / seconds, 0.6)
        move = (1.0 - pause) / 2
        return Timing(seconds, move, pause, move)
    return Timing(8.0, 0.25, 0.6, 0.15)


def schedule(solved: Motion, end_index: int, plan: Timing) -> list[tuple[float, Key]]:
    """Each keyframe with the share of the loop at which it is reached, from the start
    (0) round to the start again (1); the hold is the end keyframe shown twice."""
    out_moves, back_moves = solved.moves[:end_index], solved.moves[end_index:]
    shares = [plan.out / len(out_moves)] * len(out_moves)
    shares += [plan.back / len(back_moves)] * len(back_moves)
    timeline: list[tuple[float, Key]] = []
    now = 0.0
    for index, (move, share) in enumerate(zip(solved.moves, shares, strict=True)):
        steps = len(move) - 1
        for k, key in enumerate(move[:-1]):
            timeline.append((now + share * k / steps, key))
        now += share
        if index == end_index - 1 and plan.hold > 0:
            timeline.append((now, solved.moves[end_index][0]))
            now += plan.hold
    timeline.append((1.0, solved.moves[-1][-1]))
    return timeline


def _animations(frames: Sequence[Shape], times: str, seconds: float) -> str:
    values = [attributes(shape) for shape in frames]
    pieces = []
    for name, first in values[0].items():
        seen = [v[name] for v in values]
        if all(v == first for v in seen):
            continue
        pieces.append(
            f'<animate attributeName="{name}" values="{";".join(seen)}" keyTimes="{times}" '
            f'dur="{fmt(seconds)}s" repeatCount="indefinite"/>'
        )
    return "".join(pieces)


def animated_body(
    frames: Sequence[Sequence[Shape]],
    times: Sequence[float],
    seconds: float,
    still: Sequence[Shape],
) -> str:
    """The moving group (painted in the first frame's order) and its reduced-motion
    still: ``still`` (the held or end position) over a faint start."""
    by_key = [{shape.key: shape for shape in frame} for frame in frames]
    key_times = ";".join(f"{t:.4f}".rstrip("0").rstrip(".") for t in times)
    moving = [
        element(s, inner=_animations([f[s.key] for f in by_key], key_times, seconds))
        for s in frames[0]
    ]
    ghost = [element(s) for s in frames[0] if s.role == "body"]
    first_body = next(i for i, s in enumerate(still) if s.role == "body")
    under = [element(s) for s in still[:first_body]]
    over = [element(s) for s in still[first_body:]]
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
            *over,
            "</g>",
        ]
    )
