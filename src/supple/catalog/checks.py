"""The catalog's cross-record checks, run by the loader and by ``supple catalog check``.

Each check is a rule the catalog must keep for the planner to be safe: a dose inside
what its source allows, levels that never get easier as they go up, a mat for every
floor move, a regression chain that really gets gentler and ends, a pose for every
exercise, strength sets that follow the resistance-training guidance. A problem names
the file and the field to fix.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from supple.catalog.models import LEVELS, Dose, Exercise

if TYPE_CHECKING:
    from supple.catalog.loader import Catalog

NO_MAT_POSITIONS = frozenset({"standing", "seated-chair"})
"""Positions done off the floor; every other non-warm-up move needs a mat."""


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "field": self.field, "message": self.message}


def work_seconds(dose: Dose, per_side: bool) -> float:
    """Seconds of effort a dose asks for, to compare levels."""
    if dose.work_seconds is not None:
        return dose.work_seconds
    per_set = (dose.reps or 1) * (dose.seconds_per_rep or dose.hold_seconds or 0)
    return per_set * dose.sets * (2 if per_side else 1)


def check_catalog(catalog: Catalog, pose_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    for exercise in sorted(catalog.exercises.values(), key=lambda e: e.id):
        where = f"exercises/{exercise.id}.toml"
        for field, message in _exercise_problems(catalog, exercise):
            problems.append(Problem(where, field, message))
        if not (pose_dir / f"{exercise.id}.toml").is_file():
            problems.append(
                Problem(f"poses/{exercise.id}.toml", "(file)", "every exercise needs a pose")
            )
    problems += _alias_problems(catalog)
    problems += _record_problems(catalog)
    return problems


def _exercise_problems(catalog: Catalog, ex: Exercise) -> Iterator[tuple[str, str]]:
    yield from _link_problems(catalog, ex)
    yield from _dose_problems(ex)
    yield from _level_problems(ex)
    yield from _strength_problems(catalog, ex)
    yield from _regression_problems(catalog, ex)
    on_floor = ex.kind != "warmup" and ex.position not in NO_MAT_POSITIONS
    if on_floor and "mat" not in ex.required_equipment:
        yield "required_equipment", f"a {ex.position} move is done on the floor and needs a mat"
    if not any(v.direction == "easier" for v in ex.variants):
        yield "variants", "needs at least one easier variant"
    if len(set(ex.movement_classes)) != len(ex.movement_classes):
        yield "movement_classes", "lists a class twice"


def _link_problems(catalog: Catalog, ex: Exercise) -> Iterator[tuple[str, str]]:
    for muscle in ex.targets:
        if muscle not in catalog.muscles:
            yield "targets", f"muscle '{muscle}' is not in muscles.toml"
    for field, link in (("regression", ex.regression), ("progression", ex.progression)):
        if link is not None and link not in catalog.exercises:
            yield field, f"links to unknown exercise '{link}'"
        if link == ex.id:
            yield field, "links to itself"
    for field, sources in (("sources", ex.sources), ("limits.source", [ex.limits.source])):
        for source in sources:
            if source not in catalog.articles:
                yield field, f"source '{source}' is not in articles.toml"
    if ex.limits.sets_source is not None and ex.limits.sets_source not in catalog.articles:
        yield "limits.sets_source", f"source '{ex.limits.sets_source}' is not in articles.toml"
    if ex.limits.source not in ex.sources and not ex.limits.note:
        yield "limits.note", "the limits come from another article, so the note must say why"


def _dose_problems(ex: Exercise) -> Iterator[tuple[str, str]]:
    """Every dose stays inside the range its source gives."""
    limits = ex.limits
    for level, dose in ex.dosage.levels():
        for field in ("hold_seconds", "reps", "sets", "work_seconds", "max_sets"):
            value = getattr(dose, field)
            bound = "sets" if field == "max_sets" else field
            if value is None or (bound == "sets" and value == 1 and limits.sets is None):
                continue
            allowed = getattr(limits, bound)
            if allowed is None:
                yield f"dosage.{level}.{field}", f"is used but limits.{bound} gives no range"
            elif not allowed[0] <= value <= allowed[1]:
                yield (
                    f"dosage.{level}.{field}",
                    f"{value} is outside limits.{bound} {list(allowed)}",
                )


def _level_problems(ex: Exercise) -> Iterator[tuple[str, str]]:
    levels = ex.dosage.levels()
    if ex.advanced_only and [lvl for lvl, _ in levels] != ["advanced"]:
        yield "dosage", "an advanced-only exercise has an advanced dose and no other"
    if not ex.advanced_only and len(levels) != len(LEVELS):
        yield "dosage", "needs a beginner, an intermediate and an advanced dose"
    for (low, easier), (high, harder) in itertools.pairwise(levels):
        if work_seconds(harder, ex.per_side) < work_seconds(easier, ex.per_side):
            yield f"dosage.{high}", f"asks for less work than {low}; levels never get easier"
        if harder.sets < easier.sets:
            yield f"dosage.{high}.sets", f"fewer sets than {low}"


def _strength_problems(catalog: Catalog, ex: Exercise) -> Iterator[tuple[str, str]]:
    """Strength sets grow with level, inside the resistance-training guidance."""
    if ex.kind != "strength":
        return
    rule = catalog.dosage_rules.strength_sets
    for level, dose in ex.dosage.levels():
        low, high = getattr(rule, level)
        # The most sets the planner may grow this dose to (supple.planning.filters.dosing).
        top = dose.max_sets or max(int(ex.limits.sets[1]) if ex.limits.sets else 0, dose.sets)
        if not (low <= dose.sets <= high and low <= top <= high):
            yield (
                f"dosage.{level}.sets",
                f"a strength move does {int(low)}-{int(high)} sets at {level} (dosage.toml); "
                f"this dose allows {dose.sets}-{top}",
            )
    if ex.limits.sets_source != rule.source:
        yield "limits.sets_source", f"strength sets follow '{rule.source}'; cite it here"


def _regression_problems(catalog: Catalog, ex: Exercise) -> Iterator[tuple[str, str]]:
    """The regression is really gentler, available with the same kit, and the chain ends."""
    if ex.regression_variant is not None:
        variant = ex.variant(ex.regression_variant)
        if variant is None or variant.direction != "easier":
            yield "regression_variant", f"'{ex.regression_variant}' is not an easier variant here"
        elif not set(variant.equipment) <= set(ex.required_equipment):
            extra = sorted(set(variant.equipment) - set(ex.required_equipment))
            yield "regression_variant", f"needs {', '.join(extra)}, which the exercise does not"
    target = catalog.exercises.get(ex.regression or "")
    if target is None:
        return
    if target.position == ex.position and set(target.movement_classes) == set(ex.movement_classes):
        yield (
            "regression",
            f"'{target.id}' is in the same position with the same load; regress to a variant "
            "or to a move that changes one of them",
        )
    if target.advanced_only and not ex.advanced_only:
        yield "regression", f"'{target.id}' is advanced-only, so it cannot be the gentler move"
    seen = [ex.id]
    step: Exercise | None = ex
    while step is not None and step.regression is not None:
        if step.regression in seen:
            yield "regression", "the chain loops: " + " -> ".join([*seen, step.regression])
            return
        seen.append(step.regression)
        step = catalog.exercises.get(step.regression)


def _alias_problems(catalog: Catalog) -> Iterator[Problem]:
    from supple.catalog.loader import normalise

    seen: dict[str, str] = {}
    for ex in sorted(catalog.exercises.values(), key=lambda e: e.id):
        for alias in [ex.name, *ex.aliases]:
            owner = seen.setdefault(normalise(alias), ex.id)
            if owner != ex.id:
                yield Problem(
                    f"exercises/{ex.id}.toml", "aliases", f"'{alias}' is also used by '{owner}'"
                )


def _record_problems(catalog: Catalog) -> Iterator[Problem]:
    cited = [
        *(("muscles.toml", m.id, m.sources) for m in catalog.muscles.values()),
        *(("conditions.toml", c.id, c.sources) for c in catalog.conditions.values()),
        *(("principles.toml", p.id, p.sources) for p in catalog.principles.values()),
    ]
    for file, record_id, sources in cited:
        for source in sources:
            if source not in catalog.articles:
                yield Problem(file, f"{record_id}.sources", f"'{source}' is not in articles.toml")
    for condition in catalog.conditions.values():
        for muscle in condition.muscles:
            if muscle not in catalog.muscles:
                yield Problem(
                    "conditions.toml",
                    f"{condition.id}.muscles",
                    f"'{muscle}' is not in muscles.toml",
                )
    rule_source = catalog.dosage_rules.strength_sets.source
    if rule_source not in catalog.articles:
        yield Problem(
            "dosage.toml", "strength_sets.source", f"'{rule_source}' is not in articles.toml"
        )
