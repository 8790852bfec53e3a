"""The catalog's schema: every data file is validated against these models at load.

Unknown fields are errors (``extra="forbid"``) so a typo in a data file fails loudly
instead of silently dropping knowledge. Models are frozen: the catalog is shared,
read-only reference data.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["warmup", "mobility", "strength", "stretch"]
Position = Literal[
    "standing",
    "seated-chair",
    "seated-floor",
    "kneeling",
    "half-kneeling",
    "all-fours",
    "prone",
    "supine",
    "side-lying",
]
Equipment = Literal["mat", "chair", "strap", "cushion", "block"]
Level = Literal["beginner", "intermediate", "advanced"]
# The allowed values as tuples, for loops, option checks and suggestions.
LEVELS: tuple[Level, ...] = get_args(Level)
KINDS: tuple[Kind, ...] = get_args(Kind)
POSITIONS: tuple[Position, ...] = get_args(Position)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=3)]
Range = tuple[float, float]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dose(Strict):
    """How much of an exercise one level does.

    Holds use ``hold_seconds`` with ``sets`` holds per side. Rep-based moves use ``reps``
    per set and ``seconds_per_rep`` (the whole rep, including any short pause at the
    top, which ``hold_seconds`` then records). Continuous warm-ups use ``work_seconds``.
    """

    hold_seconds: int | None = Field(default=None, ge=1, le=120)
    reps: int | None = Field(default=None, ge=1, le=30)
    sets: int = Field(ge=1, le=5)
    seconds_per_rep: float | None = Field(default=None, gt=0, le=30)
    work_seconds: int | None = Field(default=None, ge=10, le=600)

    @model_validator(mode="after")
    def _one_shape(self) -> Dose:
        if self.work_seconds is not None:
            if self.reps is not None or self.hold_seconds is not None:
                raise ValueError("a continuous dose (work_seconds) has no reps or hold")
        elif self.reps is not None:
            if self.seconds_per_rep is None:
                raise ValueError("a rep-based dose needs seconds_per_rep")
            if self.hold_seconds is not None and self.hold_seconds > self.seconds_per_rep:
                raise ValueError("hold_seconds cannot exceed seconds_per_rep")
        elif self.hold_seconds is None:
            raise ValueError("a dose needs hold_seconds, reps or work_seconds")
        return self


class Dosage(Strict):
    beginner: Dose
    intermediate: Dose
    advanced: Dose

    def for_level(self, level: Level) -> Dose:
        dose: Dose = getattr(self, level)
        return dose


class Limits(Strict):
    """The ranges the source articles give for this exercise; every level must stay inside."""

    hold_seconds: Range | None = None
    reps: Range | None = None
    sets: Range | None = None
    work_seconds: Range | None = None
    source: str = Field(description="article file name the figures come from")
    note: str | None = Field(
        default=None, description="why, when the figures come from an article about a related move"
    )


class Cues(Strict):
    breathing: Text
    feel: Text
    stop: Text


class Variant(Strict):
    name: Text
    direction: Literal["easier", "harder"]
    how: Text
    equipment: list[Equipment] = []


class Exercise(Strict):
    id: Slug
    name: Text
    aliases: list[str] = []
    summary: Text
    kind: Kind
    position: Position
    per_side: bool
    targets: list[Slug] = Field(min_length=1)
    dosage: Dosage
    limits: Limits
    steps: list[Text] = Field(min_length=2)
    cues: Cues
    mistakes: list[Text] = Field(min_length=1)
    variants: list[Variant] = Field(min_length=1)
    required_equipment: list[Equipment] = []
    advanced_only: bool = False
    regression: Slug | None = None
    progression: Slug | None = None
    sources: list[str] = Field(min_length=1)

    @property
    def is_rep_based(self) -> bool:
        return self.dosage.beginner.reps is not None

    def public_dict(self) -> dict[str, object]:
        """The record as ``--json`` and the API publish it (the documented field names)."""
        return self.model_dump(
            mode="json",
            include={
                "id",
                "name",
                "aliases",
                "kind",
                "position",
                "per_side",
                "targets",
                "dosage",
                "steps",
                "cues",
                "mistakes",
                "variants",
                "required_equipment",
                "advanced_only",
                "regression",
                "progression",
                "sources",
            },
        )


class Muscle(Strict):
    id: Slug
    name: Text
    group: Literal["gluteal", "deep-hip", "lower-back", "hip-front", "trunk"]
    location: Text
    does: Text
    relevance: Text
    sources: list[str] = Field(min_length=1)


class Condition(Strict):
    id: Slug
    name: Text
    kind: Literal["condition", "cause"]
    about: Text
    signs: list[Text] = []
    self_care: Text
    see_someone: Text
    muscles: list[Slug] = []
    sources: list[str] = Field(min_length=1)


class Principle(Strict):
    id: Slug
    title: Text
    rule: Text
    why: Text
    sources: list[str] = Field(min_length=1)


class Article(Strict):
    file: str = Field(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")
    title: Text
    covers: Text
