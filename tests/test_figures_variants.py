"""Variant figures: the easier or harder version a plan chooses has its own drawing, and
each variant pose passes the checks every base pose passes (bone lengths in every
keyframe, planted parts, the floor, what it rests on, named contacts, legibility).
Distances are centimetres.
"""

from __future__ import annotations

import math

import pytest

from supple.catalog import default_catalog
from supple.catalog.loader import CatalogError
from supple.figures import figure_svg
from supple.figures.ik import reach
from supple.figures.keyframes import motion_for
from supple.figures.legibility import MIN_SHARE, covering, drawn_share, parts_at
from supple.figures.library import drawn_variants, load_pose, parse_pose, pose_ids
from supple.figures.pose import Frame
from supple.figures.project import camera_for
from supple.figures.scene import bottom, build_pair
from supple.figures.skeleton import bone_lengths, pose_body

REST = bone_lengths(pose_body(Frame(on_floor=["left_foot"])))
CONTACT = 3.0
VARIANTS = [(e, v) for e in pose_ids() for v in drawn_variants(e)]
# The variants the nine profiles' plans choose (tests/fixtures/profiles/*.expected.txt).
CHOSEN = [("seated-spinal-twist", "On a chair")]


def test_the_variants_plans_choose_are_drawn() -> None:
    assert set(CHOSEN) <= set(VARIANTS)


@pytest.mark.parametrize(("exercise_id", "variant"), VARIANTS)
def test_each_drawn_variant_is_one_of_the_exercises_variants(
    exercise_id: str, variant: str
) -> None:
    assert default_catalog().exercises[exercise_id].variant(variant) is not None


@pytest.mark.parametrize(("exercise_id", "variant"), VARIANTS)
def test_variant_keyframes_keep_bones_and_planted_parts(exercise_id: str, variant: str) -> None:
    solved = motion_for(exercise_id, variant)
    assert load_pose(exercise_id, variant=variant).start.planted
    for move in solved.moves:
        assert len(move) >= 9
        planted = set(move[0].frame.planted) & set(move[-1].frame.planted)
        for key in move:
            for name, length in bone_lengths(key.body).items():
                assert math.isclose(length, REST[name], rel_tol=1e-6), name
            assert min(bottom(c) for c in key.body.capsules) >= solved.surface - 1e-6
            for name in planted:
                assert math.dist(key.body.joints[name], move[0].body.joints[name]) < 1.0, name
    for key in solved.phases:
        for touch in key.frame.touching:
            assert reach(key.body, touch.joint, touch.other) <= touch.within + 0.5, touch


@pytest.mark.parametrize(("exercise_id", "variant"), VARIANTS)
def test_variant_rests_on_what_it_names_and_is_legible(exercise_id: str, variant: str) -> None:
    pose = load_pose(exercise_id, variant=variant)
    camera = camera_for(pose)
    for scene, frame in zip(build_pair(pose), (pose.start, pose.end), strict=True):
        for part in frame.on_floor:
            assert -1e-6 <= bottom(scene.body.capsule(part)) - scene.surface <= CONTACT, part
        for part in frame.on_chair:
            assert scene.seat is not None
            assert abs(bottom(scene.body.capsule(part)) - scene.seat) <= CONTACT, part
        for box in scene.chair:
            for capsule in scene.body.capsules:
                for end in (capsule.a, capsule.b):
                    assert box.distance(end) >= capsule.radius - 1.5, (capsule.name, box.name)
        for part in pose.defining:
            assert drawn_share(scene, camera, part) >= MIN_SHARE, part
        for touch in frame.touching:
            allowed = parts_at(scene, touch.joint) | (
                parts_at(scene, touch.other) if touch.other in scene.body.joints else {touch.other}
            )
            assert covering(scene, camera, touch.joint, allowed) == [], touch


def test_the_chair_variant_sits_on_a_chair_with_both_feet_down() -> None:
    pose = load_pose("seated-spinal-twist", variant="On a chair")
    base = load_pose("seated-spinal-twist")
    assert [p.kind for p in pose.props] == ["chair"] and not base.props
    assert set(pose.end.on_floor) == {"left_foot", "right_foot"}
    assert pose.end.thoracic.turn > 20  # the trunk turns, as in the floor version


def test_a_variant_figure_is_its_own_drawing() -> None:
    base = figure_svg("seated-spinal-twist", pose="end")
    chair = figure_svg("seated-spinal-twist", pose="end", variant="On a chair")
    assert chair != base
    assert "Seated spinal twist (On a chair)" in chair
    assert 'id="supple-figure-seated-spinal-twist-on-a-chair-left-end-title"' in chair


def test_an_undrawn_variant_is_an_error_naming_it() -> None:
    with pytest.raises(CatalogError, match="Raised seat"):
        figure_svg("seated-spinal-twist", variant="Raised seat")


def test_a_variant_table_with_an_unknown_key_is_rejected() -> None:
    raw = {
        "view": "side",
        "surface": "floor",
        "start": {"on_floor": ["left_foot"]},
        "variants": {"Taller": {"colour": "red"}},
    }
    assert parse_pose(raw, "poses/x.toml").view == "side"
    with pytest.raises(CatalogError, match=r'variants."Taller".*colour'):
        parse_pose(raw, "poses/x.toml", "Taller")
