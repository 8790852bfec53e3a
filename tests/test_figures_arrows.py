"""Direction arrows: every rep and flow shows which way its main movement goes, along
the path the moving part really takes from the start to the end position.

Distances are centimetres.
"""

from __future__ import annotations

import math
import re

import pytest

from supple.catalog import default_catalog
from supple.figures import figure_svg
from supple.figures.arrows import OFFSET, head_size, joint_path, movement_arrows
from supple.figures.keyframes import motion_for
from supple.figures.library import load_pose, pose_ids
from supple.figures.project import RING, arrow_shapes, camera_for
from supple.figures.scene import build_pair
from supple.figures.solid import solid_motion


def _moves(exercise_id: str) -> bool:
    dose = default_catalog().exercises[exercise_id].dosage.first
    return dose.reps is not None or dose.work_seconds is not None


MOVING = [i for i in pose_ids() if _moves(i)]
ARROWED = [i for i in pose_ids() if load_pose(i).arrows]


def test_the_lists_are_not_empty() -> None:
    assert len(MOVING) >= 10 and "seated-spinal-twist" in ARROWED


@pytest.mark.parametrize("exercise_id", MOVING)
def test_every_rep_and_flow_shows_its_direction(exercise_id: str) -> None:
    """An arrow along the moving part, or (arm circles) a ring with its arrowhead."""
    pose = load_pose(exercise_id)
    start, end = build_pair(pose)
    assert start.arrows or start.rings
    assert start.arrows == end.arrows  # fixed in the room while the body moves


@pytest.mark.parametrize("exercise_id", ARROWED)
def test_each_arrow_lies_along_the_moving_parts_real_path(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    solved = motion_for(exercise_id)
    bodies = solved.out_path(pose)
    scene, _ = build_pair(pose)
    assert [a.joint for a in scene.arrows] == list(pose.arrows)
    for arrow in scene.arrows:
        true = joint_path(bodies, arrow.joint)
        # the path runs from where the part is at the start to where it is at the end
        assert true[0] == solved.phases[0].body.joints[arrow.joint]
        assert true[-1] == solved.phases[solved.end_index(pose)].body.joints[arrow.joint]
        assert len(arrow.path) == len(true) >= 9
        for drawn, real in zip(arrow.path, true, strict=True):
            assert math.dist(drawn, real) <= OFFSET + 1e-6
        # and it goes the same way: the tail by the start, the head by the end
        assert math.dist(arrow.path[0], true[0]) < math.dist(arrow.path[0], true[-1])
        assert math.dist(arrow.path[-1], true[-1]) < math.dist(arrow.path[-1], true[0])
        assert min(p[1] for p in arrow.path) >= scene.surface  # never under the floor


def test_an_arrow_along_a_part_that_does_not_move_there_fails_the_check() -> None:
    """The check above can fail: an arrow along the standing foot is not the knee's path."""
    pose = load_pose("march-in-place")
    bodies = motion_for("march-in-place").out_path(pose)
    wrong = movement_arrows(["left_heel"], bodies)[0]
    knee = joint_path(bodies, "right_knee")
    assert max(math.dist(a, b) for a, b in zip(wrong.path, knee, strict=True)) > OFFSET


@pytest.mark.parametrize("exercise_id", ARROWED)
def test_the_drawn_arrowhead_sits_at_the_end_of_the_path_pointing_on(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    scene, _ = build_pair(pose)
    camera = camera_for(pose)
    drawn = arrow_shapes(scene, camera)
    assert len(drawn) == 2 * len(scene.arrows)
    for arrow, (line, head) in zip(
        scene.arrows, zip(drawn[::2], drawn[1::2], strict=True), strict=True
    ):
        assert line.kind == "polyline" and head.kind == "polygon" and head.fill == RING
        tip = head.points[0]
        assert math.dist(tip, line.points[-1]) <= head_size(arrow.path)
        # the head points away from the start of the line
        assert math.dist(tip, line.points[0]) >= math.dist(line.points[-1], line.points[0])


def test_the_seated_twist_arrow_follows_a_shoulder_round() -> None:
    """The twist's arrow is on the shoulder line, so it shows the turn of the trunk."""
    assert load_pose("seated-spinal-twist").arrows[0].endswith("_shoulder")
    svg = figure_svg("seated-spinal-twist", pose="end")
    assert re.search(f'<polyline points="[^"]+" fill="none" stroke="{RING}"', svg)


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_3d_viewer_gets_the_same_arrow_open_not_closed(side: str) -> None:
    data = solid_motion("march-in-place", side)  # type: ignore[arg-type]
    scene, _ = build_pair(load_pose("march-in-place"))
    (arrow,) = data["arrows"]
    assert arrow["closed"] is False
    flip = -1.0 if side == "right" else 1.0
    true = scene.arrows[0].path
    assert len(arrow["path"]) == len(true)
    for drawn, real in zip(arrow["path"], true, strict=True):
        assert math.dist(drawn, (flip * real[0], real[1], real[2])) <= 0.1
    assert math.dist(arrow["tip"], arrow["path"][-1]) <= 0.1
    assert 1 <= math.dist(arrow["tip"], arrow["base"]) <= 5
