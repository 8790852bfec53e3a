"""The motion of one exercise as a loop of solved, forward-kinematic keyframes.

A loop passes through the pose file's frames (start, any ``via`` frames, end, any
``via_back`` frames, back to start). Between two frames the joint ANGLES are blended
(eased, so the move starts and ends slowly) and every in-between is posed by forward
kinematics, so bones keep their length; the inverse-kinematics step then keeps each
planted joint where it was, each part that rests on the floor in both frames on it,
and each contact the steps name. There are enough keyframes that drawing straight
lines between them (as SVG animation does) shortens no bone by more than 1%.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from supple.figures.ik import Goal, blend, flat, lowest, solve, with_angles
from supple.figures.library import load_pose
from supple.figures.pose import Frame, PoseFile
from supple.figures.scene import MAT_THICKNESS
from supple.figures.skeleton import Body, Vec, bone_pairs, pose_body

MIN_STEPS = 8  # keyframes per move between two frames, at least
MAX_STEPS = 48
SHORTEST = 0.995  # a bone drawn between keyframes keeps this share of its length
FLOOR_SLACK = 2.0  # a part "on the floor" rests within this many centimetres of it
RESTING = 6.0  # centimetres a resting part may shift and still count as resting


@dataclass(frozen=True)
class Key:
    """One keyframe: its angles, and the body they give, placed in the room."""

    frame: Frame
    where: Vec
    body: Body


@dataclass(frozen=True)
class Motion:
    """The solved phase frames (in loop order) and the keyframes of each move between
    consecutive phases; ``moves[i]`` runs from ``phases[i]`` to the next one, both
    ends included."""

    surface: float
    phases: tuple[Key, ...]
    moves: tuple[tuple[Key, ...], ...]

    @property
    def start(self) -> Key:
        return self.phases[0]

    def end_index(self, pose: PoseFile) -> int:
        return 1 + len(pose.via)

    def out_path(self, pose: PoseFile) -> list[Body]:
        """The bodies of every keyframe from the start to the end position, in order
        (the path a direction arrow follows)."""
        moves = self.moves[: self.end_index(pose)]
        return [moves[0][0].body] + [key.body for move in moves for key in move[1:]]


def surface_of(pose: PoseFile) -> float:
    return MAT_THICKNESS if pose.surface == "mat" else 0.0


def ease(share: float) -> float:
    """Slow in, slow out (smoothstep)."""
    return share * share * (3.0 - 2.0 * share)


def _goals(
    frame: Frame,
    planted: Mapping[str, Vec],
    floor: Sequence[str],
    touching: Frame | None = None,
) -> list[Goal]:
    goals = [Goal("at", name, point) for name, point in planted.items()]
    goals += [Goal("floor", part, slack=FLOOR_SLACK) for part in floor]
    for touch in (touching or frame).touching:
        goals.append(Goal("touch", touch.joint, other=touch.other, within=touch.within))
    return goals


def _settled(frame: Frame, surface: float, x: float, z: float) -> Vec:
    body = pose_body(frame)
    low = min(min(c.a[1], c.b[1]) - c.radius for c in body.capsules)
    return (x, surface - low, z)


def _key(frame: Frame, where: Vec) -> Key:
    return Key(frame, where, pose_body(frame, where))


def solve_phases(pose: PoseFile) -> list[Key]:
    """Each frame of the loop placed and solved: planted joints stay where the previous
    frame (or, closing the loop, the start) put them."""
    surface = surface_of(pose)
    frames = pose.cycle()
    keys: list[Key] = []
    for index, frame in enumerate(frames):
        previous = keys[-1] if keys else None
        guess = _settled(frame, surface, *(previous.where[::2] if previous else (0.0, 0.0)))
        planted: dict[str, Vec] = {}
        if previous is not None:
            shared = set(frame.planted) & set(frames[index - 1].planted)
            planted |= {n: previous.body.joints[n] for n in shared}
        if index == len(frames) - 1 and index > 0:
            closing = (set(frame.planted) & set(frames[0].planted)) - set(planted)
            planted |= {n: keys[0].body.joints[n] for n in closing}
        solved, where = solve(frame, guess, _goals(frame, planted, list(frame.on_floor)), surface)
        keys.append(_key(solved, where))
    return keys


def _between(a: Key, b: Key, steps: int, surface: float) -> tuple[Key, ...]:
    planted: dict[str, Vec] = {
        n: a.body.joints[n] for n in set(a.frame.planted) & set(b.frame.planted)
    }
    # A part resting on the floor at both ends stays on it in between only if it stays
    # in about the same place; one that travels (a knee brought forward) lifts clear.
    floor = [
        p
        for p in a.frame.on_floor
        if p in b.frame.on_floor
        and math.dist(lowest(a.body.capsule(p)), lowest(b.body.capsule(p))) <= RESTING
    ]
    pairs = {(t.joint, t.other) for t in b.frame.touching}
    shared = a.frame.model_copy(
        update={"touching": [t for t in a.frame.touching if (t.joint, t.other) in pairs]}
    )
    angles_a, angles_b = flat(a.frame), flat(b.frame)
    out = [a]
    # Each in-between starts from the blend plus the correction the previous one needed,
    # so the solver has little left to do and the corrections change smoothly.
    fix: dict[str, float] = {}
    nudge: Vec = (0.0, 0.0, 0.0)
    before = 0.0
    for k in range(1, steps):
        share = ease(k / steps)
        fade = (1.0 - share) / (1.0 - before)  # the phases need no correction: fade it out
        before = share
        blended = blend(angles_a, angles_b, share)
        frame = with_angles(a.frame, {n: v + fix.get(n, 0.0) * fade for n, v in blended.items()})
        where = tuple(
            a.where[i] + (b.where[i] - a.where[i]) * share + nudge[i] * fade for i in range(3)
        )
        guess: Vec = (where[0], where[1], where[2])
        solved, placed = solve(frame, guess, _goals(frame, planted, floor, shared), surface)
        after = flat(solved)
        fix = {n: after[n] - blended[n] for n in after if abs(after[n] - blended[n]) > 1e-9}
        nudge = (
            placed[0] - where[0] + nudge[0],
            placed[1] - where[1] + nudge[1],
            placed[2] - where[2] + nudge[2],
        )
        out.append(_key(solved, placed))
    out.append(b)
    return tuple(out)


def shortest_chord(keys: tuple[Key, ...]) -> float:
    """The shortest a bone gets, as a share of its length, when its ends are moved in
    straight lines from one keyframe to the next (the SVG's own in-betweens)."""
    worst = 1.0
    for first, second in itertools.pairwise(keys):
        for a, b in bone_pairs():
            length = math.dist(first.body.joints[a], first.body.joints[b])
            mid_a = _mid(first.body.joints[a], second.body.joints[a])
            mid_b = _mid(first.body.joints[b], second.body.joints[b])
            if length > 0:
                worst = min(worst, math.dist(mid_a, mid_b) / length)
    return worst


def _mid(p: Vec, q: Vec) -> Vec:
    return ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2)


def motion(pose: PoseFile) -> Motion:
    """Phases and moves for one pose, each move dense enough to keep the bones whole
    (worked out once per distinct pose in a process)."""
    return _motion(pose.model_dump_json())


@cache
def _motion(text: str) -> Motion:
    pose = PoseFile.model_validate_json(text)
    surface = surface_of(pose)
    phases = solve_phases(pose)
    moves: list[tuple[Key, ...]] = []
    for index, a in enumerate(phases):
        b = phases[(index + 1) % len(phases)]
        steps = MIN_STEPS
        keys = _between(a, b, steps, surface)
        while shortest_chord(keys) < SHORTEST and steps < MAX_STEPS:
            steps = min(steps * 2, MAX_STEPS)
            keys = _between(a, b, steps, surface)
        moves.append(keys)
    return Motion(surface, tuple(phases), tuple(moves))


@cache
def motion_for(exercise_id: str, variant: str | None = None) -> Motion:
    """The solved motion of a catalog exercise (or of one of its drawn variants),
    worked out once per process."""
    if variant is None:
        return motion(load_pose(exercise_id))
    return motion(load_pose(exercise_id, variant=variant))
