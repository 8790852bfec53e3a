"""Can a viewer see what defines the exercise? Measured on the flat drawing, not in 3D.

A pose file names its defining segments (the crossed shin of a figure-four, the thighs
lowered to one side in a lying twist) and its defining contacts come from ``touching``.
A segment seen end-on is drawn short and a viewer cannot tell where it points, so each
defining segment must be drawn at least ``MIN_SHARE`` of its true length; a contact
hidden behind another part cannot be read, so it must be visible.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from supple.figures.project import Camera, Shape, to_screen
from supple.figures.scene import Scene

MIN_SHARE = 0.6


def drawn_share(scene: Scene, camera: Camera, part: str) -> float:
    """A body part's drawn length as a share of its true length."""
    capsule = scene.body.capsule(part)
    a, b = to_screen(camera, capsule.a), to_screen(camera, capsule.b)
    true = math.dist(capsule.a, capsule.b)
    return math.hypot(a[0] - b[0], a[1] - b[1]) / true if true > 0 else 1.0


def _segment_distance(
    p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    size = dx * dx + dy * dy
    share = 0.0 if size == 0 else min(max(((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / size, 0), 1)
    return math.hypot(p[0] - a[0] - dx * share, p[1] - a[1] - dy * share)


def covering(scene: Scene, camera: Camera, joint: str, allowed: Iterable[str]) -> list[str]:
    """Body parts drawn in front of ``joint`` that cover it, other than ``allowed`` (the
    parts that make the contact). Parts are painted far to near, as the figure does."""
    here = to_screen(camera, scene.body.joints[joint])
    point = (here[0], here[1])
    keep = set(allowed)
    out: list[str] = []
    for capsule in scene.body.capsules:
        if capsule.name in keep:
            continue
        a, b = to_screen(camera, capsule.a), to_screen(camera, capsule.b)
        depth = (a[2] + b[2]) / 2
        if depth <= here[2]:
            continue  # drawn before (behind) the joint's own part
        if _segment_distance(point, (a[0], a[1]), (b[0], b[1])) < capsule.radius:
            out.append(capsule.name)
    return out


def parts_at(scene: Scene, joint: str) -> set[str]:
    """The parts that meet at a joint (a contact is read where they meet); the foot
    hangs just below the ankle, so it counts as meeting there."""
    spot = scene.body.joints[joint]
    extra = {joint.replace("_ankle", "_foot")} if joint.endswith("_ankle") else set()
    return extra | {
        c.name
        for c in scene.body.capsules
        if math.dist(c.a, spot) < 1e-6 or math.dist(c.b, spot) < 1e-6
    }


def _samples(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    cx = sum(x for x, _ in points) / len(points)
    cy = sum(y for _, y in points) / len(points)
    inner = [(cx + (x - cx) * 0.6, cy + (y - cy) * 0.6) for x, y in points]
    return [(cx, cy), *inner]


def mark_visibility(shapes: Sequence[Shape], muscle: str) -> float:
    """The share of a muscle's marked area (sampled) that no body part painted after it
    covers: 0 when the body hides the whole mark from this view."""
    seen = total = 0
    for index, shape in enumerate(shapes):
        if shape.role != "mark" or not shape.key.startswith(f"mark-{muscle}-"):
            continue
        if len(set(shape.points)) == 1:
            continue  # on the face turned away: hidden by its own part
        later = [s for s in shapes[index + 1 :] if s.role == "body" and s.kind == "line"]
        for point in _samples(shape.points):
            total += 1
            if not any(
                _segment_distance(point, s.points[0], s.points[1]) < s.width / 2 for s in later
            ):
                seen += 1
    return seen / total if total else 0.0
