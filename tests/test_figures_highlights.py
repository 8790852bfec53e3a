"""Honest muscle highlights: regions of the body that the body itself can hide.

A mark is painted inside the outline of the part it lies on, right after that part, so
any part nearer the viewer covers it; the main target is the strongest colour; deep
muscles are dashed; the colours are Okabe-Ito's and keep 3:1 contrast on the body.
"""

from __future__ import annotations

import math
import re

import pytest

from supple.catalog import default_catalog
from supple.figures import figure_svg
from supple.figures.draw import marked, shapes
from supple.figures.legibility import mark_visibility
from supple.figures.library import load_pose, pose_ids
from supple.figures.muscles import PRIMARY, RANK_COLOURS, REGIONS, SECONDARY, host_name
from supple.figures.pose import Frame, PoseFile
from supple.figures.project import BODY_FILLS, Camera, Shape, flatten
from supple.figures.scene import build, build_pair

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
PAGES = {"light page": "#ffffff", "dark page": "#0d1117"}


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2 defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_the_wcag_reference_values() -> None:
    assert math.isclose(contrast("#000000", "#ffffff"), 21.0)
    assert math.isclose(contrast("#777777", "#ffffff"), 4.48, abs_tol=0.01)


def test_mark_colours_are_okabe_ito_and_keep_3_to_1_on_every_body_fill() -> None:
    assert set(RANK_COLOURS) <= OKABE_ITO and PRIMARY != SECONDARY
    for colour in RANK_COLOURS:
        for fill in BODY_FILLS:
            assert contrast(colour, fill) >= 3.0, (colour, fill)
        for page, background in PAGES.items():
            assert contrast(colour, background) >= 3.0, (colour, page)  # legend swatches


def _marks(exercise_id: str) -> list[tuple[list[Shape], PoseFile]]:
    pose = load_pose(exercise_id)
    exercise = default_catalog().exercises[exercise_id]
    return [(shapes(pose, scene, exercise, "left"), pose) for scene in build_pair(pose)]


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    size = dx * dx + dy * dy
    t = 0.0 if size == 0 else min(max(((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / size, 0), 1)
    return math.hypot(p[0] - a[0] - dx * t, p[1] - a[1] - dy * t)


def _host(key: str) -> str:
    muscle, side, piece = key.removeprefix("mark-").rsplit("-", 2)
    return host_name(REGIONS[muscle].pieces[int(piece)], side)


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_marks_lie_inside_the_part_they_are_on_and_are_painted_after_it(exercise_id: str) -> None:
    """No bar on top of everything: each mark sits within its part's drawn outline and
    comes after that part in the painting order, before the parts nearer the viewer."""
    for drawn, _ in _marks(exercise_id):
        index = {shape.key: i for i, shape in enumerate(drawn)}
        for i, shape in enumerate(drawn):
            if shape.role != "mark":
                continue
            host = drawn[index[_host(shape.key)]]
            assert index[host.key] < i
            for point in shape.points:
                assert _distance(point, *host.points) <= host.width / 2 + 0.05, shape.key


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_deep_muscles_are_dashed_and_surface_ones_solid(exercise_id: str) -> None:
    exercise = default_catalog().exercises[exercise_id]
    for drawn, _ in _marks(exercise_id):
        for shape in drawn:
            if shape.role == "mark":
                muscle = shape.key.removeprefix("mark-").rsplit("-", 2)[0]
                assert shape.dash == REGIONS[muscle].deep
                rank = marked(exercise).index(muscle)
                assert shape.fill == RANK_COLOURS[rank]


def _standing(camera: Camera) -> list[Shape]:
    frame = Frame(on_floor=["left_foot", "right_foot"])
    pose = PoseFile(view="side", surface="floor", start=frame, end=frame)
    return flatten(build(pose, frame), camera, [("erector-spinae", "right")])


def test_a_muscle_on_the_far_face_of_the_body_is_hidden_by_the_body() -> None:
    """The back muscles (right side, the side nearer the viewer) show along the back
    seen from the side, and not at all from the front: the body hides them, as it does
    a real person's."""
    side, back = _standing(Camera(0.0, 0.0)), _standing(Camera(90.0, 0.0))
    front = _standing(Camera(-90.0, 0.0))
    assert mark_visibility(back, "erector-spinae") > 0.5
    assert mark_visibility(side, "erector-spinae") > 0.2  # the hanging arm covers some
    assert mark_visibility(front, "erector-spinae") == 0.0


# Where the main target lies under the body in the view that shows the movement best
# (lying on the back, seen from above), the honest drawing cannot show it.
UNDER_THE_BODY = {
    "supine-figure-four": "the buttock rests on the mat, seen from above",
    "supine-spinal-twist": "the back rests on the mat, seen from above",
    "arm-circles": "the back muscles face away in the front view",
}


@pytest.mark.parametrize("exercise_id", [i for i in pose_ids() if i not in UNDER_THE_BODY])
def test_the_main_target_shows_in_the_held_position(exercise_id: str) -> None:
    (_, _), (held, _) = _marks(exercise_id)
    primary = marked(default_catalog().exercises[exercise_id])[0]
    assert mark_visibility(held, primary) >= 0.06


@pytest.mark.parametrize("exercise_id", ["march-in-place", "light-jog"])
def test_the_hip_flexor_mark_follows_the_lifting_leg(exercise_id: str) -> None:
    """The mark follows the stepping leg instead of staying on the standing one."""
    (start, _), (end, _) = _marks(exercise_id)

    def shown(drawn: list[Shape], side: str) -> bool:
        return any(
            s.key.startswith(f"mark-hip-flexors-{side}-") and len(set(s.points)) > 1 for s in drawn
        )

    assert shown(start, "left") and not shown(start, "right")  # left knee up
    assert shown(end, "right") and not shown(end, "left")  # right knee up


@pytest.mark.parametrize("exercise_id", sorted(UNDER_THE_BODY))
def test_a_hidden_main_target_is_named_as_hidden_in_the_legend(exercise_id: str) -> None:
    """Where the honest drawing cannot show the main target, the legend and the text
    description say so instead of leaving a colour key with no colour on the body."""
    catalog = default_catalog()
    primary = catalog.muscles[marked(catalog.exercises[exercise_id])[0]].name
    svg = figure_svg(exercise_id, pose="end")
    assert re.search(rf">{re.escape(primary)} \((deep, )?not visible from this view\)<", svg)
    assert f"Not visible from this view: {primary}" in svg


def test_a_visible_target_has_no_hidden_note() -> None:
    svg = figure_svg("pigeon-pose", pose="end")
    assert ">Piriformis (deep)<" in svg and "Piriformis (deep, not" not in svg
