"""The answers a person gives: the input contract every screen and plan starts from.

Validation is strict on purpose. This is health software: a typo such as ``"fevr"``,
a ``"yes"`` where ``true`` was meant, or a forgotten red-flag question must never be
read as "no problem". Every problem is reported with the field's path and the values
it accepts, so the person (or the program that wrote the file) can fix it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from supple.jsonio import whole_number

Area = Literal["upper_buttock", "deep_buttock", "lower_back", "outer_hip"]
Side = Literal["left", "right", "both"]
Character = Literal["dull_ache", "stiffness", "sharp", "shooting", "burning"]
Radiates = Literal["none", "thigh", "below_knee"]
Level = Literal["beginner", "intermediate", "advanced"]
Can = Literal["standing", "chair", "floor", "kneel"]
Equipment = Literal["mat", "chair", "strap", "cushion", "block"]

AREAS: tuple[Area, ...] = get_args(Area)
SIDES: tuple[Side, ...] = get_args(Side)
CHARACTERS: tuple[Character, ...] = get_args(Character)
RADIATES: tuple[Radiates, ...] = get_args(Radiates)
LEVELS: tuple[Level, ...] = get_args(Level)
CAN: tuple[Can, ...] = get_args(Can)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)

DEFAULT_LEVEL: Level = "beginner"
DEFAULT_MINUTES = 15
MIN_MINUTES = 8
MAX_MINUTES = 60
DEFAULT_CAN: tuple[Can, ...] = CAN
DEFAULT_EQUIPMENT: tuple[Equipment, ...] = ("mat", "chair")

# The 18 warning-sign questions, most serious group first (the order `supple start` asks).
RED_FLAGS: tuple[str, ...] = (
    "both_legs",
    "saddle_numbness",
    "bladder_change",
    "bowel_change",
    "leg_weakness_worsening",
    "major_trauma",
    "chest_pain",
    "fever",
    "weight_loss",
    "cancer_history",
    "immune_or_drug_risk",
    "rest_or_night_pain",
    "back_lump_or_shape",
    "cough_sneeze_worse",
    "numbness_tingling",
    "leg_weakness",
    "minor_injury",
    "worsening",
)

# Yes/no questions about the pain itself (not warning signs).
PAIN_BOOLEANS: tuple[str, ...] = (
    "worse_sitting",
    "worse_stairs_or_walking",
    "worse_lying_on_side",
    "worse_sit_to_stand",
    "worse_bending",
    "tender_deep_buttock",
    "hurts_crossing_legs",
    "started_after_workout",
    "hip_arthritis",
)

_Y = TypeVar("_Y")


# What _one_each checks, as the published JSON schema says it.
_UNIQUE: dict[str, Any] = {"uniqueItems": True}


def _one_each(values: list[_Y]) -> list[_Y]:
    """A subset lists each value once; a repeat is almost always a mistake in the file."""
    if len(set(values)) != len(values):
        raise ValueError("each value may appear only once")
    return values


class _Strict(BaseModel):
    # strict: no "yes" -> True, no "3" -> 3; extra="forbid": a misspelt key is an error.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RedFlags(_Strict):
    """Warning signs. All are required: the screen never assumes "no"."""

    both_legs: bool
    saddle_numbness: bool
    bladder_change: bool
    bowel_change: bool
    leg_weakness_worsening: bool
    major_trauma: bool
    chest_pain: bool
    fever: bool
    weight_loss: bool
    cancer_history: bool
    immune_or_drug_risk: bool
    rest_or_night_pain: bool
    back_lump_or_shape: bool
    cough_sneeze_worse: bool
    numbness_tingling: bool
    leg_weakness: bool
    minor_injury: bool
    worsening: bool

    def answered_yes(self) -> list[str]:
        """The red flags answered yes, in question order."""
        return [name for name in RED_FLAGS if getattr(self, name)]


class Pain(_Strict):
    intensity: Annotated[int, Field(ge=0, le=10), BeforeValidator(whole_number)]
    areas: Annotated[list[Area], Field(json_schema_extra=_UNIQUE)]
    side: Side
    character: Character
    radiates: Radiates
    weeks: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    worse_sitting: bool
    worse_stairs_or_walking: bool
    worse_lying_on_side: bool
    worse_sit_to_stand: bool
    worse_bending: bool
    tender_deep_buttock: bool
    hurts_crossing_legs: bool
    started_after_workout: bool
    hip_arthritis: bool
    sitting_hours: Annotated[float, Field(ge=0, le=24, allow_inf_nan=False)]

    _areas_once = field_validator("areas")(_one_each)


class Preferences(_Strict):
    level: Level = DEFAULT_LEVEL
    minutes: Annotated[
        int, Field(ge=MIN_MINUTES, le=MAX_MINUTES), BeforeValidator(whole_number)
    ] = DEFAULT_MINUTES
    can: list[Can] = Field(default_factory=lambda: list(DEFAULT_CAN), json_schema_extra=_UNIQUE)
    equipment: list[Equipment] = Field(
        default_factory=lambda: list(DEFAULT_EQUIPMENT), json_schema_extra=_UNIQUE
    )

    _can_once = field_validator("can")(_one_each)
    _equipment_once = field_validator("equipment")(_one_each)


class Answers(_Strict):
    red_flags: RedFlags
    pain: Pain
    preferences: Preferences = Field(default_factory=Preferences)
    cleared_by_clinician: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The answers as a JSON-ready document that `parse_answers` accepts back unchanged."""
        return self.model_dump(mode="json")


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values)


_YES_NO = "true or false"

# What each field accepts, in words; error messages quote these.
ALLOWED: dict[str, str] = {
    "": "an object with red_flags, pain, and optionally preferences and cleared_by_clinician",
    "red_flags": f"an object with all of: {_choices(RED_FLAGS)}",
    "pain": "an object with intensity, areas, side, character, radiates, weeks, "
    f"sitting_hours and {_choices(PAIN_BOOLEANS)}",
    "preferences": "an object with any of: level, minutes, can, equipment",
    "cleared_by_clinician": _YES_NO,
    "pain.intensity": "a whole number from 0 to 10",
    "pain.areas": f"a list with any of: {_choices(AREAS)}",
    "pain.side": f"one of: {_choices(SIDES)}",
    "pain.character": f"one of: {_choices(CHARACTERS)}",
    "pain.radiates": f"one of: {_choices(RADIATES)}",
    "pain.weeks": "a number of 0 or more",
    "pain.sitting_hours": "a number from 0 to 24",
    "preferences.level": f"one of: {_choices(LEVELS)}",
    "preferences.minutes": f"a whole number from {MIN_MINUTES} to {MAX_MINUTES}",
    "preferences.can": f"a list with any of: {_choices(CAN)}",
    "preferences.equipment": f"a list with any of: {_choices(EQUIPMENT)}",
}
ALLOWED.update({f"red_flags.{name}": _YES_NO for name in RED_FLAGS})
ALLOWED.update({f"pain.{name}": _YES_NO for name in PAIN_BOOLEANS})


class AnswersError(ValueError):
    """The answers cannot be used; ``problems`` holds one readable message per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _path(loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Readable path (``pain.areas[1]``) and the key into ALLOWED (``pain.areas``)."""
    text = ""
    key_parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
            key_parts.append(part)
    return text, ".".join(key_parts)


def _message(error: Any) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing" and len(loc) == 2 and loc[0] == "red_flags":
        return f"unanswered: {loc[1]}"
    path, key = _path(loc)
    if kind == "extra_forbidden":
        parent = key.rpartition(".")[0]
        return f"{path}: unknown field; allowed here: {ALLOWED.get(parent, ALLOWED[''])}"
    allowed = ALLOWED.get(key, "")
    if kind == "missing":
        problem = "required"
    elif kind == "value_error":
        problem = str(error["ctx"]["error"])
    else:
        problem = str(error["msg"]).lower()
    where = path or "answers"
    return f"{where}: {problem}; allowed: {allowed}" if allowed else f"{where}: {problem}"


def parse_answers(raw: object) -> Answers:
    """Validate a decoded JSON document; raise AnswersError listing every problem found."""
    if not isinstance(raw, dict):
        raise AnswersError([f"answers: must be a JSON object; allowed: {ALLOWED['']}"])
    try:
        return Answers.model_validate(raw)
    except ValidationError as exc:
        problems: list[str] = []
        for error in exc.errors():
            if error["type"] == "missing" and tuple(error["loc"]) == ("red_flags",):
                # No warning-sign answers at all: every one of them is unanswered.
                problems.extend(f"unanswered: {name}" for name in RED_FLAGS)
            else:
                problems.append(_message(error))
        # Unanswered red flags first: they are the ones that must never be skipped.
        problems.sort(key=lambda text: not text.startswith("unanswered:"))
        raise AnswersError(problems) from None
