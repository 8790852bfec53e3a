"""A jointed body with fixed proportions, posed in 3D by forward kinematics.

Coordinates are centimetres in a right-handed room: x forward (the body's front when it
stands with no rotation), y up, z toward the body's right. Every segment hangs from its
parent's frame, so a bone's length cannot change whatever the angles are; a pose can
only move joints, never stretch limbs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from supple.figures.pose import Frame, Hip, Neck, Shoulder, Spine

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
BodySide = Literal["left", "right", "centre"]

# Proportions of an adult of about 174 cm (segment lengths between joint centres).
PELVIS_TO_HIP: Vec = (0.0, -5.0, 9.0)  # z is multiplied by the side sign
LUMBAR = 20.0
THORAX = 26.0
SHOULDER_FROM_NECK: Vec = (-1.0, -4.0, 17.0)
NECK = 9.0
HEAD_FROM_NECK: Vec = (2.0, 9.0, 0.0)
UPPER_ARM = 29.0
FOREARM = 25.0
HAND = 9.0
THIGH = 44.0
SHIN = 42.0
HEEL: Vec = (-4.0, -3.5, 0.0)
TOE: Vec = (14.0, -3.5, 0.0)

RADIUS = {
    "head": 10.0,
    "face": 5.0,
    "neck": 5.5,
    "chest": 13.0,
    "shoulders": 6.5,
    "lower_back": 11.5,
    "lumbar": 11.5,
    "mid_back": 12.5,
    "pelvis": 8.5,
    "pelvis_rim": 4.5,
    "buttock": 8.0,
    "thigh": 7.5,
    "shin": 5.2,
    "foot": 3.5,
    "upper_arm": 4.6,
    "forearm": 3.8,
    "hand": 3.2,
}

SIDES: dict[str, float] = {"left": -1.0, "right": 1.0}
IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def rot_x(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def matmul(a: Mat, b: Mat) -> Mat:
    def row(i: int) -> Vec:
        return (
            a[i][0] * b[0][0] + a[i][1] * b[1][0] + a[i][2] * b[2][0],
            a[i][0] * b[0][1] + a[i][1] * b[1][1] + a[i][2] * b[2][1],
            a[i][0] * b[0][2] + a[i][1] * b[1][2] + a[i][2] * b[2][2],
        )

    return (row(0), row(1), row(2))


def chain(*mats: Mat) -> Mat:
    out = IDENTITY
    for mat in mats:
        out = matmul(out, mat)
    return out


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)


def lateral(v: Vec, sign: float) -> Vec:
    return (v[0], v[1], v[2] * sign)


@dataclass(frozen=True)
class Capsule:
    """A body part drawn as a rounded rod of constant radius between two points."""

    name: str
    a: Vec
    b: Vec
    radius: float
    side: BodySide
    group: str


@dataclass(frozen=True)
class Bone:
    """A segment's frame: where it starts and how it is oriented, for anchoring marks."""

    origin: Vec
    rotation: Mat


@dataclass(frozen=True)
class Body:
    joints: dict[str, Vec]
    bones: dict[str, Bone]
    capsules: tuple[Capsule, ...]

    def capsule(self, name: str) -> Capsule:
        for capsule in self.capsules:
            if capsule.name == name:
                return capsule
        raise KeyError(name)

    def moved(self, offset: Vec) -> Body:
        """The same body translated, used to set it down on what it rests on."""
        return Body(
            joints={k: add(v, offset) for k, v in self.joints.items()},
            bones={k: Bone(add(b.origin, offset), b.rotation) for k, b in self.bones.items()},
            capsules=tuple(
                Capsule(c.name, add(c.a, offset), add(c.b, offset), c.radius, c.side, c.group)
                for c in self.capsules
            ),
        )


def root_rotation(frame: Frame) -> Mat:
    r = frame.root
    return chain(rot_y(r.yaw), rot_z(-r.tilt), rot_x(r.roll), rot_y(r.spin))


def spine_rotation(joint: Spine | Neck, share: float = 1.0) -> Mat:
    """The turn one spinal level makes; ``share`` of it when a region's angle is spread
    over its two drawn segments, so a bent back curves instead of kinking."""
    return chain(rot_z(-joint.flex * share), rot_x(-joint.side * share), rot_y(joint.turn * share))


def hip_rotation(joint: Hip, sign: float) -> Mat:
    """Flexion about the side-to-side axis, then abduction away from the midline, then
    external rotation about the thigh's own axis (``sign`` is -1 left, +1 right), so a
    bent hip that abducts opens the knee outward, as in a figure-four or a clamshell."""
    return chain(rot_z(joint.flex), rot_x(-sign * joint.abduct), rot_y(-sign * joint.rotate))


def shoulder_rotation(joint: Shoulder, sign: float) -> Mat:
    """Abduction first, then flexion, so an arm held out to the side can still move
    forward or back (arms in a T resting on the floor), then rotation about its axis."""
    return chain(rot_x(-sign * joint.abduct), rot_z(joint.flex), rot_y(-sign * joint.rotate))


def pose_body(frame: Frame, origin: Vec = (0.0, 0.0, 0.0)) -> Body:
    """Forward kinematics: joint angles in, every joint and body part in the room out."""
    joints: dict[str, Vec] = {}
    bones: dict[str, Bone] = {}
    capsules: list[Capsule] = []

    def seg(name: str, a: Vec, b: Vec, radius: float, side: BodySide, group: str) -> None:
        capsules.append(Capsule(name, a, b, radius, side, group))

    r_pelvis = root_rotation(frame)
    pelvis = origin
    bones["pelvis"] = Bone(pelvis, r_pelvis)
    # Four spinal segments: each region's angle is shared by its lower and upper half.
    r_lumbar_low = matmul(r_pelvis, spine_rotation(frame.lumbar, 0.5))
    lumbar_mid = add(pelvis, apply(r_lumbar_low, (0.0, LUMBAR / 2, 0.0)))
    r_lumbar = matmul(r_lumbar_low, spine_rotation(frame.lumbar, 0.5))
    lumbar_top = add(lumbar_mid, apply(r_lumbar, (0.0, LUMBAR / 2, 0.0)))
    bones["lumbar"] = Bone(pelvis, r_lumbar_low)
    bones["upper_lumbar"] = Bone(lumbar_mid, r_lumbar)
    r_thorax_low = matmul(r_lumbar, spine_rotation(frame.thoracic, 0.5))
    thorax_mid = add(lumbar_top, apply(r_thorax_low, (0.0, THORAX / 2, 0.0)))
    r_thorax = matmul(r_thorax_low, spine_rotation(frame.thoracic, 0.5))
    neck_base = add(thorax_mid, apply(r_thorax, (0.0, THORAX / 2, 0.0)))
    bones["thorax"] = Bone(lumbar_top, r_thorax_low)
    bones["upper_thorax"] = Bone(thorax_mid, r_thorax)
    r_neck = matmul(r_thorax, spine_rotation(frame.neck))
    neck_top = add(neck_base, apply(r_neck, (0.0, NECK, 0.0)))
    head = add(neck_top, apply(r_neck, HEAD_FROM_NECK))
    bones["head"] = Bone(head, r_neck)
    joints.update(pelvis=pelvis, lumbar_mid=lumbar_mid, lumbar_top=lumbar_top)
    joints.update(thorax_mid=thorax_mid, neck_base=neck_base, head=head)

    seg("lower_back", pelvis, lumbar_mid, RADIUS["lower_back"], "centre", "torso")
    seg("lumbar", lumbar_mid, lumbar_top, RADIUS["lumbar"], "centre", "torso")
    seg("mid_back", lumbar_top, thorax_mid, RADIUS["mid_back"], "centre", "torso")
    chest_top = add(neck_base, apply(r_thorax, (0.0, -6.0, 0.0)))
    seg("chest", thorax_mid, chest_top, RADIUS["chest"], "centre", "torso")
    seg("neck", neck_base, neck_top, RADIUS["neck"], "centre", "head")
    seg("head", head, head, RADIUS["head"], "centre", "head")
    # The jaw and face stand forward of the skull, so the head's outline shows which
    # way it faces without a dot that could be read as an eye.
    chin = add(head, apply(r_neck, (7.0, -4.5, 0.0)))
    seg("face", add(head, apply(r_neck, (2.5, -1.0, 0.0))), chin, RADIUS["face"], "centre", "head")

    hips: dict[str, Vec] = {}
    shoulders: dict[str, Vec] = {}
    for side, sign in SIDES.items():
        s = side  # the literal name, for readability below
        hip = add(pelvis, apply(r_pelvis, lateral(PELVIS_TO_HIP, sign)))
        hips[s] = hip
        buttock_a = add(pelvis, apply(r_pelvis, (-6.0, -1.0, 7.0 * sign)))
        buttock_b = add(pelvis, apply(r_pelvis, (-5.0, -6.0, 7.0 * sign)))
        seg(f"{s}_buttock", buttock_a, buttock_b, RADIUS["buttock"], s, "torso")  # type: ignore[arg-type]
        # The rim of the pelvis, from the bony point at the back (by the dimple over the
        # sacrum) to the one at the front of the hip: its slope is the pelvic tilt.
        rim_back = add(pelvis, apply(r_pelvis, (-8.0, 5.0, 8.0 * sign)))
        rim_front = add(pelvis, apply(r_pelvis, (7.0, 2.0, 12.0 * sign)))
        seg(f"{s}_pelvis", rim_back, rim_front, RADIUS["pelvis_rim"], s, "torso")  # type: ignore[arg-type]
        joints[f"{s}_pelvis_back"] = rim_back
        joints[f"{s}_pelvis_front"] = rim_front

        hip_joint: Hip = getattr(frame, f"{s}_hip")
        r_thigh = matmul(r_pelvis, hip_rotation(hip_joint, sign))
        knee = add(hip, apply(r_thigh, (0.0, -THIGH, 0.0)))
        r_shin = matmul(r_thigh, rot_z(-float(getattr(frame, f"{s}_knee"))))
        ankle = add(knee, apply(r_shin, (0.0, -SHIN, 0.0)))
        r_foot = matmul(r_shin, rot_z(float(getattr(frame, f"{s}_ankle"))))
        heel = add(ankle, apply(r_foot, HEEL))
        toe = add(ankle, apply(r_foot, TOE))
        bones[f"{s}_thigh"] = Bone(hip, r_thigh)
        bones[f"{s}_shin"] = Bone(knee, r_shin)
        leg = f"{s}_leg"
        seg(f"{s}_thigh", hip, knee, RADIUS["thigh"], s, leg)  # type: ignore[arg-type]
        seg(f"{s}_shin", knee, ankle, RADIUS["shin"], s, leg)  # type: ignore[arg-type]
        seg(f"{s}_foot", heel, toe, RADIUS["foot"], s, leg)  # type: ignore[arg-type]
        joints.update({f"{s}_hip": hip, f"{s}_knee": knee, f"{s}_ankle": ankle})
        joints.update({f"{s}_heel": heel, f"{s}_toe": toe})

        shoulder = add(neck_base, apply(r_thorax, lateral(SHOULDER_FROM_NECK, sign)))
        shoulders[s] = shoulder
        shoulder_joint: Shoulder = getattr(frame, f"{s}_shoulder")
        r_upper = matmul(r_thorax, shoulder_rotation(shoulder_joint, sign))
        elbow = add(shoulder, apply(r_upper, (0.0, -UPPER_ARM, 0.0)))
        r_fore = matmul(r_upper, rot_z(float(getattr(frame, f"{s}_elbow"))))
        wrist = add(elbow, apply(r_fore, (0.0, -FOREARM, 0.0)))
        r_hand = matmul(r_fore, rot_z(float(getattr(frame, f"{s}_wrist"))))
        fingers = add(wrist, apply(r_hand, (0.0, -HAND, 0.0)))
        arm = f"{s}_arm"
        seg(f"{s}_upper_arm", shoulder, elbow, RADIUS["upper_arm"], s, arm)  # type: ignore[arg-type]
        seg(f"{s}_forearm", elbow, wrist, RADIUS["forearm"], s, arm)  # type: ignore[arg-type]
        seg(f"{s}_hand", wrist, fingers, RADIUS["hand"], s, arm)  # type: ignore[arg-type]
        joints.update({f"{s}_shoulder": shoulder, f"{s}_elbow": elbow, f"{s}_wrist": wrist})
        joints[f"{s}_fingers"] = fingers

    seg("pelvis", hips["left"], hips["right"], RADIUS["pelvis"], "centre", "torso")
    seg("shoulders", shoulders["left"], shoulders["right"], RADIUS["shoulders"], "centre", "torso")
    return Body(joints=joints, bones=bones, capsules=tuple(capsules))


def bone_lengths(body: Body) -> dict[str, float]:
    """Joint-to-joint distances that must be the same in every pose."""
    j = body.joints
    out = {
        "lower_lumbar": distance(j["pelvis"], j["lumbar_mid"]),
        "upper_lumbar": distance(j["lumbar_mid"], j["lumbar_top"]),
        "lower_thorax": distance(j["lumbar_top"], j["thorax_mid"]),
        "upper_thorax": distance(j["thorax_mid"], j["neck_base"]),
        "hip_width": distance(j["left_hip"], j["right_hip"]),
        "shoulder_width": distance(j["left_shoulder"], j["right_shoulder"]),
    }
    for s in SIDES:
        out[f"{s}_thigh"] = distance(j[f"{s}_hip"], j[f"{s}_knee"])
        out[f"{s}_shin"] = distance(j[f"{s}_knee"], j[f"{s}_ankle"])
        out[f"{s}_foot"] = distance(j[f"{s}_heel"], j[f"{s}_toe"])
        out[f"{s}_upper_arm"] = distance(j[f"{s}_shoulder"], j[f"{s}_elbow"])
        out[f"{s}_forearm"] = distance(j[f"{s}_elbow"], j[f"{s}_wrist"])
        out[f"{s}_hand"] = distance(j[f"{s}_wrist"], j[f"{s}_fingers"])
    return out


def bone_pairs() -> list[tuple[str, str]]:
    """The joints at the two ends of every bone (the pairs ``bone_lengths`` measures)."""
    out = [("pelvis", "lumbar_mid"), ("lumbar_mid", "lumbar_top"), ("lumbar_top", "thorax_mid")]
    out += [("thorax_mid", "neck_base"), ("left_hip", "right_hip")]
    out.append(("left_shoulder", "right_shoulder"))
    for s in SIDES:
        out += [(f"{s}_hip", f"{s}_knee"), (f"{s}_knee", f"{s}_ankle")]
        out += [(f"{s}_heel", f"{s}_toe"), (f"{s}_shoulder", f"{s}_elbow")]
        out += [(f"{s}_elbow", f"{s}_wrist"), (f"{s}_wrist", f"{s}_fingers")]
    return out
