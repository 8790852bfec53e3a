"""The body's proportions never change, whatever the angles: limbs bend, never stretch."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.figures.library import load_pose, pose_ids
from supple.figures.pose import Frame, Hip, Shoulder, Spine
from supple.figures.skeleton import bone_lengths, pose_body

REST = bone_lengths(pose_body(Frame(on_floor=["left_foot"])))


def _assert_same(lengths: dict[str, float]) -> None:
    for name, length in REST.items():
        assert math.isclose(lengths[name], length, abs_tol=1e-6), name


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_bone_lengths_are_the_same_in_every_pose(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    for frame in (pose.start, pose.end):
        _assert_same(bone_lengths(pose_body(frame)))


def test_left_and_right_limbs_match() -> None:
    for part in ("thigh", "shin", "foot", "upper_arm", "forearm", "hand"):
        assert math.isclose(REST[f"left_{part}"], REST[f"right_{part}"])


angle = st.floats(min_value=-30, max_value=55)


@settings(max_examples=60, deadline=None)
@given(
    hip=st.floats(min_value=-30, max_value=140),
    abduct=st.floats(min_value=-30, max_value=70),
    knee=st.floats(min_value=0, max_value=155),
    shoulder=st.floats(min_value=-60, max_value=180),
    spine=angle,
    tilt=st.floats(min_value=-180, max_value=180),
)
def test_any_allowed_angles_keep_the_proportions(
    hip: float, abduct: float, knee: float, shoulder: float, spine: float, tilt: float
) -> None:
    frame = Frame.model_validate(
        {
            "on_floor": ["left_foot"],
            "root": {"tilt": tilt},
            "lumbar": Spine(flex=spine).model_dump(),
            "left_hip": Hip(flex=hip, abduct=abduct).model_dump(),
            "left_knee": knee,
            "right_shoulder": Shoulder(flex=shoulder).model_dump(),
        }
    )
    _assert_same(bone_lengths(pose_body(frame)))


def test_knee_flexion_moves_the_shin_backward_and_hip_flexion_the_thigh_forward() -> None:
    """Catches a sign error that would bend knees the wrong way in every figure."""
    body = pose_body(Frame(on_floor=["left_foot"], left_knee=90, right_hip=Hip(flex=90)))
    j = body.joints
    assert j["left_ankle"][0] < j["left_knee"][0] - 30  # shin points behind (x is forward)
    assert j["right_knee"][0] > j["right_hip"][0] + 30  # thigh points forward


def test_left_is_left() -> None:
    """z points to the body's right in a right-handed room, so left limbs have lower z."""
    j = pose_body(Frame(on_floor=["left_foot"])).joints
    assert j["left_hip"][2] < 0 < j["right_hip"][2]
    assert j["left_shoulder"][2] < 0 < j["right_shoulder"][2]
