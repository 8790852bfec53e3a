"""Direction arrows: the path a moving part really takes from the start to the end.

A rep or a flow is learnt by where the part goes, so its figure carries an arrow along
that path (the knee rising in a march, the shoulder coming round in a twist). The pose
file names the part (``arrows``); the path is read from the solved keyframes of the
move out, so it is the motion the animation shows, not a drawn guess. It is set a
little outside the curve the part travels on (``OFFSET``), so the limb does not cover
it, and the still pictures say which way the body goes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from supple.figures.skeleton import Body, Vec

OFFSET = 6.0  # centimetres from the part's own path, on the outside of its curve
HEAD = 4.5  # an arrowhead's length, centimetres (shorter on a short path)


@dataclass(frozen=True)
class Arrow:
    """One movement arrow in the room: ``joint``'s path shifted by ``OFFSET``, tail first."""

    joint: str
    path: tuple[Vec, ...]


def _unit(v: Vec) -> Vec | None:
    size = math.sqrt(sum(c * c for c in v))
    return None if size < 1e-9 else (v[0] / size, v[1] / size, v[2] / size)


def _outward(points: Sequence[Vec]) -> Vec:
    """The side of the path its curve bulges toward (the chord's middle to the path's
    middle); for a straight path, up across it (or sideways for a path straight up)."""
    first, last = points[0], points[-1]
    middle = points[len(points) // 2]
    bulge = tuple(middle[i] - (first[i] + last[i]) / 2 for i in range(3))
    if math.sqrt(sum(c * c for c in bulge)) >= 1.0:
        found = _unit((bulge[0], bulge[1], bulge[2]))
        if found is not None:
            return found
    chord = _unit((last[0] - first[0], last[1] - first[1], last[2] - first[2])) or (1.0, 0, 0)
    for guess in ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)):
        along = sum(guess[i] * chord[i] for i in range(3))
        across = _unit(
            (guess[0] - along * chord[0], guess[1] - along * chord[1], guess[2] - along * chord[2])
        )
        if across is not None and abs(along) < 0.95:
            return across
    return (0.0, 0.0, 1.0)


def joint_path(bodies: Sequence[Body], joint: str) -> tuple[Vec, ...]:
    """Where ``joint`` is in each keyframe, in order."""
    return tuple(body.joints[joint] for body in bodies)


def movement_arrows(
    joints: Sequence[str], bodies: Sequence[Body], floor: float = 0.0
) -> tuple[Arrow, ...]:
    """An arrow for each named joint along its path through ``bodies`` (the keyframes
    from the start to the end position), kept above the ``floor``."""
    out: list[Arrow] = []
    for joint in joints:
        path = joint_path(bodies, joint)
        away = _outward(path)
        shifted = tuple(
            (
                p[0] + away[0] * OFFSET,
                max(p[1] + away[1] * OFFSET, floor + 1.0),
                p[2] + away[2] * OFFSET,
            )
            for p in path
        )
        out.append(Arrow(joint, shifted))
    return tuple(out)


def length(path: Sequence[Vec]) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(path))


def head_size(path: Sequence[Vec]) -> float:
    """The arrowhead's length: ``HEAD``, or less on a short path, so the head never
    stands out past the movement it points along."""
    return min(HEAD, 0.6 * length(path))
