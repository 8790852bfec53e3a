"""The contributor data (``contributors.toml``), validated strictly at load.

Features are written in the screen's condition language, so the assessment reads the
answers exactly the way the screen and the precautions do, and a feature never counts
on an unanswered question. Unknown fields, unknown answer paths, unknown sources and
weights that do not add up to one are load errors naming the file and the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from supple.answers import FIELD_TYPES
from supple.datafile import Source, load_toml_model
from supple.screening.conditions import Condition, Facts, parse_condition

CONTRIBUTORS_PATH = Path(__file__).with_name("contributors.toml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Scale(_Strict):
    """A graded answer: 0 at ``from`` or below, rising evenly to 1 at ``to`` or above."""

    field: str
    low: float = Field(alias="from")
    high: float = Field(alias="to")

    @model_validator(mode="after")
    def _numeric_and_rising(self) -> Scale:
        if FIELD_TYPES.get(self.field) not in (int, float):
            raise ValueError(f"scale field '{self.field}' must be a number answer")
        if self.high <= self.low:
            raise ValueError("scale 'to' must be above 'from'")
        return self

    def amount(self, facts: Facts) -> tuple[float, Any]:
        value = facts.get(self.field)
        if value is None:
            return 0.0, None
        return min(max((value - self.low) / (self.high - self.low), 0.0), 1.0), value


class Feature(_Strict):
    """One answer pattern that supports its contributor.

    ``evidence`` is what the person said, in plain words; it may hold ``{value}`` (the
    answer, for a scale) and nothing else, so it can only repeat a given answer.
    ``why`` is the reasoning, for readers of the data and the docs.
    """

    when: Condition | None = None
    scale: Scale | None = None
    weight: float = Field(gt=0, le=1)
    evidence: str = Field(min_length=5)
    why: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)

    @field_validator("when", mode="before")
    @classmethod
    def _condition(cls, raw: Any) -> Condition | None:
        return None if raw is None else parse_condition(raw)

    @model_validator(mode="after")
    def _one_test(self) -> Feature:
        if (self.when is None) == (self.scale is None):
            raise ValueError("give exactly one of when or scale")
        if "{value}" in self.evidence and self.scale is None:
            raise ValueError("only a scale's evidence may hold {value}")
        if self.evidence.replace("{value}", "").count("{"):
            raise ValueError("evidence may hold no placeholder but {value}")
        return self

    def amount(self, facts: Facts) -> tuple[float, str]:
        """How strongly the pattern is present (0 to 1), and its evidence words."""
        if self.scale is not None:
            amount, value = self.scale.amount(facts)
            return amount, self.evidence.replace("{value}", f"{value:g}" if amount else "")
        return (1.0 if self.when is not None and self.when.holds(facts) is True else 0.0), (
            self.evidence
        )


class ContributorInfo(_Strict):
    """A possible contributor: who it is, what it is served by, and what supports it.

    ``requires`` gates the whole contributor: without it proven, the score is 0 whatever
    the features say (muscle strain only when the pain began with effort).
    ``muscles`` and ``exercises`` say which exercises are aimed at it: one targeting a
    listed muscle, or one named outright (for patterns served by a kind of movement
    rather than a muscle, such as bending forward for the stenosis pattern).
    """

    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    name: str = Field(min_length=3)
    note: str = Field(min_length=10)
    aimed_at: str = Field(min_length=5)
    muscles: list[str] = Field(default_factory=list)
    exercises: list[str] = Field(default_factory=list)
    requires: Condition | None = None
    first_when_likely: bool = False
    unasked: str | None = Field(default=None, min_length=10)
    feature: list[Feature] = Field(min_length=1)

    @field_validator("requires", mode="before")
    @classmethod
    def _gate(cls, raw: Any) -> Condition | None:
        return None if raw is None else parse_condition(raw)

    @model_validator(mode="after")
    def _served_and_whole(self) -> ContributorInfo:
        if not self.muscles and not self.exercises:
            raise ValueError(f"'{self.id}': name the muscles or exercises aimed at it")
        total = sum(f.weight for f in self.feature)
        if self.unasked is not None:
            if total >= 1.0 - 1e-9:
                raise ValueError(f"'{self.id}': with a feature unasked, weights stay below 1")
        elif abs(total - 1.0) > 1e-9:
            raise ValueError(f"'{self.id}': feature weights add up to {total:g}, not 1")
        return self

    def allowed(self, facts: Facts) -> bool:
        return self.requires is None or self.requires.holds(facts) is True


class ContributorData(_Strict):
    """All contributors, listed in the order that breaks ties between equal scores."""

    sources: dict[str, Source]
    contributor: list[ContributorInfo] = Field(min_length=1)

    @model_validator(mode="after")
    def _linked(self) -> ContributorData:
        ids = [c.id for c in self.contributor]
        if len(ids) != len(set(ids)):
            raise ValueError("contributor ids must be unique")
        for info in self.contributor:
            for feature in info.feature:
                unknown = set(feature.sources) - set(self.sources)
                if unknown:
                    raise ValueError(f"'{info.id}': unknown sources {sorted(unknown)}")
        return self

    def by_id(self, contributor_id: str) -> ContributorInfo:
        return next(c for c in self.contributor if c.id == contributor_id)


class ContributorDataError(ValueError):
    """The contributor file is invalid; the message names the file and the field."""


def load_contributors(path: Path = CONTRIBUTORS_PATH) -> ContributorData:
    return load_toml_model(path, ContributorData, ContributorDataError)


@cache
def default_contributors() -> ContributorData:
    return load_contributors()
