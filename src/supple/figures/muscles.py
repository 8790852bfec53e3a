"""Where each catalog muscle sits on the body, so a figure can colour the target area.

A mark is a short rounded band between two points, each fixed in a bone's frame
(centimetres forward, up and outward from the bone's start), so it follows the body
through every pose. Lateral offsets are outward for the side being marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.figures.skeleton import Body, Vec, add, apply

Anchor = tuple[str, Vec]  # bone name ("{side}_thigh" is filled in), offset in its frame


@dataclass(frozen=True)
class Region:
    start: Anchor
    end: Anchor
    width: float
    colour: str


REGIONS: dict[str, Region] = {
    "gluteus-maximus": Region(
        ("pelvis", (-10.0, -3.0, 7.5)), ("pelvis", (-8.0, -12.0, 9.0)), 11.0, "#e4572e"
    ),
    "gluteus-medius": Region(
        ("pelvis", (-4.0, 7.0, 12.0)), ("pelvis", (-1.0, -1.0, 13.0)), 8.0, "#f3a712"
    ),
    "gluteus-minimus": Region(
        ("pelvis", (1.0, 5.0, 13.0)), ("pelvis", (3.0, -2.0, 13.5)), 5.5, "#8cb33e"
    ),
    "piriformis": Region(
        ("pelvis", (-9.0, 1.0, 3.0)), ("pelvis", (-5.0, -5.0, 11.0)), 4.5, "#b5179e"
    ),
    "quadratus-lumborum": Region(
        ("lumbar", (-5.0, 1.0, 7.0)), ("lumbar", (-5.0, 18.0, 7.0)), 5.5, "#7b2cbf"
    ),
    "erector-spinae": Region(
        ("lumbar", (-10.0, -1.0, 3.5)), ("thorax", (-11.0, 14.0, 3.5)), 4.5, "#f15bb5"
    ),
    "multifidus": Region(
        ("lumbar", (-11.0, -4.0, 1.5)), ("lumbar", (-11.0, 15.0, 1.5)), 3.5, "#00a6d6"
    ),
    "hip-flexors": Region(
        ("pelvis", (7.0, 4.0, 6.0)), ("thigh", (5.0, -15.0, 0.0)), 5.0, "#00a676"
    ),
    "obliques": Region(("lumbar", (5.0, 3.0, 10.0)), ("thorax", (4.0, 6.0, 10.0)), 6.0, "#d4a000"),
    "abdominals": Region(
        ("lumbar", (9.0, -2.0, 3.0)), ("thorax", (10.0, 8.0, 3.0)), 6.0, "#3a86ff"
    ),
}


def _point(body: Body, anchor: Anchor, side: str) -> Vec:
    bone_name, offset = anchor
    sign = -1.0 if side == "left" else 1.0
    if bone_name == "thigh":
        bone_name = f"{side}_thigh"
    bone = body.bones[bone_name]
    return add(bone.origin, apply(bone.rotation, (offset[0], offset[1], offset[2] * sign)))


def marks(body: Body, muscle: str, side: str) -> tuple[Vec, Vec, float, str]:
    """The band for one muscle on one side: two ends, width and colour."""
    region = REGIONS[muscle]
    return (
        _point(body, region.start, side),
        _point(body, region.end, side),
        region.width,
        region.colour,
    )


def origin(body: Body, muscle: str, side: str) -> Vec:
    """The start of the bone a muscle's band hangs from, to tell whether the band lies
    on the near or the far side of the body from the viewer."""
    bone_name = REGIONS[muscle].start[0]
    return body.bones[f"{side}_thigh" if bone_name == "thigh" else bone_name].origin
