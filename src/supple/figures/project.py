"""The viewpoint: turn the room toward the viewer and flatten it (orthographic).

The result is a flat list of shapes already in painting order (far first), each with a
stable key so the two frames of a movement can be matched shape for shape. Limbs on the
side nearer the viewer are drawn darker, the usual convention in exercise drawings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from supple.figures.arrows import head_size
from supple.figures.muscles import RANK_COLOURS, REGIONS, Band, bands
from supple.figures.pose import PoseFile
from supple.figures.scene import Box, Ring, Scene
from supple.figures.skeleton import Capsule, Mat, Vec, apply, chain, rot_x, rot_y

Point = tuple[float, float]

# A line drawing: light fills inside dark outlines, the near limbs a shade darker. The
# fills are light enough that both muscle colours keep 3:1 contrast on every one.
NEAR, FAR, TRUNK, OUTLINE = "#e1e5ea", "#f4f6f8", "#ebeef1", "#1f242b"
BODY_FILLS = (NEAR, FAR, TRUNK)
MAT_FILL, MAT_EDGE = "#9bc4b8", "#5f8f82"
CHAIR_FILL, CHAIR_EDGE = "#c8a57a", "#7a5c3a"
BLOCK_FILL = "#d9c9ef"
STRAP = "#d1495b"
RING = "#2f6fb3"  # movement cues, apart from the body greys and the muscle colours
RING_WIDTH, RING_POINTS, ARROW = 1.4, 32, 4.5
OUTLINE_WIDTH = 1.6
DEEP_FILL, DEEP_EDGE = 0.35, 1.3  # a deep muscle: pale fill inside a dashed edge
HIDDEN_FACE = -0.3  # a band whose surface turns further than this from the viewer is hidden
CAP_POINTS = 6


@dataclass(frozen=True)
class Camera:
    azimuth: float  # turn of the room about the vertical, degrees
    elevation: float  # how far above the body the viewer looks from, degrees

    def matrix(self) -> Mat:
        return chain(rot_x(self.elevation), rot_y(self.azimuth))


CAMERAS: dict[str, Camera] = {
    "side": Camera(0.0, 0.0),
    "three-quarter": Camera(40.0, 25.0),
}


def camera_for(pose: PoseFile) -> Camera:
    """The pose's own viewpoint when it names one, else its view's usual angle."""
    if pose.camera is not None:
        return Camera(pose.camera.azimuth, pose.camera.elevation)
    return CAMERAS[pose.view]


@dataclass(frozen=True)
class Shape:
    key: str
    kind: Literal["line", "polygon", "polyline"]
    points: tuple[Point, ...]
    width: float  # stroke width of a line (its diameter); 0 for polygons
    fill: str
    stroke: str = "none"
    opacity: float = 1.0
    depth: float = 0.0
    role: Literal["body", "mark", "prop", "ground"] = "body"
    dash: bool = False
    fill_opacity: float = 1.0

    def mirrored(self) -> Shape:
        return replace(self, points=tuple((-x, y) for x, y in self.points))


def to_screen(camera: Camera, point: Vec) -> tuple[float, float, float]:
    """(x right, y down as in SVG, depth toward the viewer)."""
    x, y, z = apply(camera.matrix(), point)
    return (x, -y, z)


def _flat(camera: Camera, point: Vec) -> Point:
    x, y, _ = to_screen(camera, point)
    return (round(x, 2), round(y, 2))


def _box(camera: Camera, box: Box, key: str, fill: str, edge: str) -> Shape:
    pts = [to_screen(camera, c) for c in box.corners()]
    hull = _convex_hull([(round(p[0], 2), round(p[1], 2)) for p in pts])
    depth = sum(p[2] for p in pts) / len(pts)
    return Shape(key, "polygon", tuple(hull), 0.0, fill, edge, 1.0, depth, "prop")


def _convex_hull(points: list[Point]) -> list[Point]:
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    upper: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def near_side(scene: Scene, camera: Camera) -> str:
    """The side whose hip and shoulder are nearer the viewer; left on a tie."""
    j = scene.body.joints

    def depth(side: str) -> float:
        return sum(to_screen(camera, j[f"{side}_{n}"])[2] for n in ("hip", "shoulder"))

    return "right" if depth("right") > depth("left") + 3.0 else "left"


def _colour(capsule: Capsule, near: str) -> str:
    if capsule.side == "centre" or capsule.group == "torso":
        return TRUNK
    return NEAR if capsule.side == near else FAR


# Parts that meet at a joint: (first, second, shared end of first, shared end of second).
JOINED: tuple[tuple[str, str, str, str], ...] = (
    ("left_thigh", "left_shin", "b", "a"),
    ("right_thigh", "right_shin", "b", "a"),
    ("left_upper_arm", "left_forearm", "b", "a"),
    ("right_upper_arm", "right_forearm", "b", "a"),
    ("left_forearm", "left_hand", "b", "a"),
    ("right_forearm", "right_hand", "b", "a"),
    ("lower_back", "lumbar", "b", "a"),
    ("lumbar", "mid_back", "b", "a"),
    ("mid_back", "chest", "b", "a"),
    ("face", "head", "a", "a"),
)


def _seam_patch(
    camera: Camera, under: Capsule, end: str, over: Capsule, colour: str, key: str
) -> Shape:
    """Repaint the end of ``under`` where ``over`` meets it, hiding the outline seam
    that ``over`` drew across the joint, so a limb reads as one piece."""
    joint = _flat(camera, under.a if end == "a" else under.b)
    other = _flat(camera, under.b if end == "a" else under.a)
    dx, dy = other[0] - joint[0], other[1] - joint[1]
    length = (dx * dx + dy * dy) ** 0.5
    reach = min(length, over.radius + OUTLINE_WIDTH + 0.5)
    tip = joint if length == 0 else (joint[0] + dx * reach / length, joint[1] + dy * reach / length)
    tip = (round(tip[0], 2), round(tip[1], 2))
    return Shape(key, "line", (joint, tip), 2 * under.radius, colour)


SPINE_PARTS = ("lower_back", "lumbar", "mid_back", "chest")


def body_shapes(
    scene: Scene, camera: Camera, marks: dict[str, list[Shape]] | None = None
) -> list[Shape]:
    """Body parts far to near, each outline just under its own fill. Where a part joins
    one already drawn in the same limb, the seam across the joint is painted over. The
    muscle marks on a part (``marks``, by part name) are painted right after it, so the
    parts nearer the viewer cover them."""
    near = near_side(scene, camera)

    def depth(capsule: Capsule) -> float:
        return (to_screen(camera, capsule.a)[2] + to_screen(camera, capsule.b)[2]) / 2

    drawn: set[str] = set()
    out: list[Shape] = []
    for capsule in sorted(scene.body.capsules, key=depth):
        ends = (_flat(camera, capsule.a), _flat(camera, capsule.b))
        d = depth(capsule)
        width = 2 * capsule.radius + 2 * OUTLINE_WIDTH
        colour = _colour(capsule, near)
        out.append(Shape(f"{capsule.name}-edge", "line", ends, width, OUTLINE, depth=d))
        out.append(Shape(capsule.name, "line", ends, 2 * capsule.radius, colour, depth=d))
        for first, second, end_first, end_second in JOINED:
            if capsule.name not in (first, second):
                continue
            other = second if capsule.name == first else first
            if other not in drawn:
                continue
            under = scene.body.capsule(other)
            end = end_second if other == second else end_first
            key = f"seam-{first}-{second}"
            out.append(_seam_patch(camera, under, end, capsule, _colour(under, near), key))
        drawn.add(capsule.name)
        # Marks on the back and belly wait until the whole trunk is drawn: its four
        # segments overlap, and each would otherwise paint over the one before.
        hosts = SPINE_PARTS if capsule.name in SPINE_PARTS else (capsule.name,)
        if set(hosts) <= drawn:
            for host in hosts:
                out += (marks or {}).get(host, [])
    return out


def _nearest_on(p: Point, a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    size = dx * dx + dy * dy
    t = 0.0 if size == 0 else min(max(((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / size, 0.0), 1.0)
    return (a[0] + dx * t, a[1] + dy * t)


def _inside(p: Point, a: Point, b: Point, reach: float) -> Point:
    """``p`` pulled toward the segment a-b until it is at most ``reach`` from it."""
    q = _nearest_on(p, a, b)
    gap = math.hypot(p[0] - q[0], p[1] - q[1])
    if gap <= reach:
        return p
    return (q[0] + (p[0] - q[0]) * reach / gap, q[1] + (p[1] - q[1]) * reach / gap)


def _stadium(a: Point, b: Point, half: float) -> tuple[Point, ...]:
    """A band with round ends as a polygon (the same number of points in every frame,
    so it can be animated)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    angle = math.atan2(dy, dx) if (dx or dy) else 0.0
    out: list[Point] = []
    for centre, start in ((b, angle - math.pi / 2), (a, angle + math.pi / 2)):
        for k in range(CAP_POINTS + 1):
            t = start + math.pi * k / CAP_POINTS
            out.append(
                (round(centre[0] + half * math.cos(t), 2), round(centre[1] + half * math.sin(t), 2))
            )
    return tuple(out)


def band_shape(camera: Camera, band: Band, key: str, colour: str, deep: bool) -> Shape:
    """One piece of a muscle, inside its host part's drawn outline; a piece on the face
    turned away from the viewer is drawn with no size (hidden, and still animatable)."""
    turn = camera.matrix()
    facing = sum(apply(turn, n)[2] for n in band.normals) / 2
    host_a, host_b = _flat(camera, band.host.a), _flat(camera, band.host.b)
    half = band.width / 2
    reach = max(band.host.radius - half, 0.0)
    ends = [_inside(_flat(camera, p), host_a, host_b, reach) for p in (band.start, band.end)]
    if facing < HIDDEN_FACE:
        middle = _nearest_on(ends[0], host_a, host_b)
        ends, half = [middle, middle], 0.0
    points = _stadium(ends[0], ends[1], half)
    if deep:
        return Shape(
            key,
            "polygon",
            points,
            DEEP_EDGE,
            colour,
            colour,
            role="mark",
            dash=True,
            fill_opacity=DEEP_FILL,
        )
    return Shape(key, "polygon", points, 0.0, colour, role="mark")


def mark_shapes(
    scene: Scene,
    camera: Camera,
    targets: list[tuple[str, str]],
    hidden: set[tuple[str, str]] | None = None,
) -> dict[str, list[Shape]]:
    """Each marked muscle's pieces, by the part they lie on. ``targets`` lists the main
    target first, painted over the second; a deep muscle's dashed outline is painted
    over a surface one, so it shows through the muscle that covers it."""
    ranks = {muscle: rank for rank, muscle in enumerate(dict.fromkeys(m for m, _ in targets))}
    out: dict[str, list[Shape]] = {}
    for muscle, side in sorted(targets, key=lambda t: (REGIONS[t[0]].deep, -ranks[t[0]])):
        region = REGIONS[muscle]
        colour = RANK_COLOURS[min(ranks[muscle], len(RANK_COLOURS) - 1)]
        for i, band in enumerate(bands(scene.body, muscle, side)):
            key = f"mark-{muscle}-{side}-{i}"
            shape = band_shape(camera, band, key, colour, region.deep)
            if (muscle, side) in (hidden or set()):
                shape = replace(shape, points=(shape.points[0],) * len(shape.points))
            out.setdefault(band.host.name, []).append(shape)
    return out


def prop_shapes(scene: Scene, camera: Camera) -> list[Shape]:
    out: list[Shape] = []
    if scene.mat is not None:
        out.append(_box(camera, scene.mat, "mat", MAT_FILL, MAT_EDGE))
    for i, box in enumerate(scene.chair):
        out.append(_box(camera, box, f"chair-{i}", CHAIR_FILL, CHAIR_EDGE))
    for i, box in enumerate(scene.blocks):
        out.append(_box(camera, box, f"{box.name}-{i}", BLOCK_FILL, OUTLINE))
    return out


def strap_shapes(scene: Scene, camera: Camera) -> list[Shape]:
    return [
        Shape(f"strap-{i}", "line", (_flat(camera, a), _flat(camera, b)), 2.0, STRAP, role="prop")
        for i, (a, b) in enumerate(scene.straps)
    ]


def _unit(v: Vec) -> Vec:
    size = sum(c * c for c in v) ** 0.5 or 1.0
    return (v[0] / size, v[1] / size, v[2] / size)


def _across(v: Vec, normal: Vec) -> Vec:
    """``v`` with its component along ``normal`` removed: its direction within the plane."""
    along = sum(v[i] * normal[i] for i in range(3))
    return _unit((v[0] - along * normal[0], v[1] - along * normal[1], v[2] - along * normal[2]))


@dataclass(frozen=True)
class RingCue:
    """A circle cue in the room: the loop's points and its arrowhead's three corners
    (the tip first), worked out once for the SVG and the 3D viewer alike."""

    loop: tuple[Vec, ...]
    head: tuple[Vec, Vec, Vec]


def ring_cues(scene: Scene) -> list[RingCue]:
    """Each circle cue as a ring with an arrowhead at its top pointing the way the body
    faces, the direction of forward arm circles."""
    ahead = apply(scene.body.bones["pelvis"].rotation, (1.0, 0.0, 0.0))
    out: list[RingCue] = []
    for ring in scene.rings:
        up = _across((0.0, 1.0, 0.0), ring.normal)
        front = _across(_across(ahead, ring.normal), up)

        def at(a: float, b: float, ring: Ring = ring, up: Vec = up, front: Vec = front) -> Vec:
            c = ring.centre
            return (
                c[0] + a * up[0] + b * front[0],
                c[1] + a * up[1] + b * front[1],
                c[2] + a * up[2] + b * front[2],
            )

        r = ring.radius
        steps = [2 * math.pi * k / RING_POINTS for k in range(RING_POINTS)]
        loop = tuple(at(r * math.cos(t), r * math.sin(t)) for t in steps)
        head = (at(r, ARROW), at(r + ARROW * 0.7, -ARROW * 0.6), at(r - ARROW * 0.7, -ARROW * 0.6))
        out.append(RingCue(loop, head))
    return out


def ring_shapes(scene: Scene, camera: Camera) -> list[Shape]:
    """The circle cues drawn flat: an outlined ring and a filled arrowhead each."""
    out: list[Shape] = []
    for i, cue in enumerate(ring_cues(scene)):
        loop = tuple(_flat(camera, p) for p in cue.loop)
        head = tuple(_flat(camera, p) for p in cue.head)
        out.append(Shape(f"ring-{i}", "polygon", loop, RING_WIDTH, "none", RING, role="prop"))
        out.append(Shape(f"ring-{i}-arrow", "polygon", head, 0.0, RING, RING, role="prop"))
    return out


def arrow_shapes(scene: Scene, camera: Camera) -> list[Shape]:
    """The direction arrows drawn flat: a line along the path and a filled head at its
    end, turned the way the path ends as the viewer sees it."""
    out: list[Shape] = []
    for i, arrow in enumerate(scene.arrows):
        line = tuple(_flat(camera, p) for p in arrow.path)
        size = head_size(arrow.path)
        tip = line[-1]
        # The head points along the last stretch of the drawn path that is long enough
        # to give a direction.
        back = next((p for p in reversed(line[:-1]) if math.dist(p, tip) >= size * 0.5), line[0])
        dx, dy = tip[0] - back[0], tip[1] - back[1]
        norm = math.hypot(dx, dy) or 1.0
        ux, uy = dx / norm, dy / norm
        base = (tip[0] - ux * size, tip[1] - uy * size)
        half = size * 0.6
        head = (
            tip,
            (round(base[0] - uy * half, 2), round(base[1] + ux * half, 2)),
            (round(base[0] + uy * half, 2), round(base[1] - ux * half, 2)),
        )
        # The line stops inside the head, so its round end does not poke out of the tip.
        stop = next(
            (k for k in range(len(line) - 1, 0, -1) if math.dist(line[k], tip) >= size * 0.5), 1
        )
        shaft = (
            *line[:stop],
            (round(base[0] + ux * size * 0.3, 2), round(base[1] + uy * size * 0.3, 2)),
        )
        out.append(
            Shape(f"move-{i}", "polyline", shaft, RING_WIDTH * 1.3, "none", RING, role="prop")
        )
        out.append(Shape(f"move-{i}-head", "polygon", head, 0.0, RING, RING, role="prop"))
    return out


def flatten(
    scene: Scene,
    camera: Camera,
    targets: list[tuple[str, str]],
    hidden: set[tuple[str, str]] | None = None,
) -> list[Shape]:
    """Everything in painting order: mat, chair and blocks, the body with its muscle
    marks, straps, movement rings and direction arrows."""
    return [
        *prop_shapes(scene, camera),
        *body_shapes(scene, camera, mark_shapes(scene, camera, targets, hidden)),
        *strap_shapes(scene, camera),
        *ring_shapes(scene, camera),
        *arrow_shapes(scene, camera),
    ]
