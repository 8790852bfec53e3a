"""The 3D viewer's data: the figure engine's own keyframes as points, for every exercise.

The viewer draws a rod between the two points it is given for each part, so every
property of the motion has to hold in this data already: each part keeps its length
in every keyframe, nothing sinks through the floor, the right side is the left side's
mirror image, and the loop's times run from 0 to 1. Distances are centimetres.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest

from supple.catalog import default_catalog
from supple.catalog.loader import UnknownIdError
from supple.figures.draw import targets
from supple.figures.keyframes import motion_for
from supple.figures.library import load_pose, pose_ids
from supple.figures.muscles import REGIONS
from supple.figures.pose import Frame
from supple.figures.project import ring_cues
from supple.figures.scene import build_all
from supple.figures.skeleton import pose_body
from supple.figures.solid import PLACES, solid_motion, swap_side

ROUNDING = 2 * math.sqrt(3) * 0.5 * 10**-PLACES  # both ends rounded to a millimetre
REST = {c.name: math.dist(c.a, c.b) for c in pose_body(Frame(on_floor=["left_foot"])).capsules}
BODY_PARTS = set(REST)


def _ends(points: list[float]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return tuple(points[:3]), tuple(points[3:])


def _by_name(data: dict[str, Any], frame: dict[str, Any]) -> dict[str, list[float]]:
    return {
        part["name"]: points for part, points in zip(data["parts"], frame["parts"], strict=True)
    }


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_every_body_part_keeps_its_length_in_every_keyframe(exercise_id: str) -> None:
    data = solid_motion(exercise_id)
    for index, part in enumerate(data["parts"]):
        if part["kind"] != "body":
            continue  # straps and muscle marks may span two bones
        for frame in data["frames"]:
            length = math.dist(*_ends(frame["parts"][index]))
            assert abs(length - REST[part["name"]]) <= ROUNDING, (part["name"], length)


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_the_parts_are_the_bodys_own_and_the_marks_the_figures(exercise_id: str) -> None:
    """The viewer draws whatever segments the skeleton has, and the muscles the SVG marks."""
    data = solid_motion(exercise_id)
    body = {p["name"] for p in data["parts"] if p["kind"] == "body"}
    assert body == BODY_PARTS
    exercise = default_catalog().exercise(exercise_id)
    wanted = {(m, s) for m, s in targets(load_pose(exercise_id), exercise)}
    drawn = {p["name"] for p in data["parts"] if p["kind"] == "mark"}
    # Each marked muscle is one rod per piece of its region: mark-<muscle>-<piece>-<side>.
    assert {(n[len("mark-") :].rsplit("-", 2)[0], n.rsplit("-", 1)[1]) for n in drawn} == wanted
    assert all(len(frame["parts"]) == len(data["parts"]) for frame in data["frames"])
    assert all(len(frame["boxes"]) == len(data["boxes"]) for frame in data["frames"])
    assert all(p["radius"] > 0 and p["colour"].startswith("#") for p in data["parts"])


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_nothing_sinks_through_the_floor(exercise_id: str) -> None:
    data = solid_motion(exercise_id)
    for frame in data["frames"]:
        for part, points in zip(data["parts"], frame["parts"], strict=True):
            if part["kind"] == "body":
                low = min(points[1], points[4]) - part["radius"]
                assert low >= data["floor"] - 0.5, (part["name"], low)


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_the_loop_runs_from_start_to_start_and_holds_a_still(exercise_id: str) -> None:
    data = solid_motion(exercise_id)
    times = data["times"]
    assert len(times) == len(data["frames"]) >= 3
    assert times[0] == 0 and times[-1] == 1
    assert all(a <= b for a, b in itertools.pairwise(times))
    assert data["frames"][0] == data["frames"][-1]  # a loop closes on its start
    assert 0 < data["still"] < len(times) - 1
    assert data["seconds"] > 0
    json.dumps(data, allow_nan=False)  # plain JSON a browser can read


@pytest.mark.parametrize(
    "exercise_id", [e for e in pose_ids() if default_catalog().exercise(e).per_side]
)
def test_the_right_side_is_the_left_sides_mirror_image(exercise_id: str) -> None:
    left, right = solid_motion(exercise_id, "left"), solid_motion(exercise_id, "right")
    assert right["side"] == "right" and "right side" in right["description"]
    assert len(left["frames"]) == len(right["frames"])
    for frame_left, frame_right in zip(left["frames"], right["frames"], strict=True):
        mirrored = _by_name(right, frame_right)
        for name, points in _by_name(left, frame_left).items():
            flipped = [-points[0], *points[1:3], -points[3], *points[4:]]
            assert mirrored[swap_side(name)] == pytest.approx(flipped, abs=1e-9), name
        for box_left, box_right in zip(frame_left["boxes"], frame_right["boxes"], strict=True):
            assert box_right == pytest.approx(
                [-box_left[0], *box_left[1:6], -box_left[6]], abs=1e-9
            )


def test_a_still_exercise_moves_between_its_start_and_held_positions() -> None:
    data = solid_motion("supine-figure-four")
    start, held = data["frames"][0], data["frames"][data["still"]]
    moved = [math.dist(a[3:], b[3:]) for a, b in zip(start["parts"], held["parts"], strict=True)]
    assert max(moved) > 10  # the crossed leg is drawn up toward the chest


def test_side_names_swap_and_others_stay() -> None:
    assert swap_side("left_thigh") == "right_thigh"
    assert swap_side("right_hand") == "left_hand"
    assert swap_side("mark-piriformis-left") == "mark-piriformis-right"
    assert swap_side("mark-gluteus-maximus-right") == "mark-gluteus-maximus-left"
    assert swap_side("pelvis") == "pelvis"
    assert swap_side("leftover") == "leftover"


def test_an_unknown_exercise_is_refused_by_name() -> None:
    with pytest.raises(UnknownIdError):
        solid_motion("no-such-exercise")


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_movement_arrows_are_the_svgs_circle_cues_in_the_room(side: str) -> None:
    """Arm circles' rings and arrowheads, as the SVG draws them, come in the data: a
    closed path round each hand's circle and a cone pointing along it; the right side
    mirrored front to back like the body."""

    data = solid_motion("arm-circles", side)  # type: ignore[arg-type]
    solved = motion_for("arm-circles")
    first = build_all(load_pose("arm-circles"), [(solved.phases[0].frame, solved.phases[0].body)])
    cues = ring_cues(first[0])
    assert len(data["arrows"]) == len(cues) == 2
    flip = -1.0 if side == "right" else 1.0
    for arrow, cue in zip(data["arrows"], cues, strict=True):
        assert len(arrow["path"]) == len(cue.loop)
        for drawn, true in zip(arrow["path"], cue.loop, strict=True):
            assert math.dist(drawn, (flip * true[0], true[1], true[2])) <= ROUNDING
        tip = cue.head[0]
        assert math.dist(arrow["tip"], (flip * tip[0], tip[1], tip[2])) <= ROUNDING
        # The cone's base sits on the ring, behind its tip, and is as wide as the SVG's head.
        assert 2 <= math.dist(arrow["tip"], arrow["base"]) <= 8
        assert arrow["radius"] == pytest.approx(math.dist(cue.head[1], cue.head[2]) / 2, abs=0.1)


def test_an_exercise_without_a_circle_cue_has_no_arrows_and_piriformis_is_deep() -> None:
    data = solid_motion("supine-figure-four")
    assert data["arrows"] == []
    piriformis = [p for p in data["parts"] if "piriformis" in p["name"]]
    assert piriformis and all(p["deep"] for p in piriformis)


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_each_mark_says_whether_its_muscle_is_deep(exercise_id: str) -> None:
    """Deep muscles are drawn as deep (see-through) in the viewer, as dashed in the SVG."""
    data = solid_motion(exercise_id)
    for part in data["parts"]:
        if part["kind"] == "mark":
            muscle = part["name"][len("mark-") :].rsplit("-", 2)[0]
            assert part["deep"] is REGIONS[muscle].deep, part["name"]
        else:
            assert part["deep"] is False
    piriformis = [
        p for p in solid_motion("supine-figure-four")["parts"] if "piriformis" in p["name"]
    ]
    assert piriformis and all(p["deep"] for p in piriformis)
