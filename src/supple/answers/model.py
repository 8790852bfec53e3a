"""The version-2 answers document: the input contract every screen and plan starts from.

Validation is strict on purpose. This is health software: a typo such as ``"fevr"``,
a ``"yes"`` where ``true`` was meant, or a forgotten warning-sign question must never be
read as "no problem". The lists of warning signs and yes/no pain answers are derived
from the model's own fields, so there is no second list to forget to update.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from supple.jsonio import whole_number

VERSION = 2

Area = Literal["upper_buttock", "deep_buttock", "lower_back", "outer_hip", "upper_back"]
Side = Literal["left", "right", "both"]
Character = Literal["dull_ache", "stiffness", "sharp", "shooting", "burning"]
Spread = Literal["none", "thigh", "below_knee"]
WhichLegs = Literal["none", "one_leg", "both_legs"]
Pregnancy = Literal["no", "pregnant", "gave_birth_last_12_weeks"]
HipReplacement = Literal["none", "last_12_months", "earlier"]
Onset = Literal["after_fall_or_knock", "after_effort", "sudden_severe", "gradual"]
Trend = Literal["better", "same", "worse"]
Level = Literal["beginner", "intermediate", "advanced"]
Can = Literal["standing", "chair", "floor", "kneel"]
Equipment = Literal["mat", "chair", "strap", "cushion", "block"]

AREAS: tuple[Area, ...] = get_args(Area)
SIDES: tuple[Side, ...] = get_args(Side)
CHARACTERS: tuple[Character, ...] = get_args(Character)
SPREADS: tuple[Spread, ...] = get_args(Spread)
WHICH_LEGS: tuple[WhichLegs, ...] = get_args(WhichLegs)
PREGNANCY: tuple[Pregnancy, ...] = get_args(Pregnancy)
ONSETS: tuple[Onset, ...] = get_args(Onset)
TRENDS: tuple[Trend, ...] = get_args(Trend)
HIP_REPLACEMENT: tuple[HipReplacement, ...] = get_args(HipReplacement)
LEVELS: tuple[Level, ...] = get_args(Level)
CAN: tuple[Can, ...] = get_args(Can)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)

DEFAULT_LEVEL: Level = "beginner"
DEFAULT_MINUTES = 15
MIN_MINUTES = 8
MAX_MINUTES = 60
MAX_AGE = 120
DEFAULT_CAN: tuple[Can, ...] = CAN
DEFAULT_EQUIPMENT: tuple[Equipment, ...] = ("mat", "chair")

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


class About(_Strict):
    age: Annotated[int, Field(ge=0, le=MAX_AGE), BeforeValidator(whole_number)]
    pregnancy: Pregnancy


class RedFlags(_Strict):
    """Warning signs. All are required: the screen never assumes "no"."""

    both_legs: bool
    saddle_numbness: bool
    bladder_change: bool
    bowel_change: bool
    peeing_sensation_change: bool
    sexual_change: bool
    leg_weakness_worsening: bool
    numbness_tingling: WhichLegs
    leg_weakness: WhichLegs
    major_trauma: bool
    chest_pain: bool
    sudden_tearing_pain: bool
    faint_or_collapse: bool
    pulsing_tummy: bool
    loin_colic: bool
    fever: bool
    weight_loss: bool
    recent_infection: bool
    back_lump_or_shape: bool
    constant_pain_not_eased: bool
    night_pain_not_positional: bool
    cough_sneeze_worse: bool
    cannot_bear_weight_after_fall: bool
    walking_much_harder_after_fall: bool
    # Always present; asked only in pregnancy (a "yes" otherwise is an error).
    pregnancy_warning: bool


class History(_Strict):
    cancer_history: bool
    immune_or_drug_risk: bool
    bone_fragility: bool
    recent_spine_procedure: bool
    hip_replacement: HipReplacement


class Legs(_Strict):
    left: Spread
    right: Spread

    @property
    def both_spread(self) -> bool:
        return self.left != "none" and self.right != "none"


_SPREAD = {"enum": ["thigh", "below_knee"]}
# What the validators check across fields, as the published schema says it: the
# two-legs follow-up is there exactly when both legs report spread.
_PAIN_RULES: dict[str, Any] = {
    "anyOf": [
        {
            "properties": {
                "legs": {"properties": {"left": _SPREAD, "right": _SPREAD}},
                "legs_both_new_or_worse": {"type": "boolean"},
            },
            "required": ["legs_both_new_or_worse"],
        },
        {
            "properties": {"legs": {"properties": {"left": {"const": "none"}}}},
            "not": {"required": ["legs_both_new_or_worse"]},
        },
        {
            "properties": {"legs": {"properties": {"right": {"const": "none"}}}},
            "not": {"required": ["legs_both_new_or_worse"]},
        },
    ]
}
# ...and the pregnancy warning can be yes only in pregnancy.
_DOCUMENT_RULES: dict[str, Any] = {
    "anyOf": [
        {"properties": {"about": {"properties": {"pregnancy": {"const": "pregnant"}}}}},
        {"properties": {"red_flags": {"properties": {"pregnancy_warning": {"const": False}}}}},
    ]
}


class Pain(_Strict):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_PAIN_RULES
    )

    intensity: Annotated[int, Field(ge=0, le=10), BeforeValidator(whole_number)]
    areas: Annotated[list[Area], Field(json_schema_extra=_UNIQUE)]
    side: Side
    character: Character
    weeks: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    legs: Legs
    # Required when both legs report spread, otherwise absent (checked by the reader).
    legs_both_new_or_worse: bool | None = None
    onset: Onset
    trend: Trend
    first_episode: bool
    assessed: bool
    worse_sitting: bool
    worse_stairs_or_walking: bool
    worse_lying_on_side: bool
    worse_sit_to_stand: bool
    worse_bending: bool
    tender_deep_buttock: bool
    hurts_crossing_legs: bool
    hip_arthritis: bool
    stops_sleep_or_self_care: bool
    struggling_to_cope: bool
    morning_stiffness_over_30_min: bool
    eases_with_movement_not_rest: bool
    wakes_second_half_of_night: bool
    legs_worse_walking_eased_sitting: bool
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


def _clearable_rule_schema(schema: dict[str, Any]) -> None:
    """The published schema lists the rules a clearance may name (the rules data's),
    so a client can tell a valid document from one ``read_answers`` refuses."""
    from supple.screening import default_rules

    schema["enum"] = sorted(default_rules().clearable_ids())


def _each_rule_once_schema(schema: dict[str, Any]) -> None:
    """The published schema says what the validator checks: each rule at most once."""
    from supple.screening import default_rules

    schema["allOf"] = [
        {"contains": {"properties": {"rule": {"const": rule}}}, "minContains": 0, "maxContains": 1}
        for rule in sorted(default_rules().clearable_ids())
    ]


# A rule id as the rules data writes them; anything else (a NUL, a lone surrogate) is
# refused before it reaches the store.
RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class Clearance(_Strict):
    """A GP or physiotherapist examined this pain and said exercise is fine, for one rule.

    ``triggering`` keeps the urgent and see-clinician rules that were triggering when the
    clearance was given: a rule that triggers later and is not in it makes it lapse.
    """

    rule: Annotated[str, Field(json_schema_extra=_clearable_rule_schema)]
    date: dt.date
    triggering: list[RuleId] | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # JSON has no date type: accept exactly YYYY-MM-DD text (strict mode refuses str).
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value) if len(value) == 10 else value
            except ValueError:
                return value
        return value


class Answers(_Strict):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_DOCUMENT_RULES
    )

    version: Literal[2]
    about: About
    red_flags: RedFlags
    history: History
    pain: Pain
    preferences: Preferences = Field(default_factory=Preferences)
    clearance: list[Clearance] = Field(
        default_factory=list, json_schema_extra=_each_rule_once_schema
    )

    @property
    def unanswered(self) -> tuple[str, ...]:
        """A complete document has nothing unanswered (see ``IncompleteAnswers``)."""
        return ()

    def to_dict(self) -> dict[str, Any]:
        """The answers as a JSON-ready document that `parse_answers` accepts back unchanged."""
        return self.model_dump(mode="json", exclude_none=True)

    def facts(self) -> dict[str, Any]:
        """Every answer by its field path (``pain.legs.left``), as the rules read them."""
        return flatten(self.model_dump(mode="python", exclude={"version", "clearance"}))


def flatten(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested answers to ``{"section.field": value}``; lists stay whole, None is dropped."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        elif value is not None:
            out[path] = value
    return out


def _unwrap(annotation: Any) -> Any:
    """``Annotated[int, ...]`` -> int; ``bool | None`` -> bool."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        if len(kinds) == 1:
            return _unwrap(kinds[0])
    return annotation


def _field_types(model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        kind = _unwrap(hints[name])
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            out.update(_field_types(kind, f"{prefix}{name}."))
        else:
            out[f"{prefix}{name}"] = kind
    return out


# Every answer's field path and its type, from the model itself (not a hand-kept list).
FIELD_TYPES: dict[str, Any] = {
    path: kind
    for path, kind in _field_types(Answers).items()
    if path not in ("version", "clearance")
}
QUESTION_FIELDS: tuple[str, ...] = tuple(FIELD_TYPES)
RED_FLAGS: tuple[str, ...] = tuple(RedFlags.model_fields)
PAIN_BOOLEANS: tuple[str, ...] = tuple(
    name for name in Pain.model_fields if FIELD_TYPES.get(f"pain.{name}") is bool
)
HISTORY_FIELDS: tuple[str, ...] = tuple(History.model_fields)
# Fields that may be absent from a complete document (asked only in some cases).
OPTIONAL_FIELDS: frozenset[str] = frozenset({"pain.legs_both_new_or_worse"}) | frozenset(
    f"preferences.{name}" for name in Preferences.model_fields
)


def allowed_values(path: str) -> tuple[Any, ...] | None:
    """The values a choice (or each entry of a list) may take; None for yes/no and numbers."""
    kind = FIELD_TYPES[path]
    if get_origin(kind) is list:
        kind = get_args(kind)[0]
    if get_origin(kind) is Literal:
        return get_args(kind)
    return None
