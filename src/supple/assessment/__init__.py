"""Which patterns are likely contributing to the pain, and which answers point to each.

This is not a diagnosis and never says so: it weighs the pain pattern the person
describes against the patterns the sources associate with each contributor, so the
planner can choose exercises aimed at the likely ones and the person can see why. The
contributors, their features and weights live in ``contributors.toml`` beside this
module (see ``supple.assessment.model``). Each score is the sum of the weights of the
features present (0 to 1); every feature that counts is listed as evidence in the words
of the answer it rests on, so the plan never cites an answer that was not given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from supple.answers import Answers
from supple.assessment.model import (
    ContributorData,
    ContributorDataError,
    ContributorInfo,
    Feature,
    default_contributors,
    load_contributors,
)
from supple.catalog.models import Exercise

_DATA = default_contributors()

CONTRIBUTORS: tuple[str, ...] = tuple(c.id for c in _DATA.contributor)
"""Contributor ids in the explicit order that breaks ties between equal scores."""

CONTRIBUTOR_MUSCLES: Mapping[str, tuple[str, ...]] = {
    c.id: tuple(c.muscles) for c in _DATA.contributor
}
CONTRIBUTOR_EXERCISES: Mapping[str, tuple[str, ...]] = {
    c.id: tuple(c.exercises) for c in _DATA.contributor
}
CONTRIBUTOR_NAMES: Mapping[str, str] = {c.id: c.name for c in _DATA.contributor}
CONTRIBUTOR_NOTES: Mapping[str, str] = {c.id: c.note for c in _DATA.contributor}
CONTRIBUTOR_PHRASES: Mapping[str, str] = {c.id: c.aimed_at for c in _DATA.contributor}
"""How each contributor reads inside a sentence ("an exercise aimed at ...")."""


_SERVED_BY: Mapping[str, tuple[frozenset[str], frozenset[str]]] = {
    c.id: (frozenset(c.exercises), frozenset(c.muscles)) for c in _DATA.contributor
}
_NOTHING: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def aimed_at(contributor_id: str, exercise: Exercise) -> bool:
    """Whether the exercise serves the contributor: it targets one of its muscles, or
    the contributor names it outright. (The planner asks this often: sets are built once.)"""
    exercises, muscles = _SERVED_BY.get(contributor_id, _NOTHING)
    return exercise.id in exercises or not muscles.isdisjoint(exercise.targets)


@dataclass(frozen=True)
class Contributor:
    id: str
    score: float
    evidence: list[str]

    @property
    def name(self) -> str:
        return CONTRIBUTOR_NAMES[self.id]

    @property
    def note(self) -> str:
        return CONTRIBUTOR_NOTES[self.id]

    @property
    def muscles(self) -> tuple[str, ...]:
        return CONTRIBUTOR_MUSCLES[self.id]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class Assessment:
    contributors: list[Contributor]

    def score(self, contributor_id: str) -> float:
        return next(c.score for c in self.contributors if c.id == contributor_id)

    def likely(self, threshold: float = 0.5) -> list[Contributor]:
        """Contributors at or above the threshold (the planner covers those at 0.5)."""
        return [c for c in self.contributors if c.score >= threshold]

    def to_dict(self) -> dict[str, Any]:
        return {"contributors": [c.to_dict() for c in self.contributors]}


def score_contributor(info: ContributorInfo, facts: dict[str, Any]) -> Contributor:
    """One contributor's score and evidence; 0 and none when its gate is not proven."""
    if not info.allowed(facts):
        return Contributor(info.id, 0.0, [])
    total = 0.0
    evidence: list[str] = []
    for feature in info.feature:
        amount, words = feature.amount(facts)
        if amount > 0:
            total += feature.weight * amount
            evidence.append(words)
    return Contributor(info.id, round(min(max(total, 0.0), 1.0), 2), evidence)


def assess(
    answers: Answers, data: ContributorData | None = None, *, facts: dict[str, Any] | None = None
) -> Assessment:
    """Score every contributor; highest score first, ties in the data's explicit order.

    A likely contributor marked ``first_when_likely`` (the nerve root) goes before all:
    the planner covers contributors in this order, and its safe exercise matters most.
    ``facts`` are ``answers.facts()`` when the caller has them already.
    """
    data = data or _DATA
    facts = answers.facts() if facts is None else facts
    order = {info.id: index for index, info in enumerate(data.contributor)}
    found = [score_contributor(info, facts) for info in data.contributor]
    first = {info.id for info in data.contributor if info.first_when_likely}
    found.sort(key=lambda c: (not (c.id in first and c.score >= 0.5), -c.score, order[c.id]))
    return Assessment(found)


__all__ = [
    "CONTRIBUTORS",
    "CONTRIBUTOR_EXERCISES",
    "CONTRIBUTOR_MUSCLES",
    "CONTRIBUTOR_NAMES",
    "CONTRIBUTOR_NOTES",
    "CONTRIBUTOR_PHRASES",
    "Assessment",
    "Contributor",
    "ContributorData",
    "ContributorDataError",
    "ContributorInfo",
    "Feature",
    "aimed_at",
    "assess",
    "default_contributors",
    "load_contributors",
]
