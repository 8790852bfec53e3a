"""Each exercise's figure matches its written steps and rests on what it should.

Distances are centimetres; the body is about 174 cm tall. A pose file draws the left
side, so "working" limbs below are the left ones.
"""

from __future__ import annotations

import math

import pytest

from supple.catalog import default_catalog
from supple.figures.library import load_pose, pose_ids
from supple.figures.scene import Scene, bottom, build_pair
from supple.figures.skeleton import Body, Vec, apply

CONTACT = 3.0  # a part resting on something is at most this far above it (under 2% of height)
MOVED = 10.0  # a rep or flow moves some joint at least this far


def scenes(exercise_id: str) -> tuple[Scene, Scene]:
    return build_pair(load_pose(exercise_id))


def j(scene: Scene, name: str) -> Vec:
    return scene.body.joints[name]


def gap(scene: Scene, part: str) -> float:
    return bottom(scene.body.capsule(part)) - scene.surface


def lateral(body: Body, point: Vec) -> float:
    """How far ``point`` is toward the body's left, measured across the pelvis."""
    left = apply(body.bones["pelvis"].rotation, (0.0, 0.0, -1.0))
    origin = body.joints["pelvis"]
    return sum((point[i] - origin[i]) * left[i] for i in range(3))


def forward(body: Body, point: Vec) -> float:
    """How far ``point`` is in front of the pelvis, along the floor."""
    front = apply(body.bones["pelvis"].rotation, (1.0, 0.0, 0.0))
    size = math.hypot(front[0], front[2]) or 1.0
    origin = body.joints["pelvis"]
    return ((point[0] - origin[0]) * front[0] + (point[2] - origin[2]) * front[2]) / size


def _samples(a: Vec, b: Vec, n: int = 12) -> list[Vec]:
    return [tuple(a[i] + (b[i] - a[i]) * k / n for i in range(3)) for k in range(n + 1)]  # type: ignore[misc]


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_nothing_passes_below_the_floor(exercise_id: str) -> None:
    for scene in scenes(exercise_id):
        assert min(bottom(c) for c in scene.body.capsules) >= scene.surface - 1e-6


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_the_body_touches_what_it_rests_on(exercise_id: str) -> None:
    pose = load_pose(exercise_id)
    for scene, frame in zip(scenes(exercise_id), (pose.start, pose.end), strict=True):
        for part in frame.on_floor:
            assert -1e-6 <= gap(scene, part) <= CONTACT, f"{part} is not on the floor"
        for part in frame.on_chair:
            assert scene.seat is not None
            assert abs(bottom(scene.body.capsule(part)) - scene.seat) <= CONTACT


@pytest.mark.parametrize("exercise_id", [i for i in pose_ids() if load_pose(i).props])
def test_no_part_of_the_body_is_inside_the_chair(exercise_id: str) -> None:
    for scene in scenes(exercise_id):
        for box in scene.chair:
            for capsule in scene.body.capsules:
                for point in _samples(capsule.a, capsule.b):
                    assert box.distance(point) >= capsule.radius - 1.5, (capsule.name, box.name)


def test_chair_is_under_the_sitting_bones_at_a_real_seat_height() -> None:
    for scene in scenes("seated-figure-four"):
        assert scene.seat is not None and 38 <= scene.seat <= 55


@pytest.mark.parametrize(
    "exercise_id", ["supine-figure-four", "seated-figure-four", "standing-figure-four"]
)
def test_figure_four_rests_the_left_ankle_just_above_the_right_knee(exercise_id: str) -> None:
    for scene in scenes(exercise_id):
        assert math.dist(j(scene, "left_ankle"), j(scene, "right_knee")) <= 16
        # the crossed knee opens out to the working side
        assert lateral(scene.body, j(scene, "left_knee")) > lateral(
            scene.body, j(scene, "left_hip")
        )


def test_supine_figure_four_draws_the_supporting_thigh_in_with_the_back_down() -> None:
    start, end = scenes("supine-figure-four")
    assert gap(start, "right_foot") <= CONTACT and gap(end, "right_foot") > 10
    assert math.dist(j(end, "right_knee"), j(end, "neck_base")) < math.dist(
        j(start, "right_knee"), j(start, "neck_base")
    )
    for part in ("left_buttock", "right_buttock", "chest", "head"):
        assert gap(end, part) <= CONTACT


def test_childs_pose_hips_back_arms_forward_head_down() -> None:
    _, held = scenes("childs-pose")
    body = held.body
    for side in ("left", "right"):
        # the knees stay where they were on all fours and bend fully: buttocks by the heels
        assert math.dist(body.capsule(f"{side}_buttock").b, j(held, f"{side}_heel")) <= 21
        assert forward(body, j(held, f"{side}_fingers")) > forward(body, j(held, "head")) + 10
    assert gap(held, "head") <= CONTACT


def test_bird_dog_reaches_opposite_arm_and_leg_level_with_the_floor() -> None:
    start, end = scenes("bird-dog")
    assert abs(j(end, "left_ankle")[1] - j(end, "left_hip")[1]) <= 10
    assert abs(j(end, "right_wrist")[1] - j(end, "right_shoulder")[1]) <= 10
    assert gap(end, "right_shin") <= CONTACT and gap(end, "left_hand") <= CONTACT
    assert abs(j(end, "neck_base")[1] - j(end, "pelvis")[1]) <= 12  # back stays flat
    assert gap(start, "left_shin") <= CONTACT and gap(start, "right_hand") <= CONTACT


def _moved(exercise_id: str) -> float:
    start, end = scenes(exercise_id)
    return max(math.dist(j(start, n), j(end, n)) for n in start.body.joints)


def pelvis_angle(body: Body) -> float:
    """The slope of the pelvis rim (from its bony point at the back to the one at the
    front of the hip) as the side view draws it (the room's x-y plane), in degrees."""
    j = body.joints
    back, front = j["left_pelvis_back"], j["left_pelvis_front"]
    return math.degrees(math.atan2(front[1] - back[1], front[0] - back[0]))


def turned(a: float, b: float) -> float:
    """From angle ``a`` to angle ``b`` the short way round, in degrees."""
    return (b - a + 180.0) % 360.0 - 180.0


ROCKS = {"pelvic-tilt": 12.0}
"""Moves of the pelvis itself, whose joints travel little: the pelvis rocks about the
hips while the head and feet stay planted, so they are measured by the pelvis's angle."""


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_start_and_end_differ(exercise_id: str) -> None:
    if exercise_id in ROCKS:
        start, end = scenes(exercise_id)
        assert abs(turned(pelvis_angle(start.body), pelvis_angle(end.body))) >= ROCKS[exercise_id]
    else:
        assert _moved(exercise_id) >= MOVED


def test_pelvic_tilt_rolls_the_pelvis_back_and_flattens_the_lower_back() -> None:
    """The tilt reads from the pelvis rim, not from how far a joint travels: the front
    of the pelvis rises toward the ribs and the lower back settles toward the mat."""
    start, end = scenes("pelvic-tilt")
    assert abs(turned(pelvis_angle(start.body), pelvis_angle(end.body))) >= 12

    def front_to_ribs(scene: Scene) -> float:
        return math.dist(j(scene, "left_pelvis_front"), j(scene, "neck_base"))

    assert front_to_ribs(end) < front_to_ribs(start) - 1
    assert gap(end, "lumbar") <= gap(start, "lumbar") + 0.5


def test_cat_tucks_the_pelvis_and_cow_tips_it_forward() -> None:
    """The pelvis moves with the spine: tail tucked under in the cat, lifted in the cow."""
    cat, cow = scenes("cat-cow")
    assert abs(turned(pelvis_angle(cat.body), pelvis_angle(cow.body))) >= 30


@pytest.mark.parametrize("phase", [0, 1])
def test_cat_and_cow_curve_the_back_through_every_segment(phase: int) -> None:
    """Four spinal segments bend the same way, so the back reads as a curve (cat: each
    joint rises above the line through its neighbours; cow: each sinks below it)."""
    scene = scenes("cat-cow")[phase]
    chain = ["pelvis", "lumbar_mid", "lumbar_top", "thorax_mid", "neck_base"]
    sign = 1 if phase == 0 else -1
    for before, here, after in zip(chain, chain[1:], chain[2:], strict=False):
        middle = (j(scene, before)[1] + j(scene, after)[1]) / 2
        assert sign * (j(scene, here)[1] - middle) > 0.5, here


def test_clamshell_opens_the_top_knee_with_feet_together() -> None:
    start, end = scenes("clamshell")
    assert j(end, "left_knee")[1] - j(start, "left_knee")[1] >= 12
    for scene in (start, end):
        assert math.dist(j(scene, "left_ankle"), j(scene, "right_ankle")) <= 15
        assert j(scene, "left_hip")[1] > j(scene, "right_hip")[1] + 10  # lying on the right


def test_side_lying_abduction_lifts_the_straight_top_leg_to_about_45_degrees() -> None:
    _, end = scenes("side-lying-hip-abduction")
    hip, ankle = j(end, "left_hip"), j(end, "left_ankle")
    rise = math.degrees(
        math.atan2(ankle[1] - hip[1], math.hypot(ankle[0] - hip[0], ankle[2] - hip[2]))
    )
    assert 30 <= rise <= 55
    assert load_pose("side-lying-hip-abduction").end.left_knee <= 10  # knee long


def test_cat_rounds_the_back_and_cow_arches_it() -> None:
    cat, cow = scenes("cat-cow")

    def hump(scene: Scene) -> float:
        pelvis, mid, neck = j(scene, "pelvis"), j(scene, "lumbar_top"), j(scene, "neck_base")
        return mid[1] - (pelvis[1] + neck[1]) / 2

    assert hump(cat) > hump(cow) + 4
    # each reads on its own: the cat's mid-back rises above the line from hips to
    # shoulders, the cow's sinks below it
    assert hump(cat) >= 6 and hump(cow) <= -5
    assert j(cat, "head")[1] < j(cow, "head")[1] - 10  # head hangs in cat, lifts in cow


def test_prone_extension_lifts_the_chest_while_the_hips_stay_down() -> None:
    start, end = scenes("prone-back-extension")
    assert j(end, "neck_base")[1] - j(start, "neck_base")[1] >= 12
    assert gap(end, "lumbar") <= CONTACT and gap(start, "chest") <= CONTACT


def test_knee_to_chest_hugs_the_left_knee_while_the_right_leg_stays_long() -> None:
    _, end = scenes("knee-to-chest")
    assert math.dist(j(end, "left_knee"), j(end, "neck_base")) <= 50
    assert gap(end, "right_shin") <= CONTACT
    assert load_pose("knee-to-chest").end.right_knee <= 10
    assert math.dist(j(end, "left_wrist"), j(end, "left_knee")) <= 25


def test_supine_twist_lowers_both_knees_to_the_left_with_shoulders_down() -> None:
    start, end = scenes("supine-spinal-twist")
    for side in ("left", "right"):
        moved = [
            end.body.joints[f"{side}_knee"][i] - start.body.joints[f"{side}_knee"][i]
            for i in range(3)
        ]
        left = apply(start.body.bones["pelvis"].rotation, (0.0, 0.0, -1.0))
        assert sum(moved[i] * left[i] for i in range(3)) >= 15
    for part in ("left_hand", "right_hand", "head"):
        assert gap(end, part) <= CONTACT + 1


def test_seated_twist_turns_toward_the_bent_left_knee() -> None:
    start, end = scenes("seated-spinal-twist")
    pose = load_pose("seated-spinal-twist")
    assert pose.end.lumbar.turn + pose.end.thoracic.turn >= 20
    assert pose.end.neck.turn >= 20
    assert j(end, "left_knee")[1] > j(end, "right_knee")[1] + 20  # left knee points up
    for scene in (start, end):
        # the left foot steps over: it is planted beyond the outside of the right thigh
        outside = lateral(scene.body, j(scene, "right_knee")) - 7.5
        assert lateral(scene.body, j(scene, "left_ankle")) < outside - 3
    assert gap(end, "left_foot") <= CONTACT and gap(end, "right_thigh") <= CONTACT


@pytest.mark.parametrize("exercise_id", ["kneeling-hip-flexor", "deep-lunge-glute"])
def test_half_kneeling_on_the_left_knee_with_the_right_foot_forward(exercise_id: str) -> None:
    start, end = scenes(exercise_id)
    for scene in (start, end):
        assert gap(scene, "left_shin") <= CONTACT and gap(scene, "right_foot") <= CONTACT
        assert (
            forward(scene.body, j(scene, "right_ankle"))
            > forward(scene.body, j(scene, "left_knee")) + 40
        )
        assert abs(forward(scene.body, j(scene, "neck_base"))) <= 12  # trunk upright
    assert (
        abs(
            forward(start.body, j(start, "right_knee"))
            - forward(start.body, j(start, "right_ankle"))
        )
        <= 8
    )
    hips = [
        forward(s.body, j(s, "pelvis")) - forward(s.body, j(s, "right_ankle")) for s in (start, end)
    ]
    assert hips[1] > hips[0] + 3  # weight moves forward


def test_pigeon_lays_the_left_shin_across_and_the_right_leg_long_behind() -> None:
    _, held = scenes("pigeon-pose")
    body = held.body
    shin = [j(held, "left_ankle")[i] - j(held, "left_knee")[i] for i in range(3)]
    across = abs(lateral(body, j(held, "left_ankle")) - lateral(body, j(held, "left_knee")))
    assert across >= 0.4 * math.hypot(*shin)
    assert load_pose("pigeon-pose").end.right_knee <= 10
    assert forward(body, j(held, "right_ankle")) < forward(body, j(held, "right_hip")) - 60


def test_side_bend_reaches_the_left_arm_up_and_leans_right() -> None:
    start, end = scenes("side-bend")
    assert j(end, "left_wrist")[1] > j(end, "head")[1]
    lean = lateral(end.body, j(end, "neck_base")) - lateral(start.body, j(start, "neck_base"))
    assert lean <= -8


def test_standing_figure_four_sits_back_on_the_right_leg() -> None:
    start, end = scenes("standing-figure-four")
    assert j(end, "pelvis")[1] < j(start, "pelvis")[1] - 10
    for scene in (start, end):
        assert gap(scene, "right_foot") <= CONTACT and gap(scene, "left_foot") > 20
    # hips go back behind the heel while a long, straight back leans well forward
    assert forward(end.body, j(end, "right_heel")) > 0
    assert forward(end.body, j(end, "neck_base")) >= 25
    pose = load_pose("standing-figure-four")
    assert abs(pose.end.lumbar.flex) + abs(pose.end.thoracic.flex) <= 10


def test_seated_figure_four_tips_forward_from_the_hips() -> None:
    start, end = scenes("seated-figure-four")
    lean = [forward(s.body, j(s, "neck_base")) for s in (start, end)]
    assert lean[1] > lean[0] + 10


def test_warm_ups_alternate_legs() -> None:
    for exercise_id in ("march-in-place", "light-jog"):
        start, end = scenes(exercise_id)
        assert j(start, "left_knee")[1] > j(start, "right_knee")[1] + 10
        assert j(end, "right_knee")[1] > j(end, "left_knee")[1] + 10
    start, end = scenes("brisk-walk")
    for scene in (start, end):
        assert gap(scene, "left_foot") <= CONTACT and gap(scene, "right_foot") <= CONTACT


def test_arm_circles_keep_the_arms_near_shoulder_height() -> None:
    for scene in scenes("arm-circles"):
        for side in ("left", "right"):
            assert abs(j(scene, f"{side}_wrist")[1] - j(scene, f"{side}_shoulder")[1]) <= 15


def test_every_pose_belongs_to_a_catalog_exercise() -> None:
    assert set(pose_ids()) <= set(default_catalog().exercises)


def _gap_between(a: Vec, b: Vec, c: Vec, d: Vec, steps: int = 12) -> float:
    """Smallest distance between two segments, sampled finely enough for limbs."""
    return min(math.dist(p, q) for p in _samples(a, b, steps) for q in _samples(c, d, steps))


LIMB_GROUPS = ("left_leg", "right_leg", "left_arm", "right_arm")


@pytest.mark.parametrize("exercise_id", pose_ids())
def test_limbs_do_not_pass_through_each_other(exercise_id: str) -> None:
    """A crossed ankle rests on the knee and a hand holds the thigh; neither sinks into
    it by more than soft tissue allows. Clasped hands may interlace, so arms against
    arms are not checked."""
    for scene in scenes(exercise_id):
        limbs = [c for c in scene.body.capsules if c.group in LIMB_GROUPS]
        for i, one in enumerate(limbs):
            for other in limbs[i + 1 :]:
                if one.group == other.group or ("arm" in one.group and "arm" in other.group):
                    continue
                depth = one.radius + other.radius - _gap_between(one.a, one.b, other.a, other.b)
                assert depth <= 4.0, (one.name, other.name, round(depth, 1))


def test_the_jog_is_a_light_jog_not_a_sprint() -> None:
    """Short strides, trunk upright, arms loosely swinging: the steps' 'pace that still
    lets you talk'."""
    pose = load_pose("light-jog")
    for frame in (pose.start, pose.end):
        assert max(frame.left_hip.flex, frame.right_hip.flex) <= 50
        assert abs(frame.root.tilt) <= 4
        assert max(abs(frame.left_shoulder.flex), abs(frame.right_shoulder.flex)) <= 20


def test_prone_extension_keeps_the_elbows_tucked_along_the_ribs() -> None:
    for scene in scenes("prone-back-extension"):
        body = scene.body
        for side in ("left", "right"):
            out = abs(lateral(body, j(scene, f"{side}_elbow")))
            assert out - abs(lateral(body, j(scene, f"{side}_shoulder"))) <= 6


def test_clamshell_top_hand_stays_on_the_top_hip() -> None:
    """The steps put the top hand on the top hip to feel the pelvis stay still; it must
    not slide onto the thigh as the knee opens (it did, 20 cm, before)."""
    from supple.figures.keyframes import motion

    solved = motion(load_pose("clamshell"))
    first = solved.start.body.joints["left_wrist"]
    for move in solved.moves:
        for key in move:
            assert math.dist(key.body.joints["left_wrist"], first) < 1.0
            assert math.dist(key.body.joints["left_wrist"], key.body.joints["left_hip"]) < 20


def test_clamshell_top_hand_rests_behind_the_hip_and_the_knee_opens_wide() -> None:
    """A hand on the side of the hip covers the gluteus medius the figure teaches; on
    the back of the hip it still feels the pelvis. The knee opens far enough to read."""
    start, end = scenes("clamshell")
    for scene in (start, end):
        assert forward(scene.body, j(scene, "left_wrist")) < forward(
            scene.body, j(scene, "left_hip")
        )
    assert j(end, "left_knee")[1] - j(start, "left_knee")[1] >= 20


def _stance(scene: Scene) -> float:
    return forward(scene.body, j(scene, "right_ankle")) - forward(scene.body, j(scene, "left_knee"))


def _back_thigh_slope(scene: Scene) -> float:
    hip, knee = j(scene, "left_hip"), j(scene, "left_knee")
    return math.degrees(
        math.atan2(math.hypot(hip[0] - knee[0], hip[2] - knee[2]), hip[1] - knee[1])
    )


def test_deep_lunge_is_a_longer_lower_lunge_than_the_kneeling_hip_flexor_stretch() -> None:
    """Drawn the same before: the deep lunge steps the front foot well forward (a longer
    stance) and its back thigh slopes further back in the held position."""
    lunge, kneel = scenes("deep-lunge-glute"), scenes("kneeling-hip-flexor")
    for a, b in zip(lunge, kneel, strict=True):
        assert _stance(a) >= _stance(b) + 12
    assert _back_thigh_slope(lunge[1]) >= _back_thigh_slope(kneel[1]) + 8


def test_deep_lunge_rests_both_hands_on_the_front_thigh() -> None:
    """The steps say the hands rest on the front thigh (or the floor beside the front
    foot); they used to hang by the thighs, touching neither."""
    for scene in scenes("deep-lunge-glute"):
        hip, knee = j(scene, "right_hip"), j(scene, "right_knee")
        for side in ("left", "right"):
            point = j(scene, f"{side}_wrist")
            # Resting on it: the hand against the thigh's surface, not in the air beside it.
            rest = scene.body.capsule("right_thigh").radius
            rest += scene.body.capsule(f"{side}_hand").radius
            assert _gap_between(point, point, hip, knee) <= rest + 1.5, side


def test_pelvic_tilt_slides_the_near_hand_under_the_small_of_the_back() -> None:
    """The steps slide one hand under the small of the back to feel it press down; the
    near hand does it, so its wrist is in sight at the edge of the back (the generic
    contact and legibility tests check that from the figure's own view)."""
    from supple.figures.ik import reach

    pose = load_pose("pelvic-tilt")
    assert ("left_wrist", "lower_back") in {(t.joint, t.other) for t in pose.start.touching}
    for scene in scenes("pelvic-tilt"):
        under = reach(scene.body, "left_wrist", "lower_back")
        assert under <= scene.body.capsule("lower_back").radius  # beneath it, not beside it
        assert gap(scene, "left_hand") <= CONTACT
        # the other hand rests on the belly: above the trunk's axis, clear of the mat
        assert gap(scene, "right_hand") > 10
