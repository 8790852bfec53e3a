"""The review's thresholds, the GROC's words and the PSFS ideas (thresholds.toml).

Knowledge, so it is data: a reviewer checks every threshold against the studies it
names in one file. Loading is strict (unknown fields, a source no entry defines, a GROC
scale without exactly 15 steps are errors) so a typo stops the program instead of
quietly moving the line between "no real change" and "better".
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from supple.datafile import Source, load_toml_model

THRESHOLDS_PATH = Path(__file__).with_name("thresholds.toml")
GROC_STEPS = 15  # -7 to +7

Words = Annotated[str, Field(min_length=3, max_length=120)]
SourceKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{1,40}$")]


class OutcomesDataError(ValueError):
    """thresholds.toml is invalid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PointsThreshold(_Strict):
    points: float = Field(gt=0, le=10)
    words: Words
    sources: list[SourceKey] = Field(min_length=1)

    @property
    def amount(self) -> Fraction:
        return Fraction(str(self.points))


class PainThreshold(PointsThreshold):
    """Pain's rule: ``points`` either way; ``ratio`` of the start counts as better only
    from a start of ``ratio_from``; a latest average at or below ``low_at_most`` is a
    good result; a week is compared only with ``min_ratings`` ratings or more."""

    ratio: float = Field(gt=0, lt=1)
    ratio_from: float = Field(gt=0, le=10)
    low_at_most: float = Field(ge=0, le=10)
    min_ratings: int = Field(ge=1, le=50)

    @property
    def share(self) -> Fraction:
        return Fraction(str(self.ratio))

    @property
    def share_from(self) -> Fraction:
        return Fraction(str(self.ratio_from))

    @property
    def low(self) -> Fraction:
        return Fraction(str(self.low_at_most))


class GrocScale(_Strict):
    worse_at_most: int = Field(ge=-7, le=0)
    sources: list[SourceKey] = Field(min_length=1)
    anchors: list[Words] = Field(min_length=GROC_STEPS, max_length=GROC_STEPS)

    def words(self, value: int) -> str:
        """The plain anchor for a rating from -7 to +7."""
        return self.anchors[value + 7]


class Suggestions(_Strict):
    activities: list[Words] = Field(min_length=3, max_length=10)


class OutcomesData(_Strict):
    review_every_days: int = Field(ge=7, le=91)
    psfs: PointsThreshold
    peg: PointsThreshold
    pain: PainThreshold
    groc: GrocScale
    suggestions: Suggestions
    sources: dict[SourceKey, Source]

    @model_validator(mode="after")
    def _sources_defined(self) -> OutcomesData:
        cited = {*self.psfs.sources, *self.peg.sources, *self.pain.sources, *self.groc.sources}
        missing = sorted(cited - set(self.sources))
        if missing:
            raise ValueError(f"sources not defined: {', '.join(missing)}")
        unused = sorted(set(self.sources) - cited)
        if unused:
            raise ValueError(f"sources no threshold cites: {', '.join(unused)}")
        return self

    def cited(self, keys: list[str]) -> tuple[Source, ...]:
        return tuple(self.sources[key] for key in keys)


def load_outcomes_data(path: Path = THRESHOLDS_PATH) -> OutcomesData:
    return load_toml_model(path, OutcomesData, OutcomesDataError)


@cache
def default_outcomes_data() -> OutcomesData:
    """The packaged thresholds, read and checked once per process."""
    return load_outcomes_data()
