"""The figure as points in the room, for the exercise page's 3D viewer.

The viewer (``web/static/viewer3d.js``) has no body model of its own: it draws a
rounded rod between the two points of every part it is given, and a box for each
prop. Everything it draws comes from here, from the same solved keyframes, scenes and
muscle marks the SVG figure uses, so the two can never disagree about a pose. The
parts are whatever the skeleton's bodies hold (a new segment shows up in the viewer
without a change here or in the script).

The SVG's teaching marks come too: each circle cue (ring and arrowhead) as points for
a tube and a cone, and each muscle mark says whether the muscle is deep, so the viewer
draws it see-through and the legend names it deep, as the SVG dashes it.

Coordinates are the skeleton's centimetres (x forward, y up, z to the body's right).
The right side is the left side's mirror image, as in the SVG: mirrored front to back
(x to -x), so the viewer's starting camera shows the same picture as the right-side
drawing, and every left part is renamed right and back again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from supple.catalog import Catalog, default_catalog
from supple.catalog.models import Exercise
from supple.figures.arrows import head_size
from supple.figures.draw import marked, phase_words, targets
from supple.figures.keyframes import Key, motion_for
from supple.figures.library import load_pose
from supple.figures.motion import schedule, timing
from supple.figures.muscles import RANK_COLOURS, REGIONS, bands
from supple.figures.pose import PoseFile
from supple.figures.project import (
    BLOCK_FILL,
    CHAIR_FILL,
    MAT_FILL,
    RING,
    STRAP,
    camera_for,
    ring_cues,
)
from supple.figures.scene import Box, Scene, build_all
from supple.figures.skeleton import Vec

FigureSide = Literal["left", "right"]
# The SVG is a light line drawing (pale fills inside dark outlines); the 3D model has no
# outlines, so its parts carry their own greys: the drawn side dark, the far side light.
NEAR, FAR, TRUNK = "#3f4650", "#a4abb4", "#6b7480"
PLACES = 1  # decimals kept: a millimetre, well inside what a bone may drift
STRAP_RADIUS = 1.0
BOX_COLOURS = {"mat": MAT_FILL, "seat": CHAIR_FILL, "chair-leg": CHAIR_FILL}
BOX_COLOURS |= {"backrest": CHAIR_FILL, "cushion": BLOCK_FILL, "block": BLOCK_FILL}


@dataclass(frozen=True)
class Rod:
    """What the viewer needs to know about a part once: how to draw it."""

    name: str
    kind: Literal["body", "mark", "strap"]
    radius: float
    colour: str
    deep: bool = False  # a deep muscle's mark, drawn see-through as the SVG dashes it


def swap_side(name: str) -> str:
    """``left_thigh`` <-> ``right_thigh``, ``mark-piriformis-left`` <-> ``...-right``;
    a name without a side is left alone."""
    other = {"left": "right", "right": "left"}
    head, sep, rest = name.partition("_")
    if sep and head in other:
        return f"{other[head]}_{rest}"
    rest, sep, tail = name.rpartition("-")
    if sep and tail in other:
        return f"{rest}-{other[tail]}"
    return name


def _point(p: Vec, side: FigureSide) -> list[float]:
    x = -p[0] if side == "right" else p[0]
    return [round(x, PLACES) + 0.0, round(p[1], PLACES) + 0.0, round(p[2], PLACES) + 0.0]


def _box(box: Box, side: FigureSide) -> list[float]:
    yaw = -box.yaw if side == "right" else box.yaw
    return [*_point(box.centre, side), *(round(h, PLACES) for h in box.half), round(yaw, 2) + 0.0]


def _boxes(scene: Scene) -> list[Box]:
    return [*([scene.mat] if scene.mat else []), *scene.chair, *scene.blocks]


def _rods(scene: Scene, pose: PoseFile, exercise: Exercise, side: FigureSide) -> list[Rod]:
    """Every part of the first scene, named for ``side``: body, straps, muscle marks."""
    rods = []
    for capsule in scene.body.capsules:
        # The drawn side's own limbs are dark, the other side's light, the trunk between.
        tone = TRUNK if capsule.side == "centre" or capsule.group == "torso" else FAR
        if capsule.side == "left" and capsule.group != "torso":
            tone = NEAR
        rods.append(Rod(capsule.name, "body", capsule.radius, tone))
    rods += [Rod(f"strap-{i}", "strap", STRAP_RADIUS, STRAP) for i in range(len(scene.straps))]
    rank = {muscle: i for i, muscle in enumerate(marked(exercise))}
    for muscle, muscle_side in targets(pose, exercise):
        # One rod per piece of the muscle's region, as wide as the SVG's band, in the
        # colour of its rank (the main target first), so both drawings agree.
        colour = RANK_COLOURS[rank[muscle]]
        for i, band in enumerate(bands(scene.body, muscle, muscle_side)):
            name = _mark_name(muscle, i, muscle_side)
            rods.append(Rod(name, "mark", band.width / 2, colour, REGIONS[muscle].deep))
    return rods


def _mark_name(muscle: str, piece: int, side: str) -> str:
    """``mark-<muscle>-<piece>-<side>``: the side last, so ``swap_side`` can swap it."""
    return f"mark-{muscle}-{piece}-{side}"


def _ends(scene: Scene, pose: PoseFile, exercise: Exercise) -> dict[str, tuple[Vec, Vec]]:
    ends = {c.name: (c.a, c.b) for c in scene.body.capsules}
    ends |= {f"strap-{i}": strap for i, strap in enumerate(scene.straps)}
    for muscle, muscle_side in targets(pose, exercise):
        for i, band in enumerate(bands(scene.body, muscle, muscle_side)):
            ends[_mark_name(muscle, i, muscle_side)] = (band.start, band.end)
    return ends


def _arrows(scene: Scene, side: FigureSide) -> list[dict[str, Any]]:
    """The SVG's movement cues in the room: each ring as a closed path of points and its
    arrowhead as a cone (tip, centre of its base, base radius), and each direction
    arrow as an open path with its cone, from the same geometry."""
    out = []
    for i, cue in enumerate(ring_cues(scene)):
        tip, one, two = cue.head
        base = ((one[0] + two[0]) / 2, (one[1] + two[1]) / 2, (one[2] + two[2]) / 2)
        out.append(
            {
                "name": f"ring-{i}",
                "colour": RING,
                "path": [_point(p, side) for p in cue.loop],
                "tip": _point(tip, side),
                "base": _point(base, side),
                "radius": round(math.dist(one, two) / 2, PLACES),
                "closed": True,
            }
        )
    for i, arrow in enumerate(scene.arrows):
        # A direction arrow: an open tube along the path, its cone on the last stretch.
        size = head_size(arrow.path)
        tip = arrow.path[-1]
        back = next((p for p in reversed(arrow.path[:-1]) if math.dist(p, tip) >= size), None)
        back = back or arrow.path[0]
        share = size / (math.dist(back, tip) or 1.0)
        foot = tuple(tip[k] + (back[k] - tip[k]) * share for k in range(3))
        out.append(
            {
                "name": f"move-{i}",
                "colour": RING,
                "path": [_point(p, side) for p in arrow.path],
                "tip": _point(tip, side),
                "base": _point((foot[0], foot[1], foot[2]), side),
                "radius": round(size * 0.6, PLACES),
                "closed": False,
            }
        )
    return out


def _still_index(timeline: Sequence[tuple[float, Key]], end: Key) -> int:
    """Where the loop reaches the held (or end) position, shown when motion is reduced."""
    for index, (_, key) in enumerate(timeline):
        if key is end:
            return index
    return len(timeline) // 2


def solid_motion(
    exercise_id: str, side: FigureSide = "left", catalog: Catalog | None = None
) -> dict[str, Any]:
    """The exercise's loop as JSON-ready data: parts once, then their end points (and
    the props' boxes) in every keyframe, with the share of the loop each is reached at.

    Raises ``UnknownIdError`` for an id the catalog does not know.
    """
    book = catalog or default_catalog()
    exercise = book.exercise(exercise_id)
    pose = load_pose(exercise.id)
    solved = motion_for(exercise.id)
    end_index = solved.end_index(pose)
    plan = timing(exercise, len(solved.moves))
    timeline = schedule(solved, end_index, plan)
    bodies = [(key.frame, key.body) for _, key in timeline]
    scenes = build_all(pose, bodies, path=solved.out_path(pose))
    rods = _rods(scenes[0], pose, exercise, side)
    frames = []
    for scene in scenes:
        ends = _ends(scene, pose, exercise)
        frames.append(
            {
                "parts": [
                    [*_point(ends[r.name][0], side), *_point(ends[r.name][1], side)] for r in rods
                ],
                "boxes": [_box(box, side) for box in _boxes(scene)],
            }
        )
    rename = swap_side if side == "right" else str
    camera = camera_for(pose)
    first, second = phase_words(exercise)
    muscles = marked(exercise)
    who = f", {side} side" if exercise.per_side else ""
    return {
        "exercise": exercise.id,
        "name": exercise.name,
        "side": side,
        "per_side": exercise.per_side,
        "description": (
            f"3D model of {exercise.name}{who}, moving between {first} and {second}. "
            f"Marked muscles: {', '.join(book.muscles[m].name for m in muscles)}."
        ),
        "seconds": plan.seconds,
        "times": [round(share, 4) for share, _ in timeline],
        "still": _still_index(timeline, solved.phases[end_index]),
        "camera": {"azimuth": camera.azimuth, "elevation": camera.elevation},
        "floor": 0.0,
        "parts": [
            {
                "name": rename(r.name),
                "kind": r.kind,
                "radius": r.radius,
                "colour": r.colour,
                "deep": r.deep,
            }
            for r in rods
        ],
        "boxes": [
            {"name": box.name, "colour": BOX_COLOURS.get(box.name, BLOCK_FILL)}
            for box in _boxes(scenes[0])
        ],
        "muscles": [
            {
                "name": book.muscles[m].name,
                "colour": RANK_COLOURS[i],
                "deep": REGIONS[m].deep,
            }
            for i, m in enumerate(muscles)
        ],
        "arrows": _arrows(scenes[0], side),
        "frames": frames,
    }
