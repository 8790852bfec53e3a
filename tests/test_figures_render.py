"""The SVG a page or handout embeds: valid, self-contained, fitted, mirrored, animated."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from supple.catalog import UnknownIdError, default_catalog
from supple.figures import figure_svg
from supple.figures.draw import shapes
from supple.figures.library import load_pose, pose_ids
from supple.figures.scene import build_pair

NS = {"svg": "http://www.w3.org/2000/svg"}
MOVING = ["cat-cow", "bird-dog", "clamshell", "side-lying-hip-abduction", "prone-back-extension"]


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _numbers(element: ET.Element, names: tuple[str, ...]) -> list[float]:
    return [float(element.attrib[n]) for n in names if n in element.attrib]


@pytest.mark.parametrize("exercise_id", pose_ids())
@pytest.mark.parametrize("phase", ["start", "end", "animated"])
def test_svg_parses_and_everything_drawn_fits_the_view_box(exercise_id: str, phase: str) -> None:
    root = _root(figure_svg(exercise_id, "left", phase))  # type: ignore[arg-type]
    left, top, width, height = (float(v) for v in root.attrib["viewBox"].split())
    for line in root.iter("{http://www.w3.org/2000/svg}line"):
        pad = float(line.attrib.get("stroke-width", "0")) / 2
        xs = _numbers(line, ("x1", "x2"))
        ys = _numbers(line, ("y1", "y2"))
        assert min(xs) - pad >= left - 0.01 and max(xs) + pad <= left + width + 0.01
        assert min(ys) - pad >= top - 0.01 and max(ys) + pad <= top + height + 0.01
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        size = float(text.attrib["font-size"])
        end = float(text.attrib["x"]) + len(text.text or "") * size * 0.62
        assert left <= float(text.attrib["x"]) and end <= left + width + 0.01, text.text
    for polygon in root.iter("{http://www.w3.org/2000/svg}polygon"):
        for pair in polygon.attrib["points"].split():
            x, y = (float(v) for v in pair.split(","))
            assert left <= x <= left + width and top <= y <= top + height


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_svg_is_self_contained_and_titled(exercise_id: str) -> None:
    svg = figure_svg(exercise_id)
    root = _root(svg)
    assert "<script" not in svg and "href" not in svg and "url(" not in svg
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    exercise = default_catalog().exercises[exercise_id]
    assert title is not None and title.text is not None and exercise.name in title.text
    assert desc is not None and desc.text is not None
    assert root.attrib["role"] == "img"


def test_title_is_stable_and_names_the_side() -> None:
    assert figure_svg("clamshell", "right") == figure_svg("clamshell", "right")
    assert "right side" in (_root(figure_svg("clamshell", "right")).findtext("svg:title", "", NS))
    assert "Right side" in figure_svg("clamshell", "right")
    assert "Left side" not in figure_svg("cat-cow")  # a two-sided move has no side label


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_right_side_is_the_mirror_image_of_the_left(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    exercise = default_catalog().exercises[exercise_id]
    for scene in build_pair(pose):
        left = shapes(pose, scene, exercise, "left")
        right = shapes(pose, scene, exercise, "right")
        assert [s.key for s in left] == [s.key for s in right]
        for a, b in zip(left, right, strict=True):
            assert [(-x, y) for x, y in a.points] == list(b.points)
            assert a.fill == b.fill and a.width == b.width


def test_legend_uses_the_catalog_muscle_names_for_at_most_two_marks() -> None:
    catalog = default_catalog()
    svg = figure_svg("pigeon-pose")
    texts = [t.text for t in _root(svg).iter("{http://www.w3.org/2000/svg}text")]
    targets = catalog.exercises["pigeon-pose"].targets
    names = [text.split(" (")[0] for text in texts if text]  # "(deep)", "(not visible ...)"
    for muscle in targets[:2]:
        assert catalog.muscles[muscle].name in names
    for muscle in targets[2:]:
        assert catalog.muscles[muscle].name not in names


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_no_figure_marks_more_than_two_muscles(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    exercise = default_catalog().exercises[exercise_id]
    start, _ = build_pair(pose)
    marks = {
        s.key.rsplit("-", 2)[0] for s in shapes(pose, start, exercise, "left") if s.role == "mark"
    }
    assert 1 <= len(marks) <= 2


@pytest.mark.parametrize("exercise_id", MOVING)
def test_rep_and_flow_exercises_animate_and_respect_reduced_motion(exercise_id: str) -> None:
    svg = figure_svg(exercise_id)
    assert len(re.findall(r"<animate ", svg)) >= 10
    assert "@media (prefers-reduced-motion: reduce)" in svg
    assert 'class="supple-still"' in svg and 'class="supple-moving"' in svg


def test_still_poses_do_not_animate() -> None:
    assert "<animate" not in figure_svg("cat-cow", pose="start")
    assert figure_svg("cat-cow", pose="start") != figure_svg("cat-cow", pose="end")


def test_unknown_exercise_suggests_the_closest_ids() -> None:
    with pytest.raises(UnknownIdError) as caught:
        figure_svg("clamshel")
    assert "clamshell" in caught.value.suggestions


def test_muscle_marks_sit_on_the_working_side() -> None:
    pose = load_pose("clamshell")
    exercise = default_catalog().exercises["clamshell"]
    start, _ = build_pair(pose)
    keys = {
        s.key.rsplit("-", 1)[0] for s in shapes(pose, start, exercise, "left") if s.role == "mark"
    }
    assert keys == {"mark-gluteus-medius-left"}


def test_props_are_placed_from_the_body() -> None:
    """Cushion and block fill the space under the part they support; a strap runs
    from the hand to the foot it loops around."""
    from pathlib import Path

    from supple.figures.library import load_pose_file
    from supple.figures.project import CAMERAS, flatten
    from supple.figures.scene import bottom, build

    pose = load_pose_file(Path(__file__).parent / "fixtures" / "figures" / "props.toml")
    scene = build(pose, pose.start)
    cushion, block = scene.blocks
    head, foot = scene.body.capsule("head"), scene.body.capsule("right_foot")
    assert math.isclose(cushion.centre[1] + cushion.half[1], bottom(head), abs_tol=1e-6)
    assert math.isclose(block.centre[1] - block.half[1], scene.surface, abs_tol=1e-6)
    assert math.isclose(block.centre[1] + block.half[1], bottom(foot), abs_tol=1e-6)
    ((start, end),) = scene.straps
    assert start == scene.body.capsule("left_hand").b
    assert math.dist(end, scene.body.joints["left_ankle"]) < 15
    keys = {s.key for s in flatten(scene, CAMERAS[pose.view], [])}
    assert {"cushion-0", "block-1", "strap-0", "mat"} <= keys


def test_accessible_name_ids_differ_between_figures_on_one_page() -> None:
    ids = set()
    for exercise_id, side in (("clamshell", "left"), ("clamshell", "right"), ("cat-cow", "left")):
        root = _root(figure_svg(exercise_id, side))  # type: ignore[arg-type]
        labelled = root.attrib["aria-labelledby"].split()
        found = {el.attrib["id"] for el in root.iter() if "id" in el.attrib}
        assert set(labelled) <= found
        assert not ids & found
        ids |= found


def test_arm_circles_ring_each_hands_path_in_both_frames() -> None:
    """The ring passes through the fingertips at the start and at the end, square to the
    arm, and stays put while the arms move, so a still reads as circling."""
    pose = load_pose("arm-circles")
    exercise = default_catalog().exercises["arm-circles"]
    scenes = build_pair(pose)
    assert scenes[0].rings == scenes[1].rings and len(scenes[0].rings) == 2
    for scene in scenes:
        for side, ring in zip(("left", "right"), scene.rings, strict=True):
            tip = scene.body.joints[f"{side}_fingers"]
            offset = [tip[i] - ring.centre[i] for i in range(3)]
            assert math.isclose(math.hypot(*offset), ring.radius, abs_tol=1.0)
            assert abs(sum(offset[i] * ring.normal[i] for i in range(3))) <= 2.0
        keys = {s.key for s in shapes(pose, scene, exercise, "left") if s.role == "prop"}
        assert {"ring-0", "ring-1", "ring-0-arrow", "ring-1-arrow"} <= keys


@pytest.mark.parametrize("phase", ["start", "animated"])
def test_figures_have_no_white_box_and_turn_light_on_a_dark_page(phase: str) -> None:
    svg = figure_svg("clamshell", "left", phase)  # type: ignore[arg-type]
    assert 'fill="#ffffff"' not in svg
    assert "@media (prefers-color-scheme: dark)" in svg
