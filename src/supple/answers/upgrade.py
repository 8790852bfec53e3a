"""Reading version-1 answers (the shape before issue 11) by upgrading them to version 2.

A version-1 document is never screened as if it were complete. What it answered with
the same meaning is carried over; what version 2 adds, or asks differently, is marked
unanswered so the person is asked again before any routine. Where an old "yes" still
tells something safe to assume (a "yes" to numbness in one leg means at least one
leg), that value is kept as provisional: it counts in the screen of the incomplete
document, and the question is still asked again. ``cleared_by_clinician`` is dropped:
a clearance must be given again, per rule and dated.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supple.answers.model import QUESTION_FIELDS

V1Area = Literal["upper_buttock", "deep_buttock", "lower_back", "outer_hip"]
V1Side = Literal["left", "right", "both"]
V1Character = Literal["dull_ache", "stiffness", "sharp", "shooting", "burning"]
V1Radiates = Literal["none", "thigh", "below_knee"]

# Version-1 answers whose meaning is unchanged in version 2: (old section, name) -> path.
SAME_MEANING: dict[tuple[str, str], str] = {
    **{
        ("red_flags", name): f"red_flags.{name}"
        for name in (
            "both_legs",
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "leg_weakness_worsening",
            "major_trauma",
            "chest_pain",
            "fever",
            "weight_loss",
            "back_lump_or_shape",
            "cough_sneeze_worse",
        )
    },
    ("red_flags", "immune_or_drug_risk"): "history.immune_or_drug_risk",
    **{
        ("pain", name): f"pain.{name}"
        for name in (
            "intensity",
            "side",
            "character",
            "weeks",
            "worse_sitting",
            "worse_stairs_or_walking",
            "worse_lying_on_side",
            "worse_sit_to_stand",
            "worse_bending",
            "tender_deep_buttock",
            "hurts_crossing_legs",
            "hip_arthritis",
            "sitting_hours",
        )
    },
}


class _V1(BaseModel):
    # Strict like version 2, but every answer may be missing: a missing one is re-asked.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class V1RedFlags(_V1):
    both_legs: bool | None = None
    saddle_numbness: bool | None = None
    bladder_change: bool | None = None
    bowel_change: bool | None = None
    leg_weakness_worsening: bool | None = None
    major_trauma: bool | None = None
    chest_pain: bool | None = None
    fever: bool | None = None
    weight_loss: bool | None = None
    cancer_history: bool | None = None
    immune_or_drug_risk: bool | None = None
    rest_or_night_pain: bool | None = None
    back_lump_or_shape: bool | None = None
    cough_sneeze_worse: bool | None = None
    numbness_tingling: bool | None = None
    leg_weakness: bool | None = None
    minor_injury: bool | None = None
    worsening: bool | None = None


class V1Pain(_V1):
    intensity: Annotated[int, Field(ge=0, le=10)] | None = None
    areas: list[V1Area] | None = None
    side: V1Side | None = None
    character: V1Character | None = None
    radiates: V1Radiates | None = None
    weeks: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    worse_sitting: bool | None = None
    worse_stairs_or_walking: bool | None = None
    worse_lying_on_side: bool | None = None
    worse_sit_to_stand: bool | None = None
    worse_bending: bool | None = None
    tender_deep_buttock: bool | None = None
    hurts_crossing_legs: bool | None = None
    started_after_workout: bool | None = None
    hip_arthritis: bool | None = None
    sitting_hours: Annotated[float, Field(ge=0, le=24, allow_inf_nan=False)] | None = None


class V1Answers(_V1):
    version: Literal[1] | None = None
    red_flags: V1RedFlags = Field(default_factory=V1RedFlags)
    pain: V1Pain = Field(default_factory=V1Pain)
    # Preferences did not change; they are checked by the version-2 model.
    preferences: dict[str, Any] | None = None
    cleared_by_clinician: bool | None = None


def _put(document: dict[str, Any], path: str, value: Any) -> None:
    *sections, name = path.split(".")
    target = document
    for section in sections:
        target = target.setdefault(section, {})
    target[name] = value


def upgrade_v1(old: V1Answers) -> tuple[dict[str, Any], list[str]]:
    """A version-2 document (without ``unanswered``) and the paths to ask again.

    Paths in the returned list that also have a value in the document are provisional.
    """
    flags, pain = old.red_flags, old.pain
    document: dict[str, Any] = {"version": 2}
    answered: set[str] = set()

    def keep(path: str, value: Any) -> None:
        _put(document, path, value)
        answered.add(path)

    def provisional(path: str, value: Any) -> None:
        _put(document, path, value)

    sections = {"red_flags": flags, "pain": pain}
    for (section, name), path in SAME_MEANING.items():
        value = getattr(sections[section], name)
        if value is not None:
            keep(path, value)
    for name in ("numbness_tingling", "leg_weakness"):
        if getattr(flags, name) is True:
            provisional(f"red_flags.{name}", "one_leg")
    if flags.rest_or_night_pain is False:
        keep("red_flags.constant_pain_not_eased", False)
        keep("red_flags.night_pain_not_positional", False)
    if flags.cancer_history is False:
        keep("history.cancer_history", False)
    elif flags.cancer_history is True:
        provisional("history.cancer_history", True)
    if flags.worsening is True:
        provisional("pain.trend", "worse")
    if pain.areas is not None:
        provisional("pain.areas", list(pain.areas))  # version 2 adds upper_back
    if pain.radiates == "none":
        keep("pain.legs.left", "none")
        keep("pain.legs.right", "none")
    elif pain.radiates is not None and pain.side in ("left", "right"):
        other = "right" if pain.side == "left" else "left"
        provisional(f"pain.legs.{pain.side}", pain.radiates)
        provisional(f"pain.legs.{other}", "none")
    if old.preferences is not None:
        document["preferences"] = dict(old.preferences)
    unanswered = [
        path
        for path in QUESTION_FIELDS
        if path not in answered
        and not path.startswith("preferences.")
        and path != "pain.legs_both_new_or_worse"
    ]
    # The two-legs follow-up is asked (again) with the legs question, when it applies.
    return document, unanswered
