"""The catalog's schema: every data file is validated against these models at load.

Unknown fields are errors (``extra="forbid"``) so a typo in a data file fails loudly
instead of silently dropping knowledge, and types are strict (``strict=True``) so
``per_side = "yes"`` or ``sets = "2"`` is an error rather than a guess. Models are
frozen: the catalog is shared, read-only reference data.

Checks that need more than one field or record (doses inside their limits, levels that
never get easier, regression chains) live in ``supple.catalog.checks``.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

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
MovementClass = Literal[
    "hip_crossing",  # the thigh crosses the body's midline
    "deep_hip_flexion",  # the hip bends beyond 90 degrees
    "hip_external_rotation_end_range",  # the hip turned out to the end of its range
    "spinal_flexion",
    "spinal_extension",
    "spinal_rotation",
    "side_lying",
    "prone",
    "supine",
    "single_leg_balance",
    "kneeling_load",  # body weight through a knee on the floor
    "neural_tension",  # hip flexed with the knee straight, or leaning over a crossed/straight leg
    "upright_walking",  # minutes of walking, marching or jogging on the feet
]
"""The fixed vocabulary of what a move loads; precaution rules refer to these names."""
# The allowed values as tuples, for loops, option checks and suggestions.
LEVELS: tuple[Level, ...] = get_args(Level)
KINDS: tuple[Kind, ...] = get_args(Kind)
POSITIONS: tuple[Position, ...] = get_args(Position)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)
MOVEMENT_CLASSES: tuple[MovementClass, ...] = get_args(MovementClass)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=3)]


def _list_to_tuple(value: object) -> object:
    """TOML has arrays, not tuples; strict mode would otherwise refuse every range."""
    return tuple(value) if isinstance(value, list) else value


Range = Annotated[tuple[float, float], BeforeValidator(_list_to_tuple)]
Classes = Annotated[list[MovementClass], Field(description="movement classes this loads")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


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
    max_sets: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="most sets filling spare time may grow this level to; the limits' top if unset",
    )

    @model_validator(mode="after")
    def _one_shape(self) -> Dose:
        if self.max_sets is not None and self.max_sets < self.sets:
            raise ValueError("max_sets cannot be below sets")
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
    """One dose per level; an advanced-only exercise has the advanced dose alone."""

    beginner: Dose | None = None
    intermediate: Dose | None = None
    advanced: Dose

    def levels(self) -> list[tuple[Level, Dose]]:
        """The levels that have a dose, easiest first."""
        out: list[tuple[Level, Dose]] = []
        for level in LEVELS:
            dose: Dose | None = getattr(self, level)
            if dose is not None:
                out.append((level, dose))
        return out

    @property
    def first(self) -> Dose:
        """The easiest dose the exercise has (beginner, or advanced for an advanced-only move)."""
        return self.levels()[0][1]

    def for_level(self, level: Level) -> Dose:
        """The level's dose; a level below the exercise's first gets its first dose."""
        dose: Dose | None = getattr(self, level)
        return dose if dose is not None else self.first


class Limits(Strict):
    """The ranges the source articles give for this exercise; every level must stay inside."""

    hold_seconds: Range | None = None
    reps: Range | None = None
    sets: Range | None = None
    work_seconds: Range | None = None
    source: str = Field(description="article file name the figures come from")
    sets_source: str | None = Field(
        default=None, description="where the sets range comes from, when not from `source`"
    )
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
    movement_classes: Classes | None = Field(
        default=None, description="what this variant loads, when it differs from the exercise"
    )
    position: Position | None = Field(
        default=None, description="where this variant is done, when it differs from the exercise"
    )


class Exercise(Strict):
    id: Slug
    name: Text
    aliases: list[str] = []
    summary: Text
    kind: Kind
    position: Position
    per_side: bool
    targets: list[Slug] = Field(min_length=1)
    movement_classes: Classes
    dosage: Dosage
    limits: Limits
    steps: list[Text] = Field(min_length=2)
    cues: Cues
    mistakes: list[Text] = Field(min_length=1)
    variants: list[Variant] = Field(min_length=1)
    required_equipment: list[Equipment] = []
    advanced_only: bool = False
    regression: Slug | None = Field(default=None, description="the next gentler exercise")
    regression_variant: Text | None = Field(
        default=None, description="or: the easier variant of this exercise that comes next"
    )
    no_regression: Text | None = Field(default=None, description="or: why nothing gentler exists")
    progression: Slug | None = None
    family: Slug | None = Field(
        default=None,
        description="moves with the same main target and hip position; a routine holds one",
    )
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_regression(self) -> Exercise:
        given = [self.regression, self.regression_variant, self.no_regression]
        if sum(value is not None for value in given) != 1:
            raise ValueError(
                "give exactly one of regression (a gentler exercise), regression_variant "
                "(an easier variant of this one) or no_regression (why there is none)"
            )
        return self

    @property
    def is_rep_based(self) -> bool:
        return self.dosage.first.reps is not None

    def variant(self, name: str) -> Variant | None:
        return next((v for v in self.variants if v.name == name), None)

    def position_of(self, variant: str | None = None) -> Position:
        """Where this exercise is done as ``variant`` (a chair version sits on a chair)."""
        chosen = self.variant(variant) if variant else None
        if chosen is not None and chosen.position is not None:
            return chosen.position
        return self.position

    def classes_of(self, variant: str | None = None) -> frozenset[MovementClass]:
        """The movement classes this exercise loads, done as ``variant`` if given."""
        chosen = self.variant(variant) if variant else None
        if chosen is not None and chosen.movement_classes is not None:
            return frozenset(chosen.movement_classes)
        return frozenset(self.movement_classes)

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
                "movement_classes",
                "dosage",
                "steps",
                "cues",
                "mistakes",
                "variants",
                "required_equipment",
                "advanced_only",
                "regression",
                "regression_variant",
                "no_regression",
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
    """A source: one of the seed articles (``file``), or a published page (``id`` and ``url``)."""

    file: str | None = Field(default=None, pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")
    id: Slug | None = None
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    title: Text
    covers: Text

    @model_validator(mode="after")
    def _one_kind(self) -> Article:
        if (self.file is None) == (self.id is None) or (self.id is None) != (self.url is None):
            raise ValueError("give either file (a seed article) or both id and url (a web page)")
        return self

    @property
    def key(self) -> str:
        """How records cite this source."""
        return self.file or self.id or ""


class LevelSets(Strict):
    """Sets per level allowed for one kind of exercise, with the guidance behind them."""

    beginner: Range
    intermediate: Range
    advanced: Range
    source: str
    note: Text


class DosageRules(Strict):
    """Dosage rules that hold across the catalog (``dosage.toml``)."""

    strength_sets: LevelSets
