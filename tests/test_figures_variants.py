"""Variant figures: the easier or harder version a plan chooses has its own drawing, and
each variant pose passes the checks every base pose passes (bone lengths in every
keyframe, planted parts, the floor, what it rests on, named contacts, legibility).
Distances are centimetres.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from supple.catalog import default_catalog
from supple.catalog.loader import CatalogError
from supple.figures import figure_svg
from supple.figures.draw import marked, shapes
from supple.figures.ik import reach
from supple.figures.keyframes import motion_for
from supple.figures.legibility import (
    MIN_SHARE,
    covering,
    drawn_share,
    mark_visibility,
    parts_at,
)
from supple.figures.library import drawn_variants, load_pose, parse_pose, pose_ids
from supple.figures.pose import Frame
from supple.figures.project import camera_for
from supple.figures.scene import bottom, build_pair
from supple.figures.skeleton import bone_lengths, pose_body

REST = bone_lengths(pose_body(Frame(on_floor=["left_foot"])))
CONTACT = 3.0
VARIANTS = [(e, v) for e in pose_ids() for v in drawn_variants(e)]
PROFILES = Path(__file__).parent / "fixtures" / "profiles"


def chosen_in_profiles() -> set[tuple[str, str]]:
    """The variants the profiles' plans choose, read from their expected plans (lines such
    as ``stretch: knee-to-chest [Other knee bent] hold 20 x2``), so a new profile or a
    changed plan that picks an undrawn variant fails here."""
    found: set[tuple[str, str]] = set()
    for path in PROFILES.glob("*.expected.txt"):
        for match in re.finditer(r"^\w+: ([a-z0-9-]+) \[([^\]]+)\]", path.read_text(), re.M):
            if match.group(2) != "-":  # "-": done as the exercise itself
                found.add((match.group(1), match.group(2)))
    return found


def test_the_profiles_choose_variants_so_the_check_below_can_fail() -> None:
    assert len(chosen_in_profiles()) >= 10


def test_every_variant_a_profile_plan_chooses_is_drawn() -> None:
    assert sorted(chosen_in_profiles() - set(VARIANTS)) == []


def undrawn_regressions(drawn: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The chained regression variants (exercise, variant) that ``drawn`` has no figure for."""
    catalog = default_catalog()
    chained = {
        (e.id, e.regression_variant)
        for e in catalog.exercises.values()
        if e.regression_variant is not None and e.variant(e.regression_variant) is not None
    }
    return chained - drawn


def test_every_regression_variant_is_drawn() -> None:
    """The variant an exercise's regression chain ends in is what a precaution, the
    history or gentle mode chooses first, so each has its own figure."""
    assert undrawn_regressions(set(VARIANTS)) == set()


def test_a_chained_variant_without_a_figure_fails_the_check() -> None:
    """The check above can fail: leave one regression variant's figure out and it is named."""
    gone = ("light-jog", "Jog and march")
    assert gone in VARIANTS
    assert undrawn_regressions(set(VARIANTS) - {gone}) == {gone}


@pytest.mark.parametrize(("exercise_id", "variant"), VARIANTS)
def test_each_drawn_variant_is_one_of_the_exercises_variants(
    exercise_id: str, variant: str
) -> None:
    assert default_catalog().exercises[exercise_id].variant(variant) is not None


@pytest.mark.parametrize(("exercise_id", "variant"), VARIANTS)
def test_variant_keyframes_keep_bones_and_planted_parts(exercise_id: str, variant: str) -> None:
    solved = motion_for(exercise_id, variant)
    if default_catalog().exercises[exercise_id].dosage.first.work_seconds is None:  # not a warm-up
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
    with pytest.raises(CatalogError, match="Elbow hook"):
        figure_svg("seated-spinal-twist", variant="Elbow hook")


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


@pytest.mark.parametrize(("exercise_id", "variant"), VARIANTS)
def test_variant_right_side_is_the_mirror_image_of_the_left(exercise_id: str, variant: str) -> None:
    pose = load_pose(exercise_id, variant=variant)
    exercise = default_catalog().exercises[exercise_id]
    for scene in build_pair(pose):
        left = shapes(pose, scene, exercise, "left")
        right = shapes(pose, scene, exercise, "right")
        assert [s.key for s in left] == [s.key for s in right]
        for a, b in zip(left, right, strict=True):
            assert [(-x, y) for x, y in a.points] == list(b.points)


# Where the main target lies under the body or behind the near limbs in the view that
# shows the movement, the honest drawing cannot show it (the legend then says so).
HIDDEN_TARGET = {
    ("glute-bridge", "Small lift"): "the buttocks stay near the mat, behind the near thigh",
    ("supine-spinal-twist", "Part-way lowering"): "the back rests on the mat, seen from above",
    ("supine-figure-four", "Foot stays down"): "the buttock rests on the mat, seen from above",
    (
        "arm-circles",
        "Elbow circles",
    ): "the back muscles face away in the front view, as in arm circles",
}


@pytest.mark.parametrize(
    ("exercise_id", "variant"), [v for v in VARIANTS if v not in HIDDEN_TARGET]
)
def test_variant_main_target_shows_in_the_held_position(exercise_id: str, variant: str) -> None:
    pose = load_pose(exercise_id, variant=variant)
    exercise = default_catalog().exercises[exercise_id]
    _, held = build_pair(pose)
    primary = marked(exercise)[0]
    assert mark_visibility(shapes(pose, held, exercise, "left"), primary) >= 0.06


def test_a_cushion_stays_where_the_held_position_rests_on_it() -> None:
    """The cushion under the forehead waits on the mat while the body moves down to it,
    instead of growing and shrinking under the head in every frame."""
    pose = load_pose("childs-pose", variant="Cushion under the forehead")
    start, held = build_pair(pose)
    assert start.blocks == held.blocks and len(held.blocks) == 1
    cushion = held.blocks[0]
    top = cushion.centre[1] + cushion.half[1]
    assert abs(bottom(held.body.capsule("head")) - top) <= CONTACT
    assert bottom(start.body.capsule("head")) > top + 10
