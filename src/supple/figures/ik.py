"""A small inverse-kinematics step: nudge a frame's joint angles until its contacts hold.

Poses are written as joint angles, but what a step asks for is a contact: the back knee
stays on the mat, the ankle rests on the other knee, the forehead reaches the floor. The
solver takes a frame (the angles a pose file or an in-between blend gives), a place for
the body in the room, and a list of goals; it moves the fewest degrees it can (damped
least squares, smallest change first) and clamps every angle to the joint's range after
each step, so the result still obeys the anatomy limits the pose model enforces.

Everything here is forward kinematics underneath: bone lengths cannot change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from annotated_types import Ge, Le

from supple.figures.pose import Frame, Strict
from supple.figures.skeleton import Body, Capsule, Vec, pose_body

Angles = dict[str, float]
STEP = 0.25  # finite-difference step, degrees or centimetres
DAMPING = 0.15
TOLERANCE = 0.15  # centimetres: goals closer than this are met
MAX_ROUNDS = 30
MOVE = ("dx", "dy", "dz")  # where the pelvis sits in the room, centimetres


@dataclass(frozen=True)
class Goal:
    """One thing the solved frame must satisfy.

    ``at``: the joint ``name`` sits at ``point`` (a planted part stays where it was).
    ``floor``: the part ``name`` rests on the surface (its lowest point within ``slack``
    centimetres above it). ``touch``: joint ``name`` is ``within`` centimetres of joint
    ``other`` (an ankle resting on the opposite knee, a hand holding a thigh).
    """

    kind: Literal["at", "floor", "touch"]
    name: str
    point: Vec = (0.0, 0.0, 0.0)
    other: str = ""
    within: float = 0.0
    slack: float = 0.0


def flat(frame: Frame) -> Angles:
    """The frame's angles by dotted name: ``left_hip.flex``, ``left_knee``, ``root.tilt``."""
    out: Angles = {}
    for name in Frame.model_fields:
        value = getattr(frame, name)
        if isinstance(value, Strict):
            out.update({f"{name}.{k}": float(v) for k, v in value.model_dump().items()})
        elif isinstance(value, float | int) and not isinstance(value, bool):
            out[name] = float(value)
    return out


def with_angles(frame: Frame, angles: Angles) -> Frame:
    """The frame with these angles (no validation: the solver clamps to the ranges)."""
    nested: dict[str, dict[str, float]] = {}
    update: dict[str, Any] = {}
    for key, value in angles.items():
        joint, _, axis = key.partition(".")
        if axis:
            nested.setdefault(joint, {})[axis] = value
        else:
            update[joint] = value
    for joint, axes in nested.items():
        update[joint] = getattr(frame, joint).model_copy(update=axes)
    return frame.model_copy(update=update)


@cache
def limits() -> dict[str, tuple[float, float]]:
    """Each angle's range, read from the pose model so there is one list of limits."""
    out: dict[str, tuple[float, float]] = {}

    def bounds(metadata: list[Any]) -> tuple[float, float]:
        low: Any = next((m.ge for m in metadata if isinstance(m, Ge)), -180.0)
        high: Any = next((m.le for m in metadata if isinstance(m, Le)), 180.0)
        return float(low), float(high)

    for name, field in Frame.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, Strict):
            for axis, inner in kind.model_fields.items():
                out[f"{name}.{axis}"] = bounds(inner.metadata)
        elif kind is float:
            out[name] = bounds(field.metadata)
    return out


def blend(a: Angles, b: Angles, share: float) -> Angles:
    """Angles a share of the way from ``a`` to ``b``: the joints move, limbs never stretch."""
    return {k: a[k] + (b[k] - a[k]) * share for k in a}


# Which angles move a joint or part, so the solver only touches the limb it must.
LEG: dict[str, tuple[str, ...]] = {
    "hip": ("hip.flex", "hip.abduct", "hip.rotate"),
    "knee": ("hip.flex", "hip.abduct", "hip.rotate", "knee"),
}
LEG["ankle"] = (*LEG["knee"], "ankle")
ARM: dict[str, tuple[str, ...]] = {
    "shoulder": ("shoulder.flex", "shoulder.abduct", "shoulder.rotate")
}
ARM["elbow"] = (*ARM["shoulder"], "elbow")
ARM["wrist"] = (*ARM["elbow"], "wrist")
PART_JOINT = {
    "thigh": ("leg", "knee"),
    "shin": ("leg", "ankle"),
    "foot": ("leg", "ankle"),
    "heel": ("leg", "ankle"),
    "toe": ("leg", "ankle"),
    "knee": ("leg", "knee"),
    "ankle": ("leg", "ankle"),
    "hip": ("leg", "hip"),
    "buttock": ("leg", "hip"),
    "upper_arm": ("arm", "elbow"),
    "forearm": ("arm", "wrist"),
    "hand": ("arm", "wrist"),
    "fingers": ("arm", "wrist"),
    "wrist": ("arm", "wrist"),
    "elbow": ("arm", "elbow"),
    "shoulder": ("arm", "shoulder"),
}
SPINE = tuple(f"{s}.{a}" for s in ("lumbar", "thoracic") for a in ("flex", "side", "turn"))
TRUNK = {
    "head": (*SPINE, "neck.flex", "neck.side"),
    "face": (*SPINE, "neck.flex", "neck.side"),
    "neck": (*SPINE, "neck.flex"),
    "neck_base": SPINE,
    "chest": SPINE,
    "mid_back": SPINE,
    "thorax_mid": SPINE,
    "shoulders": SPINE,
    "lumbar_top": SPINE[:3],
    "lumbar": SPINE[:3],
    "lumbar_mid": SPINE[:3],
}
ROOT = ("root.tilt", "root.roll")


def chain(name: str) -> tuple[str, ...]:
    """The angles between the pelvis and a joint or part (plus the pelvis's own tilt)."""
    side, _, rest = name.partition("_")
    if side in ("left", "right") and rest in PART_JOINT:
        limb, joint = PART_JOINT[rest]
        names = (LEG if limb == "leg" else ARM)[joint]
        own = tuple(f"{side}_{n}" for n in names)
        return (*ROOT, *own)
    return (*ROOT, *TRUNK.get(name, ()))


def point(body: Body, name: str) -> Vec:
    """A named joint, or for a part name the lowest point of that part."""
    if name in body.joints:
        return body.joints[name]
    return lowest(body.capsule(name))


def lowest(capsule: Capsule) -> Vec:
    low = capsule.a if capsule.a[1] <= capsule.b[1] else capsule.b
    return (low[0], low[1] - capsule.radius, low[2])


def residuals(
    body: Body, goals: list[Goal], surface: float, watch: tuple[str, ...] = ()
) -> list[float]:
    """How far each goal is from being met, as numbers the solver drives to zero; the
    parts in ``watch`` are also kept from sinking into the floor."""
    out: list[float] = []
    for goal in goals:
        if goal.kind == "at":
            here = body.joints[goal.name]
            out += [here[i] - goal.point[i] for i in range(3)]
        elif goal.kind == "floor":
            gap = lowest(body.capsule(goal.name))[1] - surface
            out.append(min(gap, 0.0) + max(gap - goal.slack, 0.0))
        else:
            gap = reach(body, goal.name, goal.other)
            out.append(max(gap - goal.within, 0.0))
    for name in watch:
        out.append(min(lowest(body.capsule(name))[1] - surface, 0.0))
    return out


def near_floor(body: Body, surface: float, margin: float = 3.0) -> tuple[str, ...]:
    """The parts close enough to the floor that a small move could push them into it."""
    return tuple(c.name for c in body.capsules if lowest(c)[1] < surface + margin)


def reach(body: Body, joint: str, other: str) -> float:
    """Distance from a joint to another joint, or to the nearest point of a part's axis."""
    here = body.joints[joint]
    if other in body.joints:
        return math.dist(here, body.joints[other])
    part = body.capsule(other)
    along = [part.b[i] - part.a[i] for i in range(3)]
    size = sum(v * v for v in along)
    share = 0.0
    if size > 0:
        share = sum((here[i] - part.a[i]) * along[i] for i in range(3)) / size
        share = min(max(share, 0.0), 1.0)
    nearest = tuple(part.a[i] + along[i] * share for i in range(3))
    return math.dist(here, nearest)


def posed(frame: Frame, angles: Angles, where: Vec) -> Body:
    return pose_body(with_angles(frame, angles), where)


def _solve_linear(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting; ``a`` is small and well damped."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def solve(
    frame: Frame,
    where: Vec,
    goals: list[Goal],
    surface: float,
    free: tuple[str, ...] | None = None,
) -> tuple[Frame, Vec]:
    """The frame and pelvis position nearest the given ones that meet the goals.

    ``free`` names the angles that may change; by default the chains of every joint or
    part a goal names, and of every part near the floor (so a limb lowered onto the mat
    can stop at it rather than lift the whole body). The pelvis may always move.
    """
    angles = flat(frame)
    start_body = pose_body(frame, where)
    touching_floor = [Goal("floor", n) for n in near_floor(start_body, surface)]
    names = free if free is not None else _free([*goals, *touching_floor])
    ranges = limits()
    state = {**{k: angles[k] for k in names}, "dx": where[0], "dy": where[1], "dz": where[2]}
    keys = list(state)

    def body_of(values: dict[str, float]) -> Body:
        return posed(frame, {**angles, **{k: values[k] for k in names}}, _where(values))

    body = body_of(state)
    watch = near_floor(body, surface)
    error = residuals(body, goals, surface, watch)
    for _ in range(MAX_ROUNDS):
        if max((abs(e) for e in error), default=0.0) <= TOLERANCE:
            break
        columns: list[list[float]] = []
        for key in keys:
            nudged = dict(state)
            nudged[key] += STEP
            moved = residuals(body_of(nudged), goals, surface, watch)
            columns.append([(m - e) / STEP for m, e in zip(moved, error, strict=True)])
        # Damped least squares: step = J^T (J J^T + d^2 I)^-1 (-error), the smallest
        # change of angles and position that removes the error. An angle the step would
        # push past its joint's range is held at the limit and the step worked out again
        # without it, so the other joints take up the work.
        blocked: set[str] = set()
        for _attempt in range(4):
            active = [
                [0.0] * len(error) if key in blocked else col
                for key, col in zip(keys, columns, strict=True)
            ]
            step = _step(active, error)
            pushed = {
                key
                for key, change in zip(keys, step, strict=True)
                if key in ranges
                and key not in blocked
                and not ranges[key][0] <= state[key] + change <= ranges[key][1]
                and abs(change) > 1e-9
            }
            if not pushed:
                break
            blocked |= pushed
        # Take the step, or a shorter one where the whole step overshoots.
        improved = False
        for scale in (1.0, 0.5, 0.25, 0.1):
            trial = dict(state)
            for key, change in zip(keys, step, strict=True):
                trial[key] += change * scale
                if key in ranges:
                    low, high = ranges[key]
                    trial[key] = min(max(trial[key], low), high)
            body = body_of(trial)
            trial_watch = tuple(dict.fromkeys((*watch, *near_floor(body, surface))))
            trial_error = residuals(body, goals, surface, trial_watch)
            improved = _size(trial_error) < _size(error)
            if improved:
                state, watch, error = trial, trial_watch, trial_error
                break
        if not improved:
            break  # no step helps: the goals cannot all be met from here
    solved = with_angles(frame, {k: state[k] for k in names})
    # What is left of the error is within the tolerance; lift the body by what it still
    # dips below the floor so nothing is drawn inside it.
    body = pose_body(solved, _where(state))
    dip = surface - min(lowest(c)[1] for c in body.capsules)
    return solved, (state["dx"], state["dy"] + max(dip, 0.0), state["dz"])


def _size(error: list[float]) -> float:
    return sum(e * e for e in error)


def _step(columns: list[list[float]], error: list[float]) -> list[float]:
    rows = len(error)
    square = [
        [
            sum(col[r] * col[c] for col in columns) + (DAMPING**2 if r == c else 0.0)
            for c in range(rows)
        ]
        for r in range(rows)
    ]
    y = _solve_linear(square, [-e for e in error])
    return [sum(col[r] * y[r] for r in range(rows)) for col in columns]


def _where(values: dict[str, float]) -> Vec:
    return (values["dx"], values["dy"], values["dz"])


def _free(goals: list[Goal]) -> tuple[str, ...]:
    names: list[str] = []
    for goal in goals:
        for name in (goal.name, goal.other):
            if name:
                names += [n for n in chain(name) if n not in names]
    return tuple(names)
