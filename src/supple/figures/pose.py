"""The pose data model: joint angles, what the body rests on, and the props around it.

Poses are data (``catalog/data/poses/<exercise-id>.toml``), never drawn coordinates, so
every figure shares one body with fixed proportions and a pose can be checked against
anatomy: each angle is bounded by a plausible range of motion, which stops a data typo
from bending a knee backwards. Unknown fields are errors, as in the catalog.

Angles are in degrees, named the way a physiotherapist would: flexion is positive,
``abduct`` moves a limb away from the midline, ``rotate`` at the hip or shoulder is
external rotation, ``side``/``turn`` in the spine and neck lean and turn to the left.
A pose file describes the LEFT side; the right side is drawn as its mirror image.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Part = Literal[
    "head",
    "face",
    "neck",
    "chest",
    "mid_back",
    "shoulders",
    "lumbar",
    "lower_back",
    "pelvis",
    "left_pelvis",
    "right_pelvis",
    "left_buttock",
    "right_buttock",
    "left_thigh",
    "right_thigh",
    "left_shin",
    "right_shin",
    "left_foot",
    "right_foot",
    "left_upper_arm",
    "right_upper_arm",
    "left_forearm",
    "right_forearm",
    "left_hand",
    "right_hand",
]
Joint = Literal[
    "pelvis",
    "lumbar_mid",
    "lumbar_top",
    "thorax_mid",
    "neck_base",
    "head",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_toe",
    "right_toe",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_fingers",
    "right_fingers",
]
# A movement arrow may follow any joint, or the front of the pelvis rim (a pelvic tilt).
ArrowJoint = Joint | Literal["left_pelvis_front", "right_pelvis_front"]
Side = Literal["left", "right"]
HighlightSide = Literal["left", "right", "both", "lifted-leg"]
"""Which side's target muscles are marked; ``lifted-leg`` marks, in each frame, the side
whose knee is higher (the working hip of a march, whichever leg is stepping)."""
View = Literal["side", "three-quarter"]


Turn = Annotated[float, Field(ge=-180, le=180)]
SpineFlex = Annotated[float, Field(ge=-30, le=55)]
SpineSide = Annotated[float, Field(ge=-30, le=30)]
SpineTurn = Annotated[float, Field(ge=-45, le=45)]
NeckFlex = Annotated[float, Field(ge=-50, le=60)]
NeckSide = Annotated[float, Field(ge=-40, le=40)]
NeckTurn = Annotated[float, Field(ge=-75, le=75)]
HipFlex = Annotated[float, Field(ge=-30, le=140)]
HipAbduct = Annotated[float, Field(ge=-30, le=70)]
HipRotate = Annotated[float, Field(ge=-45, le=75)]
ShoulderFlex = Annotated[float, Field(ge=-60, le=180)]
ShoulderAbduct = Annotated[float, Field(ge=-45, le=180)]
ShoulderRotate = Annotated[float, Field(ge=-90, le=90)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Root(Strict):
    """How the pelvis sits in the room: applied as spin (about the body's own long axis,
    positive turns the front to the left), roll (about the front-back axis, positive
    lifts the left side, so 90 lies on the right side), then tilt (positive pitches the
    trunk forward so 90 is face down and -90 face up), then yaw (turning about the
    vertical; 0 faces the viewer's right, 180 the viewer's left)."""

    spin: Turn = 0.0
    yaw: Turn = 0.0
    tilt: Turn = 0.0
    roll: Turn = 0.0


class Spine(Strict):
    """One spinal segment relative to the one below; each carries about half the spine's range."""

    flex: SpineFlex = 0.0
    side: SpineSide = 0.0
    turn: SpineTurn = 0.0


class Neck(Strict):
    flex: NeckFlex = 0.0
    side: NeckSide = 0.0
    turn: NeckTurn = 0.0


class Hip(Strict):
    flex: HipFlex = 0.0
    abduct: HipAbduct = 0.0
    rotate: HipRotate = 0.0


class Shoulder(Strict):
    flex: ShoulderFlex = 0.0
    abduct: ShoulderAbduct = 0.0
    rotate: ShoulderRotate = 0.0


Knee = Annotated[float, Field(ge=0, le=155)]
Elbow = Annotated[float, Field(ge=0, le=150)]
# The foot's rest shape points forward; -80 lays it almost in line with the shin (toes pointed).
Ankle = Annotated[float, Field(ge=-80, le=35)]
Wrist = Annotated[float, Field(ge=-80, le=90)]


class Touch(Strict):
    """A contact the steps name between two parts of the body: ``joint`` is at most
    ``within`` centimetres from ``other``, a joint or the axis of a body part (the left
    ankle on the right knee, a hand round the thigh it holds). The solver pulls the pose
    until it holds."""

    joint: Joint
    other: Joint | Part
    within: Annotated[float, Field(gt=0, le=40)]


class Frame(Strict):
    """One still position of the whole body."""

    root: Root = Root()
    lumbar: Spine = Spine()
    thoracic: Spine = Spine()
    neck: Neck = Neck()
    left_hip: Hip = Hip()
    right_hip: Hip = Hip()
    left_knee: Knee = 0.0
    right_knee: Knee = 0.0
    left_ankle: Ankle = 0.0
    right_ankle: Ankle = 0.0
    left_shoulder: Shoulder = Shoulder()
    right_shoulder: Shoulder = Shoulder()
    left_elbow: Elbow = 0.0
    right_elbow: Elbow = 0.0
    left_wrist: Wrist = 0.0
    right_wrist: Wrist = 0.0
    on_floor: list[Part] = Field(min_length=1, description="parts resting on the floor or mat")
    on_chair: list[Part] = Field(default=[], description="parts resting on the chair seat")
    planted: list[Joint] = Field(
        default=[],
        description="joints that stay put while the body moves to or from this frame",
    )
    touching: list[Touch] = Field(default=[], description="contacts the steps name")


class Prop(Strict):
    """Equipment drawn with the body; placed from the body, never from coordinates.

    A chair goes under the buttocks; a cushion or block fills the gap between the floor
    and ``under`` as the held position has it, and stays there in every frame; a strap
    runs from ``start`` (a hand) to ``end`` (usually a foot). A circle is not equipment
    but a movement cue: a ring round the path that the tip of ``around`` traces (arm
    circles), so even a still picture says "circle the hands".
    """

    kind: Literal["chair", "strap", "cushion", "block", "circle"]
    under: Part | None = None
    start: Part | None = None
    end: Part | None = None
    around: Part | None = None

    @model_validator(mode="after")
    def _placed(self) -> Prop:
        if self.kind in ("cushion", "block") and self.under is None:
            raise ValueError(f"a {self.kind} needs 'under' (the part it supports)")
        if self.kind == "strap" and (self.start is None or self.end is None):
            raise ValueError("a strap needs 'start' and 'end' parts")
        if self.kind == "circle" and self.around is None:
            raise ValueError("a circle needs 'around' (the part whose tip circles)")
        return self


class Viewpoint(Strict):
    """A viewing angle for a pose that only reads from one direction (a figure-four
    on the back is clearest from above the feet); it replaces the view's usual angle.
    ``azimuth`` turns the room about the vertical, ``elevation`` raises the eye."""

    azimuth: Turn
    elevation: Annotated[float, Field(ge=-10, le=80)]


class PoseFile(Strict):
    """Everything needed to draw one exercise: the view, the surface, props and frames.

    ``start`` is the set-up position; ``end`` is the held position for a hold, the other
    end of the movement for reps and flows, or the opposite phase of a warm-up cycle.
    ``via`` frames lie on the way from start to end and ``via_back`` on the way back,
    for movements with more than two phases (a circle goes bottom, front, top, back).
    """

    view: View
    camera: Viewpoint | None = None
    surface: Literal["floor", "mat"]
    props: list[Prop] = []
    highlight_side: HighlightSide = "left"
    highlight_overrides: dict[str, HighlightSide] = {}
    defining: list[Part] = Field(
        default=[], description="segments the view must show at length (legibility check)"
    )
    arrows: list[ArrowJoint] = Field(
        default=[], description="joints whose path from start to end gets a direction arrow"
    )
    start: Frame
    end: Frame
    via: list[Frame] = []
    via_back: list[Frame] = []

    def cycle(self) -> list[Frame]:
        """The frames one loop passes through, in order; the loop closes back on start.
        Without ``via_back`` the way back retraces ``via``."""
        back = self.via_back if self.via_back else list(reversed(self.via))
        return [self.start, *self.via, self.end, *back]

    @model_validator(mode="after")
    def _chair_when_seated(self) -> PoseFile:
        has_chair = any(prop.kind == "chair" for prop in self.props)
        for name, frame in (("start", self.start), ("end", self.end)):
            if frame.on_chair and not has_chair:
                raise ValueError(f"{name}.on_chair needs a chair in props")
        return self
