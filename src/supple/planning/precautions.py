"""Precautions: what the answers say a routine must leave out or soften, as data.

The rules live in ``precautions.toml`` beside this module, in the screen's condition
language, and are validated at load (unknown fields, unknown movement classes, unknown
sources and positions are errors). ``apply_precautions`` decides, for each exercise the
person may otherwise do, whether it stays as it is, is done as an easier variant, holds
for less time, or is left out, and records which rule caused each change as a value;
``supple.planning.explain`` words those values.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from supple.catalog.models import Exercise, Kind, MovementClass, Position
from supple.datafile import Source, load_toml_model
from supple.screening.conditions import Condition, Facts, parse_condition

PRECAUTIONS_PATH = Path(__file__).with_name("precautions.toml")
Effect = Literal["avoid", "easier_variant_first", "shorter_holds", "cue"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Precaution(_Strict):
    """One rule: when it triggers, what movement it is about, and what it does."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    when: Condition
    movement_class: MovementClass
    effect: Effect
    side: Literal["painful"] | None = None
    positions: list[Position] | None = Field(default=None, min_length=1)
    advanced_only_moves: bool = False
    kinds: list[Kind] | None = Field(default=None, min_length=1)
    allowed_seconds: int | None = Field(default=None, ge=1)
    reason: str = Field(min_length=10)
    cue: str | None = Field(default=None, min_length=10)
    sources: list[str] = Field(min_length=1)
    note: str | None = Field(default=None, min_length=10)

    @field_validator("when", mode="before")
    @classmethod
    def _condition(cls, raw: Any) -> Condition:
        return parse_condition(raw)

    @model_validator(mode="after")
    def _budget_only_to_avoid(self) -> Precaution:
        if self.allowed_seconds is not None and self.effect != "avoid":
            raise ValueError("allowed_seconds goes only with effect = 'avoid'")
        if self.effect == "cue" and self.cue is None:
            raise ValueError("effect = 'cue' needs the cue to say")
        return self

    def triggers(self, facts: Facts) -> bool:
        """True only when the answers prove it; an unanswered question never triggers."""
        return self.when.holds(facts) is True

    def loads(self, exercise: Exercise, variant: str | None) -> bool:
        """Whether the exercise, done as ``variant``, loads what this rule is about."""
        if self.movement_class not in exercise.classes_of(variant):
            return False
        if self.positions is not None and exercise.position_of(variant) not in self.positions:
            return False
        if self.kinds is not None and exercise.kind not in self.kinds:
            return False
        return exercise.advanced_only or not self.advanced_only_moves

    @property
    def removes(self) -> bool:
        """An avoid rule with no time budget: the move goes unless a variant escapes it."""
        return self.effect == "avoid" and self.allowed_seconds is None


class Precautions(_Strict):
    sources: dict[str, Source]
    rule: list[Precaution] = Field(min_length=1)

    @model_validator(mode="after")
    def _linked(self) -> Precautions:
        ids = [r.id for r in self.rule]
        if len(ids) != len(set(ids)):
            raise ValueError("precaution ids must be unique")
        for rule in self.rule:
            unknown = set(rule.sources) - set(self.sources)
            if unknown:
                raise ValueError(f"rule '{rule.id}': unknown sources {sorted(unknown)}")
        return self

    def triggered(self, facts: Facts) -> list[Precaution]:
        return [rule for rule in self.rule if rule.triggers(facts)]


class PrecautionsError(ValueError):
    """The precautions file is invalid; the message names the file and the field."""


def load_precautions(path: Path = PRECAUTIONS_PATH) -> Precautions:
    return load_toml_model(path, Precautions, PrecautionsError)


@cache
def default_precautions() -> Precautions:
    return load_precautions()


@dataclass(frozen=True)
class Change:
    """One precaution's effect on one exercise, for the plan's words."""

    exercise: str
    rule: Precaution
    variant: str | None = None


@dataclass(frozen=True)
class Guarded:
    """What the precautions decided for a pool of exercises.

    ``pool`` keeps the exercises still allowed; ``variants`` the variant each is done as
    (the precaution's, else the history's or gentle mode's); ``shorter`` the ids whose
    holds are cut to their source's shortest; ``budgets`` the classes allowed only for a
    number of seconds in the whole routine; ``left_out`` and ``softened`` say why.
    """

    pool: tuple[Exercise, ...]
    variants: Mapping[str, str]
    shorter: frozenset[str]
    budgets: tuple[Precaution, ...]
    left_out: tuple[Change, ...]
    softened: tuple[Change, ...]
    triggered: tuple[Precaution, ...]


def _easier(exercise: Exercise, equipment: Collection[str]) -> list[str]:
    """Easier variants the person has the equipment for, the regression chain's first."""
    found = [
        v.name
        for v in exercise.variants
        if v.direction == "easier" and set(v.equipment) <= set(equipment)
    ]
    chained = exercise.regression_variant
    return sorted(found, key=lambda name: name != chained)


def apply_precautions(
    pool: Iterable[Exercise],
    triggered: Sequence[Precaution],
    *,
    equipment: Collection[str],
    base_variants: Mapping[str, str],
) -> Guarded:
    """Leave out or soften each exercise by the triggered rules (see the module docs).

    ``base_variants`` are the variants chosen before the precautions (history, gentle
    mode); a base variant that already escapes a rule is kept.
    """
    removing = [r for r in triggered if r.removes]
    easier_first = [r for r in triggered if r.effect == "easier_variant_first"]
    kept: list[Exercise] = []
    variants: dict[str, str] = {}
    shorter: set[str] = set()
    left_out: list[Change] = []
    softened: list[Change] = []
    for exercise in pool:
        variant = base_variants.get(exercise.id)
        options = _easier(exercise, equipment)
        blocking = [r for r in removing if r.loads(exercise, variant)]
        if blocking:
            free = [v for v in options if not any(r.loads(exercise, v) for r in removing)]
            if not free:
                left_out.extend(Change(exercise.id, rule) for rule in blocking)
                continue
            variant = free[0]
            softened.extend(Change(exercise.id, rule, variant) for rule in blocking)
        wanting = [r for r in easier_first if r.loads(exercise, variant)]
        if wanting and variant is None:
            free = [v for v in options if not any(r.loads(exercise, v) for r in removing)]
            if free:
                variant = free[0]
                softened.extend(Change(exercise.id, rule, variant) for rule in wanting)
        for rule in triggered:
            if rule.effect == "shorter_holds" and rule.loads(exercise, variant):
                shorter.add(exercise.id)
                softened.append(Change(exercise.id, rule, variant))
            elif rule.effect == "cue" and rule.loads(exercise, variant):
                softened.append(Change(exercise.id, rule, variant))
        kept.append(exercise)
        if variant is not None:
            variants[exercise.id] = variant
    return Guarded(
        pool=tuple(kept),
        variants=variants,
        shorter=frozenset(shorter),
        budgets=tuple(r for r in triggered if r.effect == "avoid" and r.allowed_seconds),
        left_out=tuple(left_out),
        softened=tuple(softened),
        triggered=tuple(triggered),
    )


__all__ = [
    "Change",
    "Guarded",
    "Precaution",
    "Precautions",
    "PrecautionsError",
    "apply_precautions",
    "default_precautions",
    "load_precautions",
]
