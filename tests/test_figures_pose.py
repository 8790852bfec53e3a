"""Pose files are strict: typos, impossible joints and missing props fail at load."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from supple.catalog import CatalogError, default_catalog
from supple.figures.library import POSE_DIR, parse_pose, pose_ids
from supple.figures.pose import Frame


def _raw(**start: Any) -> dict[str, Any]:
    return {"view": "side", "surface": "mat", "start": {"on_floor": ["pelvis"], **start}}


def test_every_catalog_exercise_has_exactly_one_pose_file() -> None:
    assert set(pose_ids()) == set(default_catalog().exercises)
    assert all((POSE_DIR / f"{i}.toml").is_file() for i in default_catalog().exercises)


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(CatalogError, match="left_hipp"):
        parse_pose(_raw(left_hipp={"flex": 10}), "poses/x.toml")


def test_a_knee_cannot_bend_backwards() -> None:
    with pytest.raises(ValidationError):
        Frame.model_validate({"on_floor": ["pelvis"], "left_knee": -20})


def test_a_hip_cannot_flex_beyond_its_range() -> None:
    with pytest.raises(CatalogError, match="flex"):
        parse_pose(_raw(left_hip={"flex": 170}), "poses/x.toml")


def test_sitting_on_a_chair_needs_a_chair() -> None:
    with pytest.raises(CatalogError, match="chair"):
        parse_pose(_raw(on_chair=["left_buttock"]), "poses/x.toml")


def test_end_lists_only_changes_and_keeps_the_rest_of_start() -> None:
    raw = _raw(left_knee=40, left_hip={"flex": 30, "abduct": 10})
    raw["end"] = {"left_hip": {"flex": 60}}
    pose = parse_pose(raw, "poses/x.toml")
    assert pose.end.left_hip.flex == 60
    assert pose.end.left_hip.abduct == 10
    assert pose.end.left_knee == 40
    assert pose.start.left_hip.flex == 30


def test_errors_name_the_file() -> None:
    with pytest.raises(CatalogError, match=r"poses/broken\.toml"):
        parse_pose({"view": "sideways"}, "poses/broken.toml")


def test_a_pose_may_name_its_own_viewpoint_within_sensible_angles() -> None:
    from supple.figures.project import CAMERAS, camera_for

    raw = _raw()
    assert camera_for(parse_pose(raw, "poses/x.toml")) == CAMERAS["side"]
    raw["camera"] = {"azimuth": 75, "elevation": 35}
    camera = camera_for(parse_pose(raw, "poses/x.toml"))
    assert (camera.azimuth, camera.elevation) == (75, 35)
    raw["camera"] = {"azimuth": 75, "elevation": 95}  # past looking straight down
    with pytest.raises(CatalogError, match="elevation"):
        parse_pose(raw, "poses/x.toml")


def test_a_circle_cue_must_say_which_part_circles() -> None:
    raw = _raw()
    raw["props"] = [{"kind": "circle"}]
    with pytest.raises(CatalogError, match="around"):
        parse_pose(raw, "poses/x.toml")
