"""Put a posed body in the room: set it down on the floor or mat, and place its props.

Props are positioned from the body (a chair under the sitting bones, a block under the
hand it supports), so they stay in the right place whatever the angles are, and the
body can be checked against them: nothing may sink through the floor or the chair.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from supple.figures.arrows import Arrow, movement_arrows
from supple.figures.pose import Frame, Part, PoseFile, Prop
from supple.figures.skeleton import Body, Capsule, Mat, Vec, apply, pose_body, rot_y

MAT_THICKNESS = 1.5
MAT_HALF_WIDTH = 33.0
SEAT_THICKNESS = 4.0
SEAT_BEHIND = 18.0  # seat reaches this far behind the pelvis centre
SEAT_AHEAD = 26.0
SEAT_HALF_WIDTH = 23.0
BACKREST_HEIGHT = 42.0
LEG_SIZE = 3.0
MIN_RING = 8.0  # a circle cue is never smaller than a hand's width
# A limb circles about the joint it hangs from, whichever of its parts the cue follows.
LIMB_ROOTS = {"hand": "shoulder", "forearm": "shoulder", "upper_arm": "shoulder"}
LIMB_ROOTS |= {"foot": "hip", "shin": "hip", "thigh": "hip"}


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in its own frame, turned about the vertical by ``yaw``."""

    name: str
    centre: Vec
    half: Vec
    yaw: float

    def corners(self) -> list[Vec]:
        turn = rot_y(self.yaw)
        out: list[Vec] = []
        for sx in (-1, 1):
            for sy in (-1, 1):
                for sz in (-1, 1):
                    local = (sx * self.half[0], sy * self.half[1], sz * self.half[2])
                    d = apply(turn, local)
                    out.append(
                        (self.centre[0] + d[0], self.centre[1] + d[1], self.centre[2] + d[2])
                    )
        return out

    def distance(self, point: Vec) -> float:
        """Signed distance from the surface (negative inside)."""
        back = apply(rot_y(-self.yaw), _minus(point, self.centre))
        q = [abs(back[i]) - self.half[i] for i in range(3)]
        outside = math.sqrt(sum(max(v, 0.0) ** 2 for v in q))
        return outside + min(max(q[0], q[1], q[2]), 0.0)


@dataclass(frozen=True)
class Scene:
    body: Body
    surface: float  # height of what the body lies or stands on
    mat: Box | None
    chair: tuple[Box, ...]
    blocks: tuple[Box, ...]  # cushions and blocks
    straps: tuple[tuple[Vec, Vec], ...]
    seat: float | None  # height of the chair seat's top
    rings: tuple[Ring, ...] = ()
    arrows: tuple[Arrow, ...] = ()


@dataclass(frozen=True)
class Ring:
    """A circle in the room: the path a hand traces, drawn as a movement cue."""

    centre: Vec
    normal: Vec  # unit vector square to the circle's plane
    radius: float


def _minus(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def bottom(capsule: Capsule) -> float:
    return min(capsule.a[1], capsule.b[1]) - capsule.radius


def _lowest(capsule: Capsule) -> Vec:
    low = capsule.a if capsule.a[1] <= capsule.b[1] else capsule.b
    return (low[0], low[1] - capsule.radius, low[2])


def settle(frame: Frame, surface: float) -> Body:
    """The body lowered (or raised) until its lowest point just touches the surface."""
    body = pose_body(frame)
    lowest = min(bottom(c) for c in body.capsules)
    return body.moved((0.0, surface - lowest, 0.0))


def _heading(body: Body) -> float:
    """The pelvis's forward direction as a turn about the vertical, in degrees."""
    rot: Mat = body.bones["pelvis"].rotation
    forward = (rot[0][0], rot[2][0])
    return -math.degrees(math.atan2(forward[1], forward[0]))


def chair_boxes(body: Body, seated: list[str], floor: float) -> tuple[tuple[Box, ...], float]:
    # The pelvis rolls forward over the sitting bones when the trunk tips forward, so
    # the seat sits under whichever of them is lowest.
    seat_top = min(bottom(body.capsule(name)) for name in [*seated, "pelvis"])
    yaw = _heading(body)
    pelvis = body.joints["pelvis"]
    turn = rot_y(yaw)

    def at(dx: float, dy: float, dz: float) -> Vec:
        d = apply(turn, (dx, 0.0, dz))
        return (pelvis[0] + d[0], dy, pelvis[2] + d[2])

    mid = (SEAT_AHEAD - SEAT_BEHIND) / 2
    half_depth = (SEAT_AHEAD + SEAT_BEHIND) / 2
    seat_mid = seat_top - SEAT_THICKNESS / 2
    boxes = [
        Box("seat", at(mid, seat_mid, 0.0), (half_depth, SEAT_THICKNESS / 2, SEAT_HALF_WIDTH), yaw)
    ]
    leg_height = seat_top - SEAT_THICKNESS - floor
    for dx in (-SEAT_BEHIND + LEG_SIZE, SEAT_AHEAD - LEG_SIZE):
        for dz in (-SEAT_HALF_WIDTH + LEG_SIZE, SEAT_HALF_WIDTH - LEG_SIZE):
            centre = at(dx, floor + leg_height / 2, dz)
            boxes.append(
                Box("chair-leg", centre, (LEG_SIZE / 2, leg_height / 2, LEG_SIZE / 2), yaw)
            )
    back = at(-SEAT_BEHIND + 1.5, seat_top + BACKREST_HEIGHT / 2, 0.0)
    boxes.append(Box("backrest", back, (1.5, BACKREST_HEIGHT / 2, SEAT_HALF_WIDTH), yaw))
    return tuple(boxes), seat_top


def _support(body: Body, prop: Prop, floor: float) -> Box:
    assert prop.under is not None  # guaranteed by the Prop model
    low = _lowest(body.capsule(prop.under))
    height = max(low[1] - floor, 1.0)
    size = (15.0, 12.0) if prop.kind == "cushion" else (11.0, 7.5)
    return Box(prop.kind, (low[0], floor + height / 2, low[2]), (size[0], height / 2, size[1]), 0.0)


def held_supports(pose: PoseFile, body: Body, floor: float) -> tuple[Box, ...]:
    """The cushions and blocks, each under its part as ``body`` (the held position) has it."""
    return tuple(_support(body, p, floor) for p in pose.props if p.kind in ("cushion", "block"))


def _strap(body: Body, prop: Prop) -> tuple[Vec, Vec]:
    assert prop.start is not None and prop.end is not None
    a, b = body.capsule(prop.start), body.capsule(prop.end)
    mid_b = tuple((b.a[i] + b.b[i]) / 2 for i in range(3))
    return (a.b, (mid_b[0], mid_b[1], mid_b[2]))


def _tip(body: Body, part: Part) -> Vec:
    return body.capsule(part).b


def rings(pose: PoseFile, first: Body, second: Body) -> tuple[Ring, ...]:
    """Each circle cue passes through the part's tip in both frames, in the plane square
    to the limb, so the two stills sit on the ring they move around."""
    out: list[Ring] = []
    for prop in pose.props:
        if prop.kind != "circle" or prop.around is None:
            continue
        a, b = _tip(first, prop.around), _tip(second, prop.around)
        centre = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)
        side, _, segment = prop.around.partition("_")
        limb_root = LIMB_ROOTS.get(segment)
        root = first.joints[f"{side}_{limb_root}"] if limb_root else first.capsule(prop.around).a
        axis = _minus(centre, root)
        size = math.sqrt(sum(v * v for v in axis)) or 1.0
        normal = (axis[0] / size, axis[1] / size, axis[2] / size)
        out.append(Ring(centre, normal, max(math.dist(a, b) / 2, MIN_RING)))
    return tuple(out)


def build(
    pose: PoseFile,
    frame: Frame,
    extent: tuple[float, float] | None = None,
    cues: tuple[Ring, ...] | None = None,
    body: Body | None = None,
    supports: tuple[Box, ...] | None = None,
    arrows: tuple[Arrow, ...] = (),
) -> Scene:
    """One frame of an exercise in the room; ``extent`` fixes the mat's length, ``cues``
    the movement rings and ``supports`` the cushions and blocks, so all stay still while
    the body moves between frames; ``arrows`` are the movement's direction arrows.
    ``body`` is the frame already placed (by the motion solver); without it the frame
    is simply set down on the surface."""
    surface = MAT_THICKNESS if pose.surface == "mat" else 0.0
    body = body if body is not None else settle(frame, surface)
    mat = None
    if pose.surface == "mat":
        low, high = extent if extent is not None else body_extent(body)
        mat = Box(
            "mat",
            ((low + high) / 2, MAT_THICKNESS / 2, 0.0),
            ((high - low) / 2, MAT_THICKNESS / 2, MAT_HALF_WIDTH),
            0.0,
        )
    chair: tuple[Box, ...] = ()
    seat = None
    if any(p.kind == "chair" for p in pose.props):
        chair, seat = chair_boxes(body, list(frame.on_chair), 0.0)
    blocks = supports if supports is not None else held_supports(pose, body, surface)
    straps = tuple(_strap(body, p) for p in pose.props if p.kind == "strap")
    cues = rings(pose, body, body) if cues is None else cues
    return Scene(body, surface, mat, chair, blocks, straps, seat, cues, arrows)


def body_extent(body: Body, margin: float = 12.0) -> tuple[float, float]:
    xs = [x for c in body.capsules for x in (c.a[0] - c.radius, c.b[0] + c.radius)]
    xs += [x for c in body.capsules for x in (c.b[0] - c.radius, c.a[0] + c.radius)]
    return min(xs) - margin, max(xs) + margin


def build_all(
    pose: PoseFile,
    bodies: list[tuple[Frame, Body]],
    mat_margin: float = 12.0,
    path: Sequence[Body] = (),
) -> list[Scene]:
    """Scenes for a run of placed frames sharing one mat and one set of movement rings
    (the rings from the first and the loop's end frame, ``bodies[-1]``) and one set of
    cushions and blocks, where the held position (``bodies[-1]``) rests on them: a
    cushion waits on the mat for the head to come down to it. ``mat_margin``
    is how far the mat reaches past the body at each end: a flat drawing of a lying
    body keeps it short, since the mat's length sets the figure's width and so how
    small the body is drawn on a phone. ``path`` is the keyframes of the move from
    the start to the end position, along which the pose's direction arrows run."""
    spans = [body_extent(body, mat_margin) for _, body in bodies]
    extent = (min(a for a, _ in spans), max(b for _, b in spans))
    cues = rings(pose, bodies[0][1], bodies[-1][1])
    surface = MAT_THICKNESS if pose.surface == "mat" else 0.0
    supports = held_supports(pose, bodies[-1][1], surface)
    arrows = movement_arrows(pose.arrows, path, surface) if path else ()
    return [build(pose, frame, extent, cues, body, supports, arrows) for frame, body in bodies]


def build_pair(pose: PoseFile) -> tuple[Scene, Scene]:
    """Start and end scenes sharing one mat, as the motion solver places them."""
    from supple.figures.keyframes import motion

    solved = motion(pose)
    keys = [k for move in solved.moves for k in move]
    end = solved.phases[solved.end_index(pose)]
    everything = [(k.frame, k.body) for k in keys] + [(end.frame, end.body)]
    scenes = build_all(pose, everything, path=solved.out_path(pose))
    return scenes[0], scenes[-1]
