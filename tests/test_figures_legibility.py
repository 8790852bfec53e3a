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
