"""Views chosen for legibility: what defines an exercise is drawn at length and in sight.

Measured on the flat drawing from the pose's own viewpoint (the right side is its mirror
image, so it measures the same).
"""

from __future__ import annotations

import pytest

from supple.figures.legibility import MIN_SHARE, covering, drawn_share, parts_at
from supple.figures.library import load_pose, pose_ids
from supple.figures.project import camera_for
from supple.figures.scene import build_pair

CENTRAL = [
    "supine-figure-four",
    "standing-figure-four",
    "pigeon-pose",
    "supine-spinal-twist",
    "seated-spinal-twist",
]


@pytest.mark.parametrize("exercise_id", CENTRAL)
def test_the_central_glute_stretches_name_their_defining_segments(exercise_id: str) -> None:
    assert load_pose(exercise_id).defining


@pytest.mark.parametrize("exercise_id", [i for i in pose_ids() if load_pose(i).defining])
def test_defining_segments_are_drawn_at_least_60_percent_of_their_length(
    exercise_id: str,
) -> None:
    pose = load_pose(exercise_id)
    camera = camera_for(pose)
    for scene in build_pair(pose):
        for part in pose.defining:
            assert drawn_share(scene, camera, part) >= MIN_SHARE, part


@pytest.mark.parametrize("exercise_id", [i for i in pose_ids() if load_pose(i).start.touching])
def test_named_contacts_are_not_hidden_behind_another_part(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    camera = camera_for(pose)
    for scene, frame in zip(build_pair(pose), (pose.start, pose.end), strict=True):
        for touch in frame.touching:
            allowed = parts_at(scene, touch.joint)
            allowed |= (
                parts_at(scene, touch.other) if touch.other in scene.body.joints else {touch.other}
            )
            assert covering(scene, camera, touch.joint, allowed) == [], touch


def test_a_crossed_shin_seen_end_on_fails_the_check() -> None:
    """The check can fail: the old standing figure-four view showed the shin end-on."""
    from supple.figures.project import Camera

    pose = load_pose("standing-figure-four")
    _, held = build_pair(pose)
    assert drawn_share(held, Camera(30.0, 15.0), "left_shin") < MIN_SHARE


def _drawn_turn(pose_id: str, camera: object | None = None) -> float:
    """How far the drawn shoulder line turns against the drawn pelvis line from the
    start to the held position, in degrees, as the figure's view shows it."""
    import math

    from supple.figures.project import Camera, to_screen

    pose = load_pose(pose_id)
    view = camera if isinstance(camera, Camera) else camera_for(pose)

    def angle(scene: object, part: str) -> float:
        capsule = scene.body.capsule(part)  # type: ignore[attr-defined]
        a, b = to_screen(view, capsule.a), to_screen(view, capsule.b)
        return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))

    start, held = build_pair(pose)
    turns = [angle(s, "shoulders") - angle(s, "pelvis") for s in (start, held)]
    return abs((turns[1] - turns[0] + 180.0) % 360.0 - 180.0)


def test_the_seated_twist_view_shows_the_shoulders_turn_against_the_pelvis() -> None:
    """The spine turns 45 degrees; the drawn shoulder line turns at least 30 degrees
    against the pelvis (straight from the front it barely does), and both ends of the
    shoulder line stay in sight (from the old view, in front and above, the head and
    chest hid the turning shoulder in the held position)."""
    from supple.figures.project import Camera

    assert _drawn_turn("seated-spinal-twist") >= 30
    assert _drawn_turn("seated-spinal-twist", Camera(90.0, 0.0)) < 30
    pose = load_pose("seated-spinal-twist")

    def hidden(camera: Camera) -> list[str]:
        return [
            name
            for scene in build_pair(pose)
            for name in ("left_shoulder", "right_shoulder")
            if covering(scene, camera, name, parts_at(scene, name) | {"shoulders"})
        ]

    assert hidden(camera_for(pose)) == []
    assert hidden(Camera(130.0, 40.0)) != []
